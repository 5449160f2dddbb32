//! `kizuna import`: an open-data export (CSV or JSON, with its datapackage.json) back into the
//! store. The partnership's framework goes in first, then each document with its commitments,
//! evidence and links in a transaction of its own (`Store::ingest`), then people's decisions and
//! assessments in one more: a garbled export is refused before anything is written, and a
//! failure part-way leaves whole documents only.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_core::manifest::{Body, Meeting, Organisation, PartnershipInfo, Pillar, Side};
use kizuna_core::{Clock, Manifest, Period, SystemClock};
use kizuna_report::Record;
use kizuna_store::{
    AssessmentRow, BlockRow, CommitmentRow, DocumentRecord, DocumentRow, EvidenceRow, LinkDecisionRow,
    LinkRow, PartnershipRecord,
};

use super::ingest::open_store;

pub async fn run(database_url: &str, dir: &Path) -> Result<ExitCode> {
    if !dir.is_dir() {
        bail!("{}: not a folder (expected an export made by `kizuna export`)", dir.display());
    }
    let record = kizuna_report::export::import(&|path: &str| std::fs::read(dir.join(path)))
        .with_context(|| format!("reading the export in {}", dir.display()))?;
    let (partnership, decisions, assessments) =
        store_rows(&record).with_context(|| format!("in the export in {}", dir.display()))?;
    let store = open_store(database_url).await?;
    let report = store
        .ingest(&partnership, SystemClock.now())
        .await
        .with_context(|| format!("storing {}", record.partnership.id))?;
    store
        .restore_decisions(&decisions, &assessments, &kizuna_web::stamp(SystemClock.now()))
        .await
        .with_context(|| format!("storing the decisions and assessments of {}", record.partnership.id))?;
    store.close().await;
    println!(
        "{}: {} documents added ({} commitments, {} evidence items), {} unchanged; {} link decisions, {} assessments — {} store",
        record.partnership.name,
        report.documents_added,
        report.commitments_added,
        report.evidence_added,
        report.documents_unchanged,
        decisions.len(),
        assessments.len(),
        store.backend()
    );
    Ok(ExitCode::SUCCESS)
}

fn period(value: &Option<String>, what: &str) -> Result<Option<Period>> {
    value.as_deref().map(|v| v.parse::<Period>().with_context(|| what.to_owned())).transpose()
}

/// The store's rows of an imported record: everything exported is public.
fn store_rows(r: &Record) -> Result<(PartnershipRecord, Vec<LinkDecisionRow>, Vec<AssessmentRow>)> {
    let manifest = manifest_of(r)?;
    let p = &r.partnership;
    let mut documents: Vec<&kizuna_report::record::Document> = r.documents.iter().collect();
    documents.sort_by_key(|d| d.position);
    let documents = documents
        .into_iter()
        .map(|d| {
            let text = r.texts.get(&d.id).with_context(|| format!("documents: `{}` has no text", d.id))?;
            let evidence: Vec<EvidenceRow> = r
                .evidence
                .iter()
                .filter(|e| e.document_id == d.id)
                .map(|e| EvidenceRow {
                    id: e.id.clone(),
                    document_id: e.document_id.clone(),
                    position: e.position,
                    anchor: e.anchor.clone(),
                    text: e.text.clone(),
                    date: e.date.clone(),
                    concrete: e.concrete,
                    span_start: e.span_start,
                    span_end: e.span_end,
                    handling: "public".into(),
                    version: e.version,
                })
                .collect();
            Ok(DocumentRecord {
                document: DocumentRow {
                    id: d.id.clone(),
                    partnership_id: p.id.clone(),
                    position: d.position,
                    path: d.path.clone(),
                    title: d.title.clone(),
                    date: d.date.clone(),
                    kind: d.kind.clone(),
                    language: d.language.clone(),
                    url: d.url.clone(),
                    meeting_id: d.meeting_id.clone(),
                    handling: "public".into(),
                },
                original: text.original.clone(),
                normalised: text.normalised.clone(),
                blocks: r
                    .blocks
                    .iter()
                    .filter(|b| b.document_id == d.id)
                    .map(|b| BlockRow {
                        position: b.position,
                        kind: b.kind.clone(),
                        level: b.level,
                        anchor: b.anchor.clone(),
                        span_start: b.span_start,
                        span_end: b.span_end,
                    })
                    .collect(),
                commitments: r
                    .commitments
                    .iter()
                    .filter(|c| c.document_id == d.id)
                    .map(|c| CommitmentRow {
                        id: c.id.clone(),
                        document_id: c.document_id.clone(),
                        position: c.position,
                        anchor: c.anchor.clone(),
                        text: c.text.clone(),
                        area: c.area.clone(),
                        // The view lays the pillar over from the manifest's areas.
                        pillar: None,
                        kind: c.kind.clone(),
                        strength: c.strength.clone(),
                        due: c.due.clone(),
                        due_end: c.due_end.clone(),
                        lead_in: c.lead_in.clone(),
                        actors: c.actors.clone().into(),
                        span_start: c.span_start,
                        span_end: c.span_end,
                        handling: "public".into(),
                        version: c.version,
                    })
                    .collect(),
                links: r
                    .links
                    .iter()
                    .filter(|l| evidence.iter().any(|e| e.id == l.evidence_id))
                    .map(|l| LinkRow {
                        evidence_id: l.evidence_id.clone(),
                        commitment_id: l.commitment_id.clone(),
                        rank: l.rank,
                        score: l.score,
                        relation: l.relation.clone(),
                    })
                    .collect(),
                evidence,
                // Parallel versions are not part of the open-data tables yet.
                alignments: Vec::new(),
            })
        })
        .collect::<Result<_>>()?;
    let decisions = r
        .link_decisions
        .iter()
        .map(|x| LinkDecisionRow {
            evidence_id: x.evidence_id.clone(),
            commitment_id: x.commitment_id.clone(),
            decision: x.decision.clone(),
            relation: x.relation.clone(),
            decided_by: x.decided_by.clone(),
            decided_at: x.decided_at.clone(),
            rationale: x.rationale.clone(),
            version: x.version,
        })
        .collect();
    let assessments = r
        .assessments
        .iter()
        .map(|a| AssessmentRow {
            id: a.id.clone(),
            commitment_id: a.commitment_id.clone(),
            side_id: a.side_id.clone(),
            status: a.status.clone(),
            rationale: a.rationale.clone(),
            made_on: a.made_on.clone(),
            made_by: a.made_by.clone(),
            recorded_at: a.recorded_at.clone(),
        })
        .collect();
    Ok((PartnershipRecord { manifest, documents }, decisions, assessments))
}

