//! Every change people make to the record, applied in one transaction together with its audit
//! events, so that a change is either stored with its events or not at all.
//!
//! Writers are put in order by the lock on `audit_head` (the first statement of each
//! transaction: on SQLite a write first makes the busy timeout apply instead of failing a
//! read-then-write upgrade). An edit of a versioned record names the version it was made
//! against; when the record has moved on the edit is refused with the events since
//! ([`StoreError::Stale`]). Each version bump of a record writes exactly one event for it, so
//! "the last `current - seen` events of the entity" are exactly what changed.

use kizuna_core::{AuditEvent, CommitmentKind, Handling, Period, Relation, Role, Status};
use serde_json::json;

use crate::audit::{Pending, append_audit, lock_audit_head};
use crate::{Store, StoreError, on_pool};

/// A person's decision on a proposed link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Accepted,
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
        }
    }
}

/// A record whose handling can be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marked {
    Document,
    Commitment,
    Evidence,
}

impl Marked {
    fn table(self) -> &'static str {
        match self {
            Marked::Document => "documents",
            Marked::Commitment => "commitments",
            Marked::Evidence => "evidence",
        }
    }

    fn entity(self, id: &str) -> String {
        format!("{}:{id}", self.table().trim_end_matches('s'))
    }
}

/// The longest text a person may write into the record (a note, a rationale, evidence recorded
/// by hand, a reason): a page of prose, not a document.
pub const MAX_TEXT_CHARS: usize = 8_000;

impl Edit {
    /// Refuses what no edit may store, before anything is written: texts longer than
    /// [`MAX_TEXT_CHARS`], and control characters (line breaks included) in a person's name,
    /// which goes into e-mail headers and the audit log.
    fn check(&self) -> Result<(), StoreError> {
        let texts: Vec<(&str, &str)> = match self {
            Edit::AddNote { text, .. } => vec![("a note", text)],
            Edit::RecordEvidence { text, .. } => vec![("evidence", text)],
            Edit::AddCommitment { text, area, .. } => vec![("a commitment", text), ("an area", area)],
            Edit::SplitCommitment { parts, .. } => parts.iter().map(|p| ("a part", p.as_str())).collect(),
            Edit::Assess { rationale, .. } => vec![("a rationale", rationale)],
            Edit::DecideLink { rationale: Some(r), .. } | Edit::Relink { rationale: Some(r), .. } => {
                vec![("a rationale", r)]
            }
            Edit::CorrectCommitment { correction: crate::Correction::NotACommitment { reason }, .. } => {
                vec![("a reason", reason)]
            }
            _ => vec![],
        };
        for (what, text) in texts {
            let n = text.chars().count();
            if n > MAX_TEXT_CHARS {
                return Err(StoreError::Invalid(format!(
                    "{what} may be at most {MAX_TEXT_CHARS} characters; this one has {n}"
                )));
            }
        }
        if let Edit::CreateApiToken { name, lifetime_days, token_hash, .. } = self {
            crate::api_tokens::check_new_token(name, *lifetime_days, token_hash)?;
        }
        if let Edit::AddUser { id, display_name, .. } = self
            && (display_name.chars().any(char::is_control)
                || id.chars().any(|c| c.is_control() || c.is_whitespace()))
        {
            return Err(StoreError::Invalid(
                "a name may not hold line breaks or other control characters".into(),
            ));
        }
        Ok(())
    }
}

