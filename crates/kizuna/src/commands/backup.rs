//! `kizuna backup` and `kizuna restore`: a SQLite store copied while it serves, and a store
//! made again from such a copy once its audit chain checks out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_core::ChainBreak;
use kizuna_store::Store;

use super::ingest::open_store;

pub async fn backup(database_url: &str, output: &Path) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    store.backup_to(output).await.with_context(|| format!("backing up to {}", output.display()))?;
    let (seq, hash) = store.audit_head().await?;
    store.close().await;
    println!("backed up to {} (audit head {seq}:{hash})", output.display());
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(database_url: &str, input: &Path) -> Result<ExitCode> {
    let Some(target) = database_url.strip_prefix("sqlite://").map(|p| p.split('?').next().unwrap_or(p))
    else {
        bail!(
            "restore makes a SQLite store; a PostgreSQL store is restored with pg_restore (see the README)"
        );
    };
    let target = Path::new(target);
    if target.exists() {
        bail!("{} exists already: restore never overwrites a store", target.display());
    }
    if !input.is_file() {
        bail!("{}: no such backup file", input.display());
    }
    // The copy is checked under a name of its own beside the store, and takes the store's name
    // only once its chain verifies: a bad backup never becomes a store.
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let checking = target.with_extension("restoring");
    std::fs::copy(input, &checking).with_context(|| format!("copying {}", input.display()))?;
    let chain = check(&checking).await;
    let events = match chain {
        Ok(Ok(n)) => n,
        Ok(Err(broken)) => {
            let _ = std::fs::remove_file(&checking);
            bail!("{}: its audit chain is broken ({broken}); not restored", input.display());
        }
        Err(e) => {
            let _ = std::fs::remove_file(&checking);
            return Err(e.context(format!("{} is not a Kizuna store", input.display())));
        }
    };
    std::fs::rename(&checking, target)
        .with_context(|| format!("moving the restored store to {}", target.display()))?;
    println!("restored {} to {} ({events} audit events, chain intact)", input.display(), target.display());
    Ok(ExitCode::SUCCESS)
}

/// Opens a copied store and checks its audit chain.
async fn check(path: &Path) -> Result<Result<i64, ChainBreak>> {
    let store = Store::open(&format!("sqlite://{}", path.display())).await?;
    let chain = store.verify_audit().await?;
    store.close().await;
    Ok(chain)
}
