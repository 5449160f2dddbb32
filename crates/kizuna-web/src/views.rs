//! What pages and the API show of a commitment: its row with its status worked out today.

use std::collections::HashMap;

use kizuna_core::{Assessment, EvidenceFact, StatusAt, StoredCommitment, stored_fact};
use kizuna_store::{CommitmentRow, LinkFact};
use serde::Serialize;
use time::Date;

pub use kizuna_core::day_of;

/// A commitment row as `audience` may see it. Its version moves with every change to it,
/// restricted notes and evidence included, so only the audience that may see those is shown it
/// (forms need it); for the public it is 0 and says nothing of restricted activity.
pub fn as_seen_by(mut row: CommitmentRow, audience: crate::Audience) -> CommitmentRow {
    if !audience.include_restricted() {
        row.version = 0;
    }
    row
}

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
    /// A person has reviewed it (decided a link, recorded evidence, assessed or corrected it);
    /// otherwise its status is the engine's reading alone.
    pub reviewed: bool,
}

impl CommitmentView {
    /// `made`: the date of the commitment's document; `assessments`: the overall ones (of no
    /// one side), which override what the evidence says from the day they were made.
    pub fn new(
        row: CommitmentRow,
        facts: &[EvidenceFact],
        assessments: &[Assessment],
        made: Option<Date>,
        reports: &[Date],
        today: Date,
    ) -> CommitmentView {
        let status = stored(&row, made, reports).status_at(facts, assessments, today);
        CommitmentView {
            row,
            ogp_completion: status.status.ogp_completion(),
            g7_score: status.g7_score(),
            status,
            reviewed: false,
        }
    }

    /// Its kind; an unknown stored word reads as continuing.
    pub fn kind(&self) -> kizuna_core::CommitmentKind {
        kizuna_core::CommitmentKind::from_name(&self.row.kind)
            .unwrap_or(kizuna_core::CommitmentKind::Continuing)
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

/// The status of a commitment on each day it changed, oldest first (`StoredCommitment::history`).
pub fn history(
    row: &CommitmentRow,
    facts: &[EvidenceFact],
    assessments: &[Assessment],
    made: Option<Date>,
    reports: &[Date],
    today: Date,
) -> Vec<(Date, StatusAt)> {
    stored(row, made, reports).history(facts, assessments, today)
}

/// A stored commitment as the status rules read it (`kizuna_core::stored`, shared with reports
/// and exports).
fn stored<'a>(row: &'a CommitmentRow, made: Option<Date>, reports: &'a [Date]) -> StoredCommitment<'a> {
    StoredCommitment { kind: &row.kind, due: row.due.as_deref(), made, reports }
}

/// Status facts per commitment id.
pub fn facts_by_commitment(links: &[LinkFact]) -> HashMap<&str, Vec<EvidenceFact>> {
    let mut out: HashMap<&str, Vec<EvidenceFact>> = HashMap::new();
    for l in links {
        if let Some(fact) = stored_fact(&l.relation, l.evidence_date.as_deref(), l.document_date.as_deref()) {
            out.entry(l.commitment_id.as_str()).or_default().push(fact);
        }
    }
    out
}
