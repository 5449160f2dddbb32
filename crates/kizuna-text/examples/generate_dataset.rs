//! Writes a large dataset folder (documents + partnership.toml) made from the benchmark corpus,
//! for load tests of the store and the server:
//! `cargo run --release -p kizuna-text --example generate_dataset -- 20 /tmp/kizuna-large`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::fmt::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "/tmp/kizuna-large".into()));
    std::fs::create_dir_all(dir.join("documents"))?;
    let mut manifest = String::from(
        "[partnership]\nid = \"large\"\nname = \"Large generated partnership\"\n\n[[side]]\nid = \"a\"\nname = \"A\"\n",
    );
    for (i, file) in corpus::corpus(mb * 1024 * 1024).iter().enumerate() {
        std::fs::write(dir.join("documents").join(&file.name), &file.bytes)?;
        let year = 2000 + i / 120;
        let month = 1 + (i / 10) % 12;
        let day = 1 + i % 10 * 2;
        let _ = write!(
            manifest,
            "\n[[document]]\nfile = \"documents/{}\"\ndate = \"{year:04}-{month:02}-{day:02}\"\n",
            file.name
        );
    }
    std::fs::write(dir.join("partnership.toml"), manifest)?;
    println!("wrote {}", dir.display());
    Ok(())
}
