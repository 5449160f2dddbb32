//! Reading the record. Restricted records are left out unless the caller asks for them.

use crate::{
    BlockRow, ChangeRow, CommitmentQuery, CommitmentRow, DocumentRow, EvidenceForCommitment, EvidenceRow,
    PartnershipRow, Store, StoreError, on_pool,
};

const DOCUMENT_COLUMNS: &str =
    "id, partnership_id, position, path, title, date, kind, language, url, meeting_id, handling";
pub(crate) const COMMITMENT_COLUMNS: &str = "c.id, c.document_id, c.position, c.anchor, c.text, c.area, c.pillar, c.kind, c.strength, \
     c.due, c.due_end, c.lead_in, c.actors, c.span_start, c.span_end, c.handling, c.version";
const EVIDENCE_COLUMNS: &str = "e.id, e.document_id, e.position, e.anchor, e.text, e.date, e.concrete, e.span_start, e.span_end, e.handling, e.version";

/// `handling` filter: public only, or everything.
pub(crate) fn visible(include_restricted: bool) -> &'static str {
    if include_restricted { "('public', 'restricted')" } else { "('public')" }
}

impl Store {
    pub async fn partnerships(&self) -> Result<Vec<PartnershipRow>, StoreError> {
        let sql = "SELECT id, name, name_ja, established FROM partnerships ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).fetch_all(pool).await?))
    }

