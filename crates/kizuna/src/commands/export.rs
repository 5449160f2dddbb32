//! `kizuna export`: the public record as open data in an empty folder (CSV, JSON or XLSX with a
//! Frictionless `datapackage.json`). Restricted records are left out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_core::{Clock, SystemClock};
use kizuna_report::Record;
use kizuna_report::export::{Format, export};
use kizuna_store::Store;
use time::Date;

use super::ingest::open_store;
use super::report::partnership_id;
use crate::cli::ExportFormat;

pub async fn run(
    database_url: &str,
    format: ExportFormat,
    dir: &Path,
    partnership: Option<String>,
    as_of: Option<Date>,
) -> Result<ExitCode> {
    // Refused before anything is read, so a mistaken folder costs nothing.
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("{}: cannot be read", dir.display()))?;
        if entries.next().is_some() {
            bail!("{}: the folder is not empty; export into a new or empty folder", dir.display());
        }
    }
    let store = open_store(database_url).await?;
    let record = read_record(&store, partnership.as_deref(), true).await?;
    store.close().await;
    let format = match format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Xlsx => Format::Xlsx,
    };
    // Like every headline figure, as of the record's current date unless a day is given.
    let today = SystemClock.today();
    let as_of = as_of.unwrap_or_else(|| record.headline_day(today));
    let files = export(&record, as_of, format)?;
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&target, bytes).with_context(|| format!("writing {}", target.display()))?;
    }
    println!(
        "{}: {} commitments, {} evidence items, {} links exported to {} ({} files)",
        record.partnership.name,
        record.commitments.len(),
        record.evidence.len(),
        record.links.len(),
        dir.display(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The public record of the named partnership (or the store's only one).
pub async fn read_record(store: &Store, named: Option<&str>, with_texts: bool) -> Result<Record> {
    let id = partnership_id(store, named).await?;
    kizuna_web::load_record(store, &id, with_texts)
        .await
        .with_context(|| format!("reading partnership {id}"))?
        .with_context(|| format!("partnership {id} disappeared while it was read"))
}
