//! Date and period parsing on arbitrary text: never panics; every mention's span is in the text
//! and its period is well formed.
#![no_main]

// Each target uses one of the checks the module holds.
#[allow(dead_code)]
#[path = "../checks/text.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::dates(data));
