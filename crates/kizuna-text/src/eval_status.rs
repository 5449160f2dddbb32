//! Status agreement: what users see, measured. The labels imply a status for each labelled core
//! commitment (its labelled evidence, relations and dates, through the same rules the record
//! uses); the analysis implies one through the links that count. Both are taken on the record's
//! current date (its latest document's), as the site's headline figures are.

use kizuna_core::{EvidenceFact, Relation, Status, StatusAt, StoredCommitment, day_of};
use time::Date;

use crate::analysis::{Analysis, CommitmentOut};
use crate::eval::{CommitmentLabel, Labels};
use crate::link::COUNTS_FROM;

/// How the statuses implied by the labels and by the analysis compare.
#[derive(Clone, Debug, Default)]
pub struct StatusReport {
    /// Core commitments found by the analysis, whose statuses were compared.
    pub compared: usize,
    /// Same status and same overdue flag.
    pub agree: usize,
    /// Shown as delivered where the labels do not deliver it.
    pub false_delivered: usize,
    /// Shown as overdue where the labels do not make it overdue.
    pub false_overdue: usize,
    /// Disagreements: (label id, labelled status, shown status).
    pub disagreements: Vec<(String, String, String)>,
}

impl StatusReport {
    pub fn agreement(&self) -> f64 {
        if self.compared == 0 { 1.0 } else { self.agree as f64 / self.compared as f64 }
    }
}

/// Compares, for each core label matched by a prediction (`found[label] = prediction`), the
/// status the labels imply with the status the analysis implies.
pub fn compare(analysis: &Analysis, labels: &Labels, found: &[Option<usize>]) -> StatusReport {
    let document_date = |path_or_id: &str| -> Option<Date> {
        analysis
            .documents
            .iter()
            .find(|d| d.id == path_or_id || d.path.ends_with(path_or_id))
            .and_then(|d| d.date)
            .map(|p| p.start())
    };
    let mut report = StatusReport::default();
    let mut reports: Vec<Date> =
        analysis.documents.iter().filter_map(|d| d.date.map(|p| p.start())).collect();
    reports.sort();
    let Some(&today) = reports.last() else {
        return report;
    };
    for (li, label) in labels.commitments.iter().enumerate() {
        let Some(pi) = found.get(li).copied().flatten().filter(|_| label.core) else { continue };
        let expected = labelled_status(labels, label, &document_date, &reports, today);
        let shown = predicted_status(analysis, &analysis.commitments[pi], &document_date, &reports, today);
        report.compared += 1;
        if (expected.status, expected.overdue) == (shown.status, shown.overdue) {
            report.agree += 1;
            continue;
        }
        report.false_delivered += usize::from(shown.status == Status::Delivered);
        report.false_overdue += usize::from(shown.overdue && !expected.overdue);
        report.disagreements.push((label.id.clone(), describe(&expected), describe(&shown)));
    }
    report
}

fn describe(s: &StatusAt) -> String {
    format!("{}{}", s.status.as_str(), if s.overdue { " overdue" } else { "" })
}

fn labelled_status(
    labels: &Labels,
    label: &CommitmentLabel,
    document_date: &dyn Fn(&str) -> Option<Date>,
    reports: &[Date],
    today: Date,
) -> StatusAt {
    let linked: Vec<_> = labels.evidence.iter().filter(|e| e.links.contains(&label.id)).collect();
    let facts: Vec<EvidenceFact> = linked
        .iter()
        .filter_map(|e| {
            // The relation holds for every commitment the statement is linked to: a delivery
            // delivers each one-off it names (the workshop first planned, then rescheduled) and
            // is progress on continuing work (the status rules make it so).
            let relation = e.relation.as_deref().and_then(Relation::from_name).unwrap_or(Relation::Progress);
            let date = day_of(e.date.as_deref()).or_else(|| document_date(&e.document))?;
            Some(EvidenceFact { relation, date })
        })
        .collect();
    // A labeller who says a statement delivered the commitment it names first has judged that
    // commitment a deliverable, done, whatever kind it was given ("the first meeting of the
    // Council will be held in 2023").
    let delivers_it = linked.iter().any(|e| {
        e.links.first() == Some(&label.id)
            && e.relation.as_deref().and_then(Relation::from_name) == Some(Relation::Delivered)
    });
    let commitment = StoredCommitment {
        kind: if delivers_it { "one-off" } else { label.kind.as_deref().unwrap_or("continuing") },
        due: label.due.as_deref(),
        made: document_date(&label.document),
        reports,
    };
    commitment.status_at(&facts, &[], today)
}

fn predicted_status(
    analysis: &Analysis,
    commitment: &CommitmentOut,
    document_date: &dyn Fn(&str) -> Option<Date>,
    reports: &[Date],
    today: Date,
) -> StatusAt {
    let facts: Vec<EvidenceFact> = analysis
        .evidence
        .iter()
        .flat_map(|e| e.links.iter().map(move |l| (e, l)))
        .filter(|(_, l)| l.commitment == commitment.id && l.score >= COUNTS_FROM)
        .filter_map(|(e, l)| {
            let date = e.date.map(|p| p.start()).or_else(|| document_date(&e.document))?;
            Some(EvidenceFact { relation: l.relation, date })
        })
        .collect();
    let due = commitment.due.map(|d| d.to_string());
    let stored = StoredCommitment {
        kind: commitment.kind.as_str(),
        due: due.as_deref(),
        made: document_date(&commitment.document),
        reports,
    };
    stored.status_at(&facts, &[], today)
}
