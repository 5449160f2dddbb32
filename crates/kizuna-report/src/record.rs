//! The record as plain data: every table of a partnership's public record, as the open-data
//! export writes it and the import reads it back, and as reports and feeds take it.
//!
//! The caller fills it from the store with restricted records already left out; nothing here
//! knows where it came from. [`Record::known_on`] is what "as of" means: only what had been
//! published or decided by a day.

use std::collections::{BTreeMap, HashMap, HashSet};

use kizuna_core::{
    Assessment as CoreAssessment, EvidenceFact, Status, StatusAt, StoredCommitment, day_of, stored_fact,
};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub partnership: Partnership,
    pub sides: Vec<Side>,
    pub organisations: Vec<Organisation>,
    pub bodies: Vec<Body>,
    pub meetings: Vec<Meeting>,
    /// Oldest first.
    pub documents: Vec<Document>,
    pub blocks: Vec<Block>,
    pub commitments: Vec<Commitment>,
    pub evidence: Vec<Evidence>,
    pub links: Vec<Link>,
    pub link_decisions: Vec<LinkDecision>,
    pub assessments: Vec<Assessment>,
    /// Language versions: (original commitment, its translation). Evidence and assessments of
    /// either count for both, and the translation is listed with its original, not apart.
    #[serde(default)]
    pub alignments: Vec<(String, String)>,
    /// Evidence people recorded by hand (public only): it counts towards statuses like a
    /// document's evidence, from its own date.
    #[serde(default)]
    pub recorded: Vec<RecordedFact>,
    /// The framework's pillars in its order, each with the areas under it.
    #[serde(default)]
    pub pillars: Vec<Pillar>,
    /// When people corrected each commitment's reading (commitment id, RFC 3339 time): with
    /// link decisions, assessments and evidence recorded by hand, what makes a status reviewed
    /// rather than the engine's reading alone. Not a table of the export.
    #[serde(skip)]
    pub corrected: Vec<(String, String)>,
    /// The audit chain's head when the record was read, as `SEQ:HASH`: published with every
    /// export, so that `kizuna audit verify --head` can check a store against it later.
    #[serde(skip)]
    pub audit_head: Option<String>,
    /// Each document's text and original bytes, by document id (not tabular: exported as files).
    #[serde(skip)]
    pub texts: BTreeMap<String, DocumentText>,
}

/// A piece of evidence a person recorded by hand, as the status rules take it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedFact {
    pub commitment_id: String,
    pub relation: String,
    /// The day (or period) it happened.
    pub date: String,
    /// When it was recorded (RFC 3339): it is known from then.
    pub recorded_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentText {
    pub normalised: String,
    pub original: Vec<u8>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Partnership {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub established: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub side_id: Option<String>,
    pub name: String,
    pub name_ja: Option<String>,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub succeeded_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    pub id: String,
    pub position: i64,
    pub name: String,
    pub name_ja: Option<String>,
    pub areas: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub level: Option<String>,
    pub cadence: Option<String>,
    pub kind: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub body_id: String,
    pub date: Option<String>,
    pub format: Option<String>,
    pub title: Option<String>,
    /// Its title in Japanese, when the manifest gives one.
    #[serde(default)]
    pub title_ja: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub position: i64,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub kind: Option<String>,
    pub language: String,
    pub url: Option<String>,
    pub meeting_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub document_id: String,
    pub position: i64,
    pub kind: String,
    pub level: Option<i64>,
    pub anchor: String,
    pub span_start: i64,
    pub span_end: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: String,
    pub document_id: String,
    pub position: i64,
    pub anchor: String,
    pub text: String,
    pub area: String,
    /// The framework pillar it sits under (`pillars.id`), if any.
    #[serde(default)]
    pub pillar: Option<String>,
    pub kind: String,
    pub strength: String,
    pub due: Option<String>,
    pub due_end: Option<String>,
    pub lead_in: Option<String>,
    pub actors: Vec<String>,
    pub span_start: i64,
    pub span_end: i64,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: String,
    pub document_id: String,
    pub position: i64,
    pub anchor: String,
    pub text: String,
    pub date: Option<String>,
    pub concrete: bool,
    pub span_start: i64,
    pub span_end: i64,
    pub version: i64,
}

/// A machine-proposed link between evidence and a commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub evidence_id: String,
    pub commitment_id: String,
    pub rank: i64,
    pub score: f64,
    pub relation: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkDecision {
    pub evidence_id: String,
    pub commitment_id: String,
    pub decision: String,
    pub relation: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
    pub rationale: Option<String>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: String,
    pub commitment_id: String,
    pub side_id: Option<String>,
    pub status: String,
    pub rationale: String,
    pub made_on: String,
    pub made_by: String,
    pub recorded_at: String,
}

/// A commitment with its status on a day, worked out by the one set of rules.
#[derive(Clone, Debug)]
pub struct Judged<'r> {
    pub commitment: &'r Commitment,
    pub document: &'r Document,
    pub made: Option<Date>,
    pub status: StatusAt,
}

