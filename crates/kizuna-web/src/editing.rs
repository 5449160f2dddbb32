//! Keeping one commitment's record: its edit page (status, evidence recorded by hand, notes,
//! handling, decisions on its links, its audit trail) and the forms that change it.
//!
//! Every form carries the version of the commitment (or document, or evidence item) it was
//! filled in against; the store refuses it when the record has moved on, and the refusal lists
//! what changed (`StoreError::Stale`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use kizuna_core::{AuditEvent, CommitmentKind, Handling, Period, Permission, Relation, Status, Strength};
use kizuna_store::{
    CommitmentRow, Correction, CorrectionRow, Decision, DocumentRow, Edit, EvidenceForCommitment, Marked,
    NoteRow, PassageRow, RecordedEvidenceRow, SideRow,
};
use serde::Deserialize;

use crate::fields::Fields;
use crate::i18n::Ui;
use crate::session::{SignedIn, local_path};
use crate::{AppState, WebError, now_rfc3339};

pub const STATUSES: [Status; 7] = Status::ALL;
pub const RELATIONS: [Relation; 3] = [Relation::Delivered, Relation::Progress, Relation::Reaffirmed];

#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage {
    ui: Ui,
    commitment: CommitmentRow,
    document: DocumentRow,
    document_version: i64,
    sides: Vec<SideRow>,
    evidence: Vec<EvidenceForCommitment>,
    recorded: Vec<RecordedEvidenceRow>,
    notes: Vec<NoteRow>,
    trail: Vec<AuditEvent>,
    today: String,
    following: bool,
    /// What people corrected of the engine's reading, if anything.
    correction: Option<CorrectionRow>,
    /// The paragraphs of later documents that may be linked as evidence.
    passages: Vec<PassageRow>,
    /// The partnership's other commitments, which this one may restate: (id, what to show).
    others: Vec<(String, String)>,
    /// The commitment this one is a second citation of, if it is one.
    cited_again_in: Option<String>,
    /// The framework's pillars it may be placed under.
    pillars: Vec<kizuna_store::PillarRow>,
}

impl EditPage {
    fn statuses(&self) -> [&'static str; 7] {
        STATUSES.map(Status::as_str)
    }

    fn relations(&self) -> [&'static str; 3] {
        RELATIONS.map(Relation::as_str)
    }

    /// The kinds a person may give a commitment ("context" is set by "not a commitment").
    fn kinds(&self) -> [&'static str; 4] {
        [CommitmentKind::OneOff, CommitmentKind::Continuing, CommitmentKind::Governance, CommitmentKind::Aim]
            .map(CommitmentKind::as_str)
    }

    /// The start of a passage, for a list to choose from.
    fn preview(&self, text: &str) -> String {
        preview(text)
    }

    fn set_aside(&self) -> bool {
        self.correction.as_ref().is_some_and(CorrectionRow::set_aside)
    }
}

pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Edit)?;
    let commitment = app
        .store
        .commitment(&id, true)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("commitment `{id}`")))?;
    let document = app
        .store
        .document_row(&commitment.document_id, true)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{}`", commitment.document_id)))?;
    let document_version = app.store.document_version(&document.id).await?.unwrap_or(1);
    let following = app
        .store
        .follows(&person.user.id)
        .await?
        .iter()
        .any(|f| f.target_kind == "commitment" && f.target_id == id);
    let page = EditPage {
        sides: app.store.sides(&document.partnership_id).await?,
        evidence: app.store.evidence_for(&id, true).await?,
        recorded: app.store.recorded_evidence(&id, true).await?,
        notes: app.store.notes(&id, true).await?,
        trail: app.store.audit_events(Some(&format!("commitment:{id}")), 0, 50).await?,
        correction: app.store.correction(&id).await?,
        passages: app.store.later_passages(&id).await?,
        others: others(&app, &document.partnership_id, &id).await?,
        cited_again_in: app.store.cited_again_in(&id).await?,
        pillars: app.store.pillars(&document.partnership_id).await?,
        today: app.clock.today().to_string(),
        ui,
        commitment,
        document,
        document_version,
        following,
    };
    Ok(Html(page.render()?))
}

/// Every commitment of `partnership` but `id`, in the order of the documents, as a choice:
/// its paragraph and the start of its words.
async fn others(app: &AppState, partnership: &str, id: &str) -> Result<Vec<(String, String)>, WebError> {
    let query = kizuna_store::CommitmentQuery {
        partnership_id: partnership.to_owned(),
        include_restricted: true,
        ..Default::default()
    };
    let rows = app.store.commitments(&query).await?;
    Ok(rows
        .into_iter()
        .filter(|c| c.id != id)
        .map(|c| {
            let label = format!("{} — {}", c.anchor, preview(&c.text));
            (c.id, label)
        })
        .collect())
}

/// The start of a text, for a list to choose from.
fn preview(text: &str) -> String {
    const SHOWN: usize = 90;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Where to go after a form: back to the page it was on.
fn back(ui: &Ui, back: &str, id: &str) -> Redirect {
    let fallback = ui.href(&format!("/commitments/{id}/edit"));
    Redirect::to(if back.is_empty() { &fallback } else { local_path(back) })
}

fn parse_date(field: &str, value: &str) -> Result<time::Date, WebError> {
    kizuna_core::day_of(Some(value))
        .filter(|_| value.len() == 10)
        .ok_or_else(|| WebError::BadRequest(format!("{field}: `{value}` is not a date (YYYY-MM-DD)")))
}

pub(crate) fn parse_kind(value: &str) -> Result<CommitmentKind, WebError> {
    CommitmentKind::from_name(value)
        .ok_or_else(|| WebError::BadRequest(format!("kind: `{value}` is not a kind of commitment")))
}

/// A due period, or none (`none` or nothing).
pub(crate) fn parse_due(value: &str) -> Result<Option<Period>, WebError> {
    match value.trim() {
        "" | "none" => Ok(None),
        due => due.parse::<Period>().map(Some).map_err(|_| {
            WebError::BadRequest(format!("due: `{due}` is not a period (2025, 2025-H1, 2025-Q2, 2025-06)"))
        }),
    }
}

fn parse_handling(value: &str) -> Result<Handling, WebError> {
    Handling::from_name(value)
        .ok_or_else(|| WebError::BadRequest(format!("handling: `{value}` is not public or restricted")))
}

fn parse_relation(value: &str) -> Result<Relation, WebError> {
    Relation::from_name(value).ok_or_else(|| {
        WebError::BadRequest(format!("relation: `{value}` is not delivered, progress or reaffirmed"))
    })
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusForm {
    status: String,
    #[serde(default)]
    side: String,
    made_on: String,
    rationale: String,
    version: i64,
    #[serde(default)]
    back: String,
}

#[utoipa::path(post, path = "/commitments/{id}/status", tag = "editing",
    description = "Sets a commitment's status (a verdict, per side or overall) with its rationale. Reviewer and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((StatusForm = "application/json"), (StatusForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn set_status(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<StatusForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Review)?;
    let status = Status::from_name(&f.status)
        .ok_or_else(|| WebError::BadRequest(format!("status: `{}` is not a status", f.status)))?;
    let edit = Edit::Assess {
        commitment_id: id.clone(),
        side_id: optional(&f.side),
        status,
        rationale: f.rationale.trim().to_owned(),
        made_on: parse_date("made_on", &f.made_on)?,
        version: f.version,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

/// A correction of what the engine read: `what` is `not-a-commitment` (with `reason`),
/// `restore`, or `fields` (each of `area`, `pillar`, `kind`, `strength`, `due`, `actors` given
/// replaces the engine's; an empty `pillar` leaves it following the area; a `due` of `none` says it has no due date; `actors` is a comma-separated list,
/// the first named leading, empty for nobody).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct CorrectionForm {
    what: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    area: String,
    /// A pillar id of the partnership's framework; empty: the pillar its area sits under.
    #[serde(default)]
    pillar: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    due: String,
    /// `firm` or `soft`.
    #[serde(default)]
    strength: String,
    #[serde(default)]
    actors: Option<String>,
    version: i64,
    #[serde(default)]
    back: String,
}

impl CorrectionForm {
    fn parse(&self) -> Result<Correction, WebError> {
        Ok(match self.what.as_str() {
            "not-a-commitment" => Correction::NotACommitment { reason: self.reason.trim().to_owned() },
            "restore" => Correction::Restore,
            "fields" => Correction::Fields {
                area: optional(&self.area),
                pillar: optional(&self.pillar),
                kind: optional(&self.kind).map(|k| parse_kind(&k)).transpose()?,
                strength: optional(&self.strength)
                    .map(|s| {
                        Strength::from_name(&s).ok_or_else(|| {
                            WebError::BadRequest(format!("strength: `{s}` is neither firm nor soft"))
                        })
                    })
                    .transpose()?,
                due: match self.due.trim() {
                    "" => None,
                    due => Some(parse_due(due)?),
                },
                actors: self.actors.as_deref().map(|list| {
                    list.split([',', '、'])
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_owned)
                        .collect()
                }),
            },
            other => return Err(WebError::BadRequest(format!("what: `{other}` is not a correction"))),
        })
    }
}

/// An editor corrects what the engine read of a commitment.
#[utoipa::path(post, path = "/commitments/{id}/correct", tag = "editing",
    description = "Corrects what the engine read of a commitment: `not-a-commitment` (with a reason), `restore`, or `fields` (area, pillar, kind, strength, due, actors). Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((CorrectionForm = "application/json"), (CorrectionForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn correct(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<CorrectionForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let edit =
        Edit::CorrectCommitment { commitment_id: id.clone(), correction: f.parse()?, version: f.version };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

/// A split of one extracted item: `parts`, one undertaking a line, each word for word from
/// the item's text.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SplitForm {
    parts: String,
    version: i64,
    #[serde(default)]
    back: String,
}

/// An editor splits one extracted item into the undertakings it holds.
#[utoipa::path(post, path = "/commitments/{id}/split", tag = "editing",
    description = "Splits one extracted item into the undertakings it holds: each line of `parts` (word for word from the item) becomes a commitment citing the same passage with the item's area, kind, strength, due period and actors; the item is set aside as not a commitment (`restore` undoes that). Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((SplitForm = "application/json"), (SplitForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn split(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<SplitForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let parts = f.parts.lines().map(str::to_owned).collect();
    let edit = Edit::SplitCommitment { commitment_id: id.clone(), parts, version: f.version };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EvidenceForm {
    text: String,
    date: String,
    #[serde(default)]
    source_url: String,
    relation: String,
    handling: String,
    version: i64,
    #[serde(default)]
    back: String,
}

#[utoipa::path(post, path = "/commitments/{id}/evidence", tag = "editing",
    description = "Records evidence by hand (with a web source or none). Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((EvidenceForm = "application/json"), (EvidenceForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn record_evidence(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<EvidenceForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let source_url = optional(&f.source_url);
    if let Some(url) = &source_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(WebError::BadRequest(format!(
            "source_url: `{url}` is not a web address (http:// or https://)"
        )));
    }
    let edit = Edit::RecordEvidence {
        commitment_id: id.clone(),
        text: f.text.trim().to_owned(),
        date: parse_date("date", &f.date)?,
        source_url,
        relation: parse_relation(&f.relation)?,
        handling: parse_handling(&f.handling)?,
        version: f.version,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PassageForm {
    /// `document-id anchor`: the document's id (hex) and the block's anchor after one space.
    passage: String,
    relation: String,
    handling: String,
    version: i64,
    #[serde(default)]
    back: String,
}

/// `/commitments/{id}/passage`: a paragraph of a later document recorded as evidence.
#[utoipa::path(post, path = "/commitments/{id}/passage", tag = "editing",
    description = "Links a paragraph of a later document as evidence (`passage` is `DOCUMENT-ID ANCHOR`). Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((PassageForm = "application/json"), (PassageForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn link_passage(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<PassageForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let Some((document_id, anchor)) =
        f.passage.split_once(' ').filter(|(d, a)| !d.is_empty() && !a.is_empty())
    else {
        return Err(WebError::BadRequest(format!(
            "passage: `{}` names no document and paragraph (`DOCUMENT ANCHOR`)",
            f.passage
        )));
    };
    let edit = Edit::LinkPassage {
        commitment_id: id.clone(),
        document_id: document_id.to_owned(),
        anchor: anchor.to_owned(),
        relation: parse_relation(&f.relation)?,
        handling: parse_handling(&f.handling)?,
        version: f.version,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MergeForm {
    /// The commitment this one restates; none to separate them again.
    #[serde(default)]
    into: String,
    version: i64,
    #[serde(default)]
    back: String,
}

/// `/commitments/{id}/merge`: this commitment restates `into`, and becomes a second citation of
/// it; with no `into`, it is separated again.
#[utoipa::path(post, path = "/commitments/{id}/merge", tag = "editing",
    description = "Makes the commitment a second citation of the one it restates (`into`), or with no `into` lists it on its own again. Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((MergeForm = "application/json"), (MergeForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn merge(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<MergeForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let edit = match f.into.trim() {
        "" => Edit::SeparateCommitment { duplicate_id: id.clone(), version: f.version },
        into => {
            Edit::MergeCommitment { duplicate_id: id.clone(), into_id: into.to_owned(), version: f.version }
        }
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoteForm {
    text: String,
    handling: String,
    version: i64,
    #[serde(default)]
    back: String,
}

#[utoipa::path(post, path = "/commitments/{id}/notes", tag = "editing",
    description = "Adds a note to a commitment. Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((NoteForm = "application/json"), (NoteForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn add_note(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<NoteForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let edit = Edit::AddNote {
        commitment_id: id.clone(),
        text: f.text.trim().to_owned(),
        handling: parse_handling(&f.handling)?,
        version: f.version,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &id))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct HandlingForm {
    handling: String,
    version: i64,
    #[serde(default)]
    back: String,
}

async fn set_handling(
    app: &AppState,
    ui: &Ui,
    person: &SignedIn,
    record: Marked,
    id: &str,
    f: &HandlingForm,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let edit = Edit::SetHandling {
        record,
        id: id.to_owned(),
        handling: parse_handling(&f.handling)?,
        version: f.version,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let fallback = match record {
        Marked::Commitment => format!("/commitments/{id}/edit"),
        Marked::Document => format!("/documents/{id}"),
        Marked::Evidence => "/".to_owned(),
    };
    let fallback = ui.href(&fallback);
    Ok(Redirect::to(if f.back.is_empty() { &fallback } else { local_path(&f.back) }))
}

#[utoipa::path(post, path = "/commitments/{id}/handling", tag = "editing",
    description = "Marks a commitment (and its evidence twins) public or restricted. Editor and up.",
    params(("id" = String, Path, description = "Commitment id")),
    request_body(content((HandlingForm = "application/json"), (HandlingForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn commitment_handling(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<HandlingForm>,
) -> Result<Redirect, WebError> {
    set_handling(&app, &ui, &person, Marked::Commitment, &id, &f).await
}

#[utoipa::path(post, path = "/documents/{id}/handling", tag = "editing",
    description = "Marks a document public or restricted. Editor and up.",
    params(("id" = String, Path, description = "Document id")),
    request_body(content((HandlingForm = "application/json"), (HandlingForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn document_handling(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<HandlingForm>,
) -> Result<Redirect, WebError> {
    set_handling(&app, &ui, &person, Marked::Document, &id, &f).await
}

#[utoipa::path(post, path = "/evidence/{id}/handling", tag = "editing",
    description = "Marks an evidence item (and its twins) public or restricted. Editor and up.",
    params(("id" = String, Path, description = "Evidence id")),
    request_body(content((HandlingForm = "application/json"), (HandlingForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn evidence_handling(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<HandlingForm>,
) -> Result<Redirect, WebError> {
    set_handling(&app, &ui, &person, Marked::Evidence, &id, &f).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DecisionForm {
    evidence_id: String,
    commitment_id: String,
    /// `accepted` or `rejected`.
    decision: String,
    #[serde(default)]
    relation: String,
    #[serde(default)]
    rationale: String,
    version: i64,
    /// Another commitment the evidence reports on instead (a re-link), when given.
    #[serde(default)]
    relink_to: String,
    #[serde(default)]
    back: String,
}

/// Accept or reject a link, change its relation, or move it to another commitment.
#[utoipa::path(post, path = "/review/decide", tag = "editing",
    description = "Accepts or rejects a link the engine proposed (with a relation), or moves it to another commitment (`relink_to`). Reviewer and up.",
    request_body(content((DecisionForm = "application/json"), (DecisionForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn decide(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Fields(f): Fields<DecisionForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Review)?;
    let rationale = optional(&f.rationale);
    let edit = match optional(&f.relink_to) {
        Some(to) => Edit::Relink {
            evidence_id: f.evidence_id.clone(),
            from: f.commitment_id.clone(),
            to,
            relation: parse_relation(if f.relation.is_empty() { "progress" } else { &f.relation })?,
            rationale,
            version: f.version,
        },
        None => Edit::DecideLink {
            evidence_id: f.evidence_id.clone(),
            commitment_id: f.commitment_id.clone(),
            decision: match f.decision.as_str() {
                "accepted" => Decision::Accepted,
                "rejected" => Decision::Rejected,
                other => {
                    return Err(WebError::BadRequest(format!(
                        "decision: `{other}` is not accepted or rejected"
                    )));
                }
            },
            relation: optional(&f.relation).map(|r| parse_relation(&r)).transpose()?,
            rationale,
            version: f.version,
        },
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(back(&ui, &f.back, &f.commitment_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_whole_days() {
        assert!(parse_date("date", "2024-11-19").is_ok());
        for bad in ["2024-11", "19/11/2024", "", "2024-13-01"] {
            let e = parse_date("date", bad).unwrap_err().to_string();
            assert!(e.starts_with("date:"), "{e}");
        }
    }

    #[test]
    fn controlled_values_are_refused_by_name() {
        assert!(parse_handling("secret").unwrap_err().to_string().contains("`secret`"));
        assert!(parse_relation("maybe").unwrap_err().to_string().contains("`maybe`"));
        assert_eq!(optional("  "), None);
    }
}
