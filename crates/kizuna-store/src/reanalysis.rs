//! A new reading of documents already stored (a newer engine, a changed manifest): the engine's
//! rows of each document whose reading changed are replaced, in one transaction with the rest,
//! and every decision people made about them is carried to the passage its words went to
//! (`kizuna_core::carry`). A decision that cannot be carried is kept whole as an orphaned
//! decision for a reviewer; nothing a person wrote is ever dropped. What people added to the
//! engine's tables (commitments from a passage, merges, separations) is theirs and stays.

use std::collections::{BTreeMap, HashMap, HashSet};

use kizuna_core::carry::{Passage, carry};
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audit::{Pending, append_audit, lock_audit_head};
use crate::ingest::insert_reading;
use crate::kept::{Kept, Target, drop_kept, put_kept, take_kept};
use crate::{
    BlockRow, CommitmentRow, DocumentRecord, EvidenceRow, LinkRow, PartnershipRecord, Store, StoreError,
    on_pool,
};

/// What a re-reading changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reanalysis {
    /// Stored documents the record read again.
    pub documents_read: usize,
    /// Those whose reading differed, so that their engine rows were replaced.
    pub documents_changed: Vec<String>,
    pub commitments_before: usize,
    pub commitments_after: usize,
    pub evidence_before: usize,
    pub evidence_after: usize,
    /// People's decisions now on the passage their words went to.
    pub decisions_carried: usize,
    /// Decisions kept for a reviewer (`Store::orphaned_decisions`).
    pub decisions_orphaned: usize,
}

/// The engine's rows of one stored document, as read back.
struct StoredReading {
    normalised: String,
    blocks: Vec<BlockRow>,
    commitments: Vec<CommitmentRow>,
    evidence: Vec<EvidenceRow>,
    links: Vec<LinkRow>,
    alignments: Vec<(String, String)>,
}

impl StoredReading {
    /// Whether `new` reads the document as this does (people's handling marks and versions
    /// aside, and leaving out pairings a person undid).
    fn same_as(&self, new: &DocumentRecord, separated: &HashSet<(String, String)>) -> bool {
        let engine_c = |c: &CommitmentRow| CommitmentRow { handling: String::new(), version: 0, ..c.clone() };
        let engine_e = |e: &EvidenceRow| EvidenceRow { handling: String::new(), version: 0, ..e.clone() };
        let mut links = new.links.clone();
        links.sort_by(|a, b| (&a.evidence_id, &a.commitment_id).cmp(&(&b.evidence_id, &b.commitment_id)));
        let mut pairs: Vec<_> = new.alignments.iter().filter(|p| !separated.contains(*p)).cloned().collect();
        pairs.sort();
        self.normalised == new.normalised
            && self.blocks == new.blocks
            && self.commitments.iter().map(engine_c).eq(new.commitments.iter().map(engine_c))
            && self.evidence.iter().map(engine_e).eq(new.evidence.iter().map(engine_e))
            && self.links == links
            && self.alignments == pairs
    }
}

/// Old passages of the documents read again, and where each went.
struct Carried {
    commitments: BTreeMap<String, String>,
    evidence: BTreeMap<String, String>,
    old_commitments: HashMap<String, CommitmentRow>,
    old_evidence: HashMap<String, EvidenceRow>,
}

fn passage_c(c: &CommitmentRow) -> Passage<'_> {
    Passage { id: &c.id, document: &c.document_id, anchor: &c.anchor, text: &c.text }
}

fn passage_e(e: &EvidenceRow) -> Passage<'_> {
    Passage { id: &e.id, document: &e.document_id, anchor: &e.anchor, text: &e.text }
}