impl Record {
    /// The commitments a person has reviewed in this record (cut to a day by
    /// [`Record::known_on`], reviewed by that day): a link decided, an assessment, evidence
    /// recorded by hand or a correction, on it or on another language version of it. The others'
    /// statuses are the engine's reading alone.
    pub fn reviewed(&self) -> HashSet<&str> {
        let mut ids: HashSet<&str> = self
            .link_decisions
            .iter()
            .map(|d| d.commitment_id.as_str())
            .chain(self.assessments.iter().map(|a| a.commitment_id.as_str()))
            .chain(self.recorded.iter().map(|r| r.commitment_id.as_str()))
            .chain(self.corrected.iter().map(|(id, _)| id.as_str()))
            .collect();
        for (original, translation) in &self.alignments {
            if ids.contains(original.as_str()) || ids.contains(translation.as_str()) {
                ids.insert(original.as_str());
                ids.insert(translation.as_str());
            }
        }
        ids
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The record as it stood on `day`: documents dated on or before it (undated ones cannot be
    /// placed, so they are left out) with their commitments, evidence and links; decisions and
    /// assessments made by then; meetings held by then. Nothing later can change a report.
    pub fn known_on(&self, day: Date) -> Record {
        let known = |date: Option<&str>| day_of(date).is_some_and(|d| d <= day);
        let documents: Vec<Document> =
            self.documents.iter().filter(|d| known(d.date.as_deref())).cloned().collect();
        let doc_ids: std::collections::HashSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        let commitments: Vec<Commitment> =
            self.commitments.iter().filter(|c| doc_ids.contains(c.document_id.as_str())).cloned().collect();
        let evidence: Vec<Evidence> =
            self.evidence.iter().filter(|e| doc_ids.contains(e.document_id.as_str())).cloned().collect();
        let c_ids: std::collections::HashSet<&str> = commitments.iter().map(|c| c.id.as_str()).collect();
        let e_ids: std::collections::HashSet<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
        let both = |e: &str, c: &str| e_ids.contains(e) && c_ids.contains(c);
        Record {
            partnership: self.partnership.clone(),
            sides: self.sides.clone(),
            organisations: self.organisations.clone(),
            bodies: self.bodies.clone(),
            pillars: self.pillars.clone(),
            meetings: self.meetings.iter().filter(|m| known(m.date.as_deref())).cloned().collect(),
            blocks: self
                .blocks
                .iter()
                .filter(|b| doc_ids.contains(b.document_id.as_str()))
                .cloned()
                .collect(),
            links: self.links.iter().filter(|l| both(&l.evidence_id, &l.commitment_id)).cloned().collect(),
            link_decisions: self
                .link_decisions
                .iter()
                .filter(|x| both(&x.evidence_id, &x.commitment_id) && known(x.decided_at.get(..10)))
                .cloned()
                .collect(),
            assessments: self
                .assessments
                .iter()
                .filter(|a| {
                    c_ids.contains(a.commitment_id.as_str())
                        && kizuna_core::assessment_counts_from(&a.made_on, &a.recorded_at)
                            .is_some_and(|d| d <= day)
                })
                .cloned()
                .collect(),
            audit_head: self.audit_head.clone(),
            corrected: self
                .corrected
                .iter()
                .filter(|(id, at)| c_ids.contains(id.as_str()) && known(at.get(..10)))
                .cloned()
                .collect(),
            recorded: self
                .recorded
                .iter()
                .filter(|r| {
                    c_ids.contains(r.commitment_id.as_str())
                        && known(Some(&r.date))
                        && known(r.recorded_at.get(..10))
                })
                .cloned()
                .collect(),
            alignments: self
                .alignments
                .iter()
                .filter(|(o, t)| c_ids.contains(o.as_str()) && c_ids.contains(t.as_str()))
                .cloned()
                .collect(),
            texts: self
                .texts
                .iter()
                .filter(|(id, _)| doc_ids.contains(id.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            documents,
            commitments,
            evidence,
        }
    }

    /// The status facts of each commitment: links not rejected by a person, each dated by its
    /// evidence's own date else its document's.
    pub fn facts(&self) -> HashMap<&str, Vec<EvidenceFact>> {
        self.published_facts()
            .into_iter()
            .map(|(id, facts)| (id, facts.into_iter().map(|(f, _)| f).collect()))
            .collect()
    }

    /// `per_commitment` shared across language versions: each version gets what any of them has.
    fn shared_by_versions<'a, T: Clone>(
        &'a self,
        per_commitment: HashMap<&'a str, Vec<T>>,
    ) -> HashMap<&'a str, Vec<T>> {
        let groups = kizuna_core::version_groups(&self.alignments);
        if groups.is_empty() {
            return per_commitment;
        }
        let mut out = per_commitment.clone();
        for (id, members) in &groups {
            let all: Vec<T> =
                members.iter().flat_map(|m| per_commitment.get(m).into_iter().flatten().cloned()).collect();
            out.insert(*id, all);
        }
        out
    }

    /// Commitments that translate another one in this record: listed with their original.
    pub fn translations(&self) -> std::collections::HashSet<&str> {
        let listed: std::collections::HashSet<&str> =
            self.commitments.iter().map(|c| c.id.as_str()).collect();
        self.alignments
            .iter()
            .filter(|(o, t)| listed.contains(o.as_str()) && listed.contains(t.as_str()))
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// [`Record::facts`] with the day each became known: its document's date.
    pub fn published_facts(&self) -> HashMap<&str, Vec<(EvidenceFact, Option<Date>)>> {
        let evidence: HashMap<&str, &Evidence> = self.evidence.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut out: HashMap<&str, Vec<(EvidenceFact, Option<Date>)>> = HashMap::new();
        for (evidence_id, commitment_id, relation) in self.counting_links() {
            let Some(e) = evidence.get(evidence_id) else { continue };
            let document_date = self.document(&e.document_id).and_then(|d| d.date.as_deref());
            if let Some(fact) = stored_fact(relation, e.date.as_deref(), document_date) {
                out.entry(commitment_id).or_default().push((fact, day_of(document_date)));
            }
        }
        for r in &self.recorded {
            if let Some(fact) = stored_fact(&r.relation, Some(&r.date), None) {
                let known = r.recorded_at.get(..10).and_then(|d| day_of(Some(d))).max(Some(fact.date));
                out.entry(r.commitment_id.as_str()).or_default().push((fact, known));
            }
        }
        self.shared_by_versions(out)
    }

    /// The links that count, as (evidence, commitment, relation): machine proposals by
    /// `kizuna_core::link_counts` with the relation a reviewer chose, and links reviewers made
    /// that the machine did not propose (the store's `effective_links`, over this record).
    pub fn counting_links(&self) -> Vec<(&str, &str, &str)> {
        let decided: HashMap<(&str, &str), &LinkDecision> = self
            .link_decisions
            .iter()
            .map(|x| ((x.evidence_id.as_str(), x.commitment_id.as_str()), x))
            .collect();
        let proposed: std::collections::HashSet<(&str, &str)> =
            self.links.iter().map(|l| (l.evidence_id.as_str(), l.commitment_id.as_str())).collect();
        let machine = self.links.iter().filter_map(|l| {
            let decision = decided.get(&(l.evidence_id.as_str(), l.commitment_id.as_str()));
            kizuna_core::link_counts(l.score, decision.map(|x| x.decision.as_str())).then(|| {
                let relation = decision.and_then(|x| x.relation.as_deref()).unwrap_or(&l.relation);
                (l.evidence_id.as_str(), l.commitment_id.as_str(), relation)
            })
        });
        let made_by_people = self
            .link_decisions
            .iter()
            .filter(|x| {
                x.decision == "accepted"
                    && !proposed.contains(&(x.evidence_id.as_str(), x.commitment_id.as_str()))
            })
            .map(|x| {
                (
                    x.evidence_id.as_str(),
                    x.commitment_id.as_str(),
                    x.relation.as_deref().unwrap_or("progress"),
                )
            });
        machine.chain(made_by_people).collect()
    }

    /// Human assessments of whole commitments (not of one side's part: those decide only that
    /// side's status), per commitment, as the rules take them (unreadable ones are skipped).
    pub fn core_assessments(&self) -> HashMap<&str, Vec<CoreAssessment>> {
        let mut out: HashMap<&str, Vec<CoreAssessment>> = HashMap::new();
        for a in self.assessments.iter().filter(|a| a.side_id.is_none()) {
            let made = kizuna_core::assessment_counts_from(&a.made_on, &a.recorded_at);
            if let (Some(status), Some(made)) = (Status::from_name(&a.status), made) {
                out.entry(a.commitment_id.as_str()).or_default().push(CoreAssessment { status, made });
            }
        }
        self.shared_by_versions(out)
    }

    /// The dates of the partnership's documents, oldest first: the days it reported.
    pub fn report_dates(&self) -> Vec<Date> {
        let mut dates: Vec<Date> = self.documents.iter().filter_map(|d| day_of(d.date.as_deref())).collect();
        dates.sort();
        dates.dedup();
        dates
    }

    /// The date the record is current to: its latest document's, or a later assessment's.
    pub fn current_to(&self) -> Option<Date> {
        let assessed = self
            .assessments
            .iter()
            .filter_map(|a| kizuna_core::assessment_counts_from(&a.made_on, &a.recorded_at));
        let recorded = self.recorded.iter().filter_map(|r| day_of(Some(&r.date)));
        self.report_dates().last().copied().into_iter().chain(assessed).chain(recorded).max()
    }

    /// The day figures are given for unless another is asked (`kizuna_core::headline_day`).
    pub fn headline_day(&self, today: Date) -> Date {
        kizuna_core::headline_day(self.current_to(), today)
    }

    /// Every commitment with its status on `day`, in document order.
    pub fn judged(&self, day: Date) -> Vec<Judged<'_>> {
        let facts = self.facts();
        let assessments = self.core_assessments();
        let reports = self.report_dates();
        let order: HashMap<&str, i64> = self.documents.iter().map(|d| (d.id.as_str(), d.position)).collect();
        let mut out: Vec<Judged<'_>> = self
            .commitments
            .iter()
            .filter_map(|c| {
                let document = self.document(&c.document_id)?;
                let made = day_of(document.date.as_deref());
                let stored =
                    StoredCommitment { kind: &c.kind, due: c.due.as_deref(), made, reports: &reports };
                let f = facts.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
                let a = assessments.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
                Some(Judged { commitment: c, document, made, status: stored.status_at(f, a, day) })
            })
            .collect();
        out.sort_by_key(|j| (order.get(j.document.id.as_str()).copied(), j.commitment.position));
        out
    }

    /// The day a piece of evidence counts from: its own date, else its document's.
    pub fn evidence_day(&self, e: &Evidence) -> Option<Date> {
        kizuna_core::stored::effective_date(
            e.date.as_deref(),
            self.document(&e.document_id).and_then(|d| d.date.as_deref()),
        )
    }
}
