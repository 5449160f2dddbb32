//! Reading partnership documents and analysing them: decode, normalise, recover structure,
//! extract commitments and evidence, and link evidence to the commitments it reports on.
//!
//! Everything here is pure and deterministic: bytes in, values out, no files, network, clock
//! or database. The same input gives the same output and the same ids, so the engine can be
//! fuzzed and benchmarked alone and its results diffed between runs.

pub mod align;
pub mod analysis;
pub mod classify;
pub mod dates;
pub mod decode;
pub mod eval;
mod eval_status;
pub mod extract;
mod html_flat;
mod inline_lists;
pub mod lexicon;
pub mod lines;
pub mod link;
pub mod markup;
mod restated;
pub mod sentences;
pub mod structure;
mod tables;
pub mod tokens;

pub use analysis::{Analysis, AnalyzeError, Input, Options, analyze};
