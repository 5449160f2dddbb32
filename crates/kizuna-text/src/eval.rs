//! Measures an analysis against hand labels, as DESIGN.md defines it: matching by word tokens,
//! extraction precision and recall, link recall@1 and @3.

use std::collections::HashMap;

use serde::Deserialize;

use crate::analysis::{Analysis, CommitmentOut};

/// A labels file (`labels.toml`).
#[derive(Clone, Debug, Deserialize)]
pub struct Labels {
    #[serde(default, rename = "commitment")]
    pub commitments: Vec<CommitmentLabel>,
    #[serde(default, rename = "evidence")]
    pub evidence: Vec<EvidenceLabel>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CommitmentLabel {
    pub id: String,
    pub document: String,
    pub text: String,
    #[serde(default = "yes")]
    pub core: bool,
    pub kind: Option<String>,
    pub due: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EvidenceLabel {
    pub id: String,
    pub document: String,
    pub text: String,
    #[serde(default)]
    pub links: Vec<String>,
    pub relation: Option<String>,
    /// The event's own date, when the sentence states one.
    pub date: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, thiserror::Error)]
pub enum LabelsError {
    #[error("labels are not valid TOML of the expected shape: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("evidence label `{evidence}` links to unknown commitment label `{commitment}`")]
    UnknownLink { evidence: String, commitment: String },
}

impl Labels {
    pub fn parse(text: &str) -> Result<Labels, LabelsError> {
        let labels: Labels = toml::from_str(text)?;
        for e in &labels.evidence {
            if let Some(missing) = e.links.iter().find(|l| !labels.commitments.iter().any(|c| &c.id == *l)) {
                return Err(LabelsError::UnknownLink { evidence: e.id.clone(), commitment: missing.clone() });
            }
        }
        Ok(labels)
    }
}

/// The measures, and what was missed, for a person to look at.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub core_labels: usize,
    pub core_found: usize,
    pub predicted: usize,
    pub predicted_matching: usize,
    pub evidence_labels: usize,
    pub evidence_found: usize,
    pub hits_at_1: usize,
    pub hits_at_3: usize,
    pub kind_agree: usize,
    pub kind_compared: usize,
    pub due_agree: usize,
    pub due_compared: usize,
    /// Of the hits @3: the hit link's relation equals the labelled relation.
    pub relation_agree: usize,
    pub relation_compared: usize,
    /// Core commitment labels no prediction matched: (id, text).
    pub missed: Vec<(String, String)>,
    /// Predictions that match no label: (anchor, text).
    pub unmatched: Vec<(String, String)>,
    /// Evidence labels whose links were not found in the top 3: (id, why).
    pub missed_links: Vec<(String, String)>,
    /// Matched commitments whose kind or due date differs: (label id, labelled, predicted).
    pub field_misses: Vec<(String, String, String)>,
    /// Predictions kept as aims or context: not counted as commitments either way.
    pub set_apart: usize,
    pub statuses: crate::eval_status::StatusReport,
}

impl Report {
    pub fn recall(&self) -> f64 {
        ratio(self.core_found, self.core_labels)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_matching, self.predicted)
    }
    pub fn link_recall_at_1(&self) -> f64 {
        ratio(self.hits_at_1, self.evidence_labels)
    }
    pub fn link_recall_at_3(&self) -> f64 {
        ratio(self.hits_at_3, self.evidence_labels)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Word tokens, lower case, for matching.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(w.to_lowercase()).or_default() += 1;
    }
    counts
}

fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum()
}

fn size(a: &HashMap<String, usize>) -> usize {
    a.values().sum()
}

/// DESIGN.md's rule: the prediction holds ≥ 70% of the label's words and the label holds
/// ≥ 40% of the prediction's.
pub fn text_matches(predicted: &str, label: &str) -> bool {
    let (p, l) = (words(predicted), words(label));
    matches_words(&p, &l)
}

fn matches_words(p: &HashMap<String, usize>, l: &HashMap<String, usize>) -> bool {
    let common = overlap(p, l) as f64;
    size(l) > 0 && size(p) > 0 && common >= 0.7 * size(l) as f64 && common >= 0.4 * size(p) as f64
}

