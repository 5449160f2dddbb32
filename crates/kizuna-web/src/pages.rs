//! The partnership list and a partnership's home page, and error pages. Each page's data is a
//! plain struct the API serves as JSON and the template renders (askama, checked at compile
//! time).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kizuna_core::{Currency, Status};
use kizuna_store::{ChangeRow, DocumentRow, PartnershipRow, PillarRow};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{Lang, Ui};
use crate::statuses::Statuses;
use crate::views::{CommitmentView, day_of};
use crate::{AppState, Audience, WebError};

pub type Page = Result<Html<String>, WebError>;

/// One partnership: straight to it; several: a list. A browser that prefers Japanese is sent to
/// the Japanese pages.
pub async fn index(State(app): State<AppState>, ui: Ui, audience: Audience, headers: HeaderMap) -> Response {
    audience.seal(partnerships_page(app, ui, headers).await)
}

async fn partnerships_page(app: AppState, ui: Ui, headers: HeaderMap) -> Result<Response, WebError> {
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

/// A pillar's counts and its areas'; `pillar` is `None` for the areas under no pillar.
#[derive(Clone, Serialize, ToSchema)]
pub struct PillarCounts {
    pub pillar: Option<PillarRow>,
    pub totals: StatusCounts,
    pub areas: Vec<StatusCounts>,
}

/// Groups `areas` (counted per area) under the framework's `pillars`: each pillar's areas in its
/// order, then those under none, largest first. A pillar with no commitment is left out.
fn by_pillar(pillars: &[PillarRow], areas: &[StatusCounts]) -> Vec<PillarCounts> {
    let group = |pillar: Option<&PillarRow>, members: Vec<StatusCounts>| {
        let mut totals = StatusCounts::default();
        for a in &members {
            totals.add(a);
        }
        PillarCounts { pillar: pillar.cloned(), totals, areas: members }
    };
    let mut groups: Vec<PillarCounts> = pillars
        .iter()
        .map(|p| {
            let members = p.areas.iter().filter_map(|key| areas.iter().find(|a| &a.area == key)).cloned();
            group(Some(p), members.collect())
        })
        .filter(|g| g.totals.total > 0)
        .collect();
    let placed = |a: &StatusCounts| pillars.iter().any(|p| p.areas.contains(&a.area));
    let rest: Vec<StatusCounts> = areas.iter().filter(|a| !placed(a)).cloned().collect();
    if !rest.is_empty() {
        groups.push(group(None, rest));
    }
    groups
}

impl StatusCounts {
    /// The compact status bar's parts: (status class, catalogue key of its name, share of the
    /// total in whole per cent, count), the empty ones left out.
    pub fn bar(&self) -> Vec<(&'static str, &'static str, usize, usize)> {
        let total = self.total.max(1);
        [
            ("delivered", "status-delivered", self.delivered),
            ("in-progress", "active", self.in_progress_or_ongoing),
            ("stalled", "status-stalled", self.stalled),
            ("no-evidence", "status-no-evidence", self.no_evidence),
        ]
        .into_iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(class, name, n)| (class, name, n * 100 / total, n))
        .collect()
    }

    fn add(&mut self, other: &StatusCounts) {
        self.total += other.total;
        self.delivered += other.delivered;
        self.in_progress_or_ongoing += other.in_progress_or_ongoing;
        self.stalled += other.stalled;
        self.no_evidence += other.no_evidence;
        self.overdue += other.overdue;
    }
}

#[derive(Clone, Serialize, ToSchema)]
pub struct LatestMeeting {
    pub body: String,
    pub body_ja: Option<String>,
    pub title: String,
    pub title_ja: Option<String>,
    pub date: String,
}

/// A partnership at a glance.
#[derive(Serialize, ToSchema)]
pub struct HomeData {
    pub partnership: PartnershipRow,
    /// What the record is current to; the figures are as of that date.
    pub currency: Currency,
    /// Items kept as aims or context: shown apart, never counted as commitments.
    pub set_apart: usize,
    /// How many of the counted commitments (`totals.total`) a person has reviewed; the others'
    /// statuses are the engine's reading alone.
    pub reviewed: usize,
    /// Per area, largest first.
    pub areas: Vec<StatusCounts>,
    /// The framework's pillars in its order, each with its counts and its areas' (in the
    /// manifest's order); areas under no pillar come last, in a group without one.
    pub pillars: Vec<PillarCounts>,
    pub totals: StatusCounts,
    pub documents: Vec<DocumentRow>,
    pub overdue: Vec<CommitmentView>,
    pub changes: Vec<ChangeRow>,
    pub latest_meeting: Option<LatestMeeting>,
}

