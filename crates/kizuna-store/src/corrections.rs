//! What people correct of an extracted commitment: that it is no commitment at all (kept, as
//! context, with the reason), its area, pillar, kind, strength, due period or actors (the first
//! named leads). Corrections live apart from what the
//! engine wrote (`commitment_corrections`) and are laid over it when read
//! (`corrected_commitments`), so a later analysis never undoes them.

use kizuna_core::{CommitmentKind, Period, Strength};
use serde_json::{Value, json};

use crate::StoreError;

#[derive(Clone, Debug, PartialEq)]
pub enum Correction {
    /// It binds nobody: kept as context, out of lists and counts, with the reason.
    NotACommitment { reason: String },
    /// Undoes every correction: the engine's reading stands again.
    Restore,
    /// Each field given replaces the engine's; `due: Some(None)` says it has no due date,
    /// `actors: Some(vec![])` that it names nobody.
    Fields {
        area: Option<String>,
        /// A pillar of the partnership's framework (`pillars.id`), where its area's is wrong.
        pillar: Option<String>,
        kind: Option<CommitmentKind>,
        strength: Option<Strength>,
        due: Option<Option<Period>>,
        actors: Option<Vec<String>>,
    },
}

/// One row of `commitment_corrections` as a correction leaves it (`None`: the engine's value).
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct CorrectionRow {
    pub commitment_id: String,
    pub kind: Option<String>,
    pub area: Option<String>,
    pub due_set: i64,
    pub due: Option<String>,
    pub due_end: Option<String>,
    pub strength: Option<String>,
    /// JSON list, as `commitments.actors`.
    pub actors: Option<String>,
    pub pillar: Option<String>,
    pub reason: Option<String>,
    pub corrected_by: String,
    pub corrected_at: String,
}

impl CorrectionRow {
    /// Marked "not a commitment".
    pub fn set_aside(&self) -> bool {
        self.kind.as_deref() == Some(CommitmentKind::Context.as_str())
    }
}

impl Correction {
    /// Refuses what cannot be stored: an empty reason, an empty area, a kind that is how
    /// "not a commitment" is stored.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        match self {
            Correction::NotACommitment { reason } if reason.trim().is_empty() => {
                Err(StoreError::Invalid("say why it is not a commitment".into()))
            }
            Correction::Fields { area: Some(a), .. } if a.trim().is_empty() => {
                Err(StoreError::Invalid("an area needs a name".into()))
            }
            Correction::Fields { kind: Some(CommitmentKind::Context), .. } => {
                Err(StoreError::Invalid("to set it aside, mark it \"not a commitment\" with a reason".into()))
            }
            Correction::Fields {
                area: None,
                pillar: None,
                kind: None,
                strength: None,
                due: None,
                actors: None,
            } => Err(StoreError::Invalid("nothing to correct".into())),
            Correction::Fields { actors: Some(names), .. } if names.iter().any(|n| n.trim().is_empty()) => {
                Err(StoreError::Invalid("an actor needs a name".into()))
            }
            _ => Ok(()),
        }
    }

    /// The row after this correction, from the row before (`None`: no correction yet).
    pub(crate) fn applied(
        &self,
        before: Option<&CorrectionRow>,
        id: &str,
        actor: &str,
        at: &str,
    ) -> CorrectionRow {
        let mut row = before
            .cloned()
            .unwrap_or_else(|| CorrectionRow { commitment_id: id.to_owned(), ..Default::default() });
        row.corrected_by = actor.to_owned();
        row.corrected_at = at.to_owned();
        match self {
            Correction::NotACommitment { reason } => {
                row.kind = Some(CommitmentKind::Context.as_str().to_owned());
                row.reason = Some(reason.trim().to_owned());
            }
            Correction::Restore => {
                row = CorrectionRow {
                    commitment_id: id.to_owned(),
                    corrected_by: row.corrected_by,
                    corrected_at: row.corrected_at,
                    ..Default::default()
                };
            }
            Correction::Fields { area, pillar, kind, strength, due, actors } => {
                if let Some(p) = pillar {
                    row.pillar = Some(p.trim().to_owned());
                }
                if let Some(s) = strength {
                    row.strength = Some(s.as_str().to_owned());
                }
                if let Some(names) = actors {
                    let names: Vec<&str> = names.iter().map(|n| n.trim()).collect();
                    row.actors = Some(serde_json::to_string(&names).unwrap_or_else(|_| "[]".into()));
                }
                if let Some(a) = area {
                    row.area = Some(a.trim().to_owned());
                }
                if let Some(k) = kind {
                    row.kind = Some(k.as_str().to_owned());
                    row.reason = None;
                }
                if let Some(d) = due {
                    row.due_set = 1;
                    row.due = d.map(|p| p.to_string());
                    row.due_end = d.map(|p| p.end().to_string());
                }
            }
        }
        row
    }

    /// The audit event's words for it.
    pub(crate) fn summary(&self) -> String {
        match self {
            Correction::NotACommitment { reason } => format!("marked not a commitment: {reason}"),
            Correction::Restore => "corrections undone".into(),
            Correction::Fields { .. } => "corrected".into(),
        }
    }
}