/// Scores `analysis` against `labels`. A label's `document` is matched to the analysed
/// document whose path ends with it.
pub fn evaluate(analysis: &Analysis, labels: &Labels) -> Report {
    let mut report = Report::default();
    let doc_of = |label_doc: &str| -> Option<&str> {
        analysis.documents.iter().find(|d| d.path.ends_with(label_doc)).map(|d| d.id.as_str())
    };
    let predicted_words: Vec<HashMap<String, usize>> =
        analysis.commitments.iter().map(|c| words(&c.text)).collect();
    let label_words: Vec<HashMap<String, usize>> =
        labels.commitments.iter().map(|l| words(&l.text)).collect();
    let label_doc: Vec<Option<&str>> = labels.commitments.iter().map(|l| doc_of(&l.document)).collect();
    // For each prediction, the labels it matches.
    let mut matched_labels: HashMap<&str, Vec<usize>> = HashMap::new();
    // Per label, the first prediction counted as a commitment that matches it.
    let mut found: Vec<Option<usize>> = vec![None; labels.commitments.len()];
    for (pi, c) in analysis.commitments.iter().enumerate() {
        let hits: Vec<usize> = (0..labels.commitments.len())
            .filter(|&li| {
                label_doc[li] == Some(c.document.as_str())
                    && matches_words(&predicted_words[pi], &label_words[li])
            })
            .collect();
        matched_labels.insert(c.id.as_str(), hits.clone());
        // Aims and context are shown apart from the commitments and left out of every count: a
        // real undertaking kept there is a miss, an aim kept there is no false commitment.
        if c.kind.set_apart() {
            report.set_apart += 1;
            continue;
        }
        report.predicted += 1;
        if hits.is_empty() {
            report.unmatched.push((c.anchor.clone(), c.text.clone()));
        } else {
            report.predicted_matching += 1;
            compare_fields(&mut report, c, &labels.commitments[hits[0]]);
            for &li in &hits {
                found[li].get_or_insert(pi);
            }
        }
    }
    for (li, label) in labels.commitments.iter().enumerate() {
        if !label.core {
            continue;
        }
        report.core_labels += 1;
        if found[li].is_some() {
            report.core_found += 1;
        } else {
            report.missed.push((label.id.clone(), label.text.clone()));
        }
    }
    report.statuses = crate::eval_status::compare(analysis, labels, &found);
    let label_index: HashMap<&str, usize> =
        labels.commitments.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    for label in labels.evidence.iter().filter(|e| !e.links.is_empty()) {
        report.evidence_labels += 1;
        let wanted: Vec<usize> =
            label.links.iter().filter_map(|l| label_index.get(l.as_str()).copied()).collect();
        let lw = words(&label.text);
        let doc = doc_of(&label.document);
        let found = analysis
            .evidence
            .iter()
            .filter(|e| Some(e.document.as_str()) == doc)
            .map(|e| {
                let ew = words(&e.text);
                (e, overlap(&ew, &lw), matches_words(&ew, &lw))
            })
            .filter(|(_, _, matches)| *matches)
            .max_by_key(|(_, o, _)| *o)
            .map(|(e, _, _)| e);
        let Some(evidence) = found else {
            report.missed_links.push((label.id.clone(), "no evidence item found for the sentence".into()));
            continue;
        };
        report.evidence_found += 1;
        let mut links = evidence.links.clone();
        links.sort_by(|a, b| b.score.total_cmp(&a.score));
        // A prediction's link, with the labels its target matches.
        let describe = |l: &crate::analysis::LinkOut| -> String {
            let names: Vec<&str> = matched_labels
                .get(l.commitment.as_str())
                .map(|hits| hits.iter().map(|&h| labels.commitments[h].id.as_str()).collect())
                .unwrap_or_default();
            format!("{} ({:.2}) = [{}]", l.commitment, l.score, names.join(", "))
        };
        // The rank of the first link that points at a commitment the label names.
        let rank = links.iter().position(|l| {
            matched_labels
                .get(l.commitment.as_str())
                .is_some_and(|hits| hits.iter().any(|h| wanted.contains(h)))
        });
        match rank {
            Some(0) => report.hits_at_1 += 1,
            Some(r) if r < 3 => report.missed_links.push((
                label.id.clone(),
                format!("@1 only: wanted {:?}, first {}", label.links, describe(&links[0])),
            )),
            _ => {}
        }
        match rank.filter(|&r| r < 3) {
            Some(r) => {
                report.hits_at_3 += 1;
                if let Some(relation) = &label.relation {
                    report.relation_compared += 1;
                    if links[r].relation.as_str() == relation {
                        report.relation_agree += 1;
                    }
                }
            }
            None => {
                let got: Vec<String> = links.iter().map(describe).collect();
                report
                    .missed_links
                    .push((label.id.clone(), format!("wanted {:?}, got {}", label.links, got.join("; "))));
            }
        }
    }
    report
}

fn compare_fields(report: &mut Report, predicted: &CommitmentOut, label: &CommitmentLabel) {
    if let Some(kind) = &label.kind {
        report.kind_compared += 1;
        if predicted.kind.as_str() == kind {
            report.kind_agree += 1;
        } else {
            let miss = (label.id.clone(), format!("kind {kind}"), predicted.kind.as_str().to_owned());
            report.field_misses.push(miss);
        }
    }
    if label.due.is_some() || predicted.due.is_some() {
        report.due_compared += 1;
        let due = predicted.due.map(|d| d.to_string());
        if due == label.due {
            report.due_agree += 1;
        } else {
            let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
            report.field_misses.push((label.id.clone(), format!("due {}", shown(&label.due)), shown(&due)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_follows_the_word_rule() {
        let label = "Develop joint R&D initiatives to support the development of interoperable technologies, such as Open RAN and vRAN;";
        assert!(text_matches(label, label));
        let with_lead_in = format!("Both Participants will work together on multiple fronts to: {label}");
        assert!(text_matches(&with_lead_in, label), "a list item with its lead-in still matches");
        let paragraph = format!(
            "{label} {label} Share information. Discuss ways. Explore areas of cooperation between testing labs. Realise value of a resilient supply chain, facilitation of innovation, energy efficiency and robust security."
        );
        assert!(!text_matches(&paragraph, label), "a whole paragraph does not");
        assert!(!text_matches("Develop joint R&D initiatives", label));
    }

    #[test]
    fn unknown_links_are_refused() {
        let text = r#"
[[commitment]]
id = "a"
document = "x.md"
text = "will do"

[[evidence]]
id = "e"
document = "y.md"
text = "did"
links = ["b"]
"#;
        let e = Labels::parse(text).unwrap_err().to_string();
        assert!(e.contains("unknown commitment label `b`"), "{e}");
    }
}
