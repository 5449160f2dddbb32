//! What pages and the API show of a commitment: its row with its status worked out today.

use std::collections::HashMap;

use kizuna_core::{CommitmentKind, EvidenceFact, Period, Relation, StatusAt, status_at};
use kizuna_store::{CommitmentRow, EvidenceForCommitment, LinkFact};
use serde::Serialize;
use time::Date;

/// A commitment with its status at a date.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CommitmentView {
    #[serde(flatten)]
    pub row: CommitmentRow,
    pub status: StatusAt,
    /// The Open Government Partnership completion level.
    #[schema(value_type = String)]
    pub ogp_completion: &'static str,
    /// The G7 Research Group compliance score, -1, 0 or +1.
    pub g7_score: i8,
}

/// Evidence dated before a commitment was made cannot report on it (its date belongs to
/// something else the sentence mentions): it counts from the day the commitment was made.
pub fn from_made(facts: &[EvidenceFact], made: Option<Date>) -> Vec<EvidenceFact> {
    facts.iter().map(|f| EvidenceFact { date: made.map_or(f.date, |m| f.date.max(m)), ..*f }).collect()
}

/// The first day of a stored period (a document's, meeting's or evidence's date).
pub fn day_of(date: Option<&str>) -> Option<Date> {
    date.and_then(|d| d.parse::<Period>().ok()).map(|p| p.start())
}

impl CommitmentView {
    /// `made`: the date of the commitment's document.
    pub fn new(
        row: CommitmentRow,
        facts: &[EvidenceFact],
        made: Option<Date>,
        today: Date,
    ) -> CommitmentView {
        let status = status_on(&row, &from_made(facts, made), today);
        CommitmentView {
            row,
            ogp_completion: status.status.ogp_completion(),
            g7_score: status.g7_score(),
            status,
        }
    }

    /// The status's name (`in-progress`): the key of its UI message and its CSS class.
    pub fn status_key(&self) -> &'static str {
        self.status.status.as_str()
    }

    /// The OGP completion level as a key (`not-started`) of its UI message.
    pub fn ogp_key(&self) -> String {
        self.ogp_completion.to_lowercase().replace(' ', "-")
    }
}

/// The status of a commitment on each day something happened to it, oldest first: when it was
/// made, on each evidence date, and today.
pub fn history(
    row: &CommitmentRow,
    facts: &[EvidenceFact],
    made: Option<Date>,
    today: Date,
) -> Vec<(Date, StatusAt)> {
    let facts = &from_made(facts, made);
    let mut days: Vec<Date> =
        facts.iter().map(|f| f.date).chain(made).chain([today]).filter(|d| *d <= today).collect();
    days.sort();
    days.dedup();
    let mut out: Vec<(Date, StatusAt)> = Vec::new();
    for day in days {
        let s = status_on(row, facts, day);
        if out.last().is_none_or(|(_, last)| (last.status, last.overdue) != (s.status, s.overdue))
            || day == today
        {
            out.push((day, s));
        }
    }
    out
}

/// The status rules applied to a stored commitment: its kind and due period as stored (an
/// unknown kind counts as continuing), on `day`.
fn status_on(row: &CommitmentRow, facts: &[EvidenceFact], day: Date) -> StatusAt {
    let kind = CommitmentKind::from_name(&row.kind).unwrap_or(CommitmentKind::Continuing);
    let due = row.due.as_deref().and_then(|d| d.parse::<Period>().ok());
    status_at(kind, due, facts, &[], day)
}

/// A stored relation; an unknown one counts as a restatement, which never makes progress.
fn relation(s: &str) -> Relation {
    Relation::from_name(s).unwrap_or(Relation::Reaffirmed)
}

/// The date evidence counts from: its own, else its document's.
fn effective_date(evidence: Option<&str>, document: Option<&str>) -> Option<Date> {
    day_of(evidence.or(document))
}

/// Status facts per commitment id.
pub fn facts_by_commitment(links: &[LinkFact]) -> HashMap<&str, Vec<EvidenceFact>> {
    let mut out: HashMap<&str, Vec<EvidenceFact>> = HashMap::new();
    for l in links {
        if let Some(date) = effective_date(l.evidence_date.as_deref(), l.document_date.as_deref()) {
            out.entry(l.commitment_id.as_str())
                .or_default()
                .push(EvidenceFact { relation: relation(&l.relation), date });
        }
    }
    out
}

/// Status facts of one commitment's evidence.
pub fn facts_of(evidence: &[EvidenceForCommitment]) -> Vec<EvidenceFact> {
    evidence
        .iter()
        .filter_map(|e| {
            effective_date(e.evidence.date.as_deref(), e.document_date.as_deref())
                .map(|date| EvidenceFact { relation: relation(&e.link.relation), date })
        })
        .collect()
}
