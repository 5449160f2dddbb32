//! The partnership list and a partnership's home page, and error pages. Each page's data is a
//! plain struct the API serves as JSON and the template renders (askama, checked at compile
//! time).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kizuna_core::Status;
use kizuna_store::{ChangeRow, DocumentRow, PartnershipRow};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{Lang, Ui};
use crate::views::{CommitmentView, day_of};
use crate::{AppState, WebError};

pub type Page = Result<Html<String>, WebError>;

/// One partnership: straight to it; several: a list. A browser that prefers Japanese is sent to
/// the Japanese pages.
pub async fn index(State(app): State<AppState>, ui: Ui, headers: HeaderMap) -> Result<Response, WebError> {
    let prefers_japanese = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("ja"));
    let ui = if ui.lang == Lang::En && prefers_japanese { Ui::for_uri("/ja", None) } else { ui };
    let partnerships = app.store.partnerships().await?;
    if let [only] = partnerships.as_slice() {
        return Ok(Redirect::to(&ui.href(&format!("/p/{}", only.id))).into_response());
    }
    Ok(Html(IndexPage { ui, partnerships }.render()?).into_response())
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    ui: Ui,
    partnerships: Vec<PartnershipRow>,
}

/// Counts of commitments by status today.
#[derive(Clone, Default, Serialize, ToSchema)]
pub struct StatusCounts {
    /// The area key; empty for the totals.
    pub area: String,
    pub total: usize,
    pub delivered: usize,
    pub in_progress_or_ongoing: usize,
    pub stalled: usize,
    pub no_evidence: usize,
    pub overdue: usize,
}

#[derive(Clone, Serialize, ToSchema)]
pub struct LatestMeeting {
    pub body: String,
    pub title: String,
    pub date: String,
}

/// A partnership at a glance.
#[derive(Serialize, ToSchema)]
pub struct HomeData {
    pub partnership: PartnershipRow,
    /// Per area, largest first.
    pub areas: Vec<StatusCounts>,
    pub totals: StatusCounts,
    pub documents: Vec<DocumentRow>,
    pub overdue: Vec<CommitmentView>,
    pub changes: Vec<ChangeRow>,
    pub latest_meeting: Option<LatestMeeting>,
}

pub async fn partnership_row(app: &AppState, id: &str) -> Result<PartnershipRow, WebError> {
    app.store.partnership(id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))
}

pub async fn home_data(app: &AppState, id: &str) -> Result<HomeData, WebError> {
    let partnership = partnership_row(app, id).await?;
    let statuses = app.statuses.get(app, id).await?;
    let mut by_area: HashMap<&str, StatusCounts> = HashMap::new();
    let mut totals = StatusCounts::default();
    for v in &statuses.views {
        let entry = by_area
            .entry(v.row.area.as_str())
            .or_insert_with(|| StatusCounts { area: v.row.area.clone(), ..Default::default() });
        for s in [&mut *entry, &mut totals] {
            s.total += 1;
            match v.status.status {
                Status::Delivered => s.delivered += 1,
                Status::Ongoing | Status::InProgress => s.in_progress_or_ongoing += 1,
                Status::Stalled => s.stalled += 1,
                Status::NoEvidence => s.no_evidence += 1,
                Status::Superseded | Status::Dropped => {}
            }
            if v.status.overdue {
                s.overdue += 1;
            }
        }
    }
    let mut areas: Vec<StatusCounts> = by_area.into_values().collect();
    areas.sort_by(|a, b| b.total.cmp(&a.total).then(a.area.cmp(&b.area)));
    let overdue = statuses.views.iter().filter(|v| v.status.overdue).cloned().collect();
    let changes = app.store.changes(id, 10).await?;
    let bodies = app.store.bodies(id).await?;
    let today = app.clock.today();
    let latest_meeting = app
        .store
        .meetings(id)
        .await?
        .into_iter()
        .filter(|m| day_of(m.date.as_deref()).is_some_and(|d| d <= today))
        .max_by(|a, b| a.date.cmp(&b.date))
        .map(|m| {
            let body = bodies
                .iter()
                .find(|b| b.id == m.body_id)
                .map_or_else(|| m.body_id.clone(), |b| b.name.clone());
            LatestMeeting {
                title: m.title.clone().unwrap_or_else(|| body.clone()),
                body,
                date: m.date.unwrap_or_default(),
            }
        });
    Ok(HomeData {
        partnership,
        areas,
        totals,
        documents: statuses.documents.clone(),
        overdue,
        changes,
        latest_meeting,
    })
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ui: Ui,
    d: HomeData,
}

pub async fn home(State(app): State<AppState>, ui: Ui, Path(id): Path<String>) -> Page {
    let d = home_data(&app, &id).await?;
    Ok(Html(HomePage { ui, d }.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ui: Ui,
    status: u16,
    message: &'a str,
}

/// The HTML of an error page, in the language of `path`.
pub fn error_page(path: &str, status: u16, message: &str) -> String {
    ErrorPage { ui: Ui::for_uri(path, None), status, message }
        .render()
        .unwrap_or_else(|_| format!("<!doctype html><title>{status}</title><p>{status}</p>"))
}

pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return WebError::NotFound(format!("`{}`", uri.path())).into_json();
    }
    WebError::NotFound("this page".into()).into_response()
}
