//! Human decisions on the record — link decisions and status assessments — read for reports and
//! exports, and written back when an export is imported; and the rest an export needs: every
//! link proposal of a partnership and a document's original bytes.
//!
//! Restricted records stay out unless asked for: a decision or assessment is visible only when
//! the commitment (and, for a link, the evidence) it is about is visible.

use serde::{Deserialize, Serialize};

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

fn visible(include_restricted: bool) -> &'static str {
    if include_restricted { "('public', 'restricted')" } else { "('public')" }
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

    /// Writes decisions and assessments (from an export being imported) in one transaction;
    /// ones already stored are left as they are, so importing twice changes nothing.
    pub async fn restore_decisions(
        &self,
        decisions: &[LinkDecisionRow],
        assessments: &[AssessmentRow],
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for x in decisions {
                sqlx::query(
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
                .await?;
            }
            for a in assessments {
                sqlx::query(
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
                .await?;
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
