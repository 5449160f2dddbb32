//! What people decided about the passages of a document, taken out of the store while a new
//! reading replaces the engine's rows, then put back on the passages the words went to — or,
//! where they went nowhere, kept as orphaned decisions for a reviewer.

use serde::{Deserialize, Serialize};

use crate::{AssessmentRow, CorrectionRow, LinkDecisionRow, LinkRow, NoteRow, RecordedEvidenceRow};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct FollowKept {
    pub user_id: String,
    pub partnership_id: String,
    pub target_kind: String,
    pub target_id: String,
    pub seen_seq: i64,
}

/// A pairing a person made (a restatement merged into its commitment) or undid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct PairingKept {
    pub original_id: String,
    pub translation_id: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// One decision (or a proposal of another document that names a re-read commitment).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "row", rename_all = "snake_case")]
pub enum Kept {
    LinkDecision(LinkDecisionRow),
    Assessment(AssessmentRow),
    RecordedEvidence(RecordedEvidenceRow),
    Note(NoteRow),
    Correction(CorrectionRow),
    Follow(FollowKept),
    Merge(PairingKept),
    Separation(PairingKept),
    /// Machine output of a document that was not re-read: carried when it can be, else let go.
    Proposal(LinkRow),
    /// The engine's pairing of such a document's commitment with a re-read one.
    EnginePairing(PairingKept),
}

/// What an id of a kept row names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Commitment,
    Evidence,
}

impl Kept {
    /// The name a reviewer reads (`link_decision`, `assessment`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Kept::LinkDecision(_) => "link_decision",
            Kept::Assessment(_) => "assessment",
            Kept::RecordedEvidence(_) => "recorded_evidence",
            Kept::Note(_) => "note",
            Kept::Correction(_) => "correction",
            Kept::Follow(_) => "follow",
            Kept::Merge(_) => "merge",
            Kept::Separation(_) => "separation",
            Kept::Proposal(_) => "proposal",
            Kept::EnginePairing(_) => "engine_pairing",
        }
    }

    /// A person's decision, which must never be lost (a proposal is the engine's).
    pub fn is_decision(&self) -> bool {
        !matches!(self, Kept::Proposal(_) | Kept::EnginePairing(_))
    }

    /// Who decided, and when.
    pub fn decided(&self) -> (&str, &str) {
        match self {
            Kept::LinkDecision(r) => (&r.decided_by, &r.decided_at),
            Kept::Assessment(r) => (&r.made_by, &r.recorded_at),
            Kept::RecordedEvidence(r) => (&r.recorded_by, &r.recorded_at),
            Kept::Note(r) => (&r.written_by, &r.written_at),
            Kept::Correction(r) => (&r.corrected_by, &r.corrected_at),
            Kept::Follow(r) => (&r.user_id, ""),
            Kept::Merge(r) | Kept::Separation(r) => (&r.decided_by, &r.decided_at),
            Kept::Proposal(_) | Kept::EnginePairing(_) => ("engine", ""),
        }
    }

    /// The ids of passages the row names, each with what it names.
    pub fn ids_mut(&mut self) -> Vec<(&mut String, Target)> {
        use Target::{Commitment, Evidence};
        match self {
            Kept::LinkDecision(r) => vec![(&mut r.commitment_id, Commitment), (&mut r.evidence_id, Evidence)],
            Kept::Proposal(r) => vec![(&mut r.commitment_id, Commitment), (&mut r.evidence_id, Evidence)],
            Kept::Assessment(r) => vec![(&mut r.commitment_id, Commitment)],
            Kept::RecordedEvidence(r) => vec![(&mut r.commitment_id, Commitment)],
            Kept::Note(r) => vec![(&mut r.commitment_id, Commitment)],
            Kept::Correction(r) => vec![(&mut r.commitment_id, Commitment)],
            Kept::Follow(r) => vec![(&mut r.target_id, Commitment)],
            Kept::Merge(r) | Kept::Separation(r) | Kept::EnginePairing(r) => {
                vec![(&mut r.original_id, Commitment), (&mut r.translation_id, Commitment)]
            }
        }
    }

    /// The first commitment and evidence ids the row names.
    pub fn targets(&self) -> (Option<String>, Option<String>) {
        let mut row = self.clone();
        let ids = row.ids_mut();
        let first = |t: Target| ids.iter().find(|(_, k)| *k == t).map(|(id, _)| (**id).clone());
        (first(Target::Commitment), first(Target::Evidence))
    }
}

