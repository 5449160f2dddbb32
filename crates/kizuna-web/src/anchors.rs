//! URL fragments for anchors: `24 / Telecoms Diversification / b.vi` → `24-telecoms-diversification-b-vi`.
//! The rule lives in `kizuna_core::citation`, shared with reports and feeds.

pub use kizuna_core::citation::{block_of, slug};
