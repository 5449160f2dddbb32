//! From an analysed dataset to the rows the store keeps.

use kizuna_core::Manifest;
use kizuna_store::{
    BlockRow, CommitmentRow, DocumentRecord, DocumentRow, EvidenceRow, LinkRow, PartnershipRecord,
};
use kizuna_text::Analysis;
use kizuna_text::structure::BlockKind;

use crate::dataset::LoadedFile;

/// The store's view of `analysis`, made from `files` (in the analysis' order) as the manifest
/// describes them.
pub fn partnership_record(
    manifest: &Manifest,
    files: &[LoadedFile],
    analysis: &Analysis,
) -> PartnershipRecord {
    let partnership = &manifest.partnership.id;
    let documents = analysis
        .documents
        .iter()
        .zip(files)
        .zip(&analysis.structured)
        .enumerate()
        .map(|(position, ((doc, file), structured))| {
            let entry = manifest.documents.iter().find(|e| file.path.ends_with(&e.file));
            let document = DocumentRow {
                id: doc.sha256.clone(),
                partnership_id: partnership.clone(),
                position: position as i64,
                path: entry.map_or_else(|| file.path.display().to_string(), |e| e.file.clone()),
                title: doc.title.clone(),
                date: doc.date.map(|d| d.to_string()),
                kind: entry.and_then(|e| e.kind.clone()),
                language: doc.language.code().to_owned(),
                url: entry.and_then(|e| e.url.clone()),
                meeting_id: entry.and_then(|e| e.meeting.clone()),
                handling: "public".into(),
            };
            let blocks = structured
                .blocks
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let (kind, level) = match &b.kind {
                        BlockKind::Heading { level, .. } => ("heading", Some(i64::from(*level))),
                        BlockKind::Paragraph => ("paragraph", None),
                        BlockKind::Item(_) => ("item", None),
                        BlockKind::Footnote => ("footnote", None),
                    };
                    BlockRow {
                        position: i as i64,
                        kind: kind.into(),
                        level,
                        anchor: b.anchor.clone(),
                        span_start: b.span.start as i64,
                        span_end: b.span.end as i64,
                    }
                })
                .collect();
            let commitments = analysis
                .commitments
                .iter()
                .filter(|c| c.document == doc.id)
                .enumerate()
                .map(|(i, c)| CommitmentRow {
                    id: c.id.clone(),
                    document_id: doc.sha256.clone(),
                    position: i as i64,
                    anchor: c.anchor.clone(),
                    text: c.text.clone(),
                    area: c.area.clone(),
                    pillar: None,
                    kind: c.kind.as_str().into(),
                    strength: c.strength.as_str().into(),
                    due: c.due.map(|d| d.to_string()),
                    due_end: c.due.map(|d| d.end().to_string()),
                    lead_in: c.lead_in.clone(),
                    actors: c.actors.clone().into(),
                    span_start: c.span[0] as i64,
                    span_end: c.span[1] as i64,
                    handling: "public".into(),
                    version: 1,
                })
                .collect();
            let own_evidence: Vec<_> = analysis.evidence.iter().filter(|e| e.document == doc.id).collect();
            let evidence = own_evidence
                .iter()
                .enumerate()
                .map(|(i, e)| EvidenceRow {
                    id: e.id.clone(),
                    document_id: doc.sha256.clone(),
                    position: i as i64,
                    anchor: e.anchor.clone(),
                    text: e.text.clone(),
                    date: e.date.map(|d| d.to_string()),
                    concrete: e.concrete,
                    span_start: e.span[0] as i64,
                    span_end: e.span[1] as i64,
                    handling: "public".into(),
                    version: 1,
                })
                .collect();
            let links = own_evidence
                .iter()
                .flat_map(|e| {
                    e.links.iter().enumerate().map(|(rank, l)| LinkRow {
                        evidence_id: e.id.clone(),
                        commitment_id: l.commitment.clone(),
                        rank: rank as i64,
                        // f32 → f64 would add digits the analysis never had.
                        score: (f64::from(l.score) * 1000.0).round() / 1000.0,
                        relation: l.relation.as_str().into(),
                    })
                })
                .collect();
            DocumentRecord {
                document,
                original: file.bytes.clone(),
                normalised: structured.text.clone(),
                blocks,
                commitments,
                evidence,
                links,
                alignments: alignments(files, analysis, entry, &doc.id),
            }
        })
        .collect();
    PartnershipRecord { manifest: manifest.clone(), documents }
}

/// When the manifest says the document `id` (described by `entry`) translates another, its
/// commitments paired with those of the original.
fn alignments(
    files: &[LoadedFile],
    analysis: &Analysis,
    entry: Option<&kizuna_core::manifest::DocumentEntry>,
    id: &str,
) -> Vec<(String, String)> {
    let Some(original_file) = entry.and_then(|e| e.translation_of.as_deref()) else { return Vec::new() };
    let original = files
        .iter()
        .zip(&analysis.documents)
        .find(|(f, _)| f.path.ends_with(original_file))
        .map(|(_, d)| d.id.as_str());
    let Some(original) = original else { return Vec::new() };
    let of = |doc: &str| -> Vec<kizuna_text::analysis::CommitmentOut> {
        analysis.commitments.iter().filter(|c| c.document == doc).cloned().collect()
    };
    kizuna_text::align::align(&of(original), &of(id))
}
