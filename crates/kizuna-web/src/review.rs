//! The review queue: links the machine proposed that no reviewer has decided on yet, best
//! first, with a decision form for each and a bulk accept of the high-scoring ones.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Redirect};
use kizuna_core::Permission;
use kizuna_store::{Edit, PartnershipRow, ProposalRow};
use serde::Deserialize;

use crate::editing::RELATIONS;
use crate::fields::Fields;
use crate::i18n::Ui;
use crate::session::{SignedIn, local_path};
use crate::{AppState, WebError, now_rfc3339};

const PER_PAGE: i64 = 25;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    #[serde(default)]
    partnership: String,
    #[serde(default)]
    min_score: Option<f64>,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct QueuePage {
    ui: Ui,
    partnerships: Vec<PartnershipRow>,
    partnership: String,
    min_score: f64,
    proposals: Vec<ProposalRow>,
    total: i64,
    page: i64,
    pages: i64,
}

impl QueuePage {
    fn relations(&self) -> [&'static str; 3] {
        RELATIONS.map(kizuna_core::Relation::as_str)
    }

    fn page_link(&self, page: i64) -> String {
        self.ui.href(&format!(
            "/review?partnership={}&min_score={}&page={page}",
            self.partnership, self.min_score
        ))
    }
}

pub async fn queue(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Query(q): Query<QueueQuery>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Review)?;
    let partnerships = app.store.partnerships().await?;
    let partnership = match (q.partnership.as_str(), partnerships.as_slice()) {
        ("", [only]) => only.id.clone(),
        (id, _) => id.to_owned(),
    };
    if !partnership.is_empty() && !partnerships.iter().any(|p| p.id == partnership) {
        return Err(WebError::NotFound(format!("partnership `{partnership}`")));
    }
    let min_score = q.min_score.unwrap_or(0.0);
    if !min_score.is_finite() {
        return Err(WebError::BadRequest("min_score: not a number".into()));
    }
    let page = q.page.unwrap_or(1).max(1);
    let (proposals, total) = if partnership.is_empty() {
        (Vec::new(), 0)
    } else {
        app.store.review_queue(&partnership, min_score, (page - 1) * PER_PAGE, PER_PAGE).await?
    };
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    Ok(Html(QueuePage { ui, partnerships, partnership, min_score, proposals, total, page, pages }.render()?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkForm {
    partnership: String,
    min_score: f64,
    #[serde(default)]
    back: String,
}

/// Accepts every undecided proposal scoring at least `min_score`; refuses a threshold so low
/// that it would accept proposals nobody looked at in bulk by mistake.
#[utoipa::path(post, path = "/review/accept-all", tag = "editing",
    description = "Accepts every undecided proposal of a partnership scoring at least `min_score`. Reviewer and up.",
    request_body(content((BulkForm = "application/json"), (BulkForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn accept_all(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Fields(f): Fields<BulkForm>,
) -> Result<Redirect, WebError> {
    person.require(Permission::Review)?;
    if !(f.min_score.is_finite() && f.min_score >= MIN_BULK_SCORE) {
        return Err(WebError::BadRequest(format!(
            "min_score: bulk accept needs a score of at least {MIN_BULK_SCORE} (got {})",
            f.min_score
        )));
    }
    let edit = Edit::AcceptProposals { partnership: f.partnership.clone(), min_score: f.min_score };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let fallback = ui.href(&format!("/review?partnership={}", f.partnership));
    Ok(Redirect::to(if f.back.is_empty() { &fallback } else { local_path(&f.back) }))
}

/// The lowest score a bulk accept may use.
pub const MIN_BULK_SCORE: f64 = 0.5;
