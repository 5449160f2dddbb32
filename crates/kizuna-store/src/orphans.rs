//! Decisions a re-reading could not carry (`reanalysis`), listed for reviewers, and what a
//! reviewer does with each: put it on the commitment it now belongs to, or set it aside with a
//! reason. Either way the orphan row stays, resolved, as the record of what happened.

use serde::Serialize;
use serde_json::json;

use crate::audit::{Pending, append_audit, lock_audit_head};
use crate::kept::{Kept, Target, put_kept};
use crate::{Store, StoreError, on_pool};

#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct OrphanRow {
    pub id: String,
    pub partnership_id: String,
    /// `link_decision`, `assessment`, `recorded_evidence`, `note`, `correction`, `follow`,
    /// `merge` or `separation`.
    pub kind: String,
    /// The commitment it was about, as the earlier reading had it (gone from the record).
    pub commitment_id: Option<String>,
    pub commitment_text: Option<String>,
    pub evidence_id: Option<String>,
    pub evidence_text: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
    /// The decision's row as it was stored, as JSON.
    pub payload: String,
    pub orphaned_at: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

impl OrphanRow {
    /// The words of the decision itself (a rationale, a note, a status), for a reviewer.
    pub fn gist(&self) -> String {
        let Ok(kept) = serde_json::from_str::<Kept>(&self.payload) else { return String::new() };
        match kept {
            Kept::LinkDecision(r) => {
                format!("{} ({})", r.decision, r.relation.unwrap_or_default())
                    + &r.rationale.map(|t| format!(": {t}")).unwrap_or_default()
            }
            Kept::Assessment(r) => format!("{}: {}", r.status, r.rationale),
            Kept::RecordedEvidence(r) => format!("{} ({}, {})", r.text, r.relation, r.date),
            Kept::Note(r) => r.text,
            Kept::Correction(r) => r.reason.or(r.area).or(r.kind).unwrap_or_else(|| "due date".into()),
            Kept::Follow(_) => "followed".into(),
            Kept::Merge(r) | Kept::Separation(r) | Kept::EnginePairing(r) => {
                format!("{} / {}", r.original_id, r.translation_id)
            }
            Kept::Proposal(r) => r.relation,
        }
    }

    /// Whether it can be put on another commitment (a pairing names two and cannot).
    pub fn attachable(&self) -> bool {
        !matches!(self.kind.as_str(), "merge" | "separation")
    }
}

/// What a reviewer does with an orphaned decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrphanResolution {
    /// It is about this commitment of the new reading.
    Attach { commitment_id: String },
    /// It no longer applies, for this reason.
    Dismiss { reason: String },
}

const COLUMNS: &str = "id, partnership_id, kind, commitment_id, commitment_text, evidence_id, evidence_text,
    decided_by, decided_at, payload, orphaned_at, resolved_by, resolved_at, resolution";

impl Store {
    /// A partnership's orphaned decisions, oldest first; resolved ones only when asked.
    pub async fn orphaned_decisions(
        &self,
        partnership: &str,
        resolved_too: bool,
    ) -> Result<Vec<OrphanRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM orphaned_decisions WHERE partnership_id = $1 AND ($2 OR resolved_at IS NULL)
             ORDER BY orphaned_at, id"
        );
        let rows = on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).bind(resolved_too).fetch_all(pool).await?);
        Ok(rows)
    }

    /// Resolves orphan `id` as `actor` at `at` (RFC 3339). Attaching writes the decision back on
    /// the commitment named (a link decision keeps its evidence, which must still be there).
    pub async fn resolve_orphan(
        &self,
        id: &str,
        resolution: &OrphanResolution,
        actor: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        if let OrphanResolution::Dismiss { reason } = resolution
            && reason.trim().is_empty()
        {
            return Err(StoreError::Invalid("say why the decision no longer applies".into()));
        }
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let head = lock_audit_head!(tx);
            let sql = format!("SELECT {COLUMNS} FROM orphaned_decisions WHERE id = $1");
            let orphan: Option<OrphanRow> = sqlx::query_as(&sql).bind(id).fetch_optional(&mut *tx).await?;
            let Some(orphan) = orphan else { return Err(StoreError::NotFound(format!("orphaned decision `{id}`"))) };
            if orphan.resolved_at.is_some() {
                return Err(StoreError::Invalid(format!("orphaned decision `{id}` is resolved already")));
            }
            let (action, text) = match resolution {
                OrphanResolution::Dismiss { reason } => ("decision.dismiss", format!("dismissed: {}", reason.trim())),
                OrphanResolution::Attach { commitment_id } => {
                    let mut kept: Kept = serde_json::from_str(&orphan.payload)
                        .map_err(|e| StoreError::Corrupt(format!("orphaned decision `{id}`: {e}")))?;
                    if !orphan.attachable() {
                        return Err(StoreError::Invalid("a pairing names two commitments: dismiss it and pair them again".into()));
                    }
                    let found: Option<(String,)> = sqlx::query_as(
                        "SELECT d.partnership_id FROM commitments c JOIN documents d ON d.id = c.document_id WHERE c.id = $1",
                    )
                    .bind(commitment_id).fetch_optional(&mut *tx).await?;
                    if found.map(|(p,)| p) != Some(orphan.partnership_id.clone()) {
                        return Err(StoreError::NotFound(format!("commitment `{commitment_id}` of {}", orphan.partnership_id)));
                    }
                    for (slot, target) in kept.ids_mut() {
                        if target == Target::Commitment {
                            *slot = commitment_id.clone();
                        }
                    }
                    if let (_, Some(evidence)) = kept.targets() {
                        let there: Option<(String,)> = sqlx::query_as("SELECT id FROM evidence WHERE id = $1")
                            .bind(&evidence).fetch_optional(&mut *tx).await?;
                        if there.is_none() {
                            return Err(StoreError::Invalid(
                                "the evidence of this link decision is gone too: dismiss it and decide on the new proposal".into(),
                            ));
                        }
                    }
                    if !put_kept!(tx, &kept) {
                        return Err(StoreError::Invalid(format!("commitment `{commitment_id}` has such a decision already")));
                    }
                    ("decision.reattach", format!("attached to {commitment_id}"))
                }
            };
            sqlx::query("UPDATE orphaned_decisions SET resolved_by = $2, resolved_at = $3, resolution = $4 WHERE id = $1")
                .bind(id).bind(actor).bind(at).bind(&text).execute(&mut *tx).await?;
            let event = Pending {
                action,
                entity: format!("orphan:{id}"),
                before: None,
                after: Some(json!({"resolution": text})),
                partnership: Some(orphan.partnership_id.clone()),
                summary: format!("{} {text}", orphan.kind),
            };
            append_audit!(tx, head, [event], actor, at);
            tx.commit().await?;
        });
        Ok(())
    }
}
