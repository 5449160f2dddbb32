//! The rows the store takes and gives back. Plain data: the binary builds them from an analysis,
//! the web layer renders them.

use kizuna_core::Manifest;
use serde::{Deserialize, Serialize};

/// A partnership to store: its manifest and its analysed documents, oldest first.
#[derive(Clone, Debug)]
pub struct PartnershipRecord {
    pub manifest: Manifest,
    pub documents: Vec<DocumentRecord>,
}

/// One analysed document with everything found in it.
#[derive(Clone, Debug)]
pub struct DocumentRecord {
    pub document: DocumentRow,
    pub original: Vec<u8>,
    pub normalised: String,
    pub blocks: Vec<BlockRow>,
    pub commitments: Vec<CommitmentRow>,
    pub evidence: Vec<EvidenceRow>,
    pub links: Vec<LinkRow>,
    /// (commitment of an earlier document, this document's commitment that translates it).
    pub alignments: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnershipRow {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub established: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentRow {
    /// SHA-256 of the original bytes.
    pub id: String,
    pub partnership_id: String,
    /// Chronological position within the partnership.
    pub position: i64,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub kind: Option<String>,
    pub language: String,
    pub url: Option<String>,
    pub meeting_id: Option<String>,
    pub handling: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlockRow {
    pub position: i64,
    /// heading | paragraph | item | footnote
    pub kind: String,
    pub level: Option<i64>,
    pub anchor: String,
    pub span_start: i64,
    pub span_end: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentRow {
    pub id: String,
    pub document_id: String,
    pub position: i64,
    pub anchor: String,
    pub text: String,
    pub area: String,
    /// The framework pillar it sits under (`pillars.id`): its area's, unless a person said
    /// otherwise; `None` when the manifest places its area under no pillar.
    pub pillar: Option<String>,
    pub kind: String,
    pub strength: String,
    pub due: Option<String>,
    /// Last day of the due period (ISO date), for "overdue" queries.
    pub due_end: Option<String>,
    pub lead_in: Option<String>,
    #[sqlx(try_from = "String")]
    pub actors: StringList,
    pub span_start: i64,
    pub span_end: i64,
    pub handling: String,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceRow {
    pub id: String,
    pub document_id: String,
    pub position: i64,
    pub anchor: String,
    pub text: String,
    pub date: Option<String>,
    pub concrete: bool,
    pub span_start: i64,
    pub span_end: i64,
    pub handling: String,
    pub version: i64,
}

/// A machine-proposed link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRow {
    pub evidence_id: String,
    pub commitment_id: String,
    pub rank: i64,
    pub score: f64,
    pub relation: String,
}

/// Evidence reported against a commitment, with the link that ties them and the document it
/// comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceForCommitment {
    #[sqlx(flatten)]
    pub evidence: EvidenceRow,
    #[sqlx(flatten)]
    pub link: LinkRow,
    pub document_title: String,
    pub document_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeRow {
    pub seq: i64,
    pub partnership_id: String,
    pub at: String,
    pub kind: String,
    pub entity_id: String,
    pub summary: String,
}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub documents_added: usize,
    /// Documents already stored (same bytes).
    pub documents_unchanged: usize,
    pub commitments_added: usize,
    pub evidence_added: usize,
    /// Documents already stored that the engine read differently, and what became of
    /// people's decisions about them.
    pub reread: crate::Reanalysis,
}

/// Filters for listing commitments.
#[derive(Clone, Debug, Default)]
pub struct CommitmentQuery {
    pub partnership_id: String,
    pub area: Option<String>,
    pub document_id: Option<String>,
    pub kind: Option<String>,
    /// Include restricted records (only for roles that may see them).
    pub include_restricted: bool,
    pub limit: i64,
    pub offset: i64,
}

/// A list of strings kept as a JSON array in a text column (the same in both backends).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct StringList(pub Vec<String>);

impl TryFrom<String> for StringList {
    type Error = serde_json::Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        serde_json::from_str(&text).map(StringList)
    }
}

impl std::ops::Deref for StringList {
    type Target = Vec<String>;

    fn deref(&self) -> &Vec<String> {
        &self.0
    }
}

impl From<Vec<String>> for StringList {
    fn from(v: Vec<String>) -> Self {
        StringList(v)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SideRow {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationRow {
    pub id: String,
    pub side_id: Option<String>,
    pub name: String,
    pub name_ja: Option<String>,
    pub acronym: Option<String>,
    #[sqlx(try_from = "String")]
    pub aliases: StringList,
    pub since: Option<String>,
    pub until: Option<String>,
    pub succeeded_by: Option<String>,
}

/// A pillar of the framework and the areas under it, in the manifest's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PillarRow {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub areas: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BodyRow {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub level: Option<String>,
    pub cadence: Option<String>,
    pub kind: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingRow {
    pub id: String,
    pub body_id: String,
    pub date: Option<String>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub title_ja: Option<String>,
}
