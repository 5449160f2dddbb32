//! Replaying a target's inputs through its checks, for the `fuzz_corpus` tests of kizuna-text
//! and kizuna-web (included there by path; not part of the fuzz build).

use std::path::{Path, PathBuf};

/// The files of a folder, read; none when the folder does not exist.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut inputs: Vec<_> = entries
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, bytes)
        })
        .collect();
    inputs.sort();
    inputs
}

/// Every input kept for `target` (`fuzz/kept/<target>`: committed seeds and minimised finds)
/// and any a local `scripts/fuzz` run left in `fuzz/corpus/<target>`, through `check`.
pub fn replay(target: &str, check: fn(&[u8])) {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let kept = files(&fuzz.join("kept").join(target));
    assert!(!kept.is_empty(), "no inputs kept for `{target}` in fuzz/kept/");
    for (path, bytes) in kept.into_iter().chain(files(&fuzz.join("corpus").join(target))) {
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "fuzz input {} fails the `{target}` check", path.display());
    }
}
