//! The whole pipeline on arbitrary bytes in every format: a clear error or a result, never a
//! panic; links only point back in time.
#![no_main]

use kizuna_text::{Input, Options, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let half = data.len() / 2;
    for name in ["a.md", "a.html", "a.txt", "a.pdf"] {
        let inputs = [
            Input { name: name.into(), bytes: &data[..half], title: None, date: None, language: None },
            Input { name: name.into(), bytes: &data[half..], title: None, date: None, language: None },
        ];
        if let Ok(a) = analyze(&inputs, &Options::default()) {
            for e in &a.evidence {
                assert!(e.links.len() <= 3);
                for l in &e.links {
                    let target =
                        a.commitments.iter().find(|c| c.id == l.commitment).expect("link target exists");
                    assert!(target.document <= e.document);
                }
            }
        }
    }
});
