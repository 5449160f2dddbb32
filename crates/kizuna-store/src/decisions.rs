//! Human decisions on the record — link decisions and status assessments — read for reports and
//! exports, and written back when an export is imported; and the rest an export needs: every
//! link proposal of a partnership and a document's original bytes.
//!
//! Restricted records stay out unless asked for: a decision or assessment is visible only when
//! the commitment (and, for a link, the evidence) it is about is visible.

use serde::{Deserialize, Serialize};

use crate::audit::{Pending, append_audit, lock_audit_head};
use crate::query::visible;
use crate::{Store, StoreError, on_pool};

/// A person's decision on a proposed link: accepted or rejected, with the relation they chose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkDecisionRow {
    pub evidence_id: String,
    pub commitment_id: String,
    /// `accepted` or `rejected`.
    pub decision: String,
    pub relation: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
    pub rationale: Option<String>,
    pub version: i64,
}

/// A person's judgement of a commitment's status on a day, with the rationale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentRow {
    pub id: String,
    pub commitment_id: String,
    /// Set when the assessment is of one side's part only.
    pub side_id: Option<String>,
    pub status: String,
    pub rationale: String,
    /// The day the judgement holds from (ISO date).
    pub made_on: String,
    pub made_by: String,
    pub recorded_at: String,
}

impl Store {
    /// The link decisions of a partnership's visible records, in a stable order.
    pub async fn link_decisions(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<LinkDecisionRow>, StoreError> {
        let sql = format!(
            "SELECT x.evidence_id, x.commitment_id, x.decision, x.relation, x.decided_by, x.decided_at,
                    x.rationale, x.version
             FROM link_decisions x
             JOIN evidence e ON e.id = x.evidence_id
             JOIN documents ed ON ed.id = e.document_id
             JOIN commitments c ON c.id = x.commitment_id
             JOIN documents cd ON cd.id = c.document_id
             WHERE cd.partnership_id = $1
               AND e.handling IN {v} AND ed.handling IN {v} AND c.handling IN {v} AND cd.handling IN {v}
             ORDER BY x.commitment_id, x.evidence_id",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// Every machine-proposed link between a partnership's visible evidence and visible
    /// commitments, rejected ones included (the decisions say which), in document order.
    pub async fn links(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<crate::LinkRow>, StoreError> {
        let sql = format!(
            "SELECT l.evidence_id, l.commitment_id, l.rank, l.score, l.relation
             FROM link_proposals l
             JOIN evidence e ON e.id = l.evidence_id
             JOIN documents ed ON ed.id = e.document_id
             JOIN commitments c ON c.id = l.commitment_id
             JOIN documents cd ON cd.id = c.document_id
             WHERE ed.partnership_id = $1
               AND e.handling IN {v} AND ed.handling IN {v} AND c.handling IN {v} AND cd.handling IN {v}
             ORDER BY ed.position, e.position, l.rank, l.commitment_id",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// The ids of a partnership's visible commitments a person has reviewed: decided a link
    /// of, recorded evidence for, assessed or corrected. Only what the audience may see counts:
    /// a decision on restricted evidence does not mark a public commitment reviewed for the
    /// public.
    pub async fn reviewed_commitments(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<String>, StoreError> {
        let sql = format!(
            "SELECT DISTINCT c.id FROM commitments c
             JOIN documents d ON d.id = c.document_id
             WHERE d.partnership_id = $1 AND c.handling IN {v} AND d.handling IN {v}
               AND (EXISTS (SELECT 1 FROM link_decisions x
                            JOIN evidence e ON e.id = x.evidence_id
                            JOIN documents ed ON ed.id = e.document_id
                            WHERE x.commitment_id = c.id AND e.handling IN {v} AND ed.handling IN {v})
                    OR EXISTS (SELECT 1 FROM recorded_evidence r
                               WHERE r.commitment_id = c.id AND r.handling IN {v})
                    OR EXISTS (SELECT 1 FROM assessments a WHERE a.commitment_id = c.id)
                    OR EXISTS (SELECT 1 FROM commitment_corrections k WHERE k.commitment_id = c.id))
             ORDER BY c.id",
            v = visible(include_restricted)
        );
        let ids: Vec<(String,)> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?);
        Ok(ids.into_iter().map(|(id,)| id).collect())
    }

    /// The assessments of a partnership's visible commitments, oldest first per commitment.
    pub async fn assessments(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<AssessmentRow>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.commitment_id, a.side_id, a.status, a.rationale, a.made_on, a.made_by, a.recorded_at
             FROM assessments a
             JOIN commitments c ON c.id = a.commitment_id
             JOIN documents d ON d.id = c.document_id
             WHERE d.partnership_id = $1 AND c.handling IN {v} AND d.handling IN {v}
             ORDER BY a.commitment_id, a.made_on, a.id",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// Writes decisions and assessments (from an export being imported) in one transaction,
    /// with one audit event for the import (at `at`, by the command line) and a line in the
    /// change log for each commitment concerned; ones already stored are left as they are, so
    /// importing twice changes nothing.
    pub async fn restore_decisions(
        &self,
        decisions: &[LinkDecisionRow],
        assessments: &[AssessmentRow],
        at: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let head = lock_audit_head!(tx);
            let mut touched = std::collections::BTreeSet::new();
            for x in decisions {
                let inserted = sqlx::query(
                    "INSERT INTO link_decisions (evidence_id, commitment_id, decision, relation, decided_by,
                       decided_at, rationale, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (evidence_id, commitment_id) DO NOTHING",
                )
                .bind(&x.evidence_id)
                .bind(&x.commitment_id)
                .bind(&x.decision)
                .bind(&x.relation)
                .bind(&x.decided_by)
                .bind(&x.decided_at)
                .bind(&x.rationale)
                .bind(x.version)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted > 0 {
                    touched.insert(x.commitment_id.as_str());
                }
            }
            for a in assessments {
                let inserted = sqlx::query(
                    "INSERT INTO assessments (id, commitment_id, side_id, status, rationale, made_on, made_by,
                       recorded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&a.id)
                .bind(&a.commitment_id)
                .bind(&a.side_id)
                .bind(&a.status)
                .bind(&a.rationale)
                .bind(&a.made_on)
                .bind(&a.made_by)
                .bind(&a.recorded_at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted > 0 {
                    touched.insert(a.commitment_id.as_str());
                }
            }
            for commitment in &touched {
                sqlx::query(
                    "INSERT INTO changes (partnership_id, at, kind, entity_id, summary)
                     SELECT d.partnership_id, $1, 'import', c.id, 'decisions imported'
                     FROM commitments c JOIN documents d ON d.id = c.document_id WHERE c.id = $2",
                )
                .bind(at)
                .bind(commitment)
                .execute(&mut *tx)
                .await?;
            }
            if !touched.is_empty() {
                let event = Pending {
                    action: "import.decisions",
                    entity: "import".into(),
                    before: None,
                    after: Some(serde_json::json!({
                        "link_decisions": decisions.len(), "assessments": assessments.len(),
                        "commitments": touched.len(),
                    })),
                    partnership: None,
                    summary: String::new(),
                };
                append_audit!(tx, head, [event], "cli", at);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The bytes a document was ingested from, when it is visible.
    pub async fn document_original(
        &self,
        id: &str,
        include_restricted: bool,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let sql = format!(
            "SELECT original FROM documents WHERE id = $1 AND handling IN {}",
            visible(include_restricted)
        );
        let row: Option<(Vec<u8>,)> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
        Ok(row.map(|(bytes,)| bytes))
    }
}