impl Carried {
    fn new(changed: &[(&DocumentRecord, StoredReading)]) -> Carried {
        let old_c: Vec<_> =
            changed.iter().flat_map(|(_, old)| old.commitments.iter().map(passage_c)).collect();
        let new_c: Vec<_> = changed.iter().flat_map(|(d, _)| d.commitments.iter().map(passage_c)).collect();
        let old_e: Vec<_> = changed.iter().flat_map(|(_, old)| old.evidence.iter().map(passage_e)).collect();
        let new_e: Vec<_> = changed.iter().flat_map(|(d, _)| d.evidence.iter().map(passage_e)).collect();
        Carried {
            commitments: carry(&old_c, &new_c),
            evidence: carry(&old_e, &new_e),
            old_commitments: changed
                .iter()
                .flat_map(|(_, old)| old.commitments.iter().map(|c| (c.id.clone(), c.clone())))
                .collect(),
            old_evidence: changed
                .iter()
                .flat_map(|(_, old)| old.evidence.iter().map(|e| (e.id.clone(), e.clone())))
                .collect(),
        }
    }

    /// `kept` with each id of a re-read passage replaced by the one its words went to, and
    /// whether every one went somewhere (the ids that did not are left as they were).
    fn remap(&self, kept: &Kept) -> (Kept, bool) {
        let mut moved = kept.clone();
        let mut whole = true;
        for (id, target) in moved.ids_mut() {
            let (old, map) = match target {
                Target::Commitment => (self.old_commitments.contains_key(id.as_str()), &self.commitments),
                Target::Evidence => (self.old_evidence.contains_key(id.as_str()), &self.evidence),
            };
            match map.get(id.as_str()) {
                Some(new) if old => *id = new.clone(),
                None if old => whole = false,
                _ => {}
            }
        }
        (moved, whole)
    }

    /// The new reading of `d` with people's marks carried onto each passage (`carry_marks`),
    /// without the pairings a person undid.
    fn marked(&self, d: &DocumentRecord, separated: &HashSet<(String, String)>) -> DocumentRecord {
        let mut d = d.clone();
        for c in &mut d.commitments {
            carry_marks(c, &self.commitments, &self.old_commitments);
        }
        for e in &mut d.evidence {
            carry_marks(e, &self.evidence, &self.old_evidence);
        }
        d.alignments.retain(|p| !separated.contains(p));
        d
    }

    fn text_of(&self, id: Option<&str>, target: Target) -> Option<String> {
        let id = id?;
        match target {
            Target::Commitment => self.old_commitments.get(id).map(|c| c.text.clone()),
            Target::Evidence => self.old_evidence.get(id).map(|e| e.text.clone()),
        }
    }
}

/// A commitment or evidence row, as people's marks are carried from old rows to new.
trait Passaged {
    fn id(&self) -> &str;
    /// Document and span.
    fn place(&self) -> (&str, i64, i64);
    fn marks(&self) -> (&str, i64);
    fn marks_mut(&mut self) -> (&mut String, &mut i64);
}

macro_rules! passaged {
    ($row:ty) => {
        impl Passaged for $row {
            fn id(&self) -> &str {
                &self.id
            }
            fn place(&self) -> (&str, i64, i64) {
                (&self.document_id, self.span_start, self.span_end)
            }
            fn marks(&self) -> (&str, i64) {
                (&self.handling, self.version)
            }
            fn marks_mut(&mut self) -> (&mut String, &mut i64) {
                (&mut self.handling, &mut self.version)
            }
        }
    };
}
passaged!(CommitmentRow);
passaged!(EvidenceRow);

/// Marks `new` restricted when any old row carried to it was, or when a restricted old row
/// carried nowhere shared any of its span (no restricted word may come out in the open), and
/// gives it the highest version of the rows carried to it, so that forms opened before still
/// apply. `carried` maps old ids to new; `old` holds the old rows.
fn carry_marks<R: Passaged>(new: &mut R, carried: &BTreeMap<String, String>, old: &HashMap<String, R>) {
    let (document, start, end) = new.place();
    let from: Vec<&R> =
        carried.iter().filter(|(_, n)| n.as_str() == new.id()).filter_map(|(o, _)| old.get(o)).collect();
    let lost = old.values().filter(|o| {
        let (d, s, e) = o.place();
        !carried.contains_key(o.id()) && d == document && s < end && start < e
    });
    let restricted = from.iter().copied().chain(lost).any(|o| o.marks().0 == "restricted");
    let version = from.iter().map(|o| o.marks().1).max();
    let (handling, own_version) = new.marks_mut();
    if restricted {
        *handling = "restricted".into();
    }
    if let Some(v) = version {
        *own_version = v;
    }
}

