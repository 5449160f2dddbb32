//! `kizuna analyze`: documents in, commitments/evidence/links out, no database.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kizuna_text::Analysis;

use crate::cli::OutputFormat;
use crate::dataset;

pub fn run(
    format: OutputFormat,
    manifest: Option<PathBuf>,
    files: &[PathBuf],
    max_bytes: u64,
) -> Result<ExitCode> {
    let manifest_path = manifest.or_else(|| dataset::find_manifest(files));
    let manifest = manifest_path.as_deref().map(dataset::read_manifest).transpose()?;
    let pair = manifest.as_ref().zip(manifest_path.as_deref());
    let loaded = dataset::load(files, pair, max_bytes)?;
    let inputs: Vec<_> = loaded.iter().map(|f| f.input()).collect();
    let analysis = kizuna_text::analyze(&inputs, &dataset::options(manifest.as_ref(), max_bytes))?;
    let out = match format {
        OutputFormat::Json => serde_json::to_string_pretty(&analysis).context("serialising the analysis")?,
        OutputFormat::Text => render_text(&analysis),
    };
    println!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// A readable view: each document, its commitments, then its evidence with links.
fn render_text(a: &Analysis) -> String {
    let mut s = String::new();
    for d in &a.documents {
        let date = d.date.map(|p| p.to_string()).unwrap_or_else(|| "undated".into());
        let _ = writeln!(s, "== {} — {} ({date}, {})", d.id, d.title, d.language.code());
        let _ = writeln!(s, "   {}", d.path);
        for c in a.commitments.iter().filter(|c| c.document == d.id) {
            let due = c.due.map(|p| format!(", due {p}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "\n  [{}] {} · {} · {} · {}{due}",
                c.anchor,
                c.area,
                c.kind.as_str(),
                c.strength.as_str(),
                c.id
            );
            let _ = writeln!(s, "    {}", c.text);
        }
        for e in a.evidence.iter().filter(|e| e.document == d.id) {
            let date = e.date.map(|p| format!(" ({p})")).unwrap_or_default();
            let what = if e.concrete { "event" } else { "statement" };
            let _ = writeln!(s, "\n  evidence [{}] {what}{date}: {}", e.anchor, e.text);
            for l in &e.links {
                let target = a.commitments.iter().find(|c| c.id == l.commitment);
                let label = target.map(|c| format!("{} [{}]", c.document, c.anchor)).unwrap_or_default();
                let _ = writeln!(s, "    → {} {:.2} {}", l.relation.as_str(), l.score, label);
            }
        }
        s.push('\n');
    }
    let _ = write!(
        s,
        "{} documents, {} commitments, {} evidence items",
        a.documents.len(),
        a.commitments.len(),
        a.evidence.len()
    );
    s
}
