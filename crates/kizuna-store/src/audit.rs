//! The audit chain in the store: appending events inside a change's own transaction (the
//! macros every writer uses), reading them, and checking the chain (the rule is
//! `kizuna_core::audit`).

use kizuna_core::{AuditEvent, ChainBreak, ChainCheck};

use serde_json::Value;

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

/// One event to append: what changed, and (for record changes) the partnership whose change log
/// gets a line too, so that derived data and digests follow.
pub(crate) struct Pending {
    pub action: &'static str,
    pub entity: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub partnership: Option<String>,
    pub summary: String,
}

/// Takes the lock that orders every writer, as the first statement of transaction `$tx`, and
/// returns the head: `(last seq, last hash)`.
macro_rules! lock_audit_head {
    ($tx:ident) => {{
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *$tx).await?;
        let head: (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *$tx).await?;
        head
    }};
}
pub(crate) use lock_audit_head;

/// Appends the `Pending` events after `$head` in transaction `$tx` (with a line in the change
/// log for each that concerns a partnership), moves the head, and returns the events.
macro_rules! append_audit {
    ($tx:ident, $head:expr, $pending:expr, $actor:expr, $at:expr) => {{
        let (mut seq, mut prev): (i64, String) = $head;
        let mut events: Vec<kizuna_core::AuditEvent> = Vec::new();
        for p in $pending {
            let p: $crate::audit::Pending = p;
            seq += 1;
            let event = kizuna_core::AuditEvent {
                seq,
                at: $at.to_owned(),
                actor: $actor.to_owned(),
                action: p.action.to_owned(),
                entity: p.entity,
                before: p.before.as_ref().map(serde_json::Value::to_string),
                after: p.after.as_ref().map(serde_json::Value::to_string),
                prev_hash: String::new(),
                hash: String::new(),
            }
            .sealed(&prev);
            sqlx::query(
                "INSERT INTO audit_events (seq, at, actor, action, entity, before, after, prev_hash, hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(event.seq)
            .bind(&event.at)
            .bind(&event.actor)
            .bind(&event.action)
            .bind(&event.entity)
            .bind(&event.before)
            .bind(&event.after)
            .bind(&event.prev_hash)
            .bind(&event.hash)
            .execute(&mut *$tx)
            .await?;
            if let Some(partnership) = p.partnership {
                let entity_id = event.entity.split_once(':').map(|(_, id)| id).unwrap_or(&event.entity);
                sqlx::query(
                    "INSERT INTO changes (partnership_id, at, kind, entity_id, summary) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&partnership)
                .bind($at)
                .bind(&event.action)
                .bind(entity_id)
                .bind(&p.summary)
                .execute(&mut *$tx)
                .await?;
            }
            prev.clone_from(&event.hash);
            events.push(event);
        }
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(seq)
            .bind(&prev)
            .execute(&mut *$tx)
            .await?;
        events
    }};
}
pub(crate) use append_audit;

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

    /// The hash of event `seq`, if the chain holds it.
    pub async fn audit_event_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        let sql = "SELECT hash FROM audit_events WHERE seq = $1";
        let row: Option<(String,)> =
            on_pool!(self, pool => sqlx::query_as(sql).bind(seq).fetch_optional(pool).await?);
        Ok(row.map(|(h,)| h))
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
