//! Uploaded documents, analysed for the web (`kizuna_web::DocumentIntake`): the partnership's
//! stored documents (restricted ones too: their commitments may be what the new one reports
//! on) are analysed again in their order with the upload last. Analysis is deterministic, so
//! the stored documents come out as stored, unless a newer engine reads them differently: the
//! store then replaces its reading of them and carries people's decisions over.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use kizuna_core::Language;
use kizuna_core::manifest::DocumentEntry;
use kizuna_store::{PartnershipRecord, Store};
use kizuna_web::{DocumentIntake, Upload};
use tokio::sync::Semaphore;

use crate::dataset::{self, LoadedFile};
use crate::record;

pub struct Intake {
    /// The analysis' own limit on a document's size.
    pub max_bytes: u64,
}

impl DocumentIntake for Intake {
    fn analyse<'a>(
        &'a self,
        store: &'a Store,
        upload: &'a Upload,
    ) -> Pin<Box<dyn Future<Output = Result<PartnershipRecord, String>> + Send + 'a>> {
        Box::pin(async move { self.record_with(store, upload).await.map_err(|e| format!("{e:#}")) })
    }
}

fn entry(file: &str, title: &str, date: Option<kizuna_core::Period>, language: Language) -> DocumentEntry {
    DocumentEntry {
        file: file.to_owned(),
        title: Some(title.to_owned()),
        date,
        kind: None,
        language: Some(language.code().to_owned()),
        publisher: None,
        url: None,
        meeting: None,
        translation_of: None,
        licence: None,
        note: None,
    }
}

/// The manifest of partnership `id` as the store knows it, and its stored documents (restricted
/// ones too), oldest first, as files for the engine.
pub async fn stored_files(store: &Store, id: &str) -> Result<(kizuna_core::Manifest, Vec<LoadedFile>)> {
    let framework = kizuna_web::load_record(store, id, false)
        .await?
        .with_context(|| format!("there is no partnership `{id}`"))?;
    let mut manifest = super::import::manifest_of(&framework)?;
    let mut files = Vec::new();
    for d in store.documents(id, true).await? {
        let bytes = store.document_original(&d.id, true).await?.unwrap_or_default();
        let date = d.date.as_deref().and_then(|v| v.parse().ok());
        let language = if d.language == "ja" { Language::Ja } else { Language::En };
        let mut e = entry(&d.path, &d.title, date, language);
        e.kind = d.kind.clone();
        e.url = d.url.clone();
        e.meeting = d.meeting_id.clone();
        manifest.documents.push(e);
        files.push(LoadedFile {
            path: PathBuf::from(&d.path),
            bytes,
            title: Some(d.title),
            date,
            language: Some(language),
        });
    }
    Ok((manifest, files))
}

impl Intake {
    async fn record_with(&self, store: &Store, upload: &Upload) -> Result<PartnershipRecord> {
        let (mut manifest, mut files) = stored_files(store, &upload.partnership).await?;
        let path = format!("uploads/{}", upload.file_name.replace(['/', '\\'], "_"));
        if files.iter().any(|f| f.path.as_os_str() == path.as_str()) {
            bail!("{}: a document with this file name is already in the record", upload.file_name);
        }
        let date = upload.date.as_deref().map(str::parse).transpose().context("the upload's date")?;
        let mut new_entry = entry(&path, &upload.title, date, upload.language);
        new_entry.kind = upload.kind.clone();
        manifest.documents.push(new_entry);
        files.push(LoadedFile {
            path: PathBuf::from(&path),
            bytes: upload.bytes.clone(),
            title: Some(upload.title.clone()),
            date,
            language: Some(upload.language),
        });
        let max_bytes = self.max_bytes;
        let handling = upload.handling.as_str();
        in_worker(ANALYSIS_BUDGET, move || {
            let inputs: Vec<_> = files.iter().map(LoadedFile::input).collect();
            let analysis = kizuna_text::analyze(&inputs, &dataset::options(Some(&manifest), max_bytes))?;
            let mut record = record::partnership_record(&manifest, &files, &analysis);
            if let Some(last) = record.documents.last_mut() {
                last.document.handling = handling.to_owned();
            }
            Ok(record)
        })
        .await
    }
}

/// How long the analysis of one upload (with the partnership's earlier documents) may take.
const ANALYSIS_BUDGET: Duration = Duration::from_secs(120);
/// The stack of an analysis worker: far more than the engine needs, so that no document can
/// exhaust it (the engine does not recurse on its input's depth; this is the second line).
const WORKER_STACK: usize = 64 * 1024 * 1024;
/// Analyses run one at a time: on a 2-core server a second would only slow the first and the
/// pages being served.
static ANALYSES: Semaphore = Semaphore::const_new(1);

/// Runs `work` on a thread of its own with a large stack, one at a time, and gives up waiting
/// after `budget`. A worker that panics or runs over its budget is reported as this upload's
/// error; the server and its other requests go on.
async fn in_worker<T: Send + 'static>(
    budget: Duration,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    // The slot goes with the worker, not with this request: a worker that overran its budget
    // keeps it until it really ends, so runaway analyses never pile up on a small server.
    let slot = tokio::time::timeout(budget, ANALYSES.acquire())
        .await
        .map_err(|_| {
            anyhow::anyhow!("the server is busy analysing another document; try again in a few minutes")
        })?
        .context("the analysis queue is closed")?;
    let (done, result) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("kizuna-analysis".into())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let _slot = slot;
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = done.send(outcome);
        })
        .context("starting the analysis worker")?;
    match tokio::time::timeout(budget, result).await {
        Err(_) => bail!("the analysis took longer than {} s and was abandoned", budget.as_secs()),
        Ok(Err(_)) | Ok(Ok(Err(_))) => bail!("the analysis failed on this document (an internal error)"),
        Ok(Ok(Ok(outcome))) => outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_worker_that_panics_or_overruns_is_an_error_not_a_crash() {
        let panicked = in_worker(Duration::from_secs(5), || -> Result<()> { panic!("boom") }).await;
        assert!(format!("{:#}", panicked.unwrap_err()).contains("internal error"));
        let slow = in_worker(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_millis(500));
            Ok(())
        })
        .await;
        assert!(format!("{:#}", slow.unwrap_err()).contains("longer than"));
        // The overrunning worker still holds the only slot: the next upload is told so.
        let queued = in_worker(Duration::from_millis(50), || Ok(0)).await;
        assert!(format!("{:#}", queued.unwrap_err()).contains("busy"));
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(in_worker(Duration::from_secs(5), || Ok(7)).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_deep_recursion_gets_the_workers_large_stack() {
        fn depth(n: u64) -> u64 {
            let pad = std::hint::black_box([0u8; 512]);
            if n == 0 { u64::from(pad[0]) } else { 1 + depth(n - 1) }
        }
        // About 6 MB of stack: more than a tokio or default thread has, well within the worker's.
        assert_eq!(in_worker(Duration::from_secs(10), || Ok(depth(10_000))).await.unwrap(), 10_000);
    }
}
