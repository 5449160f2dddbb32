//! The status of a commitment at a date: one definition, used by pages, reports and exports.
//!
//! Only evidence dated on or before the date and human assessments made on or before it count,
//! so any past status can be worked out again exactly. A human assessment overrides what the
//! evidence says; a restatement (`reaffirmed`) never counts as progress.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::{CommitmentKind, Period, Relation};

/// How long progress keeps a commitment alive: without new progress for this long, an ongoing
/// commitment has stalled.
pub const ACTIVE_WINDOW: Duration = Duration::days(548); // 18 months

/// A machine-proposed link counts towards a status from this score up (chosen on the labels
/// for precision; `kizuna eval` reports the precision per relation). Below it a link is only a
/// suggestion waiting in the review queue until a reviewer accepts it.
pub const LINK_COUNTS_FROM: f32 = 0.45;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Delivered,
    Ongoing,
    InProgress,
    Stalled,
    NoEvidence,
    /// Only by a human assessment, with a rationale.
    Superseded,
    /// Only by a human assessment, with a rationale.
    Dropped,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Delivered,
        Status::Ongoing,
        Status::InProgress,
        Status::Stalled,
        Status::NoEvidence,
        Status::Superseded,
        Status::Dropped,
    ];

    /// The status named by [`Status::as_str`]'s word, if it is one.
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Delivered => "delivered",
            Status::Ongoing => "ongoing",
            Status::InProgress => "in-progress",
            Status::Stalled => "stalled",
            Status::NoEvidence => "no-evidence",
            Status::Superseded => "superseded",
            Status::Dropped => "dropped",
        }
    }

    /// The Open Government Partnership completion level.
    pub fn ogp_completion(self) -> &'static str {
        match self {
            Status::NoEvidence => "Not started",
            Status::InProgress | Status::Stalled => "Limited",
            Status::Ongoing => "Substantial",
            Status::Delivered => "Complete",
            Status::Superseded | Status::Dropped => "Withdrawn",
        }
    }
}

/// One piece of evidence as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvidenceFact {
    pub relation: Relation,
    /// The event's own date when the text states one, else its document's date.
    pub date: Date,
}

/// A human judgement of a commitment's status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub status: Status,
    pub made: Date,
}

/// A commitment's status at a date, with how it was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusAt {
    pub status: Status,
    /// Its due period ended before the date and it is not delivered.
    pub overdue: bool,
    /// A human assessment decided it.
    pub assessed: bool,
    /// The date of the latest evidence that counted as progress or delivery.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub last_progress: Option<Date>,
}

impl StatusAt {
    /// The G7 Research Group compliance score: +1 delivered or ongoing, 0 in progress, −1 no
    /// evidence, stalled or overdue.
    pub fn g7_score(&self) -> i8 {
        if self.overdue {
            return -1;
        }
        match self.status {
            Status::Delivered | Status::Ongoing => 1,
            Status::InProgress => 0,
            Status::NoEvidence | Status::Stalled => -1,
            Status::Superseded | Status::Dropped => 0,
        }
    }
}

/// The status of a commitment of `kind`, due in `due`, at `at`.
pub fn status_at(
    kind: CommitmentKind,
    due: Option<Period>,
    evidence: &[EvidenceFact],
    assessments: &[Assessment],
    at: Date,
) -> StatusAt {
    let counted: Vec<&EvidenceFact> = evidence.iter().filter(|e| e.date <= at).collect();
    let progress: Vec<Date> =
        counted.iter().filter(|e| e.relation != Relation::Reaffirmed).map(|e| e.date).collect();
    let last_progress = progress.iter().max().copied();
    let delivered = counted.iter().any(|e| e.relation == Relation::Delivered);
    let recent = last_progress.is_some_and(|d| at - d <= ACTIVE_WINDOW);
    let derived = match (kind, last_progress) {
        (_, None) => Status::NoEvidence,
        (CommitmentKind::OneOff, Some(_)) if delivered => Status::Delivered,
        (CommitmentKind::OneOff, Some(_)) if recent => Status::InProgress,
        (_, Some(_)) if recent => Status::Ongoing,
        (_, Some(_)) => Status::Stalled,
    };
    let human = assessments.iter().filter(|a| a.made <= at).max_by_key(|a| a.made);
    let status = human.map_or(derived, |a| a.status);
    let finished = matches!(status, Status::Delivered | Status::Superseded | Status::Dropped);
    let overdue = !finished && due.is_some_and(|p| p.end() < at);
    StatusAt { status, overdue, assessed: human.is_some(), last_progress }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn fact(relation: Relation, date: Date) -> EvidenceFact {
        EvidenceFact { relation, date }
    }

    #[test]
    fn a_workshop_is_delivered_when_it_happens_and_not_before() {
        let due: Period = "2024-Q1".parse().unwrap();
        let evidence = [fact(Relation::Delivered, date!(2024 - 03 - 15))];
        let before = status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2024 - 01 - 16));
        assert_eq!((before.status, before.overdue), (Status::NoEvidence, false));
        let after = status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2025 - 01 - 22));
        assert_eq!((after.status, after.overdue), (Status::Delivered, false));
        assert_eq!(after.status.ogp_completion(), "Complete");
        assert_eq!(after.g7_score(), 1);
    }

    #[test]
    fn restatements_are_not_progress() {
        let evidence = [fact(Relation::Reaffirmed, date!(2024 - 01 - 16))];
        let s = status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2025 - 01 - 22));
        assert_eq!(s.status, Status::NoEvidence);
        assert_eq!(s.g7_score(), -1);
    }

    #[test]
    fn continuing_work_stalls_after_eighteen_months() {
        let evidence = [fact(Relation::Progress, date!(2023 - 01 - 10))];
        let ongoing = status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2024 - 01 - 16));
        assert_eq!(ongoing.status, Status::Ongoing);
        let stalled = status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2025 - 01 - 22));
        assert_eq!(stalled.status, Status::Stalled);
        assert_eq!(stalled.status.ogp_completion(), "Limited");
    }

    #[test]
    fn overdue_goes_with_the_status_until_delivered() {
        let due: Period = "2024-H1".parse().unwrap();
        let evidence = [fact(Relation::Progress, date!(2024 - 03 - 01))];
        let s = status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2025 - 01 - 22));
        assert_eq!((s.status, s.overdue), (Status::InProgress, true));
        assert_eq!(s.g7_score(), -1);
    }

    #[test]
    fn a_human_assessment_made_by_the_date_wins() {
        let evidence = [fact(Relation::Progress, date!(2024 - 03 - 01))];
        let assessments = [Assessment { status: Status::Dropped, made: date!(2024 - 06 - 01) }];
        let before = status_at(CommitmentKind::OneOff, None, &evidence, &assessments, date!(2024 - 05 - 01));
        assert_eq!((before.status, before.assessed), (Status::InProgress, false));
        let after = status_at(CommitmentKind::OneOff, None, &evidence, &assessments, date!(2024 - 07 - 01));
        assert_eq!((after.status, after.assessed), (Status::Dropped, true));
    }
}
