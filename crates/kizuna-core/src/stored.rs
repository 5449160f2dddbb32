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

/// A commitment as stored: its kind and due period as text, and the day it was made (its
/// document's date).
#[derive(Clone, Copy, Debug)]
pub struct StoredCommitment<'a> {
    pub kind: &'a str,
    pub due: Option<&'a str>,
    pub made: Option<Date>,
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
        status_at(kind, due, counted, assessments, day)
    }

    /// Its status on each day something happened to it, oldest first: when it was made, on
    /// each evidence and assessment date, and on `today` (always the last entry).
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
            .chain([today])
            .filter(|d| *d <= today)
            .collect();
        days.sort();
        days.dedup();
        let mut out: Vec<(Date, StatusAt)> = Vec::new();
        for day in days {
            let s = self.status_of_counted(&counted, assessments, day);
            if out.last().is_none_or(|(_, last)| (last.status, last.overdue) != (s.status, s.overdue))
                || day == today
            {
                out.push((day, s));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use time::macros::date;

    #[test]
    fn evidence_counts_from_its_own_date_else_its_documents() {
        assert_eq!(effective_date(Some("2024-03"), Some("2025-01-22")), Some(date!(2024 - 03 - 01)));
        assert_eq!(effective_date(None, Some("2025-01-22")), Some(date!(2025 - 01 - 22)));
        assert_eq!(effective_date(None, None), None);
        assert_eq!(stored_fact("maybe", None, Some("2024")).unwrap().relation, Relation::Reaffirmed);
    }

    #[test]
    fn evidence_from_before_the_commitment_counts_from_the_day_it_was_made() {
        let c = StoredCommitment { kind: "one-off", due: Some("2024-Q1"), made: Some(date!(2024 - 01 - 16)) };
        let facts = [stored_fact("delivered", Some("2023-05"), None).unwrap()];
        assert_eq!(c.status_at(&facts, &[], date!(2023 - 12 - 31)).status, Status::NoEvidence);
        assert_eq!(c.status_at(&facts, &[], date!(2024 - 01 - 16)).status, Status::Delivered);
        let history = c.history(&facts, &[], date!(2025 - 01 - 22));
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!(history[0].0, date!(2024 - 01 - 16));
    }

    #[test]
    fn history_includes_assessments_and_ends_today() {
        let c = StoredCommitment { kind: "continuing", due: None, made: Some(date!(2022 - 12 - 07)) };
        let assessments = [Assessment { status: Status::Dropped, made: date!(2024 - 06 - 01) }];
        let history = c.history(&[], &assessments, date!(2025 - 01 - 22));
        let statuses: Vec<Status> = history.iter().map(|(_, s)| s.status).collect();
        assert_eq!(statuses, [Status::NoEvidence, Status::Dropped, Status::Dropped]);
        assert_eq!(history.last().unwrap().0, date!(2025 - 01 - 22));
    }
}
