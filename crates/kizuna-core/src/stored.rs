//! The status rules applied to the record as it is stored: dates and periods kept as text, kinds
//! and relations kept as words. Pages, API, reports, exports and feeds all read a commitment's
//! status through here, so they cannot disagree on which evidence counts from which day.
//!
//! Plain functions over plain values: no I/O, no knowledge of rows or tables.

use time::Date;

use crate::{Assessment, CommitmentKind, EvidenceFact, Period, Relation, StatusAt, status_at};

/// The first day of a stored date or period (`2024-03` → 1 March 2024); `None` when there is
/// none or it cannot be read.
pub fn day_of(stored: Option<&str>) -> Option<Date> {
    stored.and_then(|d| d.parse::<Period>().ok()).map(|p| p.start())
}

/// The day a person's assessment counts from: the day it says it holds from (`made_on`), but
/// never before the day it was recorded (`recorded_at`, RFC 3339). A backdated assessment
/// cannot change what a report made before it was recorded said, so past reports regenerate
/// byte for byte.
pub fn assessment_counts_from(made_on: &str, recorded_at: &str) -> Option<Date> {
    let made = day_of(Some(made_on))?;
    Some(recorded_at.get(..10).and_then(|d| day_of(Some(d))).map_or(made, |recorded| made.max(recorded)))
}

/// A stored relation; an unknown one counts as a restatement, which never makes progress.
pub fn relation_named(name: &str) -> Relation {
    Relation::from_name(name).unwrap_or(Relation::Reaffirmed)
}

/// The date evidence counts from: its own when the text states one, else its document's.
pub fn effective_date(evidence: Option<&str>, document: Option<&str>) -> Option<Date> {
    day_of(evidence.or(document))
}

/// A stored link as the rules see it; `None` when neither the evidence nor its document is
/// dated (undated evidence cannot be placed before or after any day).
pub fn stored_fact(
    relation: &str,
    evidence_date: Option<&str>,
    document_date: Option<&str>,
) -> Option<EvidenceFact> {
    effective_date(evidence_date, document_date)
        .map(|date| EvidenceFact { relation: relation_named(relation), date })
}

/// Evidence dated before a commitment was made cannot report on it (its date belongs to
/// something else the sentence mentions): it counts from the day the commitment was made.
pub fn from_made(facts: &[EvidenceFact], made: Option<Date>) -> Vec<EvidenceFact> {
    facts.iter().map(|f| EvidenceFact { date: made.map_or(f.date, |m| f.date.max(m)), ..*f }).collect()
}

/// A commitment as stored: its kind and due period as text, the day it was made (its
/// document's date), and the dates of its partnership's documents (its reports), oldest first.
#[derive(Clone, Copy, Debug)]
pub struct StoredCommitment<'a> {
    pub kind: &'a str,
    pub due: Option<&'a str>,
    pub made: Option<Date>,
    pub reports: &'a [Date],
}

impl StoredCommitment<'_> {
    /// Its status on `day` from its evidence and assessments (an unknown kind counts as
    /// continuing; an unreadable due period as none).
    pub fn status_at(&self, facts: &[EvidenceFact], assessments: &[Assessment], day: Date) -> StatusAt {
        self.status_of_counted(&from_made(facts, self.made), assessments, day)
    }

    fn status_of_counted(&self, counted: &[EvidenceFact], assessments: &[Assessment], day: Date) -> StatusAt {
        let kind = CommitmentKind::from_name(self.kind).unwrap_or(CommitmentKind::Continuing);
        let due = self.due.and_then(|d| d.parse::<Period>().ok());
        status_at(kind, due, counted, assessments, day, latest_report(self.reports, day))
    }

    /// Its status on each day it changed, oldest first, up to `today`: the day it was made,
    /// then only days on which something happened that changes it — evidence, an assessment,
    /// a report of the partnership (after which progress may be too old), the day after its
    /// due period ended. No row is invented for `today`.
    pub fn history(
        &self,
        facts: &[EvidenceFact],
        assessments: &[Assessment],
        today: Date,
    ) -> Vec<(Date, StatusAt)> {
        let counted = from_made(facts, self.made);
        let mut days: Vec<Date> = counted
            .iter()
            .map(|f| f.date)
            .chain(assessments.iter().map(|a| a.made))
            .chain(self.made)
            .chain(self.days_time_may_change_it())
            .filter(|d| *d <= today)
            .collect();
        days.sort();
        days.dedup();
        let mut out: Vec<(Date, StatusAt)> = Vec::new();
        for day in days {
            let s = self.status_of_counted(&counted, assessments, day);
            if out.last().is_none_or(|(_, last)| (last.status, last.overdue) != (s.status, s.overdue)) {
                out.push((day, s));
            }
        }
        out
    }
}

