//! `kizuna report`: a progress report from the store, as of a day or a meeting, written as HTML,
//! Markdown or DOCX. The record is read with restricted records left out; the report is laid out
//! by `kizuna-report`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_report::Report;
use kizuna_report::report::Basis;
use kizuna_store::Store;

use super::ingest::open_store;
use crate::cli::{Lang, ReportFormat};

pub struct Options {
    pub basis: Basis,
    pub format: ReportFormat,
    pub lang: Lang,
    pub output: Option<PathBuf>,
    pub partnership: Option<String>,
    pub site_url: String,
    pub author: String,
}

pub async fn run(database_url: &str, o: Options) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let record = super::export::read_record(&store, o.partnership.as_deref(), false).await?;
    store.close().await;
    let report = Report::build(&record, &o.basis, o.site_url.trim_end_matches('/'))
        .with_context(|| format!("reporting on {}", record.partnership.id))?;
    let words = kizuna_web::words(o.lang.code());
    let bytes = match o.format {
        ReportFormat::Html => kizuna_report::html::document(&report, &words).into_bytes(),
        ReportFormat::Md => kizuna_report::markdown::document(&report, &words).into_bytes(),
        ReportFormat::Docx => {
            let fonts = chart_fonts();
            if fonts.is_empty() {
                eprintln!("kizuna: no fonts found under /usr/share/fonts: the chart's words are left out");
            }
            kizuna_report::docx::document(&report, &words, &fonts, &o.author)?
        }
    };
    match &o.output {
        Some(path) => std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?,
        None if o.format == ReportFormat::Docx => bail!("a DOCX report needs --output FILE"),
        None => std::io::stdout().write_all(&bytes).context("writing the report")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The partnership to read: the one named, else the only one in the store.
pub async fn partnership_id(store: &Store, named: Option<&str>) -> Result<String> {
    let all = store.partnerships().await.context("reading the store")?;
    match named {
        Some(id) if all.iter().any(|p| p.id == id) => Ok(id.to_owned()),
        Some(id) => bail!(
            "there is no partnership `{id}` in the store (it holds: {})",
            all.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
        ),
        None => match all.as_slice() {
            [only] => Ok(only.id.clone()),
            [] => bail!("the store is empty: run `kizuna init` or `kizuna import` first"),
            _ => bail!("the store holds several partnerships: name one with --partnership"),
        },
    }
}

/// Fonts for the chart picture, in order of preference: a Latin sans-serif and a Japanese one
/// from the system's fonts (Debian's paths). The same machine gives the same picture.
pub(crate) fn chart_fonts() -> Vec<Vec<u8>> {
    const WANTED: [&str; 6] = [
        "DejaVuSans.ttf",
        "LiberationSans-Regular.ttf",
        "ipag.ttf",
        "ipaexg.ttf",
        "NotoSansCJK-Regular.ttc",
        "ipam.ttf",
    ];
    let mut found = Vec::new();
    let mut stack = vec![Path::new("/usr/share/fonts").to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if let Some(rank) =
                path.file_name().and_then(|n| n.to_str()).and_then(|n| WANTED.iter().position(|w| *w == n))
            {
                found.push((rank, path));
            }
        }
    }
    found.sort();
    found.dedup_by_key(|(rank, _)| *rank);
    found.into_iter().filter_map(|(_, path)| std::fs::read(path).ok()).collect()
}