/// A change to the record or to the people who keep it.
#[derive(Clone, Debug)]
pub enum Edit {
    AddUser {
        id: String,
        display_name: String,
        password_hash: String,
        role: Role,
        side_id: Option<String>,
    },
    SetPassword {
        user: String,
        password_hash: String,
    },
    SetDisabled {
        user: String,
        disabled: bool,
    },
    SetRole {
        user: String,
        role: Role,
        side_id: Option<String>,
    },
    /// Accept or reject the link between evidence and a commitment, with the relation chosen.
    DecideLink {
        evidence_id: String,
        commitment_id: String,
        decision: Decision,
        relation: Option<Relation>,
        rationale: Option<String>,
        version: i64,
    },
    /// The evidence reports on `to`, not on `from`.
    Relink {
        evidence_id: String,
        from: String,
        to: String,
        relation: Relation,
        rationale: Option<String>,
        version: i64,
    },
    /// Accept every undecided proposal the filter lets through (a partnership's, scoring at
    /// least its minimum, perhaps of one area).
    AcceptProposals(crate::QueueFilter),
    Assess {
        commitment_id: String,
        side_id: Option<String>,
        status: Status,
        rationale: String,
        made_on: time::Date,
        version: i64,
    },
    RecordEvidence {
        commitment_id: String,
        text: String,
        date: time::Date,
        source_url: Option<String>,
        relation: Relation,
        handling: Handling,
        version: i64,
    },
    /// A passage (a paragraph or item) of a later document reports on the commitment: it is
    /// recorded as evidence with its words, its document's date and its citation.
    LinkPassage {
        commitment_id: String,
        document_id: String,
        anchor: String,
        relation: Relation,
        handling: Handling,
        version: i64,
    },
    /// An undertaking the engine missed, added from a paragraph or item of a document: its text
    /// must stand word for word in that passage, which it cites.
    AddCommitment {
        document_id: String,
        anchor: String,
        text: String,
        area: String,
        kind: CommitmentKind,
        due: Option<Period>,
        /// The document's version.
        version: i64,
    },
    /// One extracted item holds several undertakings: each of `parts` (words of its text, two
    /// or more) becomes a commitment of its own citing the same passage, with the item's area,
    /// kind, strength, due period and actors; the item is set aside as "not a commitment"
    /// (split into …), which `Correction::Restore` undoes.
    SplitCommitment {
        commitment_id: String,
        parts: Vec<String>,
        version: i64,
    },
    /// `duplicate` restates `into` (a press release repeating a framework item): it becomes a
    /// second citation of the same commitment, listed and counted once, sharing its evidence.
    MergeCommitment {
        duplicate_id: String,
        into_id: String,
        /// The duplicate's version.
        version: i64,
    },
    /// Undoes a merge (or a pairing of language versions read wrongly): `duplicate` is listed
    /// and counted on its own again.
    SeparateCommitment {
        duplicate_id: String,
        /// The duplicate's version.
        version: i64,
    },
    /// A person corrects what the engine read of a commitment.
    CorrectCommitment {
        commitment_id: String,
        correction: crate::Correction,
        version: i64,
    },
    AddNote {
        commitment_id: String,
        text: String,
        handling: Handling,
        version: i64,
    },
    SetHandling {
        record: Marked,
        id: String,
        handling: Handling,
        version: i64,
    },
    Follow {
        user: String,
        partnership: String,
        kind: FollowKind,
        target: String,
    },
    Unfollow {
        user: String,
        partnership: String,
        kind: FollowKind,
        target: String,
    },
    /// A person read their digest up to now.
    MarkDigestRead {
        user: String,
    },
    SignIn {
        user: String,
    },
    /// A person makes themselves a personal API token. Only the token's SHA-256 is given (the
    /// token itself is shown to them once and never stored); it expires `lifetime_days` (one of
    /// [`TOKEN_LIFETIMES_DAYS`](crate::TOKEN_LIFETIMES_DAYS)) after it is made.
    CreateApiToken {
        user: String,
        name: String,
        scope: crate::TokenScope,
        token_hash: String,
        lifetime_days: u16,
    },
    /// A person revokes one of their own tokens; it stops working at once.
    RevokeApiToken {
        user: String,
        token_id: String,
    },
    SignOut {
        user: String,
    },
}

/// What can be followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowKind {
    Commitment,
    Area,
}

impl FollowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowKind::Commitment => "commitment",
            FollowKind::Area => "area",
        }
    }

    pub fn from_name(name: &str) -> Option<FollowKind> {
        match name {
            "commitment" => Some(FollowKind::Commitment),
            "area" => Some(FollowKind::Area),
            _ => None,
        }
    }
}

