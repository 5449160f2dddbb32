//! The public record of each partnership, loaded once per version of the record: reports,
//! feeds, calendars and open-data tables are publications of the same record, and a flood of
//! them must not reload it (every document's text and original included) for each request.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use kizuna_report::Record;

use crate::{AppState, WebError};

/// A partnership's id and whether the documents' texts were loaded with it.
type CacheKey = (String, bool);

/// The record as loaded, with the version of the record it was loaded at.
type Loaded = (i64, Arc<Record>);

#[derive(Clone, Default)]
pub struct RecordCache(Arc<RwLock<HashMap<CacheKey, Loaded>>>);

impl RecordCache {
    /// The public record of `partnership` as it stands now (with the documents' texts when
    /// `with_texts`), or 404.
    pub async fn get(
        &self,
        app: &AppState,
        partnership: &str,
        with_texts: bool,
    ) -> Result<Arc<Record>, WebError> {
        let version = app.store.record_version(partnership).await?;
        let key = (partnership.to_owned(), with_texts);
        let hit = self.0.read().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
        if let Some((seen, record)) = hit
            && seen == version
        {
            return Ok(record);
        }
        let record = crate::load_record(&app.store, partnership, with_texts)
            .await?
            .ok_or_else(|| WebError::NotFound(format!("partnership `{partnership}`")))?;
        let record = Arc::new(record);
        // A poisoned lock only means another request panicked while holding it; the map is
        // still a valid cache.
        self.0.write().unwrap_or_else(|e| e.into_inner()).insert(key, (version, record.clone()));
        Ok(record)
    }
}
