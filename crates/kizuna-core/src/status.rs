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

/// Whether a link counts towards a status: a reviewer's decision wins (accepted counts,
/// rejected does not); an undecided machine proposal counts from [`LINK_COUNTS_FROM`] (a small
/// margin absorbs the float rounding of stored scores). The store's `effective_links` view is
/// the same rule in SQL.
pub fn link_counts(score: f64, decision: Option<&str>) -> bool {
    match decision {
        Some(decision) => decision == "accepted",
        None => score >= f64::from(LINK_COUNTS_FROM) - 0.0005,
    }
}

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

/// What a record is current to on a day: the date of its latest report, how many whole
/// months before that day it was, and whether the partnership has fallen silent (no report
/// for [`ACTIVE_WINDOW`]), when its commitments are not each turned "stalled" but the
/// partnership is shown as having sent no reports since.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Currency {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub current_to: Option<Date>,
    pub months_ago: i32,
    pub silent: bool,
}

impl Currency {
    pub fn on(current_to: Option<Date>, day: Date) -> Currency {
        let months_ago = current_to.map_or(0, |c| {
            let months = (day.year() - c.year()) * 12 + (day.month() as i32 - c.month() as i32);
            (months - i32::from(day.day() < c.day())).max(0)
        });
        let silent = current_to.is_some_and(|c| day - c > ACTIVE_WINDOW);
        Currency { current_to, months_ago, silent }
    }
}

/// The day headline figures, reports and exports are given for unless another is asked: the
/// date the record is current to, never later than `today`.
pub fn headline_day(current_to: Option<Date>, today: Date) -> Date {
    current_to.map_or(today, |c| c.min(today))
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

/// The status of a commitment of `kind`, due in `due`, at `at`, in a partnership whose latest
/// report by then is dated `reported` (`None`: reports are not known; `at` stands for them).
///
/// Progress is recent when it is within [`ACTIVE_WINDOW`] of the partnership's latest report,
/// not of `at`: "stalled" means the partnership kept reporting and said nothing more of this
/// commitment. When the reports stop, the record says nothing either way, and each commitment
/// keeps the status the last report gave it (the partnership is shown as "no reports since").
pub fn status_at(
    kind: CommitmentKind,
    due: Option<Period>,
    evidence: &[EvidenceFact],
    assessments: &[Assessment],
    at: Date,
    reported: Option<Date>,
) -> StatusAt {
    let counted: Vec<&EvidenceFact> = evidence.iter().filter(|e| e.date <= at).collect();
    let progress: Vec<Date> =
        counted.iter().filter(|e| e.relation != Relation::Reaffirmed).map(|e| e.date).collect();
    let last_progress = progress.iter().max().copied();
    let delivered = counted.iter().any(|e| e.relation == Relation::Delivered);
    let reference = reported.map_or(at, |r| r.min(at));
    let recent = last_progress.is_some_and(|d| reference - d <= ACTIVE_WINDOW);
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
    // Only a deliverable can be late: continuing work, aims and context never are.
    let overdue = !finished && kind == CommitmentKind::OneOff && due.is_some_and(|p| p.end() < at);
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
        let before =
            status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2024 - 01 - 16), None);
        assert_eq!((before.status, before.overdue), (Status::NoEvidence, false));
        let after = status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2025 - 01 - 22), None);
        assert_eq!((after.status, after.overdue), (Status::Delivered, false));
        assert_eq!(after.status.ogp_completion(), "Complete");
        assert_eq!(after.g7_score(), 1);
    }

    #[test]
    fn restatements_are_not_progress() {
        let evidence = [fact(Relation::Reaffirmed, date!(2024 - 01 - 16))];
        let s = status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2025 - 01 - 22), None);
        assert_eq!(s.status, Status::NoEvidence);
        assert_eq!(s.g7_score(), -1);
    }

    #[test]
    fn continuing_work_stalls_after_eighteen_months() {
        let evidence = [fact(Relation::Progress, date!(2023 - 01 - 10))];
        let ongoing =
            status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2024 - 01 - 16), None);
        assert_eq!(ongoing.status, Status::Ongoing);
        let stalled =
            status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2025 - 01 - 22), None);
        assert_eq!(stalled.status, Status::Stalled);
        assert_eq!(stalled.status.ogp_completion(), "Limited");
    }

    #[test]
    fn overdue_goes_with_the_status_until_delivered() {
        let due: Period = "2024-H1".parse().unwrap();
        let evidence = [fact(Relation::Progress, date!(2024 - 03 - 01))];
        let s = status_at(CommitmentKind::OneOff, Some(due), &evidence, &[], date!(2025 - 01 - 22), None);
        assert_eq!((s.status, s.overdue), (Status::InProgress, true));
        assert_eq!(s.g7_score(), -1);
    }

    #[test]
    fn nothing_stalls_while_the_partnership_is_silent() {
        let evidence = [fact(Relation::Progress, date!(2024 - 03 - 01))];
        let last_report = Some(date!(2025 - 01 - 22));
        let silent =
            status_at(CommitmentKind::Continuing, None, &evidence, &[], date!(2026 - 12 - 02), last_report);
        assert_eq!(silent.status, Status::Ongoing, "no report since January 2025 says otherwise");
        let reporting = status_at(
            CommitmentKind::Continuing,
            None,
            &evidence,
            &[],
            date!(2026 - 12 - 02),
            Some(date!(2026 - 11 - 01)),
        );
        assert_eq!(reporting.status, Status::Stalled, "the partnership reported, and not on this");
    }

    #[test]
    fn a_record_is_current_to_its_latest_report() {
        let c = Currency::on(Some(date!(2025 - 01 - 22)), date!(2026 - 12 - 02));
        assert_eq!((c.months_ago, c.silent), (22, true));
        let c = Currency::on(Some(date!(2025 - 01 - 22)), date!(2025 - 03 - 21));
        assert_eq!((c.months_ago, c.silent), (1, false));
        assert_eq!(Currency::on(None, date!(2025 - 03 - 21)).current_to, None);
    }

    #[test]
    fn continuing_work_is_never_overdue() {
        let due: Period = "2024".parse().unwrap();
        let s = status_at(CommitmentKind::Continuing, Some(due), &[], &[], date!(2025 - 06 - 01), None);
        assert!(!s.overdue);
    }

    #[test]
    fn a_human_assessment_made_by_the_date_wins() {
        let evidence = [fact(Relation::Progress, date!(2024 - 03 - 01))];
        let assessments = [Assessment { status: Status::Dropped, made: date!(2024 - 06 - 01) }];
        let before =
            status_at(CommitmentKind::OneOff, None, &evidence, &assessments, date!(2024 - 05 - 01), None);
        assert_eq!((before.status, before.assessed), (Status::InProgress, false));
        let after =
            status_at(CommitmentKind::OneOff, None, &evidence, &assessments, date!(2024 - 07 - 01), None);
        assert_eq!((after.status, after.assessed), (Status::Dropped, true));
    }
}