impl StoredCommitment<'_> {
    /// The days on which time alone may change its status: each report of the partnership after
    /// it was made (progress may then be too old), and the day after its due period ended.
    pub fn days_time_may_change_it(&self) -> impl Iterator<Item = Date> + '_ {
        let due_passed = self.due.and_then(|d| d.parse::<Period>().ok()).and_then(|p| p.end().next_day());
        self.reports.iter().copied().filter(|r| self.made.is_none_or(|m| *r > m)).chain(due_passed)
    }
}

/// The latest report on or before `day` (`reports` oldest first); `None` when none is known,
/// and the rules then measure from `day` itself.
pub fn latest_report(reports: &[Date], day: Date) -> Option<Date> {
    reports.iter().rev().find(|r| **r <= day).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use time::macros::date;

    #[test]
    fn a_backdated_assessment_counts_from_the_day_it_was_recorded() {
        assert_eq!(assessment_counts_from("2024-01-01", "2024-06-01T09:00:00Z"), Some(date!(2024 - 06 - 01)));
        assert_eq!(assessment_counts_from("2024-07-01", "2024-06-01T09:00:00Z"), Some(date!(2024 - 07 - 01)));
        assert_eq!(assessment_counts_from("2024-07-01", ""), Some(date!(2024 - 07 - 01)));
    }

    #[test]
    fn evidence_counts_from_its_own_date_else_its_documents() {
        assert_eq!(effective_date(Some("2024-03"), Some("2025-01-22")), Some(date!(2024 - 03 - 01)));
        assert_eq!(effective_date(None, Some("2025-01-22")), Some(date!(2025 - 01 - 22)));
        assert_eq!(effective_date(None, None), None);
        assert_eq!(stored_fact("maybe", None, Some("2024")).unwrap().relation, Relation::Reaffirmed);
    }

    #[test]
    fn evidence_from_before_the_commitment_counts_from_the_day_it_was_made() {
        let c = StoredCommitment {
            kind: "one-off",
            due: Some("2024-Q1"),
            made: Some(date!(2024 - 01 - 16)),
            reports: &[],
        };
        let facts = [stored_fact("delivered", Some("2023-05"), None).unwrap()];
        assert_eq!(c.status_at(&facts, &[], date!(2023 - 12 - 31)).status, Status::NoEvidence);
        assert_eq!(c.status_at(&facts, &[], date!(2024 - 01 - 16)).status, Status::Delivered);
        let history = c.history(&facts, &[], date!(2025 - 01 - 22));
        assert_eq!(history.len(), 1, "delivered from the day it was made, and no invented row: {history:?}");
        assert_eq!(history[0].0, date!(2024 - 01 - 16));
    }

    #[test]
    fn history_has_a_row_per_change_and_none_invented() {
        let c = StoredCommitment {
            kind: "continuing",
            due: None,
            made: Some(date!(2022 - 12 - 07)),
            reports: &[],
        };
        let assessments = [Assessment { status: Status::Dropped, made: date!(2024 - 06 - 01) }];
        let history = c.history(&[], &assessments, date!(2025 - 01 - 22));
        let rows: Vec<(Date, Status)> = history.iter().map(|(d, s)| (*d, s.status)).collect();
        assert_eq!(
            rows,
            [(date!(2022 - 12 - 07), Status::NoEvidence), (date!(2024 - 06 - 01), Status::Dropped)]
        );
    }

    /// A stall happens on the day a report arrives that is 18 months past the last progress,
    /// and an overdue on the day after the due period: each on its own day.
    #[test]
    fn time_driven_changes_are_dated_when_they_happen() {
        let reports = [date!(2022 - 12 - 07), date!(2023 - 06 - 01), date!(2025 - 01 - 22)];
        let c = StoredCommitment {
            kind: "continuing",
            due: None,
            made: Some(date!(2022 - 12 - 07)),
            reports: &reports,
        };
        let facts = [stored_fact("progress", Some("2023-05"), None).unwrap()];
        let history = c.history(&facts, &[], date!(2026 - 12 - 02));
        let rows: Vec<(Date, Status)> = history.iter().map(|(d, s)| (*d, s.status)).collect();
        assert_eq!(
            rows,
            [
                (date!(2022 - 12 - 07), Status::NoEvidence),
                (date!(2023 - 05 - 01), Status::Ongoing),
                (date!(2025 - 01 - 22), Status::Stalled),
            ]
        );
        let workshop = StoredCommitment {
            kind: "one-off",
            due: Some("2024-Q1"),
            made: Some(date!(2023 - 06 - 01)),
            reports: &[],
        };
        let history = workshop.history(&[], &[], date!(2025 - 01 - 22));
        assert_eq!(history.last().map(|(d, s)| (*d, s.overdue)), Some((date!(2024 - 04 - 01), true)));
    }
}
