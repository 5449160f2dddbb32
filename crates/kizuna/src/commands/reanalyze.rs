//! `kizuna reanalyze` and `kizuna review orphans`: read a partnership's stored documents again
//! with this engine, carrying people's decisions to the passages their words went to, and list
//! what could not be carried.

use std::process::ExitCode;

use anyhow::{Context, Result};
use kizuna_core::{Clock, SystemClock};

use super::ingest::open_store;
use super::{intake, report};
use crate::{dataset, record};

pub async fn run(database_url: &str, partnership: Option<&str>, max_bytes: u64) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let id = report::partnership_id(&store, partnership).await?;
    let (manifest, files) = intake::stored_files(&store, &id).await?;
    let record = tokio::task::spawn_blocking(move || -> Result<_> {
        let inputs: Vec<_> = files.iter().map(dataset::LoadedFile::input).collect();
        let analysis = kizuna_text::analyze(&inputs, &dataset::options(Some(&manifest), max_bytes))?;
        Ok(record::partnership_record(&manifest, &files, &analysis))
    })
    .await
    .context("the analysis stopped")??;
    let done = store
        .reanalyse(&record, SystemClock.now(), "cli")
        .await
        .with_context(|| format!("storing the new reading of {id}"))?;
    if done.documents_changed.is_empty() {
        println!(
            "{id}: {} documents read again; this engine reads them as stored — nothing changed",
            done.documents_read
        );
    } else {
        println!(
            "{id}: {} of {} documents read differently ({}): commitments {} → {}, evidence {} → {}; \
             {} decisions carried, {} kept for review (`kizuna review orphans`)",
            done.documents_changed.len(),
            done.documents_read,
            done.documents_changed.join("; "),
            done.commitments_before,
            done.commitments_after,
            done.evidence_before,
            done.evidence_after,
            done.decisions_carried,
            done.decisions_orphaned,
        );
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Lists the decisions a re-reading could not carry, one block each; exits 1 when there are any
/// unresolved, so that a script can stop on them.
pub async fn orphans(database_url: &str, partnership: Option<&str>, all: bool) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let id = report::partnership_id(&store, partnership).await?;
    let rows = store.orphaned_decisions(&id, all).await.context("reading the orphaned decisions")?;
    let open = rows.iter().filter(|o| o.resolved_at.is_none()).count();
    for o in &rows {
        println!("{}  {} by {} ({})", o.id, o.kind, o.decided_by, o.decided_at);
        if let Some(text) = &o.commitment_text {
            println!("  commitment: {text}");
        }
        if let Some(text) = &o.evidence_text {
            println!("  evidence:   {text}");
        }
        println!("  decision:   {}", o.gist());
        match (&o.resolved_at, &o.resolution) {
            (Some(at), Some(how)) => println!("  resolved {at}: {how}"),
            _ => println!("  kept since {}; resolve it on the review page", o.orphaned_at),
        }
    }
    println!("{id}: {open} orphaned decisions to resolve");
    store.close().await;
    Ok(if open == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
