//! Every commitment of a partnership with its status today, worked out once per version of the
//! record, day and audience. Working out tens of thousands of statuses takes a noticeable
//! moment; the record's version (its change sequence, shared by every server on the same
//! database) is one cheap query, so a change made through any server is seen by the next
//! request to every other.
//!
//! The public and the restricted audience each have their own: a public commitment's status as
//! the public sees it is worked out from public evidence only, never moved by restricted
//! evidence, and the lists and counts the public sees hold public records only.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use kizuna_core::{Assessment, EvidenceFact, Status};
use kizuna_store::{AssessmentRow, CommitmentQuery, DocumentRow};
use time::Date;

use crate::Audience;
use crate::commitments::RelatedItem;
use crate::views::{CommitmentView, day_of, facts_by_commitment};
use crate::{AppState, WebError};

/// A partnership's commitments as one audience sees them, with their statuses, in document
/// order.
pub struct Statuses {
    pub version: i64,
    /// The day the statuses are worked out for: the record's current date (its latest
    /// document's), or the clock's day if that is earlier. Headline figures describe the
    /// record as its latest report left it, not the time since.
    pub today: Date,
    /// The clock's day when they were worked out.
    pub clock_day: Date,
    /// What the record is current to: the date of its latest document this audience sees.
    pub current_to: Option<Date>,
    pub audience: Audience,
    pub documents: Vec<DocumentRow>,
    /// The days the partnership reported (its documents' dates), oldest first.
    pub reports: Vec<Date>,
    /// The commitments listed: every one but the translations of another (those are shown
    /// with their original, and counted once).
    pub views: Vec<CommitmentView>,
    /// Commitments that translate one in `views`.
    translations: Vec<CommitmentView>,
    /// Where each commitment is: in `translations` (true) or `views`, at which position.
    by_id: HashMap<String, (bool, usize)>,
    /// Position in `documents` by document id.
    document_by_id: HashMap<String, usize>,
    /// Status facts of each commitment: what is reported on one language version counts for
    /// all of them.
    facts: HashMap<String, Vec<EvidenceFact>>,
    /// Human assessments of each commitment (overall and per side), oldest first, shared by its
    /// language versions like the facts.
    assessments: HashMap<String, Vec<AssessmentRow>>,
    /// The evidence this audience may see, by id, and how many items each document holds.
    evidence: HashSet<String>,
    evidence_per_document: HashMap<String, usize>,
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

    /// Whether `id` is an evidence item this audience may see.
    pub fn has_evidence(&self, id: &str) -> bool {
        self.evidence.contains(id)
    }

    /// How many commitments and evidence items of document `id` this audience may see.
    pub fn counts_of_document(&self, id: &str) -> (usize, usize) {
        let commitments =
            self.views.iter().chain(&self.translations).filter(|v| v.row.document_id == id).count();
        (commitments, self.evidence_per_document.get(id).copied().unwrap_or(0))
    }

    /// The status facts of commitment `id` (with those of its other language versions).
    pub fn facts(&self, id: &str) -> &[EvidenceFact] {
        self.facts.get(id).map_or(&[], Vec::as_slice)
    }