/// Reads back the engine's rows of stored document `$id` in transaction `$tx`; `None` when
/// the document is not stored.
macro_rules! read_stored {
    ($tx:ident, $id:expr) => {{
        let normalised: Option<(String,)> =
            sqlx::query_as("SELECT normalised FROM documents WHERE id = $1").bind($id).fetch_optional(&mut *$tx).await?;
        match normalised {
            None => None,
            Some((normalised,)) => Some(StoredReading {
                normalised,
                blocks: sqlx::query_as(
                    "SELECT position, kind, level, anchor, span_start, span_end FROM blocks
                     WHERE document_id = $1 ORDER BY position",
                )
                .bind($id).fetch_all(&mut *$tx).await?,
                commitments: sqlx::query_as(
                    "SELECT id, document_id, position, anchor, text, area, CAST(NULL AS TEXT) AS pillar, kind, strength,
                            due, due_end, lead_in, actors, span_start, span_end, handling, version
                     FROM commitments WHERE document_id = $1 AND added_by IS NULL ORDER BY position",
                )
                .bind($id).fetch_all(&mut *$tx).await?,
                evidence: sqlx::query_as(
                    "SELECT id, document_id, position, anchor, text, date, concrete, span_start, span_end, handling,
                            version
                     FROM evidence WHERE document_id = $1 ORDER BY position",
                )
                .bind($id).fetch_all(&mut *$tx).await?,
                links: sqlx::query_as(
                    "SELECT l.evidence_id, l.commitment_id, l.rank, l.score, l.relation FROM link_proposals l
                     JOIN evidence e ON e.id = l.evidence_id WHERE e.document_id = $1
                     ORDER BY l.evidence_id, l.commitment_id",
                )
                .bind($id).fetch_all(&mut *$tx).await?,
                alignments: sqlx::query_as(
                    "SELECT a.original_id, a.translation_id FROM alignments a
                     JOIN commitments c ON c.id = a.translation_id
                     WHERE c.document_id = $1 AND a.made_by IS NULL ORDER BY a.original_id, a.translation_id",
                )
                .bind($id).fetch_all(&mut *$tx).await?,
            }),
        }
    }};
}

/// Stores `$kept` (which could not be carried; `$moved` as far as it could) as an orphaned decision of `$partnership` in
/// transaction `$tx`, and returns its audit event.
macro_rules! orphan {
    ($tx:ident, $partnership:expr, $kept:expr, $moved:expr, $carried:expr, $at:expr) => {{
        let k: &Kept = $kept;
        // As far as it could be carried: a link decision whose evidence went on keeps the new id.
        let payload = serde_json::to_string($moved).unwrap_or_default();
        let (commitment, evidence) = k.targets();
        let (by, when) = k.decided();
        let id = format!("o-{}", &crate::edits::new_id(&format!("{payload}\n{}", $at))[..16]);
        sqlx::query(
            "INSERT INTO orphaned_decisions (id, partnership_id, kind, commitment_id, commitment_text, evidence_id,
               evidence_text, decided_by, decided_at, payload, orphaned_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id).bind($partnership).bind(k.kind())
        .bind(&commitment).bind($carried.text_of(commitment.as_deref(), Target::Commitment))
        .bind(&evidence).bind($carried.text_of(evidence.as_deref(), Target::Evidence))
        .bind(by).bind(when).bind(&payload).bind($at)
        .execute(&mut *$tx).await?;
        Pending {
            action: "decision.orphan",
            entity: format!("orphan:{id}"),
            before: None,
            after: serde_json::from_str(&payload).ok(),
            partnership: None,
            summary: format!("{} kept for review: its passage is gone from the new reading", k.kind()),
        }
    }};
}