/// The partnership's framework (sides, organisations, bodies, meetings) as a manifest without
/// documents.
pub fn manifest_of(r: &Record) -> Result<Manifest> {
    let p = &r.partnership;
    Ok(Manifest {
        partnership: PartnershipInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            name_ja: p.name_ja.clone(),
            established: period(&p.established, "partnership.established")?,
            description: None,
            pillars: Vec::new(),
        },
        sides: r
            .sides
            .iter()
            .map(|s| Side { id: s.id.clone(), name: s.name.clone(), name_ja: s.name_ja.clone() })
            .collect(),
        organisations: r
            .organisations
            .iter()
            .map(|o| {
                Ok(Organisation {
                    id: o.id.clone(),
                    side: o.side_id.clone(),
                    name: o.name.clone(),
                    name_ja: o.name_ja.clone(),
                    acronym: o.acronym.clone(),
                    aliases: o.aliases.clone(),
                    since: period(&o.since, &format!("organisations: `{}` since", o.id))?,
                    until: period(&o.until, &format!("organisations: `{}` until", o.id))?,
                    succeeded_by: o.succeeded_by.clone(),
                    kind: None,
                    note: None,
                })
            })
            .collect::<Result<_>>()?,
        bodies: r
            .bodies
            .iter()
            .map(|b| Body {
                id: b.id.clone(),
                name: b.name.clone(),
                name_ja: b.name_ja.clone(),
                aliases: Vec::new(),
                level: b.level.clone(),
                cadence: b.cadence.clone(),
                kind: b.kind.clone(),
                established: None,
                note: None,
            })
            .collect(),
        meetings: r
            .meetings
            .iter()
            .map(|m| {
                Ok(Meeting {
                    id: m.id.clone(),
                    body: m.body_id.clone(),
                    date: period(&m.date, &format!("meetings: `{}` date", m.id))?,
                    format: m.format.clone(),
                    title: m.title.clone(),
                    title_ja: m.title_ja.clone(),
                    location: None,
                    documents: Vec::new(),
                    note: None,
                })
            })
            .collect::<Result<_>>()?,
        documents: Vec::new(),
        pillars: r
            .pillars
            .iter()
            .map(|p| Pillar {
                id: p.id.clone(),
                name: p.name.clone(),
                name_ja: p.name_ja.clone(),
                areas: p.areas.clone(),
            })
            .collect(),
    })
}
