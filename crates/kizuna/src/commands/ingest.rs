//! `kizuna ingest` and `kizuna init`: analyse a dataset and store it.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kizuna_core::{Clock, SystemClock};
use kizuna_store::Store;

use crate::{dataset, record};

/// Opens the store at `url`, creating the folder of a SQLite file when needed.
pub async fn open_store(url: &str) -> Result<Store> {
    if let Some(path) = url.strip_prefix("sqlite://").map(|p| p.split('?').next().unwrap_or(p))
        && let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    Store::open(url).await.with_context(|| format!("opening the store at {}", redact(url)))
}

/// A database URL fit for messages: any password replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

pub async fn run(database_url: &str, dir: &Path, max_bytes: u64) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    load(&store, dir, max_bytes).await?;
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Analyses the dataset in `dir` and stores it; prints what was added.
pub async fn load(store: &Store, dir: &Path, max_bytes: u64) -> Result<()> {
    let data = dataset::analyse_dataset(dir, max_bytes)?;
    let record = record::partnership_record(&data.manifest, &data.files, &data.analysis);
    let report = store
        .ingest(&record, SystemClock.now())
        .await
        .with_context(|| format!("storing {}", dir.display()))?;
    println!(
        "{}: {} documents added ({} commitments, {} evidence items), {} already stored — {} store",
        data.manifest.partnership.name,
        report.documents_added,
        report.commitments_added,
        report.evidence_added,
        report.documents_unchanged,
        store.backend()
    );
    let reread = &report.reread;
    if !reread.documents_changed.is_empty() {
        println!(
            "  {} stored documents read differently by this engine: {} decisions carried, {} kept for review \
             (`kizuna review orphans`)",
            reread.documents_changed.len(),
            reread.decisions_carried,
            reread.decisions_orphaned
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://kizuna:s3cret@db:5432/k"), "postgres://kizuna:***@db:5432/k");
        assert_eq!(redact("postgres://kizuna@db/k"), "postgres://kizuna@db/k");
        assert_eq!(redact("sqlite://kizuna-data/kizuna.db"), "sqlite://kizuna-data/kizuna.db");
    }
}