/// Reads the rows of each kind that name a passage of document `$doc` as the engine read it,
/// in transaction `$tx`, into `$out` (a `Vec<Kept>`).
macro_rules! take_kept {
    ($tx:ident, $doc:expr, $out:ident) => {{
        use $crate::kept::{FollowKept, Kept, PairingKept};
        const OLD_C: &str = "(SELECT id FROM commitments WHERE document_id = $1 AND added_by IS NULL)";
        const OLD_E: &str = "(SELECT id FROM evidence WHERE document_id = $1)";
        let rows: Vec<$crate::LinkDecisionRow> = sqlx::query_as(&format!(
            "SELECT evidence_id, commitment_id, decision, relation, decided_by, decided_at, rationale, version
             FROM link_decisions WHERE commitment_id IN {OLD_C} OR evidence_id IN {OLD_E}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::LinkDecision));
        let rows: Vec<$crate::AssessmentRow> = sqlx::query_as(&format!(
            "SELECT id, commitment_id, side_id, status, rationale, made_on, made_by, recorded_at
             FROM assessments WHERE commitment_id IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Assessment));
        let rows: Vec<$crate::RecordedEvidenceRow> = sqlx::query_as(&format!(
            "SELECT id, commitment_id, text, date, source_url, relation, handling, recorded_by, recorded_at,
                    document_id, anchor
             FROM recorded_evidence WHERE commitment_id IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::RecordedEvidence));
        let rows: Vec<$crate::NoteRow> = sqlx::query_as(&format!(
            "SELECT id, commitment_id, text, handling, written_by, written_at FROM notes WHERE commitment_id IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Note));
        let rows: Vec<$crate::CorrectionRow> = sqlx::query_as(&format!(
            "SELECT {} FROM commitment_corrections WHERE commitment_id IN {OLD_C}",
            $crate::corrections::COLUMNS
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Correction));
        let rows: Vec<FollowKept> = sqlx::query_as(&format!(
            "SELECT user_id, partnership_id, target_kind, target_id, seen_seq
             FROM follows WHERE target_kind = 'commitment' AND target_id IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Follow));
        // A merge's time is its audit event's; the pairing row keeps only who made it.
        let rows: Vec<PairingKept> = sqlx::query_as(&format!(
            "SELECT original_id, translation_id, made_by AS decided_by, '' AS decided_at FROM alignments
             WHERE made_by IS NOT NULL AND (original_id IN {OLD_C} OR translation_id IN {OLD_C})"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Merge));
        let rows: Vec<PairingKept> = sqlx::query_as(&format!(
            "SELECT original_id, translation_id, separated_by AS decided_by, separated_at AS decided_at FROM separations
             WHERE original_id IN {OLD_C} OR translation_id IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Separation));
        let rows: Vec<$crate::LinkRow> = sqlx::query_as(&format!(
            "SELECT evidence_id, commitment_id, rank, score, relation FROM link_proposals
             WHERE commitment_id IN {OLD_C} AND evidence_id NOT IN {OLD_E}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::Proposal));
        let rows: Vec<PairingKept> = sqlx::query_as(&format!(
            "SELECT original_id, translation_id, '' AS decided_by, '' AS decided_at FROM alignments
             WHERE made_by IS NULL AND original_id IN {OLD_C} AND translation_id NOT IN {OLD_C}"
        ))
        .bind($doc).fetch_all(&mut *$tx).await?;
        $out.extend(rows.into_iter().map(Kept::EnginePairing));
    }};
}
pub(crate) use take_kept;

/// Deletes kept row `$kept` from its table in transaction `$tx`.
macro_rules! drop_kept {
    ($tx:ident, $kept:expr) => {{
        use $crate::kept::Kept;
        let (sql, a, b): (&str, &str, Option<&str>) = match $kept {
            Kept::LinkDecision(r) => (
                "DELETE FROM link_decisions WHERE evidence_id = $1 AND commitment_id = $2",
                &r.evidence_id,
                Some(&r.commitment_id),
            ),
            Kept::Proposal(r) => (
                "DELETE FROM link_proposals WHERE evidence_id = $1 AND commitment_id = $2",
                &r.evidence_id,
                Some(&r.commitment_id),
            ),
            Kept::Assessment(r) => ("DELETE FROM assessments WHERE id = $1", &r.id, None),
            Kept::RecordedEvidence(r) => ("DELETE FROM recorded_evidence WHERE id = $1", &r.id, None),
            Kept::Note(r) => ("DELETE FROM notes WHERE id = $1", &r.id, None),
            Kept::Correction(r) => {
                ("DELETE FROM commitment_corrections WHERE commitment_id = $1", &r.commitment_id, None)
            }
            Kept::Follow(r) => (
                "DELETE FROM follows WHERE target_kind = 'commitment' AND target_id = $1 AND user_id = $2",
                &r.target_id,
                Some(&r.user_id),
            ),
            Kept::Merge(r) | Kept::EnginePairing(r) => (
                "DELETE FROM alignments WHERE original_id = $1 AND translation_id = $2",
                &r.original_id,
                Some(&r.translation_id),
            ),
            Kept::Separation(r) => (
                "DELETE FROM separations WHERE original_id = $1 AND translation_id = $2",
                &r.original_id,
                Some(&r.translation_id),
            ),
        };
        let mut q = sqlx::query(sql).bind(a);
        if let Some(b) = b {
            q = q.bind(b);
        }
        q.execute(&mut *$tx).await?;
    }};
}
pub(crate) use drop_kept;

/// Writes kept row `$kept` back in transaction `$tx`; `false` when a row of the same key is
/// there already (two old passages carried to one new one).
macro_rules! put_kept {
    ($tx:ident, $kept:expr) => {{
        use $crate::kept::Kept;
        let done = match $kept {
            Kept::LinkDecision(r) => sqlx::query(
                "INSERT INTO link_decisions (evidence_id, commitment_id, decision, relation, decided_by, decided_at,
                   rationale, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            )
            .bind(&r.evidence_id).bind(&r.commitment_id).bind(&r.decision).bind(&r.relation)
            .bind(&r.decided_by).bind(&r.decided_at).bind(&r.rationale).bind(r.version)
            .execute(&mut *$tx).await?,
            Kept::Proposal(r) => sqlx::query(
                "INSERT INTO link_proposals (evidence_id, commitment_id, rank, score, relation)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(&r.evidence_id).bind(&r.commitment_id).bind(r.rank).bind(r.score).bind(&r.relation)
            .execute(&mut *$tx).await?,
            Kept::Assessment(r) => sqlx::query(
                "INSERT INTO assessments (id, commitment_id, side_id, status, rationale, made_on, made_by, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            )
            .bind(&r.id).bind(&r.commitment_id).bind(&r.side_id).bind(&r.status).bind(&r.rationale)
            .bind(&r.made_on).bind(&r.made_by).bind(&r.recorded_at)
            .execute(&mut *$tx).await?,
            Kept::RecordedEvidence(r) => sqlx::query(
                "INSERT INTO recorded_evidence (id, commitment_id, text, date, source_url, relation, handling,
                   recorded_by, recorded_at, document_id, anchor)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
            )
            .bind(&r.id).bind(&r.commitment_id).bind(&r.text).bind(&r.date).bind(&r.source_url)
            .bind(&r.relation).bind(&r.handling).bind(&r.recorded_by).bind(&r.recorded_at)
            .bind(&r.document_id).bind(&r.anchor)
            .execute(&mut *$tx).await?,
            Kept::Note(r) => sqlx::query(
                "INSERT INTO notes (id, commitment_id, text, handling, written_by, written_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            )
            .bind(&r.id).bind(&r.commitment_id).bind(&r.text).bind(&r.handling).bind(&r.written_by)
            .bind(&r.written_at)
            .execute(&mut *$tx).await?,
            Kept::Correction(r) => sqlx::query(
                "INSERT INTO commitment_corrections (commitment_id, kind, area, due_set, due, due_end, strength, actors,
                   reason, corrected_by, corrected_at, pillar)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
            )
            .bind(&r.commitment_id).bind(&r.kind).bind(&r.area).bind(r.due_set).bind(&r.due)
            .bind(&r.due_end).bind(&r.strength).bind(&r.actors).bind(&r.reason).bind(&r.corrected_by)
            .bind(&r.corrected_at).bind(&r.pillar)
            .execute(&mut *$tx).await?,
            Kept::Follow(r) => sqlx::query(
                "INSERT INTO follows (user_id, partnership_id, target_kind, target_id, seen_seq)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(&r.user_id).bind(&r.partnership_id).bind(&r.target_kind).bind(&r.target_id).bind(r.seen_seq)
            .execute(&mut *$tx).await?,
            // The engine may now pair them itself: the pairing is the person's all the same.
            Kept::Merge(r) => sqlx::query(
                "INSERT INTO alignments (original_id, translation_id, made_by) VALUES ($1, $2, $3)
                 ON CONFLICT (original_id, translation_id) DO UPDATE SET made_by = excluded.made_by",
            )
            .bind(&r.original_id).bind(&r.translation_id).bind(&r.decided_by)
            .execute(&mut *$tx).await?,
            Kept::EnginePairing(r) => sqlx::query(
                "INSERT INTO alignments (original_id, translation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(&r.original_id).bind(&r.translation_id)
            .execute(&mut *$tx).await?,
            Kept::Separation(r) => sqlx::query(
                "INSERT INTO separations (original_id, translation_id, separated_by, separated_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(&r.original_id).bind(&r.translation_id).bind(&r.decided_by).bind(&r.decided_at)
            .execute(&mut *$tx).await?,
        };
        done.rows_affected() > 0
    }};
}
pub(crate) use put_kept;
