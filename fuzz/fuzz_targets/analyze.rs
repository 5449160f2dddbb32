//! The whole pipeline on arbitrary bytes in every format: a clear error or a result, never a
//! panic; links only point back in time.
#![no_main]

// Each target uses one of the checks the module holds.
#[allow(dead_code)]
#[path = "../checks/text.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pipeline(data));