/// The undertakings `parts` names within an item's `text`, each single-spaced: two or more,
/// each standing word for word in the text, none twice.
pub(crate) fn split_parts(text: &str, parts: &[String]) -> Result<Vec<String>, StoreError> {
    let mut words: Vec<String> = Vec::new();
    for part in parts.iter().filter(|p| !p.trim().is_empty()) {
        let found = crate::passages::words_of(&crate::single_spaced(text), part).ok_or_else(|| {
            StoreError::Invalid(format!("\"{}\" does not stand word for word in the item", part.trim()))
        })?;
        if words.contains(&found) {
            return Err(StoreError::Invalid(format!("\"{found}\" is named twice")));
        }
        words.push(found);
    }
    if words.len() < 2 {
        return Err(StoreError::Invalid("a split needs two or more parts, one per undertaking".into()));
    }
    Ok(words)
}

/// The columns of `commitment_corrections`, as `CorrectionRow` reads them.
pub(crate) const COLUMNS: &str = "commitment_id, kind, area, due_set, due, due_end, strength, actors, pillar, reason, corrected_by, corrected_at";

/// A correction row as the audit log keeps it.
pub(crate) fn described(row: Option<&CorrectionRow>) -> Option<Value> {
    row.map(|r| {
        json!({"kind": r.kind, "area": r.area, "pillar": r.pillar, "strength": r.strength, "due_set": r.due_set == 1, "due": r.due,
               "actors": r.actors, "reason": r.reason})
    })
}

impl crate::Store {
    /// When each corrected commitment was first corrected (commitment id, RFC 3339 time), from
    /// the audit log: the first time, so that a later correction does not change what a past
    /// report said was reviewed.
    pub async fn correction_times(&self) -> Result<Vec<(String, String)>, StoreError> {
        let sql = "SELECT entity, MIN(at) FROM audit_events
                   WHERE action IN ('commitment.correct', 'commitment.split') GROUP BY entity ORDER BY entity";
        let rows: Vec<(String, String)> =
            crate::on_pool!(self, pool => sqlx::query_as(sql).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .filter_map(|(entity, at)| entity.strip_prefix("commitment:").map(|id| (id.to_owned(), at)))
            .collect())
    }

    /// The corrections people made to a commitment, if any.
    pub async fn correction(&self, commitment_id: &str) -> Result<Option<CorrectionRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM commitment_corrections WHERE commitment_id = $1");
        Ok(
            crate::on_pool!(self, pool => sqlx::query_as(&sql).bind(commitment_id).fetch_optional(pool).await?),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_build_on_each_other_and_restore_clears_them() {
        let set_aside = Correction::NotACommitment { reason: "a minister's hope".into() };
        let row = set_aside.applied(None, "c1", "eve", "2025-02-01T09:00:00Z");
        assert!(row.set_aside());
        let due = Correction::Fields {
            area: Some("data".into()),
            pillar: Some("infrastructure".into()),
            kind: None,
            strength: Some(Strength::Soft),
            due: Some(None),
            actors: Some(vec![" DSIT ".into(), "MIC".into()]),
        };
        let row = due.applied(Some(&row), "c1", "eve", "2025-02-02T09:00:00Z");
        assert!(
            row.set_aside() && row.due_set == 1 && row.due.is_none() && row.area.as_deref() == Some("data")
        );
        assert_eq!(
            (row.strength.as_deref(), row.actors.as_deref(), row.pillar.as_deref()),
            (Some("soft"), Some(r#"["DSIT","MIC"]"#), Some("infrastructure"))
        );
        let row = Correction::Restore.applied(Some(&row), "c1", "eve", "2025-02-03T09:00:00Z");
        assert_eq!((row.kind, row.area, row.due_set), (None, None, 0));
    }

    #[test]
    fn a_split_names_two_or_more_parts_of_the_item() {
        let item = "Hold a workshop on AI  and publish a joint report on compute.";
        let parts = |p: &[&str]| split_parts(item, &p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            parts(&["Hold a workshop on AI", " publish a joint report on compute. ", ""]).unwrap(),
            ["Hold a workshop on AI", "publish a joint report on compute."]
        );
        assert!(parts(&["Hold a workshop on AI"]).is_err(), "one part is no split");
        assert!(parts(&["Hold a workshop", "launch a call"]).is_err(), "not in the item");
        assert!(parts(&["Hold a workshop", "Hold a workshop"]).is_err(), "twice");
    }

    #[test]
    fn empty_or_contradictory_corrections_are_refused() {
        assert!(Correction::NotACommitment { reason: " ".into() }.check().is_err());
        let fields = |kind: Option<CommitmentKind>, actors: Option<Vec<String>>| Correction::Fields {
            area: None,
            pillar: None,
            kind,
            strength: None,
            due: None,
            actors,
        };
        assert!(fields(None, None).check().is_err(), "nothing to correct");
        assert!(fields(None, Some(vec!["DSIT".into(), " ".into()])).check().is_err());
        assert!(fields(Some(CommitmentKind::Context), None).check().is_err());
        assert!(fields(Some(CommitmentKind::OneOff), None).check().is_ok());
    }
}
