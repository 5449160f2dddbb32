//! Adding an undertaking the engine missed, from the paragraph it stands in: a page per
//! paragraph (reached from the document page) whose form holds the paragraph's words, which the
//! editor trims to the undertaking; the store checks they stand word for word in the paragraph.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use kizuna_core::{CommitmentKind, Permission};
use kizuna_store::{DocumentRow, Edit};
use serde::Deserialize;

use crate::editing::{parse_due, parse_kind};
use crate::fields::Fields;
use crate::i18n::Ui;
use crate::session::SignedIn;
use crate::{AppState, WebError, now_rfc3339};

#[derive(Template)]
#[template(path = "add.html")]
struct AddPage {
    ui: Ui,
    document: DocumentRow,
    version: i64,
    anchor: String,
    /// The paragraph's words, to trim to the undertaking.
    words: String,
    areas: Vec<String>,
}

impl AddPage {
    /// The kinds a person may give an undertaking.
    fn kinds(&self) -> [&'static str; 4] {
        [CommitmentKind::OneOff, CommitmentKind::Continuing, CommitmentKind::Governance, CommitmentKind::Aim]
            .map(CommitmentKind::as_str)
    }
}

#[derive(Deserialize)]
pub struct Passage {
    anchor: String,
}

/// `/documents/{id}/add?anchor=…`: the form for one paragraph.
pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Query(passage): Query<Passage>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Edit)?;
    let document = app
        .store
        .document_row(&id, true)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{id}`")))?;
    // The words the store will check the undertaking against, as it reads them.
    let words =
        app.store.passage_words(&id, &passage.anchor).await?.ok_or_else(|| {
            WebError::NotFound(format!("paragraph `{}` of document `{id}`", passage.anchor))
        })?;
    let areas = app.store.areas(&document.partnership_id, true).await?;
    let page = AddPage {
        version: app.store.document_version(&id).await?.unwrap_or(1),
        areas: areas.into_iter().map(|(area, _)| area).collect(),
        anchor: passage.anchor,
        ui,
        document,
        words,
    };
    Ok(Html(page.render()?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AddForm {
    anchor: String,
    text: String,
    area: String,
    kind: String,
    #[serde(default)]
    due: String,
    version: i64,
}

/// `POST /documents/{id}/commitments`: the undertaking is added and its editing page opens.
#[utoipa::path(post, path = "/documents/{id}/commitments", tag = "editing",
    description = "Adds an undertaking the engine missed from a paragraph of the document; its text must stand in that paragraph. Editor and up.",
    params(("id" = String, Path, description = "Document id")),
    request_body(content((AddForm = "application/json"), (AddForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn add(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<AddForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Edit)?;
    let edit = Edit::AddCommitment {
        document_id: id,
        anchor: f.anchor,
        text: f.text,
        area: f.area.trim().to_owned(),
        kind: parse_kind(f.kind.trim())?,
        due: parse_due(&f.due)?,
        version: f.version,
    };
    let events = app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let added = events.iter().find_map(|e| e.entity.strip_prefix("commitment:")).unwrap_or_default();
    Ok(Redirect::to(&ui.href(&format!("/commitments/{added}/edit"))))
}
