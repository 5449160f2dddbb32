//! Reads for the people who keep the record: the queue of proposals waiting for a reviewer,
//! what was added by hand (notes, recorded evidence), follows and their digests.

use serde::Serialize;

use crate::query::visible;
use crate::{Store, StoreError, on_pool};

/// Which undecided proposals to show or decide in bulk.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueFilter {
    pub partnership: String,
    pub min_score: f64,
    /// Only proposals for commitments of this area (as people corrected it); `None`: all.
    pub area: Option<String>,
}

impl QueueFilter {
    /// A filter from a form's fields, where an empty area means every area.
    pub fn new(partnership: &str, min_score: f64, area: &str) -> QueueFilter {
        QueueFilter {
            partnership: partnership.to_owned(),
            min_score,
            area: Some(area.to_owned()).filter(|a| !a.is_empty()),
        }
    }
}

/// The undecided proposals of partnership `$1` scoring at least `$2`, of area `$3` (`''`: any),
/// with their evidence (`e`), its document (`d`) and the corrected commitment (`c`).
pub(crate) const QUEUE: &str = "FROM link_proposals l
     JOIN evidence e ON e.id = l.evidence_id
     JOIN documents d ON d.id = e.document_id
     JOIN corrected_commitments c ON c.id = l.commitment_id
     WHERE d.partnership_id = $1 AND l.score >= $2 AND ($3 = '' OR c.area = $3)
       AND NOT EXISTS (SELECT 1 FROM link_decisions x
                       WHERE x.evidence_id = l.evidence_id AND x.commitment_id = l.commitment_id)";

/// A machine-proposed link nobody has decided on yet, with what a reviewer needs to judge it.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct ProposalRow {
    pub evidence_id: String,
    pub evidence_text: String,
    pub evidence_anchor: String,
    pub document_id: String,
    pub document_title: String,
    pub document_date: Option<String>,
    pub commitment_id: String,
    pub commitment_text: String,
    pub commitment_anchor: String,
    /// The commitment's area, as people corrected it.
    pub area: String,
    /// The version of the commitment the decision will be made against.
    pub commitment_version: i64,
    pub rank: i64,
    pub score: f64,
    pub relation: String,
}

/// Evidence recorded by hand.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordedEvidenceRow {
    pub id: String,
    pub commitment_id: String,
    pub text: String,
    pub date: String,
    pub source_url: Option<String>,
    pub relation: String,
    pub handling: String,
    pub recorded_by: String,
    pub recorded_at: String,
    /// The later document and paragraph it was linked from (`Edit::LinkPassage`), if it was.
    pub document_id: Option<String>,
    pub anchor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoteRow {
    pub id: String,
    pub commitment_id: String,
    pub text: String,
    pub handling: String,
    pub written_by: String,
    pub written_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct FollowRow {
    pub partnership_id: String,
    /// `commitment` or `area`.
    pub target_kind: String,
    pub target_id: String,
    pub seen_seq: i64,
}

/// A change to something a person follows.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct DigestLine {
    pub seq: i64,
    pub partnership_id: String,
    pub at: String,
    pub kind: String,
    pub commitment_id: String,
    pub commitment_text: String,
    pub area: String,
    pub summary: String,
}

impl Store {
    /// Undecided proposals the filter lets through, best first, a page of them; and how many
    /// there are in all.
    pub async fn review_queue(
        &self,
        filter: &QueueFilter,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ProposalRow>, i64), StoreError> {
        let rows_sql = format!(
            "SELECT l.evidence_id, e.text AS evidence_text, e.anchor AS evidence_anchor, d.id AS document_id,
                    d.title AS document_title, d.date AS document_date, l.commitment_id,
                    c.text AS commitment_text, c.anchor AS commitment_anchor, c.area, c.version AS commitment_version,
                    l.rank, l.score, l.relation
             {QUEUE}
             ORDER BY l.score DESC, d.position, e.position, l.rank LIMIT $4 OFFSET $5"
        );
        let count_sql = format!("SELECT COUNT(*) {QUEUE}");
        let area = filter.area.as_deref().unwrap_or("");
        on_pool!(self, pool => {
            let rows = sqlx::query_as(&rows_sql)
                .bind(&filter.partnership).bind(filter.min_score).bind(area).bind(limit).bind(offset)
                .fetch_all(pool).await?;
            let (total,): (i64,) = sqlx::query_as(&count_sql)
                .bind(&filter.partnership).bind(filter.min_score).bind(area)
                .fetch_one(pool).await?;
            Ok((rows, total))
        })
    }

