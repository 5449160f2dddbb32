//! Uploaded documents, analysed for the web (`kizuna_web::DocumentIntake`): the partnership's
//! stored documents (restricted ones too: their commitments may be what the new one reports
//! on) are analysed again in their order with the upload last. Analysis is deterministic, so
//! the stored documents come out with the same ids and the store leaves them as they are.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use anyhow::{Context, Result, bail};
use kizuna_core::Language;
use kizuna_core::manifest::DocumentEntry;
use kizuna_store::{PartnershipRecord, Store};
use kizuna_web::{DocumentIntake, Upload};

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

impl Intake {
    async fn record_with(&self, store: &Store, upload: &Upload) -> Result<PartnershipRecord> {
        let framework = kizuna_web::load_record(store, &upload.partnership, false)
            .await?
            .with_context(|| format!("there is no partnership `{}`", upload.partnership))?;
        let mut manifest = super::import::manifest_of(&framework)?;
        let path = format!("uploads/{}", upload.file_name.replace(['/', '\\'], "_"));
        let mut files = Vec::new();
        for d in store.documents(&upload.partnership, true).await? {
            if d.path == path {
                bail!("{}: a document with this file name is already in the record", upload.file_name);
            }
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
        tokio::task::spawn_blocking(move || {
            let inputs: Vec<_> = files.iter().map(LoadedFile::input).collect();
            let analysis = kizuna_text::analyze(&inputs, &dataset::options(Some(&manifest), max_bytes))?;
            let mut record = record::partnership_record(&manifest, &files, &analysis);
            if let Some(last) = record.documents.last_mut() {
                last.document.handling = handling.to_owned();
            }
            Ok(record)
        })
        .await
        .context("the analysis stopped")?
    }
}
