//! Decisions an earlier reading's passages carried that a new reading could not place
//! (`kizuna reanalyze`): listed for reviewers with the words they were about, each with a form
//! to put it on a commitment of the new reading or to dismiss it with a reason.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use kizuna_core::Permission;
use kizuna_store::{OrphanResolution, OrphanRow};
use serde::Deserialize;

use crate::fields::Fields;
use crate::i18n::Ui;
use crate::session::{SignedIn, local_path};
use crate::{AppState, WebError, now_rfc3339};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrphansQuery {
    #[serde(default)]
    partnership: String,
    /// Show the resolved ones too.
    #[serde(default)]
    all: bool,
}

#[derive(Template)]
#[template(path = "orphans.html")]
struct OrphansPage {
    ui: Ui,
    partnership: String,
    all: bool,
    orphans: Vec<OrphanRow>,
}

impl OrphansPage {
    fn waiting(&self) -> usize {
        self.orphans.iter().filter(|o| o.resolved_at.is_none()).count()
    }
}

pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Query(q): Query<OrphansQuery>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Review)?;
    let partnership = crate::review::chosen(&app.store.partnerships().await?, &q.partnership)?;
    if partnership.is_empty() {
        return Err(WebError::BadRequest(
            "partnership: name the partnership (the store holds several)".into(),
        ));
    }
    let orphans = app.store.orphaned_decisions(&partnership, q.all).await?;
    Ok(Html(OrphansPage { ui, partnership, all: q.all, orphans }.render()?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResolveForm {
    /// `attach` (to `commitment_id`) or `dismiss` (with a `reason`).
    action: String,
    #[serde(default)]
    commitment_id: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

/// Puts an orphaned decision on a commitment of the new reading, or dismisses it with a reason.
#[utoipa::path(post, path = "/review/orphans/{id}/resolve", tag = "editing",
    description = "Resolves a decision a re-reading of the documents could not carry: `attach` puts it on `commitment_id`, `dismiss` sets it aside with a `reason`. Reviewer and up.",
    params(("id" = String, Path, description = "The orphaned decision's id")),
    request_body(content((ResolveForm = "application/json"), (ResolveForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn resolve(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    Fields(f): Fields<ResolveForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Review)?;
    let resolution = match f.action.as_str() {
        "attach" if !f.commitment_id.trim().is_empty() => {
            OrphanResolution::Attach { commitment_id: f.commitment_id.trim().to_owned() }
        }
        "attach" => {
            return Err(WebError::BadRequest("commitment_id: name the commitment to attach it to".into()));
        }
        "dismiss" => OrphanResolution::Dismiss { reason: f.reason },
        other => {
            return Err(WebError::BadRequest(format!("action: `{other}` is neither attach nor dismiss")));
        }
    };
    app.store.resolve_orphan(&id, &resolution, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let fallback = ui.href("/review/orphans");
    Ok(Redirect::to(if f.back.is_empty() { &fallback } else { local_path(&f.back) }))
}
