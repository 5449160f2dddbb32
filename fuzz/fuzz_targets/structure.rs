//! The normaliser and structure parser on arbitrary text: never panics, and every anchor and
//! span it returns points into the normalised text.
#![no_main]

// Each target uses one of the checks the module holds.
#[allow(dead_code)]
#[path = "../checks/text.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::structure(data));
