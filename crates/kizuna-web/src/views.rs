//! What pages and the API show of a commitment: its row with its status worked out today.

use std::collections::HashMap;

use kizuna_core::{CommitmentKind, EvidenceFact, Period, Relation, Status, StatusAt, status_at};
use kizuna_store::{CommitmentRow, EvidenceForCommitment, LinkFact};
use serde::Serialize;
use time::Date;

/// A commitment with its status at a date.
#[derive(Clone, Debug, Serialize)]
pub struct CommitmentView {
    #[serde(flatten)]
    pub row: CommitmentRow,
    pub status: StatusAt,
    pub ogp_completion: &'static str,
    pub g7_score: i8,
}

/// Evidence dated before a commitment was made cannot report on it (its date belongs to
/// something else the sentence mentions): it counts from the day the commitment was made.
pub fn from_made(facts: &[EvidenceFact], made: Option<Date>) -> Vec<EvidenceFact> {
    facts.iter().map(|f| EvidenceFact { date: made.map_or(f.date, |m| f.date.max(m)), ..*f }).collect()
}

/// The day a document dated `date` (a period) was made: the start of its period.
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
        let due = row.due.as_deref().and_then(|d| d.parse::<Period>().ok());
        let status = status_at(kind(&row.kind), due, &from_made(facts, made), &[], today);
        CommitmentView {
            row,
            ogp_completion: status.status.ogp_completion(),
            g7_score: status.g7_score(),
            status,
        }
    }

    /// The word shown in the status tag.
    pub fn status_word(&self) -> &'static str {
        status_word(self.status.status)
    }

    /// The CSS class of the status tag.
    pub fn status_class(&self) -> &'static str {
        self.status.status.as_str()
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
    let due = row.due.as_deref().and_then(|d| d.parse::<Period>().ok());
    let facts = &from_made(facts, made);
    let mut days: Vec<Date> =
        facts.iter().map(|f| f.date).chain(made).chain([today]).filter(|d| *d <= today).collect();
    days.sort();
    days.dedup();
    let mut out: Vec<(Date, StatusAt)> = Vec::new();
    for day in days {
        let s = status_at(kind(&row.kind), due, facts, &[], day);
        if out.last().is_none_or(|(_, last)| (last.status, last.overdue) != (s.status, s.overdue))
            || day == today
        {
            out.push((day, s));
        }
    }
    out
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Delivered => "Delivered",
        Status::Ongoing => "Ongoing",
        Status::InProgress => "In progress",
        Status::Stalled => "Stalled",
        Status::NoEvidence => "No evidence",
        Status::Superseded => "Superseded",
        Status::Dropped => "Dropped",
    }
}

fn kind(s: &str) -> CommitmentKind {
    match s {
        "one-off" => CommitmentKind::OneOff,
        "aim" => CommitmentKind::Aim,
        "governance" => CommitmentKind::Governance,
        _ => CommitmentKind::Continuing,
    }
}

fn relation(s: &str) -> Relation {
    match s {
        "delivered" => Relation::Delivered,
        "progress" => Relation::Progress,
        _ => Relation::Reaffirmed,
    }
}

/// The date evidence counts from: its own, else its document's.
fn effective_date(evidence: Option<&str>, document: Option<&str>) -> Option<Date> {
    evidence.or(document).and_then(|d| d.parse::<Period>().ok()).map(|p| p.start())
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

/// Human name of an area key: `digital-government` → `Digital government`.
pub fn area_name(key: &str) -> String {
    let special = match key {
        "ai" => Some("AI"),
        "data-infrastructure" => Some("Data infrastructure"),
        _ => None,
    };
    if let Some(name) = special {
        return name.to_owned();
    }
    let words = key.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
