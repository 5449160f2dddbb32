//! The search index as the server holds it: built from the store at start, and built again in
//! the background when the record changes (through this server, another server sharing the
//! database, or `kizuna ingest`), then swapped in whole. Readers never wait for a rebuild.
//!
//! Two indexes are kept: one of every record, for the people who may see restricted ones, and
//! one of the public records alone, so that what a public search scores (word counts over the
//! whole index) never moves with restricted activity.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use kizuna_search::{SearchDoc, SearchError, SearchIndex};
use kizuna_store::Store;

/// How often the store is asked whether anything changed.
pub const POLL_EVERY: Duration = Duration::from_millis(500);

/// The indexes of the whole record and of its public part.
struct Indexes {
    whole: Arc<SearchIndex>,
    public: Arc<SearchIndex>,
}

impl Indexes {
    fn build(docs: Vec<SearchDoc>) -> Result<Indexes, SearchError> {
        let public = SearchIndex::build(docs.iter().filter(|d| !d.restricted).cloned())?;
        Ok(Indexes { whole: Arc::new(SearchIndex::build(docs)?), public: Arc::new(public) })
    }
}

/// The current indexes and the record version they were built from.
#[derive(Clone)]
pub struct LiveIndex(Arc<RwLock<(i64, Arc<Indexes>)>>);

impl LiveIndex {
    /// The indexes of the record as it stands.
    pub async fn build(store: &Store) -> Result<LiveIndex, kizuna_store::StoreError> {
        // The version is read first: a change made while the index is built is picked up by
        // the next refresh.
        let version = store.record_version_all().await?;
        let docs = crate::search::documents_to_index(store).await?;
        let indexes = Indexes::build(docs)
            .map_err(|e| kizuna_store::StoreError::Corrupt(format!("search index: {e}")))?;
        Ok(LiveIndex(Arc::new(RwLock::new((version, Arc::new(indexes))))))
    }

    /// The index of every record, restricted ones included.
    pub fn current(&self) -> Arc<SearchIndex> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).1.whole.clone()
    }

    /// The index `audience` searches: the public's holds nothing restricted, so its scores
    /// count only what the public may see.
    pub fn for_audience(&self, audience: crate::Audience) -> Arc<SearchIndex> {
        let indexes = self.0.read().unwrap_or_else(|e| e.into_inner()).1.clone();
        if audience.include_restricted() { indexes.whole.clone() } else { indexes.public.clone() }
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
        let index = tokio::task::spawn_blocking(move || Indexes::build(docs))
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