pub async fn partnership_row(app: &AppState, id: &str) -> Result<PartnershipRow, WebError> {
    app.store.partnership(id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))
}

/// How many recent changes a home page lists.
const CHANGES_SHOWN: usize = 10;
/// How many of the latest changes are looked through for those an audience may see.
const CHANGES_READ: i64 = 200;

/// A change as `statuses`' audience may see it, or `None`. A document's line counts what the
/// audience sees of it. Everyone else sees every change; the public sees only what is about
/// a record it sees and says nothing of others: documents added, statuses assessed and
/// markings changed (notes, recorded evidence and link decisions may concern restricted ones).
fn shown_change(statuses: &Statuses, mut change: ChangeRow) -> Option<ChangeRow> {
    let id = change.entity_id.as_str();
    let visible =
        statuses.document(id).is_some() || statuses.commitment(id).is_some() || statuses.has_evidence(id);
    match change.kind.as_str() {
        "document" => {
            let document = statuses.document(id)?;
            let (commitments, evidence) = statuses.counts_of_document(id);
            change.summary =
                format!("{}: {commitments} commitments, {evidence} evidence items", document.title);
            // A document is dated by its publication, not by the day it was loaded.
            if let Some(date) = &document.date {
                change.at = date.clone();
            }
            Some(change)
        }
        _ if statuses.audience.include_restricted() => Some(change),
        "assess" | "handling" if visible => Some(change),
        _ => None,
    }
}

pub async fn home_data(app: &AppState, audience: Audience, id: &str) -> Result<HomeData, WebError> {
    let partnership = partnership_row(app, id).await?;
    let statuses = app.statuses.get(app, id, audience).await?;
    let mut by_area: HashMap<&str, StatusCounts> = HashMap::new();
    let mut totals = StatusCounts::default();
    let mut set_apart = 0;
    let mut reviewed = 0;
    for v in &statuses.views {
        if v.kind().set_apart() {
            set_apart += 1;
            continue;
        }
        reviewed += usize::from(v.reviewed);
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
    let pillars = by_pillar(&app.store.pillars(id).await?, &areas);
    let overdue =
        statuses.views.iter().filter(|v| v.status.overdue && !v.kind().set_apart()).cloned().collect();
    let changes = app
        .store
        .changes(id, CHANGES_READ)
        .await?
        .into_iter()
        .filter_map(|c| shown_change(&statuses, c))
        .take(CHANGES_SHOWN)
        .collect();
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
            let found = bodies.iter().find(|b| b.id == m.body_id);
            let body = found.map_or_else(|| m.body_id.clone(), |b| b.name.clone());
            let body_ja = found.and_then(|b| b.name_ja.clone());
            LatestMeeting {
                title: m.title.clone().unwrap_or_else(|| body.clone()),
                title_ja: kizuna_core::meeting_title_ja(
                    m.title.as_deref(),
                    m.title_ja.as_deref(),
                    body_ja.as_deref(),
                ),
                body,
                body_ja,
                date: m.date.unwrap_or_default(),
            }
        });
    Ok(HomeData {
        partnership,
        currency: Currency::on(statuses.current_to, statuses.clock_day),
        set_apart,
        reviewed,
        areas,
        pillars,
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

pub async fn home(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
) -> Response {
    audience.seal(home_page(&app, ui, audience, &id).await)
}

async fn home_page(app: &AppState, ui: Ui, audience: Audience, id: &str) -> Page {
    let d = home_data(app, audience, id).await?;
    Ok(Html(HomePage { ui, d }.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ui: Ui,
    status: u16,
    message: &'a str,
}

impl ErrorPage<'_> {
    /// The heading's message: one per status people meet, the general one otherwise.
    fn heading_key(&self) -> String {
        match self.status {
            400 | 401 | 403 | 404 | 409 | 413 | 429 => format!("error-{}", self.status),
            _ => "error-500".to_owned(),
        }
    }

    fn sign_in(&self) -> bool {
        self.status == 401
    }
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
