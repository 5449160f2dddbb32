//! Writes large dataset folders (documents + partnership.toml) made from the benchmark corpus,
//! for load tests of the store and the server:
//! `cargo run --release -p kizuna-text --example generate_dataset -- MB DIR [PARTNERSHIPS]`.
//! With one partnership (the default) DIR is the dataset; with more, the documents are dealt
//! out in turn to DIR/p01, DIR/p02, … each a dataset of its own (`scripts/load` ingests them).

#[path = "../benches/corpus.rs"]
mod corpus;

use std::fmt::Write as _;
use std::path::PathBuf;

fn manifest(id: &str, name: &str) -> String {
    format!("[partnership]\nid = \"{id}\"\nname = \"{name}\"\n\n[[side]]\nid = \"a\"\nname = \"A\"\n")
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/kizuna-large".into()));
    let partnerships: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let folder = |p: usize| -> PathBuf {
        if partnerships == 1 { dir.clone() } else { dir.join(format!("p{:02}", p + 1)) }
    };
    let mut manifests: Vec<String> = (0..partnerships)
        .map(|p| {
            if partnerships == 1 {
                manifest("large", "Large generated partnership")
            } else {
                manifest(&format!("p{:02}", p + 1), &format!("Generated partnership {}", p + 1))
            }
        })
        .collect();
    for p in 0..partnerships {
        std::fs::create_dir_all(folder(p).join("documents"))?;
    }
    for (i, file) in corpus::corpus(mb * 1024 * 1024).iter().enumerate() {
        let p = i % partnerships;
        std::fs::write(folder(p).join("documents").join(&file.name), &file.bytes)?;
        // Dates run forward within each partnership, as its documents were published.
        let n = i / partnerships;
        let (year, month, day) = (2000 + n / 120, 1 + (n / 10) % 12, 1 + n % 10 * 2);
        let _ = write!(
            manifests[p],
            "\n[[document]]\nfile = \"documents/{}\"\ndate = \"{year:04}-{month:02}-{day:02}\"\n",
            file.name
        );
    }
    for (p, text) in manifests.iter().enumerate() {
        std::fs::write(folder(p).join("partnership.toml"), text)?;
    }
    println!(
        "wrote {} ({partnerships} partnership{})",
        dir.display(),
        if partnerships == 1 { "" } else { "s" }
    );
    Ok(())
}
