//! Every commitment of a partnership with its status today, worked out once per version of the
//! record and day. Working out tens of thousands of statuses takes a noticeable moment; the
//! record's version (its change sequence, shared by every server on the same database) is one
//! cheap query, so a change made through any server is seen by the next request to every other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use kizuna_store::{CommitmentQuery, DocumentRow};
use time::Date;

use crate::commitments::RelatedItem;
use crate::views::{CommitmentView, day_of, facts_by_commitment};
use crate::{AppState, WebError};

/// A partnership's public commitments with their statuses, in document order.
pub struct Statuses {
    pub version: i64,
    pub today: Date,
    pub documents: Vec<DocumentRow>,
    /// The commitments listed: every one but the translations of another (those are shown
    /// with their original, and counted once).
    pub views: Vec<CommitmentView>,
    /// Commitments that translate one in `views`.
    translations: Vec<CommitmentView>,
    /// Where each commitment is: in `translations` (true) or `views`, at which position.
    by_id: HashMap<String, (bool, usize)>,
    /// Position in `documents` by document id.
    document_by_id: HashMap<String, usize>,
    /// Related commitments found so far, by commitment id: derived from this version of the
    /// record like everything here, so kept with it.
    related: Mutex<HashMap<String, Arc<Vec<RelatedItem>>>>,
}

impl Statuses {
    pub fn commitment(&self, id: &str) -> Option<&CommitmentView> {
        self.by_id
            .get(id)
            .map(|&(translated, i)| if translated { &self.translations[i] } else { &self.views[i] })
    }

    pub fn document(&self, id: &str) -> Option<&DocumentRow> {
        self.document_by_id.get(id).map(|&i| &self.documents[i])
    }

    /// The related commitments of `id`, worked out by `find` the first time they are asked for.
    pub fn related(
        &self,
        id: &str,
        find: impl FnOnce() -> Result<Vec<RelatedItem>, WebError>,
    ) -> Result<Arc<Vec<RelatedItem>>, WebError> {
        if let Some(known) = self.related.lock().unwrap_or_else(|e| e.into_inner()).get(id) {
            return Ok(known.clone());
        }
        let found = Arc::new(find()?);
        let mut memo = self.related.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: a crawl of every commitment page must not grow it without end.
        if memo.len() >= MAX_RELATED_KEPT {
            memo.clear();
        }
        memo.insert(id.to_owned(), found.clone());
        Ok(found)
    }
}

/// Commitments whose related commitments are kept at once.
const MAX_RELATED_KEPT: usize = 20_000;

/// The latest [`Statuses`] of each partnership.
#[derive(Clone, Default)]
pub struct StatusCache(Arc<RwLock<HashMap<String, Arc<Statuses>>>>);

impl StatusCache {
    /// The statuses of `partnership` as the record stands now.
    pub async fn get(&self, app: &AppState, partnership: &str) -> Result<Arc<Statuses>, WebError> {
        let version = app.store.record_version(partnership).await?;
        let today = app.clock.today();
        if let Some(hit) = self.read(partnership)
            && hit.version == version
            && hit.today == today
        {
            return Ok(hit);
        }
        let fresh = Arc::new(compute(app, partnership, version, today).await?);
        // A poisoned lock only means another request panicked while holding it; the map is
        // still a valid cache.
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        map.insert(partnership.to_owned(), fresh.clone());
        Ok(fresh)
    }

    fn read(&self, partnership: &str) -> Option<Arc<Statuses>> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).get(partnership).cloned()
    }
}

async fn compute(app: &AppState, partnership: &str, version: i64, today: Date) -> Result<Statuses, WebError> {
    let documents = app.store.documents(partnership, false).await?;
    let rows = app
        .store
        .commitments(&CommitmentQuery { partnership_id: partnership.to_owned(), ..Default::default() })
        .await?;
    let links = app.store.link_facts(partnership, false).await?;
    let mut facts = facts_by_commitment(&links);
    // What is reported on one language version counts for the other.
    let pairs = app.store.alignments(partnership, false).await?;
    for (original, translation) in &pairs {
        let mut both = facts.get(original.as_str()).cloned().unwrap_or_default();
        both.extend(facts.get(translation.as_str()).cloned().unwrap_or_default());
        facts.insert(original.as_str(), both.clone());
        facts.insert(translation.as_str(), both);
    }
    let translated: std::collections::HashSet<&str> = pairs.iter().map(|(_, t)| t.as_str()).collect();
    let made: HashMap<&str, Option<Date>> =
        documents.iter().map(|d| (d.id.as_str(), day_of(d.date.as_deref()))).collect();
    let (translations, views): (Vec<CommitmentView>, Vec<CommitmentView>) = rows
        .into_iter()
        .map(|row| {
            let f = facts.get(row.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let made = made.get(row.document_id.as_str()).copied().flatten();
            CommitmentView::new(row, f, made, today)
        })
        .partition(|v| translated.contains(v.row.id.as_str()));
    let by_id = views
        .iter()
        .enumerate()
        .map(|(i, v)| (v.row.id.clone(), (false, i)))
        .chain(translations.iter().enumerate().map(|(i, v)| (v.row.id.clone(), (true, i))))
        .collect();
    let document_by_id = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
    Ok(Statuses {
        version,
        today,
        documents,
        views,
        translations,
        by_id,
        document_by_id,
        related: Mutex::default(),
    })
}