    pub async fn partnership(&self, id: &str) -> Result<Option<PartnershipRow>, StoreError> {
        let sql = "SELECT id, name, name_ja, established FROM partnerships WHERE id = $1";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(id).fetch_optional(pool).await?))
    }

    /// A partnership's documents, oldest first.
    pub async fn documents(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<DocumentRow>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE partnership_id = $1 AND handling IN {} ORDER BY position, id",
            visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// A document's row, without its text.
    pub async fn document_row(
        &self,
        id: &str,
        include_restricted: bool,
    ) -> Result<Option<DocumentRow>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = $1 AND handling IN {}",
            visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?))
    }

    /// A document with its normalised text and blocks.
    pub async fn document(
        &self,
        id: &str,
        include_restricted: bool,
    ) -> Result<Option<(DocumentRow, String, Vec<BlockRow>)>, StoreError> {
        let Some(row) = self.document_row(id, include_restricted).await? else { return Ok(None) };
        let text_sql = "SELECT normalised FROM documents WHERE id = $1";
        let blocks_sql = "SELECT position, kind, level, anchor, span_start, span_end FROM blocks
                          WHERE document_id = $1 ORDER BY position";
        on_pool!(self, pool => {
            let (text,): (String,) = sqlx::query_as(text_sql).bind(id).fetch_one(pool).await?;
            let blocks: Vec<BlockRow> = sqlx::query_as(blocks_sql).bind(id).fetch_all(pool).await?;
            Ok(Some((row, text, blocks)))
        })
    }

    /// Commitments matching `q`, in document order.
    pub async fn commitments(&self, q: &CommitmentQuery) -> Result<Vec<CommitmentRow>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM corrected_commitments c JOIN documents d ON d.id = c.document_id
             WHERE d.partnership_id = $1
               AND ($2 IS NULL OR c.area = $2)
               AND ($3 IS NULL OR c.document_id = $3)
               AND ($4 IS NULL OR c.kind = $4)
               AND c.handling IN {v} AND d.handling IN {v}
             ORDER BY d.position, c.position
             LIMIT $5 OFFSET $6",
            v = visible(q.include_restricted)
        );
        let limit = if q.limit <= 0 { i64::MAX } else { q.limit };
        Ok(on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(&q.partnership_id)
            .bind(&q.area)
            .bind(&q.document_id)
            .bind(&q.kind)
            .bind(limit)
            .bind(q.offset)
            .fetch_all(pool)
            .await?))
    }

    pub async fn commitment(
        &self,
        id: &str,
        include_restricted: bool,
    ) -> Result<Option<CommitmentRow>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM corrected_commitments c JOIN documents d ON d.id = c.document_id
             WHERE c.id = $1 AND c.handling IN {v} AND d.handling IN {v}",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?))
    }

    /// The evidence linked to a commitment, oldest first, with each link.
    pub async fn evidence_for(
        &self,
        commitment: &str,
        include_restricted: bool,
    ) -> Result<Vec<EvidenceForCommitment>, StoreError> {
        let sql = format!(
            "SELECT {EVIDENCE_COLUMNS}, l.evidence_id, l.commitment_id, l.rank, l.score, l.relation,
                    d.title AS document_title, d.date AS document_date
             FROM effective_links l
             JOIN evidence e ON e.id = l.evidence_id
             JOIN documents d ON d.id = e.document_id
             WHERE l.commitment_id = $1
               AND e.handling IN {v} AND d.handling IN {v}
             ORDER BY d.position, e.position",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(commitment).fetch_all(pool).await?))
    }

    /// Commitments per area: (area, count), most first.
    pub async fn areas(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let sql = format!(
            "SELECT c.area, COUNT(*) AS n FROM corrected_commitments c JOIN documents d ON d.id = c.document_id
             WHERE d.partnership_id = $1 AND c.handling IN {v} AND d.handling IN {v}
             GROUP BY c.area ORDER BY n DESC, c.area",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// The latest changes of a partnership, newest first.
    pub async fn changes(&self, partnership: &str, limit: i64) -> Result<Vec<ChangeRow>, StoreError> {
        let sql = "SELECT seq, partnership_id, at, kind, entity_id, summary FROM changes
                   WHERE partnership_id = $1 ORDER BY seq DESC LIMIT $2";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).bind(limit).fetch_all(pool).await?))
    }
}

/// One link as the status rules need it: which commitment, how, and when.
#[derive(Clone, Debug, PartialEq, serde::Serialize, sqlx::FromRow)]
pub struct LinkFact {
    pub commitment_id: String,
    pub relation: String,
    /// The evidence's own date, when stated.
    pub evidence_date: Option<String>,
    pub document_date: Option<String>,
}

impl Store {
    /// Every link that counts (see the `effective_links` view) of a partnership's visible
    /// records, and the evidence recorded by hand, per commitment in the order it happened.
    pub async fn link_facts(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<LinkFact>, StoreError> {
        let sql = format!(
            "SELECT commitment_id, relation, evidence_date, document_date FROM (
               SELECT l.commitment_id, l.relation, e.date AS evidence_date, d.date AS document_date,
                      d.position AS document_position, e.position AS position
               FROM effective_links l
               JOIN evidence e ON e.id = l.evidence_id
               JOIN documents d ON d.id = e.document_id
               WHERE d.partnership_id = $1 AND e.handling IN {v} AND d.handling IN {v}
               UNION ALL
               SELECT r.commitment_id, r.relation, r.date, NULL, CAST(9223372036854775807 AS BIGINT), 0
               FROM recorded_evidence r
               JOIN commitments c ON c.id = r.commitment_id
               JOIN documents d ON d.id = c.document_id
               WHERE d.partnership_id = $1 AND r.handling IN {v}
             ) facts
             ORDER BY commitment_id, document_position, position, evidence_date",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }
}

impl Store {
    pub async fn sides(&self, partnership: &str) -> Result<Vec<crate::SideRow>, StoreError> {
        let sql = "SELECT id, name, name_ja FROM sides WHERE partnership_id = $1 ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).fetch_all(pool).await?))
    }

    pub async fn organisations(&self, partnership: &str) -> Result<Vec<crate::OrganisationRow>, StoreError> {
        let sql = "SELECT id, side_id, name, name_ja, acronym, aliases, since, until, succeeded_by
                   FROM organisations WHERE partnership_id = $1 ORDER BY side_id, name";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).fetch_all(pool).await?))
    }

    pub async fn bodies(&self, partnership: &str) -> Result<Vec<crate::BodyRow>, StoreError> {
        let sql = "SELECT id, name, name_ja, level, cadence, kind FROM bodies WHERE partnership_id = $1 ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).fetch_all(pool).await?))
    }

    /// The framework's pillars in the manifest's order, each with its areas in order.
    pub async fn pillars(&self, partnership: &str) -> Result<Vec<crate::PillarRow>, StoreError> {
        let pillars = "SELECT id, name, name_ja FROM pillars WHERE partnership_id = $1 ORDER BY position";
        let areas = "SELECT pillar_id, area FROM pillar_areas WHERE partnership_id = $1 ORDER BY position";
        type Named = (String, String, Option<String>);
        let (pillars, areas): (Vec<Named>, Vec<(String, String)>) = on_pool!(self, pool => (
            sqlx::query_as(pillars).bind(partnership).fetch_all(pool).await?,
            sqlx::query_as(areas).bind(partnership).fetch_all(pool).await?,
        ));
        Ok(pillars
            .into_iter()
            .map(|(id, name, name_ja)| crate::PillarRow {
                areas: areas.iter().filter(|(p, _)| *p == id).map(|(_, a)| a.clone()).collect(),
                id,
                name,
                name_ja,
            })
            .collect())
    }

    /// Meetings, oldest first (undated last).
    pub async fn meetings(&self, partnership: &str) -> Result<Vec<crate::MeetingRow>, StoreError> {
        let sql = "SELECT id, body_id, date, format, title, title_ja FROM meetings WHERE partnership_id = $1
                   ORDER BY CASE WHEN date IS NULL THEN 1 ELSE 0 END, date, id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).fetch_all(pool).await?))
    }
}

impl Store {
    /// Every visible evidence item of a partnership, in document order.
    pub async fn evidence(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<EvidenceRow>, StoreError> {
        let sql = format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence e JOIN documents d ON d.id = e.document_id
             WHERE d.partnership_id = $1 AND e.handling IN {v} AND d.handling IN {v}
             ORDER BY d.position, e.position",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }
}

/// An evidence item of a document with the commitment it most likely reports on.
#[derive(Clone, Debug, PartialEq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentEvidence {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub evidence: EvidenceRow,
    /// The best-ranked commitment it is linked to and not rejected for, if any.
    pub commitment_id: Option<String>,
}

impl Store {
    /// A number that grows whenever anything of the partnership changes: caches of derived
    /// data (statuses) are valid while it stays the same.
    pub async fn record_version(&self, partnership: &str) -> Result<i64, StoreError> {
        let sql = "SELECT COALESCE(MAX(seq), 0) AS v FROM changes WHERE partnership_id = $1";
        let (v,): (i64,) =
            on_pool!(self, pool => sqlx::query_as(sql).bind(partnership).fetch_one(pool).await?);
        Ok(v)
    }

    /// A number that grows whenever anything of any partnership changes.
    pub async fn record_version_all(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COALESCE(MAX(seq), 0) AS v FROM changes";
        let (v,): (i64,) = on_pool!(self, pool => sqlx::query_as(sql).fetch_one(pool).await?);
        Ok(v)
    }

    /// The visible evidence of one document, in document order.
    pub async fn document_evidence(
        &self,
        document: &str,
        include_restricted: bool,
    ) -> Result<Vec<DocumentEvidence>, StoreError> {
        let sql = format!(
            "SELECT {EVIDENCE_COLUMNS},
                    (SELECT l.commitment_id FROM effective_links l
                     JOIN commitments c ON c.id = l.commitment_id JOIN documents cd ON cd.id = c.document_id
                     WHERE l.evidence_id = e.id AND c.handling IN {v} AND cd.handling IN {v}
                     ORDER BY l.rank, l.commitment_id LIMIT 1) AS commitment_id
             FROM evidence e WHERE e.document_id = $1 AND e.handling IN {v}
             ORDER BY e.position",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(document).fetch_all(pool).await?))
    }
}

/// A commitment in another language, with the document it is in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlignedCommitment {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub commitment: CommitmentRow,
    pub document_title: String,
    pub document_language: String,
}

impl Store {
    /// The commitment `id` is a second citation (or language version) of, if it is one.
    pub async fn cited_again_in(&self, id: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT original_id FROM alignments WHERE translation_id = $1";
        let row: Option<(String,)> =
            on_pool!(self, pool => sqlx::query_as(sql).bind(id).fetch_optional(pool).await?);
        Ok(row.map(|(original,)| original))
    }

    /// Every (original, translation) pair of commitments of a partnership's visible documents.
    pub async fn alignments(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let sql = format!(
            "SELECT a.original_id, a.translation_id FROM alignments a
             JOIN commitments c ON c.id = a.translation_id JOIN documents d ON d.id = c.document_id
             JOIN commitments oc ON oc.id = a.original_id JOIN documents od ON od.id = oc.document_id
             WHERE d.partnership_id = $1 AND c.handling IN {v} AND d.handling IN {v}
               AND oc.handling IN {v} AND od.handling IN {v}
             ORDER BY a.original_id, a.translation_id",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    /// The versions of a commitment in other languages (its original or its translations).
    pub async fn aligned(
        &self,
        commitment: &str,
        include_restricted: bool,
    ) -> Result<Vec<AlignedCommitment>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS}, d.title AS document_title, d.language AS document_language
             FROM alignments a
             JOIN corrected_commitments c ON c.id = CASE WHEN a.original_id = $1 THEN a.translation_id ELSE a.original_id END
             JOIN documents d ON d.id = c.document_id
             WHERE (a.original_id = $1 OR a.translation_id = $1) AND c.handling IN {v} AND d.handling IN {v}
             ORDER BY d.position, c.position",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(commitment).fetch_all(pool).await?))
    }
}
