//! The search index as the server holds it: built from the store at start, and built again in
//! the background when the record changes (through this server, another server sharing the
//! database, or `kizuna ingest`), then swapped in whole. Readers never wait for a rebuild.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use kizuna_search::SearchIndex;
use kizuna_store::Store;

/// How often the store is asked whether anything changed.
pub const POLL_EVERY: Duration = Duration::from_millis(500);

/// The current index and the record version it was built from.
#[derive(Clone)]
pub struct LiveIndex(Arc<RwLock<(i64, Arc<SearchIndex>)>>);

impl LiveIndex {
    /// The index of the record as it stands.
    pub async fn build(store: &Store) -> Result<LiveIndex, kizuna_store::StoreError> {
        // The version is read first: a change made while the index is built is picked up by
        // the next refresh.
        let version = store.record_version_all().await?;
        let index = crate::search::build_index(store).await?;
        Ok(LiveIndex(Arc::new(RwLock::new((version, Arc::new(index))))))
    }

    /// The index to search now.
    pub fn current(&self) -> Arc<SearchIndex> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).1.clone()
    }

    fn version(&self) -> i64 {
        self.0.read().unwrap_or_else(|e| e.into_inner()).0
    }

    /// Rebuilds the index when the record has changed since it was built; returns whether it did.
    pub async fn refresh(&self, store: &Store) -> Result<bool, crate::WebError> {
        let version = store.record_version_all().await?;
        if version == self.version() {
            return Ok(false);
        }
        let docs = crate::search::documents_to_index(store).await?;
        let index = tokio::task::spawn_blocking(move || SearchIndex::build(docs))
            .await
            .map_err(|e| crate::WebError::BadRequest(format!("search index rebuild: {e}")))?
            .map_err(|e| crate::WebError::BadRequest(format!("search index rebuild: {e}")))?;
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = (version, Arc::new(index));
        Ok(true)
    }

    /// Keeps the index in step with the store until the process ends.
    pub fn follow(self, store: Store) {
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(POLL_EVERY).await;
                match self.refresh(&store).await {
                    Ok(true) => tracing::info!(entries = self.current().len(), "search index rebuilt"),
                    Ok(false) => {}
                    Err(e) => tracing::warn!(error = %e, "search index not rebuilt"),
                }
            }
        });
    }
}
