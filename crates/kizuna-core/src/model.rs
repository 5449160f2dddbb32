//! The vocabulary of the record: what a commitment is, how firm, and how evidence relates to it.

use serde::{Deserialize, Serialize};

/// What sort of undertaking a commitment is; it decides which status rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitmentKind {
    /// A deliverable that is done once ("hold a workshop in the first quarter of 2024").
    OneOff,
    /// An activity that goes on ("share information on policy and research").
    Continuing,
    /// A stated aim of the partnership, not itself verifiable.
    Aim,
    /// An undertaking about the partnership's own meetings and arrangements.
    Governance,
    /// Words that read like an undertaking but bind nobody to the partnership: a quoted
    /// person's hopes, one side's account of its own domestic plans, a sentence about the
    /// partnership document itself.
    Context,
}

/// "will" is firm; "will look to explore" is soft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Firm,
    Soft,
}

/// How an evidence statement bears on a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The one-off deliverable happened.
    Delivered,
    /// Something happened towards it.
    Progress,
    /// Only a restatement; never counts as progress.
    Reaffirmed,
}

/// The language of a document or a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Ja,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ja => "ja",
        }
    }
}

impl CommitmentKind {
    /// The kind named by [`CommitmentKind::as_str`]'s word, if it is one.
    pub const ALL: [CommitmentKind; 5] = [
        CommitmentKind::OneOff,
        CommitmentKind::Continuing,
        CommitmentKind::Aim,
        CommitmentKind::Governance,
        CommitmentKind::Context,
    ];

    pub fn from_name(name: &str) -> Option<CommitmentKind> {
        CommitmentKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Aims and context are kept, and shown apart, but are no undertakings: they are left out
    /// of headline counts, report totals and statuses that call for action (overdue, stalled).
    pub fn set_apart(self) -> bool {
        matches!(self, CommitmentKind::Aim | CommitmentKind::Context)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::OneOff => "one-off",
            CommitmentKind::Continuing => "continuing",
            CommitmentKind::Aim => "aim",
            CommitmentKind::Governance => "governance",
            CommitmentKind::Context => "context",
        }
    }
}

impl Strength {
    /// The strength named by [`Strength::as_str`]'s word, if it is one.
    pub fn from_name(name: &str) -> Option<Strength> {
        [Strength::Firm, Strength::Soft].into_iter().find(|s| s.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Firm => "firm",
            Strength::Soft => "soft",
        }
    }
}

impl Relation {
    /// The relation named by [`Relation::as_str`]'s word, if it is one.
    pub fn from_name(name: &str) -> Option<Relation> {
        [Relation::Delivered, Relation::Progress, Relation::Reaffirmed]
            .into_iter()
            .find(|r| r.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Delivered => "delivered",
            Relation::Progress => "progress",
            Relation::Reaffirmed => "reaffirmed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in [
            CommitmentKind::OneOff,
            CommitmentKind::Continuing,
            CommitmentKind::Aim,
            CommitmentKind::Governance,
        ] {
            assert_eq!(CommitmentKind::from_name(k.as_str()), Some(k));
        }
        for r in [Relation::Delivered, Relation::Progress, Relation::Reaffirmed] {
            assert_eq!(Relation::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Relation::from_name("maybe"), None);
    }
}
