//! Reading the audit chain and checking it (the rule is `kizuna_core::audit`).

use kizuna_core::{AuditEvent, ChainBreak, ChainCheck};

use crate::{Store, StoreError, on_pool};

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    entity: String,
    before: Option<String>,
    after: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<AuditRow> for AuditEvent {
    fn from(r: AuditRow) -> AuditEvent {
        AuditEvent {
            seq: r.seq,
            at: r.at,
            actor: r.actor,
            action: r.action,
            entity: r.entity,
            before: r.before,
            after: r.after,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const COLUMNS: &str = "seq, at, actor, action, entity, before, after, prev_hash, hash";

/// Events read per query when checking the whole chain, so memory stays flat.
const PAGE: i64 = 5_000;

impl Store {
    /// The newest events first, `limit` of them from `offset`; `entity` narrows to one record
    /// (`commitment:<id>`, `user:<id>`).
    pub async fn audit_events(
        &self,
        entity: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_events WHERE ($1 IS NULL OR entity = $1) ORDER BY seq DESC LIMIT $2 OFFSET $3"
        );
        let rows: Vec<AuditRow> = on_pool!(self, pool =>
            sqlx::query_as(&sql).bind(entity).bind(limit).bind(offset).fetch_all(pool).await?);
        Ok(rows.into_iter().map(AuditEvent::from).collect())
    }

    /// The last sequence number and hash.
    pub async fn audit_head(&self) -> Result<(i64, String), StoreError> {
        let sql = "SELECT seq, hash FROM audit_head WHERE id = 1";
        Ok(on_pool!(self, pool => sqlx::query_as(sql).fetch_one(pool).await?))
    }

    /// Checks the whole chain against the head: `Ok(Ok(n))` with the number of events when it
    /// is intact, `Ok(Err(break))` saying where it is not.
    pub async fn verify_audit(&self) -> Result<Result<i64, ChainBreak>, StoreError> {
        // The head is read first: events appended while checking come after it and are
        // left for the next check.
        let (head_seq, head_hash) = self.audit_head().await?;
        let mut check = ChainCheck::default();
        let mut after = 0i64;
        let sql =
            format!("SELECT {COLUMNS} FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3");
        loop {
            let rows: Vec<AuditRow> = on_pool!(self, pool =>
                sqlx::query_as(&sql).bind(after).bind(head_seq).bind(PAGE).fetch_all(pool).await?);
            let Some(last) = rows.last() else { break };
            after = last.seq;
            for row in rows {
                if let Err(broken) = check.push(&AuditEvent::from(row)) {
                    return Ok(Err(broken));
                }
            }
        }
        Ok(check.finish(head_seq, &head_hash))
    }
}
