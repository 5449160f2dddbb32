//! The website: server-rendered pages (askama templates, checked at compile time).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kizuna_core::Status;
use kizuna_store::{ChangeRow, CommitmentQuery, DocumentRow, PartnershipRow};

use crate::anchors::{block_of, slug};
use crate::views::{CommitmentView, area_name, day_of, facts_by_commitment, facts_of};
use crate::{AppState, WebError};

type Page = Result<Html<String>, WebError>;

/// One partnership: straight to it; several: a list.
pub async fn index(State(app): State<AppState>) -> Result<Response, WebError> {
    let partnerships = app.store.partnerships().await?;
    if let [only] = partnerships.as_slice() {
        return Ok(Redirect::to(&format!("/p/{}", only.id)).into_response());
    }
    Ok(Html(IndexPage { partnerships }.render()?).into_response())
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    partnerships: Vec<PartnershipRow>,
}

/// Counts of an area's commitments by status.
#[derive(Default)]
struct AreaSummary {
    key: String,
    name: String,
    total: usize,
    delivered: usize,
    active: usize,
    stalled: usize,
    no_evidence: usize,
    overdue: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    partnership: PartnershipRow,
    areas: Vec<AreaSummary>,
    totals: AreaSummary,
    documents: Vec<DocumentRow>,
    overdue: Vec<CommitmentView>,
    changes: Vec<ChangeRow>,
    /// (body name, meeting title, date) of the latest meeting held.
    latest_meeting: Option<(String, String, String)>,
}

async fn partnership_row(app: &AppState, id: &str) -> Result<PartnershipRow, WebError> {
    app.store.partnership(id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))
}

