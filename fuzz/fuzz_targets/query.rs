//! The web's query-string parsers (the filters of commitment lists and of search) on arbitrary
//! query strings, decoded as the `Pairs` extractor decodes them. Never panics; what is refused
//! is a 400 naming one of the query's parameters; what is accepted stays in bounds, reads back
//! the same from its canonical query string, and shows every parameter given a value there
//! (none is ignored); an unknown parameter added to it is refused by name.
#![no_main]

// Each target uses one of the checks the module holds.
#[allow(dead_code)]
#[path = "../checks/query.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::query(data));