impl Store {
    /// Reads the stored documents of `record` again as `record` reads them, on behalf of
    /// `actor`; documents `record` holds that are not stored are left to `ingest`.
    pub async fn reanalyse(
        &self,
        record: &PartnershipRecord,
        now: OffsetDateTime,
        actor: &str,
    ) -> Result<Reanalysis, StoreError> {
        let at = now.format(&Rfc3339).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let partnership = &record.manifest.partnership.id;
        let report = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let head = lock_audit_head!(tx);
            let separated: HashSet<(String, String)> =
                sqlx::query_as::<_, (String, String)>("SELECT original_id, translation_id FROM separations")
                    .fetch_all(&mut *tx).await?.into_iter().collect();
            let mut report = Reanalysis::default();
            let mut changed = Vec::new();
            for d in &record.documents {
                let Some(stored) = read_stored!(tx, &d.document.id) else { continue };
                report.documents_read += 1;
                if !stored.same_as(d, &separated) {
                    changed.push((d, stored));
                }
            }
            if changed.is_empty() {
                tx.rollback().await?;
                return Ok(report);
            }
            let carried = Carried::new(&changed);
            let mut kept: Vec<Kept> = Vec::new();
            for (d, _) in &changed {
                take_kept!(tx, &d.document.id, kept);
            }
            // The engine's rows of documents read again come from their new reading; only what
            // a document left as it was says of a re-read one is carried.
            kept.retain(|k| match k {
                Kept::Proposal(l) => !carried.old_evidence.contains_key(&l.evidence_id),
                Kept::EnginePairing(p) => !carried.old_commitments.contains_key(&p.translation_id),
                _ => true,
            });
            let kept: Vec<Kept> = kept
                .into_iter()
                .map(|k| (serde_json::to_string(&k).unwrap_or_default(), k))
                .collect::<BTreeMap<_, _>>()
                .into_values()
                .collect();
            for k in &kept {
                drop_kept!(tx, k);
            }
            let separated: HashSet<(String, String)> = separated
                .into_iter()
                .chain(kept.iter().filter_map(|k| match carried.remap(k) {
                    (Kept::Separation(p), true) => Some((p.original_id, p.translation_id)),
                    _ => None,
                }))
                .collect();
            for (d, old) in &changed {
                let id = &d.document.id;
                sqlx::query("DELETE FROM commitments WHERE document_id = $1 AND added_by IS NULL").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM evidence WHERE document_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM blocks WHERE document_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("UPDATE documents SET normalised = $2 WHERE id = $1").bind(id).bind(&d.normalised).execute(&mut *tx).await?;
                let new = carried.marked(d, &separated);
                insert_reading!(tx, new);
                report.documents_changed.push(d.document.title.clone());
                report.commitments_before += old.commitments.len();
                report.evidence_before += old.evidence.len();
                report.commitments_after += d.commitments.len();
                report.evidence_after += d.evidence.len();
            }
            let mut pending = Vec::new();
            for k in &kept {
                let (moved, whole) = carried.remap(k);
                let placed = whole && put_kept!(tx, &moved);
                if !k.is_decision() {
                    continue;
                }
                if placed {
                    report.decisions_carried += 1;
                    continue;
                }
                report.decisions_orphaned += 1;
                pending.push(orphan!(tx, partnership, k, &moved, carried, &at));
            }
            pending.push(Pending {
                action: "partnership.reanalyse",
                entity: format!("partnership:{partnership}"),
                before: Some(json!({"commitments": report.commitments_before, "evidence": report.evidence_before})),
                after: Some(json!({
                    "documents": report.documents_changed, "commitments": report.commitments_after,
                    "evidence": report.evidence_after, "carried": report.decisions_carried,
                    "orphaned": report.decisions_orphaned,
                })),
                partnership: Some(partnership.clone()),
                summary: format!(
                    "{} documents read again: {} decisions carried, {} kept for review",
                    report.documents_changed.len(),
                    report.decisions_carried,
                    report.decisions_orphaned
                ),
            });
            append_audit!(tx, head, pending, actor, &at);
            tx.commit().await?;
            report
        });
        Ok(report)
    }
}