pub(crate) fn new_id(seed: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(seed.as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Applies `edit` as `actor` at `at` (RFC 3339), returning the audit events written.
    pub async fn apply(&self, edit: &Edit, actor: &str, at: &str) -> Result<Vec<AuditEvent>, StoreError> {
        edit.check()?;
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let head = lock_audit_head!(tx);
            let seq = head.0;

            // Moves a versioned record from `seen` to the next version, or explains why not.
            macro_rules! bump {
                ($table:expr, $entity:expr, $id:expr, $seen:expr) => {{
                    let sql = format!("UPDATE {} SET version = version + 1 WHERE id = $1 AND version = $2", $table);
                    let n = sqlx::query(&sql).bind($id).bind($seen).execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        let sql = format!("SELECT version FROM {} WHERE id = $1", $table);
                        let current: Option<(i64,)> = sqlx::query_as(&sql).bind($id).fetch_optional(&mut *tx).await?;
                        let Some((current,)) = current else {
                            return Err(StoreError::NotFound($entity.clone()));
                        };
                        let changes: Vec<AuditEvent> = sqlx::query_as::<_, crate::AuditRow>(
                            "SELECT seq, at, actor, action, entity, before, after, prev_hash, hash FROM audit_events
                             WHERE entity = $1 ORDER BY seq DESC LIMIT $2",
                        )
                        .bind(&$entity)
                        .bind((current - $seen).max(0))
                        .fetch_all(&mut *tx)
                        .await?
                        .into_iter()
                        .rev()
                        .map(AuditEvent::from)
                        .collect();
                        return Err(StoreError::Stale { entity: $entity.clone(), seen: $seen, current, changes });
                    }
                }};
            }
            // The partnership of a commitment, refusing one that does not exist.
            macro_rules! partnership_of {
                ($commitment:expr) => {{
                    let row: Option<(String,)> = sqlx::query_as(
                        "SELECT d.partnership_id FROM commitments c JOIN documents d ON d.id = c.document_id WHERE c.id = $1",
                    )
                    .bind($commitment)
                    .fetch_optional(&mut *tx)
                    .await?;
                    row.ok_or_else(|| StoreError::NotFound(format!("commitment:{}", $commitment)))?.0
                }};
            }
            // Lays a correction over commitment `$id`'s: (the corrections before, after).
            macro_rules! lay_correction {
                ($id:expr, $correction:expr) => {{
                    let sql = format!(
                        "SELECT {} FROM commitment_corrections WHERE commitment_id = $1",
                        crate::corrections::COLUMNS
                    );
                    let before: Option<crate::CorrectionRow> =
                        sqlx::query_as(&sql).bind($id).fetch_optional(&mut *tx).await?;
                    let row = $correction.applied(before.as_ref(), $id, actor, at);
                    sqlx::query("DELETE FROM commitment_corrections WHERE commitment_id = $1")
                        .bind($id).execute(&mut *tx).await?;
                    let _written = crate::kept::put_kept!(tx, &crate::kept::Kept::Correction(row.clone()));
                    (before, row)
                }};
            }
            macro_rules! link_state {
                ($evidence:expr, $commitment:expr) => {{
                    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
                        "SELECT decision, relation, rationale FROM link_decisions WHERE evidence_id = $1 AND commitment_id = $2",
                    )
                    .bind($evidence)
                    .bind($commitment)
                    .fetch_optional(&mut *tx)
                    .await?;
                    row.map(|(d, r, why)| json!({"decision": d, "relation": r, "rationale": why}))
                }};
            }
            macro_rules! decide {
                ($evidence:expr, $commitment:expr, $decision:expr, $relation:expr, $rationale:expr) => {{
                    sqlx::query(
                        "INSERT INTO link_decisions (evidence_id, commitment_id, decision, relation, decided_by, decided_at, rationale)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)
                         ON CONFLICT (evidence_id, commitment_id) DO UPDATE
                         SET decision = $3, relation = $4, decided_by = $5, decided_at = $6, rationale = $7,
                             version = link_decisions.version + 1",
                    )
                    .bind($evidence)
                    .bind($commitment)
                    .bind($decision)
                    .bind($relation)
                    .bind(actor)
                    .bind(at)
                    .bind($rationale)
                    .execute(&mut *tx)
                    .await?;
                }};
            }

            let mut pending: Vec<Pending> = Vec::new();
            match edit {
                Edit::AddUser { id, display_name, password_hash, role, side_id } => {
                    let n = sqlx::query(
                        "INSERT INTO users (id, display_name, password_hash, role, side_id, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(id).bind(display_name).bind(password_hash).bind(role.as_str()).bind(side_id).bind(at)
                    .execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        return Err(StoreError::Invalid(format!("a user `{id}` already exists")));
                    }
                    pending.push(Pending {
                        action: "user.add",
                        entity: format!("user:{id}"),
                        before: None,
                        after: Some(json!({"display_name": display_name, "role": role.as_str(), "side": side_id})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::SetPassword { user, password_hash } => {
                    let n = sqlx::query("UPDATE users SET password_hash = $2, version = version + 1 WHERE id = $1")
                        .bind(user).bind(password_hash).execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        return Err(StoreError::NotFound(format!("user:{user}")));
                    }
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "user.password",
                        entity: format!("user:{user}"),
                        before: None,
                        after: None,
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::SetDisabled { user, disabled } => {
                    let n = sqlx::query("UPDATE users SET disabled = $2, version = version + 1 WHERE id = $1")
                        .bind(user).bind(disabled).execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        return Err(StoreError::NotFound(format!("user:{user}")));
                    }
                    if *disabled {
                        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user).execute(&mut *tx).await?;
                    }
                    pending.push(Pending {
                        action: if *disabled { "user.disable" } else { "user.enable" },
                        entity: format!("user:{user}"),
                        before: Some(json!({"disabled": !disabled})),
                        after: Some(json!({"disabled": disabled})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::SetRole { user, role, side_id } => {
                    let before: Option<(String, Option<String>)> =
                        sqlx::query_as("SELECT role, side_id FROM users WHERE id = $1")
                            .bind(user).fetch_optional(&mut *tx).await?;
                    let Some((old_role, old_side)) = before else {
                        return Err(StoreError::NotFound(format!("user:{user}")));
                    };
                    sqlx::query("UPDATE users SET role = $2, side_id = $3, version = version + 1 WHERE id = $1")
                        .bind(user).bind(role.as_str()).bind(side_id).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "user.role",
                        entity: format!("user:{user}"),
                        before: Some(json!({"role": old_role, "side": old_side})),
                        after: Some(json!({"role": role.as_str(), "side": side_id})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::DecideLink { evidence_id, commitment_id, decision, relation, rationale, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    let exists: Option<(String,)> = sqlx::query_as(
                        "SELECT evidence_id FROM link_proposals WHERE evidence_id = $1 AND commitment_id = $2
                         UNION SELECT evidence_id FROM link_decisions WHERE evidence_id = $1 AND commitment_id = $2",
                    )
                    .bind(evidence_id).bind(commitment_id).fetch_optional(&mut *tx).await?;
                    if exists.is_none() {
                        return Err(StoreError::NotFound(format!("link from evidence:{evidence_id} to {entity}")));
                    }
                    bump!("commitments", entity, commitment_id, *version);
                    let before = link_state!(evidence_id, commitment_id);
                    decide!(evidence_id, commitment_id, decision.as_str(), relation.map(Relation::as_str), rationale);
                    pending.push(Pending {
                        action: if *decision == Decision::Accepted { "link.accept" } else { "link.reject" },
                        entity,
                        before,
                        after: link_state!(evidence_id, commitment_id),
                        partnership: Some(partnership),
                        summary: format!("evidence {evidence_id}: {}", decision.as_str()),
                    });
                }
                Edit::Relink { evidence_id, from, to, relation, rationale, version } => {
                    let from_entity = format!("commitment:{from}");
                    let to_entity = format!("commitment:{to}");
                    let partnership = partnership_of!(from);
                    if partnership_of!(to) != partnership {
                        return Err(StoreError::Invalid(format!("{to_entity} is in another partnership")));
                    }
                    if from == to {
                        return Err(StoreError::Invalid("the link already points at that commitment".into()));
                    }
                    bump!("commitments", from_entity, from, *version);
                    sqlx::query("UPDATE commitments SET version = version + 1 WHERE id = $1")
                        .bind(to).execute(&mut *tx).await?;
                    let before_from = link_state!(evidence_id, from);
                    let before_to = link_state!(evidence_id, to);
                    decide!(evidence_id, from, "rejected", Option::<&str>::None, rationale);
                    decide!(evidence_id, to, "accepted", Some(relation.as_str()), rationale);
                    pending.push(Pending {
                        action: "link.move-away",
                        entity: from_entity,
                        before: before_from,
                        after: link_state!(evidence_id, from),
                        partnership: Some(partnership.clone()),
                        summary: format!("evidence {evidence_id} moved to {to}"),
                    });
                    pending.push(Pending {
                        action: "link.move-here",
                        entity: to_entity,
                        before: before_to,
                        after: link_state!(evidence_id, to),
                        partnership: Some(partnership),
                        summary: format!("evidence {evidence_id} moved from {from}"),
                    });
                }
                Edit::AcceptProposals(filter) => {
                    let sql = format!(
                        "SELECT l.evidence_id, l.commitment_id, l.relation {}
                         ORDER BY d.position, e.position, l.rank",
                        crate::review::QUEUE
                    );
                    let proposals: Vec<(String, String, String)> = sqlx::query_as(&sql)
                        .bind(&filter.partnership).bind(filter.min_score).bind(filter.area.as_deref().unwrap_or(""))
                        .fetch_all(&mut *tx).await?;
                    let of_area = filter.area.as_deref().map(|a| format!(", area {a}")).unwrap_or_default();
                    for (evidence_id, commitment_id, relation) in proposals {
                        sqlx::query("UPDATE commitments SET version = version + 1 WHERE id = $1")
                            .bind(&commitment_id).execute(&mut *tx).await?;
                        decide!(&evidence_id, &commitment_id, "accepted", Some(relation.as_str()), Option::<&str>::None);
                        pending.push(Pending {
                            action: "link.accept",
                            entity: format!("commitment:{commitment_id}"),
                            before: None,
                            after: link_state!(&evidence_id, &commitment_id),
                            partnership: Some(filter.partnership.clone()),
                            summary: format!(
                                "evidence {evidence_id}: accepted (bulk, score ≥ {}{of_area})",
                                filter.min_score
                            ),
                        });
                    }
                }
                Edit::Assess { commitment_id, side_id, status, rationale, made_on, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    if let Some(side) = side_id {
                        let known: Option<(String,)> =
                            sqlx::query_as("SELECT id FROM sides WHERE partnership_id = $1 AND id = $2")
                                .bind(&partnership).bind(side).fetch_optional(&mut *tx).await?;
                        if known.is_none() {
                            return Err(StoreError::Invalid(format!("`{side}` is not a side of {partnership}")));
                        }
                    }
                    if rationale.trim().is_empty() {
                        return Err(StoreError::Invalid("a status needs a rationale".into()));
                    }
                    bump!("commitments", entity, commitment_id, *version);
                    let id = new_id(&format!("{commitment_id}\n{side_id:?}\n{at}\n{actor}\n{seq}"));
                    sqlx::query(
                        "INSERT INTO assessments (id, commitment_id, side_id, status, rationale, made_on, made_by, recorded_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&id).bind(commitment_id).bind(side_id).bind(status.as_str()).bind(rationale)
                    .bind(made_on.to_string()).bind(actor).bind(at)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "assess",
                        entity,
                        before: None,
                        after: Some(json!({"assessment": id, "side": side_id, "status": status.as_str(),
                                           "rationale": rationale, "made_on": made_on.to_string()})),
                        partnership: Some(partnership),
                        summary: format!("status {}", status.as_str()),
                    });
                }
                Edit::RecordEvidence { commitment_id, text: words, date, source_url, relation, handling, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    if words.trim().is_empty() {
                        return Err(StoreError::Invalid("evidence needs a text".into()));
                    }
                    bump!("commitments", entity, commitment_id, *version);
                    let id = new_id(&format!("{commitment_id}\n{words}\n{at}\n{actor}\n{seq}"));
                    sqlx::query(
                        "INSERT INTO recorded_evidence (id, commitment_id, text, date, source_url, relation, handling,
                           recorded_by, recorded_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(&id).bind(commitment_id).bind(words).bind(date.to_string()).bind(source_url)
                    .bind(relation.as_str()).bind(handling.as_str()).bind(actor).bind(at)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "evidence.record",
                        entity,
                        before: None,
                        after: Some(json!({"evidence": id, "text": words, "date": date.to_string(),
                                           "source": source_url, "relation": relation.as_str(),
                                           "handling": handling.as_str()})),
                        partnership: Some(partnership),
                        summary: format!("evidence recorded ({})", relation.as_str()),
                    });
                }
                Edit::CorrectCommitment { commitment_id, correction, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    correction.check()?;
                    if let crate::Correction::Fields { pillar: Some(pillar), .. } = correction {
                        let known: Option<(String,)> =
                            sqlx::query_as("SELECT id FROM pillars WHERE partnership_id = $1 AND id = $2")
                                .bind(&partnership).bind(pillar.trim()).fetch_optional(&mut *tx).await?;
                        if known.is_none() {
                            return Err(StoreError::Invalid(format!(
                                "`{pillar}` is not a pillar of this partnership's framework"
                            )));
                        }
                    }
                    bump!("commitments", entity, commitment_id, *version);
                    let (before, row) = lay_correction!(commitment_id, correction);
                    pending.push(Pending {
                        action: "commitment.correct",
                        entity,
                        before: crate::corrections::described(before.as_ref()),
                        after: crate::corrections::described(Some(&row)),
                        partnership: Some(partnership),
                        summary: correction.summary(),
                    });
                }
                Edit::LinkPassage { commitment_id, document_id, anchor, relation, handling, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    let facts: Option<crate::passages::PassageFacts> = sqlx::query_as(&crate::passages::passage_sql())
                        .bind(commitment_id).bind(document_id).bind(anchor)
                        .fetch_optional(&mut *tx).await?;
                    let Some((of, date, document_handling, normalised, start, end, later)) = facts else {
                        return Err(StoreError::NotFound(format!("passage `{anchor}` of document `{document_id}`")));
                    };
                    if of != partnership || later == 0 {
                        return Err(StoreError::Invalid(format!(
                            "document `{document_id}` is not a later document of this partnership: evidence comes from the documents after the commitment's own"
                        )));
                    }
                    let date = kizuna_core::day_of(date.as_deref()).ok_or_else(|| {
                        StoreError::Invalid(format!("document `{document_id}` has no date, so its passage dates nothing"))
                    })?;
                    let words = crate::passages::block_text(&normalised, start, end).ok_or_else(|| {
                        StoreError::Invalid(format!("passage `{anchor}` of document `{document_id}` has no words"))
                    })?;
                    // A passage of a restricted document stays restricted wherever it is quoted.
                    let handling = if document_handling == Handling::Restricted.as_str() { Handling::Restricted } else { *handling };
                    bump!("commitments", entity, commitment_id, *version);
                    let id = new_id(&format!("{commitment_id}\n{document_id}\n{anchor}\n{at}\n{actor}\n{seq}"));
                    sqlx::query(
                        "INSERT INTO recorded_evidence (id, commitment_id, text, date, source_url, relation, handling,
                           recorded_by, recorded_at, document_id, anchor)
                         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(&id).bind(commitment_id).bind(&words).bind(date.to_string()).bind(relation.as_str())
                    .bind(handling.as_str()).bind(actor).bind(at).bind(document_id).bind(anchor)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "evidence.link-passage",
                        entity,
                        before: None,
                        after: Some(json!({"evidence": id, "document": document_id, "anchor": anchor,
                                           "text": words, "date": date.to_string(),
                                           "relation": relation.as_str(), "handling": handling.as_str()})),
                        partnership: Some(partnership),
                        summary: format!("passage linked as evidence ({})", relation.as_str()),
                    });
                }
                Edit::AddCommitment { document_id, anchor, text, area, kind, due, version } => {
                    let document = format!("document:{document_id}");
                    let facts: Option<crate::passages::BlockFacts> = sqlx::query_as(crate::passages::BLOCK_SQL)
                        .bind(document_id).bind(anchor).fetch_optional(&mut *tx).await?;
                    let Some((partnership, handling, normalised, start, end)) = facts else {
                        return Err(StoreError::NotFound(format!("passage `{anchor}` of document `{document_id}`")));
                    };
                    let passage = crate::passages::block_text(&normalised, start, end).unwrap_or_default();
                    let words = crate::passages::words_of(&passage, text).ok_or_else(|| {
                        StoreError::Invalid(format!("the text must stand word for word in passage `{anchor}`"))
                    })?;
                    if area.trim().is_empty() {
                        return Err(StoreError::Invalid("a commitment needs an area".into()));
                    }
                    if *kind == CommitmentKind::Context {
                        return Err(StoreError::Invalid("context is not a commitment: add an undertaking".into()));
                    }
                    let (start, end) = crate::passages::span_of(&normalised, start, end, &words).unwrap_or((start, end));
                    bump!("documents", document, document_id, *version);
                    let id = format!("c-{}", &new_id(&format!("{document_id}\n{anchor}\n{words}"))[..16]);
                    let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM commitments WHERE id = $1")
                        .bind(&id).fetch_optional(&mut *tx).await?;
                    if taken.is_some() {
                        return Err(StoreError::Invalid(format!("commitment `{id}` already quotes these words")));
                    }
                    let (position,): (i64,) = sqlx::query_as(
                        "SELECT COALESCE(MAX(position), -1) + 1 FROM commitments WHERE document_id = $1",
                    )
                    .bind(document_id).fetch_one(&mut *tx).await?;
                    sqlx::query(
                        "INSERT INTO commitments (id, document_id, position, anchor, text, area, kind, strength, due, due_end,
                           lead_in, actors, span_start, span_end, handling, version, added_by)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, 'firm', $8, $9, NULL, '[]', $10, $11, $12, 1, $13)",
                    )
                    .bind(&id).bind(document_id).bind(position).bind(anchor).bind(&words).bind(area.trim())
                    .bind(kind.as_str()).bind(due.map(|p| p.to_string())).bind(due.map(|p| p.end().to_string()))
                    .bind(start).bind(end).bind(&handling).bind(actor)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "commitment.add",
                        entity: format!("commitment:{id}"),
                        before: None,
                        after: Some(json!({"document": document_id, "anchor": anchor, "text": words,
                                           "area": area.trim(), "kind": kind.as_str(),
                                           "due": due.map(|p| p.to_string())})),
                        partnership: Some(partnership),
                        summary: format!("commitment added from {anchor}"),
                    });
                }
                Edit::SplitCommitment { commitment_id, parts, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    let sql = format!("SELECT {} FROM corrected_commitments c WHERE c.id = $1", crate::query::COMMITMENT_COLUMNS);
                    let item: crate::CommitmentRow = sqlx::query_as(&sql).bind(commitment_id).fetch_one(&mut *tx).await?;
                    let parts = crate::corrections::split_parts(&item.text, parts)?;
                    bump!("commitments", entity, commitment_id, *version);
                    let (normalised,): (String,) = sqlx::query_as("SELECT normalised FROM documents WHERE id = $1")
                        .bind(&item.document_id).fetch_one(&mut *tx).await?;
                    let mut ids = Vec::new();
                    for words in &parts {
                        let id = format!("c-{}", &new_id(&format!("{}\n{}\n{words}", item.document_id, item.anchor))[..16]);
                        let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM commitments WHERE id = $1")
                            .bind(&id).fetch_optional(&mut *tx).await?;
                        if taken.is_some() {
                            return Err(StoreError::Invalid(format!("commitment `{id}` already quotes \"{words}\"")));
                        }
                        let (position,): (i64,) = sqlx::query_as(
                            "SELECT COALESCE(MAX(position), -1) + 1 FROM commitments WHERE document_id = $1",
                        )
                        .bind(&item.document_id).fetch_one(&mut *tx).await?;
                        let (start, end) = crate::passages::span_of(&normalised, item.span_start, item.span_end, words)
                            .unwrap_or((item.span_start, item.span_end));
                        sqlx::query(
                            "INSERT INTO commitments (id, document_id, position, anchor, text, area, kind, strength, due, due_end,
                               lead_in, actors, span_start, span_end, handling, version, added_by)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16)",
                        )
                        .bind(&id).bind(&item.document_id).bind(position).bind(&item.anchor).bind(words).bind(&item.area)
                        .bind(&item.kind).bind(&item.strength).bind(&item.due).bind(&item.due_end).bind(&item.lead_in)
                        .bind(serde_json::to_string(&item.actors).unwrap_or_else(|_| "[]".into()))
                        .bind(start).bind(end).bind(&item.handling).bind(actor)
                        .execute(&mut *tx).await?;
                        pending.push(Pending {
                            action: "commitment.add",
                            entity: format!("commitment:{id}"),
                            before: None,
                            after: Some(json!({"document": item.document_id, "anchor": item.anchor, "text": words,
                                               "area": item.area, "kind": item.kind, "split_from": commitment_id})),
                            partnership: Some(partnership.clone()),
                            summary: format!("commitment split from {}", item.anchor),
                        });
                        ids.push(id);
                    }
                    let aside = crate::Correction::NotACommitment { reason: format!("split into {}", ids.join(", ")) };
                    let (before, _) = lay_correction!(commitment_id, aside);
                    pending.push(Pending {
                        action: "commitment.split",
                        entity,
                        before: crate::corrections::described(before.as_ref()),
                        after: Some(json!({"into": ids, "parts": parts})),
                        partnership: Some(partnership),
                        summary: format!("split into {} undertakings", ids.len()),
                    });
                }
                Edit::MergeCommitment { duplicate_id, into_id, version } => {
                    let entity = format!("commitment:{duplicate_id}");
                    let partnership = partnership_of!(duplicate_id);
                    let into_partnership = partnership_of!(into_id);
                    if duplicate_id == into_id || partnership != into_partnership {
                        return Err(StoreError::Invalid(format!(
                            "`{duplicate_id}` can only be merged into another commitment of its own partnership"
                        )));
                    }
                    // Already the same commitment, either way round: nothing to merge.
                    let joined: Option<(String,)> = sqlx::query_as(
                        "SELECT original_id FROM alignments
                         WHERE (original_id = $1 AND translation_id = $2) OR (original_id = $2 AND translation_id = $1)",
                    )
                    .bind(into_id).bind(duplicate_id).fetch_optional(&mut *tx).await?;
                    if joined.is_some() {
                        return Err(StoreError::Invalid(format!("`{duplicate_id}` and `{into_id}` are already one commitment")));
                    }
                    bump!("commitments", entity, duplicate_id, *version);
                    sqlx::query("INSERT INTO alignments (original_id, translation_id, made_by) VALUES ($1, $2, $3)")
                        .bind(into_id).bind(duplicate_id).bind(actor).execute(&mut *tx).await?;
                    sqlx::query("DELETE FROM separations WHERE original_id = $1 AND translation_id = $2")
                        .bind(into_id).bind(duplicate_id).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "commitment.merge",
                        entity,
                        before: None,
                        after: Some(json!({"into": into_id})),
                        partnership: Some(partnership),
                        summary: format!("merged into {into_id}"),
                    });
                }
                Edit::SeparateCommitment { duplicate_id, version } => {
                    let entity = format!("commitment:{duplicate_id}");
                    let partnership = partnership_of!(duplicate_id);
                    let joined: Option<(String,)> =
                        sqlx::query_as("SELECT original_id FROM alignments WHERE translation_id = $1")
                            .bind(duplicate_id).fetch_optional(&mut *tx).await?;
                    let Some((into,)) = joined else {
                        return Err(StoreError::Invalid(format!("`{duplicate_id}` is not a second citation of another commitment")));
                    };
                    bump!("commitments", entity, duplicate_id, *version);
                    sqlx::query("DELETE FROM alignments WHERE translation_id = $1")
                        .bind(duplicate_id).execute(&mut *tx).await?;
                    // Kept so that a later reading of the documents does not pair them again.
                    sqlx::query(
                        "INSERT INTO separations (original_id, translation_id, separated_by, separated_at)
                         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    )
                    .bind(&into).bind(duplicate_id).bind(actor).bind(at).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "commitment.separate",
                        entity,
                        before: Some(json!({"into": into})),
                        after: None,
                        partnership: Some(partnership),
                        summary: format!("separated from {into}"),
                    });
                }
                Edit::AddNote { commitment_id, text: words, handling, version } => {
                    let entity = format!("commitment:{commitment_id}");
                    let partnership = partnership_of!(commitment_id);
                    if words.trim().is_empty() {
                        return Err(StoreError::Invalid("a note needs a text".into()));
                    }
                    bump!("commitments", entity, commitment_id, *version);
                    let id = new_id(&format!("{commitment_id}\n{words}\n{at}\n{actor}\n{seq}"));
                    sqlx::query(
                        "INSERT INTO notes (id, commitment_id, text, handling, written_by, written_at)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&id).bind(commitment_id).bind(words).bind(handling.as_str()).bind(actor).bind(at)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "note.add",
                        entity,
                        before: None,
                        after: Some(json!({"note": id, "text": words, "handling": handling.as_str()})),
                        partnership: Some(partnership),
                        summary: "note added".into(),
                    });
                }
                Edit::SetHandling { record, id, handling, version } => {
                    let entity = record.entity(id);
                    let partnership_sql = match record {
                        Marked::Document => "SELECT partnership_id, handling FROM documents WHERE id = $1",
                        Marked::Commitment => "SELECT d.partnership_id, c.handling FROM commitments c
                                               JOIN documents d ON d.id = c.document_id WHERE c.id = $1",
                        Marked::Evidence => "SELECT d.partnership_id, e.handling FROM evidence e
                                             JOIN documents d ON d.id = e.document_id WHERE e.id = $1",
                    };
                    let row: Option<(String, String)> =
                        sqlx::query_as(partnership_sql).bind(id).fetch_optional(&mut *tx).await?;
                    let Some((partnership, old)) = row else { return Err(StoreError::NotFound(entity)) };
                    bump!(record.table(), entity, id, *version);
                    let sql = format!("UPDATE {} SET handling = $2 WHERE id = $1", record.table());
                    sqlx::query(&sql).bind(id).bind(handling.as_str()).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "handling",
                        entity,
                        before: Some(json!({"handling": old})),
                        after: Some(json!({"handling": handling.as_str()})),
                        partnership: Some(partnership.clone()),
                        summary: format!("marked {}", handling.as_str()),
                    });
                    // A span's handling holds for every record that quotes it: a commitment and
                    // the evidence item read from the same sentence are one text, and marking
                    // one restricted must not leave the other public.
                    let twins_sql = match record {
                        Marked::Document => None,
                        Marked::Commitment => Some("FROM commitments r WHERE r.id = $1"),
                        Marked::Evidence => Some("FROM evidence r WHERE r.id = $1"),
                    };
                    if let Some(source) = twins_sql {
                        let sql = format!(
                            "SELECT 'commitments', t.id, t.handling FROM commitments t, (SELECT r.document_id, r.span_start, r.span_end {source}) s
                              WHERE t.document_id = s.document_id AND t.span_start < s.span_end AND s.span_start < t.span_end
                             UNION ALL
                             SELECT 'evidence', t.id, t.handling FROM evidence t, (SELECT r.document_id, r.span_start, r.span_end {source}) s
                              WHERE t.document_id = s.document_id AND t.span_start < s.span_end AND s.span_start < t.span_end"
                        );
                        let twins: Vec<(String, String, String)> = sqlx::query_as(&sql).bind(id).fetch_all(&mut *tx).await?;
                        for (table, twin, old) in twins {
                            let twin_kind = if table == "commitments" { Marked::Commitment } else { Marked::Evidence };
                            if (twin_kind == *record && twin == *id) || old == handling.as_str() {
                                continue;
                            }
                            let sql = format!("UPDATE {table} SET handling = $2, version = version + 1 WHERE id = $1");
                            sqlx::query(&sql).bind(&twin).bind(handling.as_str()).execute(&mut *tx).await?;
                            pending.push(Pending {
                                action: "handling",
                                entity: twin_kind.entity(&twin),
                                before: Some(json!({"handling": old})),
                                after: Some(json!({"handling": handling.as_str(), "quotes": record.entity(id)})),
                                partnership: Some(partnership.clone()),
                                summary: format!("marked {} with the text it quotes", handling.as_str()),
                            });
                        }
                    }
                }
                Edit::Follow { user, partnership, kind, target } => {
                    let (seen,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(seq), 0) FROM changes")
                        .fetch_one(&mut *tx).await?;
                    sqlx::query(
                        "INSERT INTO follows (user_id, partnership_id, target_kind, target_id, seen_seq)
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    )
                    .bind(user).bind(partnership).bind(kind.as_str()).bind(target).bind(seen)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "follow",
                        entity: format!("user:{user}"),
                        before: None,
                        after: Some(json!({"partnership": partnership, "kind": kind.as_str(), "target": target})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::Unfollow { user, partnership, kind, target } => {
                    sqlx::query(
                        "DELETE FROM follows WHERE user_id = $1 AND partnership_id = $2 AND target_kind = $3 AND target_id = $4",
                    )
                    .bind(user).bind(partnership).bind(kind.as_str()).bind(target)
                    .execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "unfollow",
                        entity: format!("user:{user}"),
                        before: Some(json!({"partnership": partnership, "kind": kind.as_str(), "target": target})),
                        after: None,
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::MarkDigestRead { user } => {
                    let (seen,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(seq), 0) FROM changes")
                        .fetch_one(&mut *tx).await?;
                    sqlx::query("UPDATE follows SET seen_seq = $2 WHERE user_id = $1")
                        .bind(user).bind(seen).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "digest.read",
                        entity: format!("user:{user}"),
                        before: None,
                        after: Some(json!({"seen": seen})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::CreateApiToken { user, name, scope, token_hash, lifetime_days } => {
                    let id = new_id(&format!("api-token:{token_hash}"));
                    let expires_at = crate::api_tokens::expiry(at, *lifetime_days)?;
                    let n = sqlx::query(
                        "INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, expires_at)
                         SELECT $1, id, $3, $4, $5, $6, $7 FROM users WHERE id = $2",
                    )
                    .bind(&id).bind(user).bind(name.trim()).bind(scope.as_str()).bind(token_hash).bind(at).bind(&expires_at)
                    .execute(&mut *tx).await?.rows_affected();
                    if n == 0 {
                        return Err(StoreError::NotFound(format!("user:{user}")));
                    }
                    pending.push(Pending {
                        action: "api-token.create",
                        entity: format!("user:{user}"),
                        before: None,
                        after: Some(json!({"token": id, "name": name.trim(), "scope": scope.as_str(), "expires_at": expires_at})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::RevokeApiToken { user, token_id } => {
                    let row: Option<(String, String)> = sqlx::query_as(
                        "SELECT name, scope FROM api_tokens WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
                    )
                    .bind(token_id).bind(user).fetch_optional(&mut *tx).await?;
                    let Some((name, scope)) = row else {
                        return Err(StoreError::NotFound(format!("a live API token `{token_id}` of {user}")));
                    };
                    sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1")
                        .bind(token_id).bind(at).execute(&mut *tx).await?;
                    pending.push(Pending {
                        action: "api-token.revoke",
                        entity: format!("user:{user}"),
                        before: Some(json!({"token": token_id, "name": name, "scope": scope})),
                        after: Some(json!({"token": token_id, "revoked_at": at})),
                        partnership: None,
                        summary: String::new(),
                    });
                }
                Edit::SignIn { user } | Edit::SignOut { user } => {
                    pending.push(Pending {
                        action: if matches!(edit, Edit::SignIn { .. }) { "sign-in" } else { "sign-out" },
                        entity: format!("user:{user}"),
                        before: None,
                        after: None,
                        partnership: None,
                        summary: String::new(),
                    });
                }
            }

            let events = append_audit!(tx, head, pending, actor, at);
            tx.commit().await?;
            Ok(events)
        })
    }
}