    /// The assessments of commitment `id` (with those of its other language versions), oldest
    /// first.
    pub fn assessments(&self, id: &str) -> &[AssessmentRow] {
        self.assessments.get(id).map_or(&[], Vec::as_slice)
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

/// The latest [`Statuses`] of each partnership, for each audience.
#[derive(Clone, Default)]
pub struct StatusCache(Arc<RwLock<HashMap<CacheKey, Arc<Statuses>>>>);

/// A partnership's id and the audience its statuses are for.
type CacheKey = (String, Audience);

impl StatusCache {
    /// The statuses of `partnership` as the record stands now, as `audience` may see it.
    pub async fn get(
        &self,
        app: &AppState,
        partnership: &str,
        audience: Audience,
    ) -> Result<Arc<Statuses>, WebError> {
        let version = app.store.record_version(partnership).await?;
        let today = app.clock.today();
        let key = (partnership.to_owned(), audience);
        if let Some(hit) = self.read(&key)
            && hit.version == version
            && hit.clock_day == today
        {
            return Ok(hit);
        }
        let fresh = Arc::new(compute(app, partnership, audience, version, today).await?);
        // A poisoned lock only means another request panicked while holding it; the map is
        // still a valid cache.
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        map.insert(key, fresh.clone());
        Ok(fresh)
    }

    fn read(&self, key: &CacheKey) -> Option<Arc<Statuses>> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }
}

/// The overall assessments among `rows` (those of no one side) as the status rules take them;
/// unreadable ones are skipped.
pub fn overall(rows: &[AssessmentRow]) -> Vec<Assessment> {
    rows.iter().filter(|a| a.side_id.is_none()).filter_map(core_assessment).collect()
}

/// An assessment row as the status rules take it, when its status and day can be read.
pub fn core_assessment(row: &AssessmentRow) -> Option<Assessment> {
    let made = kizuna_core::assessment_counts_from(&row.made_on, &row.recorded_at)?;
    Some(Assessment { status: Status::from_name(&row.status)?, made })
}

async fn compute(
    app: &AppState,
    partnership: &str,
    audience: Audience,
    version: i64,
    today: Date,
) -> Result<Statuses, WebError> {
    let include_restricted = audience.include_restricted();
    let documents = app.store.documents(partnership, include_restricted).await?;
    let rows: Vec<_> = app
        .store
        .commitments(&CommitmentQuery {
            partnership_id: partnership.to_owned(),
            include_restricted,
            ..Default::default()
        })
        .await?
        .into_iter()
        .map(|row| crate::views::as_seen_by(row, audience))
        .collect();
    let links = app.store.link_facts(partnership, include_restricted).await?;
    let own_facts = facts_by_commitment(&links);
    let mut own_assessments: HashMap<&str, Vec<AssessmentRow>> = HashMap::new();
    let assessment_rows = app.store.assessments(partnership, include_restricted).await?;
    for a in &assessment_rows {
        own_assessments.entry(a.commitment_id.as_str()).or_default().push(a.clone());
    }
    let visible: HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    // Language versions count together only when this audience sees both: a public translation
    // of a restricted original is listed on its own.
    let pairs: Vec<(String, String)> = app
        .store
        .alignments(partnership, include_restricted)
        .await?
        .into_iter()
        .filter(|(o, t)| visible.contains(o.as_str()) && visible.contains(t.as_str()))
        .collect();
    let groups = kizuna_core::version_groups(&pairs);
    let reviewed_own: HashSet<String> =
        app.store.reviewed_commitments(partnership, include_restricted).await?.into_iter().collect();
    let mut facts: HashMap<String, Vec<EvidenceFact>> = HashMap::new();
    let mut assessments: HashMap<String, Vec<AssessmentRow>> = HashMap::new();
    // Reviewed when a person touched any of its language versions.
    let mut reviewed: HashSet<&str> = HashSet::new();
    for id in &visible {
        let members = groups.get(id).cloned().unwrap_or_else(|| vec![*id]);
        if members.iter().any(|m| reviewed_own.contains(*m)) {
            reviewed.insert(id);
        }
        let f: Vec<EvidenceFact> =
            members.iter().flat_map(|m| own_facts.get(m).into_iter().flatten().copied()).collect();
        let mut a: Vec<AssessmentRow> =
            members.iter().flat_map(|m| own_assessments.get(m).into_iter().flatten().cloned()).collect();
        a.sort_by(|x, y| x.made_on.cmp(&y.made_on).then_with(|| x.id.cmp(&y.id)));
        if !f.is_empty() {
            facts.insert((*id).to_owned(), f);
        }
        if !a.is_empty() {
            assessments.insert((*id).to_owned(), a);
        }
    }
    let translated: HashSet<&str> = pairs.iter().map(|(_, t)| t.as_str()).collect();
    let made: HashMap<&str, Option<Date>> =
        documents.iter().map(|d| (d.id.as_str(), day_of(d.date.as_deref()))).collect();
    let mut reports: Vec<Date> = made.values().copied().flatten().collect();
    reports.sort();
    reports.dedup();
    // The record is current to the latest thing it holds: a document, evidence a person
    // recorded, an assessment.
    let clock_day = today;
    let current_to = reports
        .last()
        .copied()
        .into_iter()
        .chain(facts.values().flatten().map(|f| f.date))
        .chain(
            assessment_rows
                .iter()
                .filter_map(|a| kizuna_core::assessment_counts_from(&a.made_on, &a.recorded_at)),
        )
        .filter(|d| *d <= clock_day)
        .max();
    let today = kizuna_core::headline_day(current_to, clock_day);
    let (translations, views): (Vec<CommitmentView>, Vec<CommitmentView>) = rows
        .iter()
        .map(|row| {
            let f = facts.get(row.id.as_str()).map_or(&[][..], Vec::as_slice);
            let a = overall(assessments.get(row.id.as_str()).map_or(&[][..], Vec::as_slice));
            let made = made.get(row.document_id.as_str()).copied().flatten();
            let mut view = CommitmentView::new(row.clone(), f, &a, made, &reports, today);
            view.reviewed = reviewed.contains(row.id.as_str());
            view
        })
        .partition(|v| translated.contains(v.row.id.as_str()));
    let by_id = views
        .iter()
        .enumerate()
        .map(|(i, v)| (v.row.id.clone(), (false, i)))
        .chain(translations.iter().enumerate().map(|(i, v)| (v.row.id.clone(), (true, i))))
        .collect();
    let document_by_id = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
    let mut evidence = HashSet::new();
    let mut evidence_per_document: HashMap<String, usize> = HashMap::new();
    for e in app.store.evidence(partnership, include_restricted).await? {
        *evidence_per_document.entry(e.document_id).or_default() += 1;
        evidence.insert(e.id);
    }
    Ok(Statuses {
        version,
        today,
        clock_day,
        current_to,
        audience,
        documents,
        reports,
        views,
        translations,
        by_id,
        document_by_id,
        facts,
        assessments,
        evidence,
        evidence_per_document,
        related: Mutex::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_overall_assessments_decide_the_status() {
        let row = |side: Option<&str>, status: &str| AssessmentRow {
            id: format!("{status}-{side:?}"),
            commitment_id: "c".into(),
            side_id: side.map(Into::into),
            status: status.into(),
            rationale: "because".into(),
            made_on: "2024-06-01".into(),
            made_by: "someone".into(),
            recorded_at: "2024-06-01T00:00:00Z".into(),
        };
        let rows = [row(Some("a"), "dropped"), row(None, "superseded"), row(None, "finished")];
        assert_eq!(
            overall(&rows),
            [Assessment { status: Status::Superseded, made: time::macros::date!(2024 - 06 - 01) }],
            "one side's and unreadable ones are left out"
        );
    }
}
