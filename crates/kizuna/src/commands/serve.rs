//! `kizuna serve`: the website and API. With no configuration it creates the SQLite store,
//! loads the shipped dataset when the store is empty, and serves on 127.0.0.1:8080.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use kizuna_core::SystemClock;
use kizuna_web::{AppState, WebConfig};

use super::ingest;

pub async fn run(
    database_url: &str,
    listen: SocketAddr,
    max_bytes: u64,
    config: WebConfig,
) -> Result<ExitCode> {
    let store = ingest::open_store(database_url).await?;
    if store.partnerships().await.context("reading the store")?.is_empty() {
        tracing::info!(dataset = super::SHIPPED, "the store is empty: loading the shipped dataset");
        let shipped = crate::shipped::ShippedDataset::write()?;
        ingest::load(&store, shipped.path(), max_bytes).await?;
    }
    // The head in the log, where it outlives the store: `kizuna audit verify --head` checks it.
    let (seq, hash) = store.audit_head().await.context("reading the audit head")?;
    tracing::info!(head = %format!("{seq}:{hash}"), "audit head");
    tracing::info!(%listen, backend = store.backend(), "serving Kizuna on http://{listen}/");
    let search = kizuna_web::LiveIndex::build(&store).await.context("building the search index")?;
    tracing::info!(entries = search.current().len(), "search index built");
    let state = AppState::new(store, Arc::new(SystemClock), search)
        .with_config(config)
        .with_intake(Arc::new(super::intake::Intake { max_bytes }));
    kizuna_web::serve(state, listen).await.with_context(|| format!("serving on {listen}"))?;
    Ok(ExitCode::SUCCESS)
}