    /// The areas of a partnership's undecided proposals scoring at least `min_score`, with how
    /// many each holds, in order of area.
    pub async fn queue_areas(
        &self,
        partnership: &str,
        min_score: f64,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let sql = format!("SELECT c.area, COUNT(*) {QUEUE} GROUP BY c.area ORDER BY c.area");
        Ok(
            on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).bind(min_score).bind("").fetch_all(pool).await?),
        )
    }

    pub async fn recorded_evidence(
        &self,
        commitment: &str,
        include_restricted: bool,
    ) -> Result<Vec<RecordedEvidenceRow>, StoreError> {
        let sql = format!(
            "SELECT id, commitment_id, text, date, source_url, relation, handling, recorded_by, recorded_at,
                    document_id, anchor
             FROM recorded_evidence WHERE commitment_id = $1 AND handling IN {} ORDER BY date, recorded_at, id",
            visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(commitment).fetch_all(pool).await?))
    }

    /// Every piece of evidence recorded by hand for a partnership's visible commitments.
    pub async fn recorded_evidence_of(
        &self,
        partnership: &str,
        include_restricted: bool,
    ) -> Result<Vec<RecordedEvidenceRow>, StoreError> {
        let sql = format!(
            "SELECT r.id, r.commitment_id, r.text, r.date, r.source_url, r.relation, r.handling, r.recorded_by,
                    r.recorded_at, r.document_id, r.anchor
             FROM recorded_evidence r JOIN commitments c ON c.id = r.commitment_id
             JOIN documents d ON d.id = c.document_id
             WHERE d.partnership_id = $1 AND r.handling IN {v} AND c.handling IN {v} AND d.handling IN {v}
             ORDER BY r.date, r.recorded_at, r.id",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(partnership).fetch_all(pool).await?))
    }

    pub async fn notes(
        &self,
        commitment: &str,
        include_restricted: bool,
    ) -> Result<Vec<NoteRow>, StoreError> {
        let sql = format!(
            "SELECT id, commitment_id, text, handling, written_by, written_at
             FROM notes WHERE commitment_id = $1 AND handling IN {} ORDER BY written_at, id",
            visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(commitment).fetch_all(pool).await?))
    }

    /// The version an edit of a document's handling is made against.
    pub async fn document_version(&self, id: &str) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = on_pool!(self, pool =>
            sqlx::query_as("SELECT version FROM documents WHERE id = $1").bind(id).fetch_optional(pool).await?);
        Ok(row.map(|(v,)| v))
    }

    pub async fn follows(&self, user: &str) -> Result<Vec<FollowRow>, StoreError> {
        let sql = "SELECT partnership_id, target_kind, target_id, seen_seq FROM follows WHERE user_id = $1
                   ORDER BY partnership_id, target_kind, target_id";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).bind(user).fetch_all(pool).await?))
    }

    /// Changes to the commitments a person follows (directly or by area) since they last read
    /// their digest, oldest first; restricted commitments only for those who may see them.
    pub async fn digest(&self, user: &str, include_restricted: bool) -> Result<Vec<DigestLine>, StoreError> {
        let sql = format!(
            "SELECT ch.seq, ch.partnership_id, ch.at, ch.kind, c.id AS commitment_id, c.text AS commitment_text,
                    c.area, ch.summary
             FROM changes ch
             JOIN commitments c ON c.id = ch.entity_id
             JOIN documents d ON d.id = c.document_id
             WHERE c.handling IN {v} AND d.handling IN {v}
               AND EXISTS (SELECT 1 FROM follows f
                           WHERE f.user_id = $1 AND f.partnership_id = ch.partnership_id AND ch.seq > f.seen_seq
                             AND ((f.target_kind = 'commitment' AND f.target_id = c.id)
                               OR (f.target_kind = 'area' AND f.target_id = c.area)))
             ORDER BY ch.seq",
            v = visible(include_restricted)
        );
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(user).fetch_all(pool).await?))
    }
}