/// Every visible commitment of a partnership with its status today.
/// `documents`: the partnership's documents (their dates are when commitments were made).
pub async fn commitment_views(
    app: &AppState,
    partnership: &str,
    area: Option<&str>,
    documents: &[DocumentRow],
) -> Result<Vec<CommitmentView>, WebError> {
    let rows = app
        .store
        .commitments(&CommitmentQuery {
            partnership_id: partnership.to_owned(),
            area: area.map(str::to_owned),
            ..Default::default()
        })
        .await?;
    let links = app.store.link_facts(partnership, false).await?;
    let facts = facts_by_commitment(&links);
    let made: HashMap<&str, Option<time::Date>> =
        documents.iter().map(|d| (d.id.as_str(), day_of(d.date.as_deref()))).collect();
    let today = app.clock.today();
    Ok(rows
        .into_iter()
        .map(|row| {
            let f = facts.get(row.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let made = made.get(row.document_id.as_str()).copied().flatten();
            CommitmentView::new(row, f, made, today)
        })
        .collect())
}

pub async fn home(State(app): State<AppState>, Path(id): Path<String>) -> Page {
    let partnership = partnership_row(&app, &id).await?;
    let documents = app.store.documents(&id, false).await?;
    let views = commitment_views(&app, &id, None, &documents).await?;
    let mut by_area: HashMap<&str, AreaSummary> = HashMap::new();
    let mut totals = AreaSummary::default();
    for v in &views {
        let entry = by_area.entry(v.row.area.as_str()).or_insert_with(|| AreaSummary {
            key: v.row.area.clone(),
            name: area_name(&v.row.area),
            ..Default::default()
        });
        for s in [&mut *entry, &mut totals] {
            s.total += 1;
            match v.status.status {
                Status::Delivered => s.delivered += 1,
                Status::Ongoing | Status::InProgress => s.active += 1,
                Status::Stalled => s.stalled += 1,
                Status::NoEvidence => s.no_evidence += 1,
                Status::Superseded | Status::Dropped => {}
            }
            if v.status.overdue {
                s.overdue += 1;
            }
        }
    }
    let mut areas: Vec<AreaSummary> = by_area.into_values().collect();
    areas.sort_by(|a, b| b.total.cmp(&a.total).then(a.key.cmp(&b.key)));
    let overdue = views.iter().filter(|v| v.status.overdue).cloned().collect();
    let changes = app.store.changes(&id, 10).await?;
    let bodies = app.store.bodies(&id).await?;
    let today = app.clock.today();
    let latest_meeting = app
        .store
        .meetings(&id)
        .await?
        .into_iter()
        .filter(|m| day_of(m.date.as_deref()).is_some_and(|d| d <= today))
        .max_by(|a, b| a.date.cmp(&b.date))
        .map(|m| {
            let body = bodies
                .iter()
                .find(|b| b.id == m.body_id)
                .map_or_else(|| m.body_id.clone(), |b| b.name.clone());
            let title = m.title.clone().unwrap_or_else(|| body.clone());
            (body, title, m.date.unwrap_or_default())
        });
    Ok(Html(HomePage { partnership, areas, totals, documents, overdue, changes, latest_meeting }.render()?))
}

struct AreaRow {
    view: CommitmentView,
    latest: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage {
    partnership: PartnershipRow,
    name: String,
    rows: Vec<AreaRow>,
}

pub async fn area(State(app): State<AppState>, Path((id, area)): Path<(String, String)>) -> Page {
    let partnership = partnership_row(&app, &id).await?;
    let documents = app.store.documents(&id, false).await?;
    let views = commitment_views(&app, &id, Some(&area), &documents).await?;
    if views.is_empty() {
        return Err(WebError::NotFound(format!("area `{area}`")));
    }
    let mut rows = Vec::new();
    for view in views {
        let evidence = app.store.evidence_for(&view.row.id, false).await?;
        let latest = evidence.last().map(|e| {
            let date = e.evidence.date.clone().or_else(|| e.document_date.clone()).unwrap_or_default();
            (date, e.evidence.text.clone())
        });
        rows.push(AreaRow { view, latest });
    }
    Ok(Html(AreaPage { partnership, name: area_name(&area), rows }.render()?))
}

struct HistoryItem {
    date: String,
    word: &'static str,
    class: &'static str,
    overdue: bool,
}

struct EvidenceItem {
    date: String,
    text: String,
    relation: String,
    concrete: bool,
    document_title: String,
    href: String,
}

#[derive(Template)]
#[template(path = "commitment.html")]
struct CommitmentPage {
    partnership: PartnershipRow,
    view: CommitmentView,
    area_name: String,
    document: DocumentRow,
    citation: String,
    evidence: Vec<EvidenceItem>,
    history: Vec<HistoryItem>,
}

pub async fn commitment(State(app): State<AppState>, Path(id): Path<String>) -> Page {
    let row = app
        .store
        .commitment(&id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("commitment `{id}`")))?;
    let document = app
        .store
        .document_row(&row.document_id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{}`", row.document_id)))?;
    let partnership = partnership_row(&app, &document.partnership_id).await?;
    let evidence = app.store.evidence_for(&id, false).await?;
    let facts = facts_of(&evidence);
    let made = day_of(document.date.as_deref());
    let history = crate::views::history(&row, &facts, made, app.clock.today())
        .into_iter()
        .map(|(day, s)| HistoryItem {
            date: day.to_string(),
            word: crate::views::status_word(s.status),
            class: s.status.as_str(),
            overdue: s.overdue,
        })
        .collect();
    let view = CommitmentView::new(row, &facts, made, app.clock.today());
    let citation = format!("/documents/{}#{}", document.id, slug(block_of(&view.row.anchor)));
    let evidence = evidence
        .into_iter()
        .map(|e| EvidenceItem {
            date: e.evidence.date.clone().or(e.document_date.clone()).unwrap_or_else(|| "undated".into()),
            href: format!("/documents/{}#{}", e.evidence.document_id, slug(block_of(&e.evidence.anchor))),
            text: e.evidence.text,
            relation: e.link.relation,
            concrete: e.evidence.concrete,
            document_title: e.document_title,
        })
        .collect();
    let area_name = area_name(&view.row.area);
    Ok(Html(CommitmentPage { partnership, view, area_name, document, citation, evidence, history }.render()?))
}

/// A piece of a block's text, marked when it is a commitment or evidence.
struct Fragment {
    text: String,
    href: Option<String>,
    class: &'static str,
}

struct BlockView {
    id: String,
    anchor: String,
    kind: String,
    level: i64,
    fragments: Vec<Fragment>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    partnership: PartnershipRow,
    document: DocumentRow,
    blocks: Vec<BlockView>,
    commitments: usize,
}

pub async fn document(State(app): State<AppState>, Path(id): Path<String>) -> Page {
    let (document, text, blocks) = app
        .store
        .document(&id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{id}`")))?;
    let partnership = partnership_row(&app, &document.partnership_id).await?;
    let commitments = app
        .store
        .commitments(&CommitmentQuery {
            partnership_id: document.partnership_id.clone(),
            document_id: Some(id.clone()),
            ..Default::default()
        })
        .await?;
    let marks: Vec<(usize, usize, String)> = commitments
        .iter()
        .map(|c| (c.span_start as usize, c.span_end as usize, format!("/commitments/{}", c.id)))
        .collect();
    let blocks = blocks
        .into_iter()
        .map(|b| {
            let (start, end) = (b.span_start as usize, b.span_end as usize);
            BlockView {
                id: slug(&b.anchor),
                fragments: fragments(&text, start, end, &marks),
                anchor: b.anchor,
                kind: b.kind,
                level: b.level.unwrap_or(2).clamp(2, 4),
            }
        })
        .collect();
    Ok(Html(DocumentPage { partnership, document, blocks, commitments: commitments.len() }.render()?))
}

/// Cuts `text[start..end]` at the commitment spans inside it.
fn fragments(text: &str, start: usize, end: usize, marks: &[(usize, usize, String)]) -> Vec<Fragment> {
    let end = end.min(text.len());
    let mut out = Vec::new();
    let mut at = start;
    let mut inside: Vec<&(usize, usize, String)> =
        marks.iter().filter(|m| m.0 >= start && m.1 <= end && m.0 < m.1).collect();
    inside.sort_by_key(|m| m.0);
    for (s, e, href) in inside {
        if *s < at || !text.is_char_boundary(*s) || !text.is_char_boundary(*e) {
            continue;
        }
        if *s > at {
            out.push(Fragment { text: text[at..*s].to_owned(), href: None, class: "" });
        }
        out.push(Fragment { text: text[*s..*e].to_owned(), href: Some(href.clone()), class: "commitment" });
        at = *e;
    }
    if at < end && text.is_char_boundary(at) && text.is_char_boundary(end) {
        out.push(Fragment { text: text[at..end].to_owned(), href: None, class: "" });
    }
    out
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    message: &'a str,
}

/// The HTML of an error page.
pub fn error_page(status: u16, message: &str) -> String {
    ErrorPage { status, message }
        .render()
        .unwrap_or_else(|_| format!("<!doctype html><title>{status}</title><p>{status}</p>"))
}

pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return WebError::NotFound(format!("`{}`", uri.path())).into_json();
    }
    WebError::NotFound("this page".into()).into_response()
}
