//! Lists of commitments (a partnership's, an area's) and the page of one commitment: its text
//! and citation, status now and over time, evidence, and the commitments related to it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use kizuna_core::Status;
use kizuna_store::{DocumentRow, PartnershipRow};
use serde::Serialize;
use utoipa::ToSchema;

use crate::anchors::{block_of, slug};
use crate::i18n::Ui;
use crate::listing::{CommitmentFilter, CommitmentPage, Pairs, SORTS};
use crate::pages::{Page, partnership_row};
use crate::views::{CommitmentView, day_of, facts_of};
use crate::{AppState, WebError};

/// How many related commitments a commitment page shows.
const RELATED: usize = 5;

/// The filtered page of a partnership's commitments. `area` is an area page's own area: an
/// area with no commitment at all does not exist.
pub async fn list_data(
    app: &AppState,
    partnership: &str,
    area: Option<&str>,
    pairs: &[(String, String)],
) -> Result<(PartnershipRow, CommitmentFilter, CommitmentPage, Vec<String>), WebError> {
    let p = partnership_row(app, partnership).await?;
    let mut filter = CommitmentFilter::parse(pairs)?;
    let statuses = app.statuses.get(app, partnership).await?;
    let mut areas: Vec<String> = statuses.views.iter().map(|v| v.row.area.clone()).collect();
    areas.sort();
    areas.dedup();
    if let Some(area) = area {
        if !areas.iter().any(|a| a == area) {
            return Err(WebError::NotFound(format!("area `{area}`")));
        }
        filter.area = Some(area.to_owned());
    }
    let page = filter.apply(&statuses.views);
    Ok((p, filter, page, areas))
}

/// A listed commitment with the latest evidence reported on it.
struct ListRow {
    view: CommitmentView,
    latest: Option<(Option<String>, String)>,
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct ListPage {
    ui: Ui,
    partnership: PartnershipRow,
    /// The area of an area page.
    area: Option<String>,
    areas: Vec<String>,
    filter: CommitmentFilter,
    sorts: &'static [&'static str],
    statuses: [&'static str; 5],
    total: usize,
    page: usize,
    pages: usize,
    rows: Vec<ListRow>,
}

async fn list_page(
    app: AppState,
    ui: Ui,
    partnership: &str,
    area: Option<&str>,
    pairs: &[(String, String)],
) -> Page {
    let (partnership, filter, page, areas) = list_data(&app, partnership, area, pairs).await?;
    let mut rows = Vec::with_capacity(page.commitments.len());
    for view in page.commitments {
        let evidence = app.store.evidence_for(&view.row.id, false).await?;
        let latest =
            evidence.into_iter().last().map(|e| (e.evidence.date.or(e.document_date), e.evidence.text));
        rows.push(ListRow { view, latest });
    }
    Ok(Html(
        ListPage {
            ui,
            partnership,
            area: area.map(str::to_owned),
            areas,
            filter,
            sorts: &SORTS,
            statuses: crate::listing::COMMON_STATUSES,
            total: page.total,
            page: page.page,
            pages: page.pages,
            rows,
        }
        .render()?,
    ))
}

pub async fn list(State(app): State<AppState>, ui: Ui, Path(id): Path<String>, Pairs(pairs): Pairs) -> Page {
    list_page(app, ui, &id, None, &pairs).await
}

pub async fn area(
    State(app): State<AppState>,
    ui: Ui,
    Path((id, area)): Path<(String, String)>,
    Pairs(pairs): Pairs,
) -> Page {
    list_page(app, ui, &id, Some(&area), &pairs).await
}

/// The status of a commitment from a day on.
#[derive(Clone, Serialize, ToSchema)]
pub struct HistoryItem {
    /// The day the status began.
    pub from: String,
    pub status: Status,
    pub overdue: bool,
}

/// A statement reporting on a commitment.
#[derive(Clone, Serialize, ToSchema)]
pub struct EvidenceItem {
    pub id: String,
    /// Its own date, else its document's.
    pub date: Option<String>,
    pub text: String,
    /// `delivered`, `progress` or `reaffirmed`.
    pub relation: String,
    /// It reports an event that happened (not an intention).
    pub concrete: bool,
    pub document_id: String,
    pub document_title: String,
    pub anchor: String,
    /// The page and paragraph it comes from.
    pub href: String,
}

#[derive(Clone, Serialize, ToSchema)]
pub struct RelatedItem {
    pub id: String,
    pub text: String,
    pub area: String,
    pub anchor: String,
    pub status: Status,
}

/// Everything known of one commitment.
#[derive(Serialize, ToSchema)]
pub struct CommitmentData {
    pub partnership: PartnershipRow,
    pub commitment: CommitmentView,
    pub document: DocumentRow,
    /// The page and paragraph of the commitment's text.
    pub citation: String,
    pub evidence: Vec<EvidenceItem>,
    /// Its status from the day it was made, on every day it changed, oldest first.
    pub history: Vec<HistoryItem>,
    /// The commitments closest to it in wording.
    pub related: Vec<RelatedItem>,
    /// The same commitment in the other language versions of its document.
    pub versions: Vec<VersionItem>,
}

/// The same commitment as another language version of the document words it.
#[derive(Clone, Serialize, ToSchema)]
pub struct VersionItem {
    pub id: String,
    pub text: String,
    /// `en`, `ja`.
    pub language: String,
    pub anchor: String,
    pub document_title: String,
    /// The page and paragraph of this version's text.
    pub citation: String,
}

/// `/documents/{id}#{paragraph}` of a sentence anchor.
pub fn cite(document_id: &str, anchor: &str) -> String {
    format!("/documents/{document_id}#{}", slug(block_of(anchor)))
}

pub async fn commitment_data(app: &AppState, id: &str) -> Result<CommitmentData, WebError> {
    let row = app
        .store
        .commitment(id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("commitment `{id}`")))?;
    let document = app
        .store
        .document_row(&row.document_id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{}`", row.document_id)))?;
    let partnership = partnership_row(app, &document.partnership_id).await?;
    let mut evidence = app.store.evidence_for(id, false).await?;
    // Evidence reported on any language version counts for all of them.
    let aligned = app.store.aligned(id, false).await?;
    for version in &aligned {
        for e in app.store.evidence_for(&version.commitment.id, false).await? {
            if !evidence.iter().any(|known| known.evidence.id == e.evidence.id) {
                evidence.push(e);
            }
        }
    }
    if !aligned.is_empty() {
        evidence.sort_by(|a, b| {
            let date =
                |e: &kizuna_store::EvidenceForCommitment| e.evidence.date.clone().or(e.document_date.clone());
            date(a).cmp(&date(b))
        });
    }
    let versions = aligned
        .into_iter()
        .map(|v| VersionItem {
            citation: cite(&v.commitment.document_id, &v.commitment.anchor),
            id: v.commitment.id,
            text: v.commitment.text,
            language: v.document_language,
            anchor: v.commitment.anchor,
            document_title: v.document_title,
        })
        .collect();
    let facts = facts_of(&evidence);
    let made = day_of(document.date.as_deref());
    let today = app.clock.today();
    let history = crate::views::history(&row, &facts, made, today)
        .into_iter()
        .map(|(day, s)| HistoryItem { from: day.to_string(), status: s.status, overdue: s.overdue })
        .collect();
    let commitment = CommitmentView::new(row, &facts, made, today);
    let evidence = evidence
        .into_iter()
        .map(|e| EvidenceItem {
            href: cite(&e.evidence.document_id, &e.evidence.anchor),
            id: e.evidence.id,
            date: e.evidence.date.or(e.document_date),
            text: e.evidence.text,
            relation: e.link.relation,
            concrete: e.evidence.concrete,
            document_id: e.evidence.document_id,
            document_title: e.document_title,
            anchor: e.evidence.anchor,
        })
        .collect();
    let related = related(app, &partnership.id, &commitment).await?;
    Ok(CommitmentData {
        citation: cite(&document.id, &commitment.row.anchor),
        partnership,
        commitment,
        document,
        evidence,
        history,
        related,
        versions,
    })
}

/// The commitments of the same partnership whose wording is closest to `c`'s (by the rarer
/// words they share).
async fn related(
    app: &AppState,
    partnership: &str,
    c: &CommitmentView,
) -> Result<Vec<RelatedItem>, WebError> {
    let statuses = app.statuses.get(app, partnership).await?;
    let related = statuses.related(&c.row.id, || {
        let hits = app
            .search
            .current()
            .similar(&c.row.text, "commitment", partnership, RELATED + 1)
            .map_err(|e| WebError::BadRequest(format!("related commitments: {e}")))?;
        Ok(hits
            .iter()
            .filter(|h| h.id != c.row.id)
            .filter_map(|h| statuses.commitment(&h.id))
            .take(RELATED)
            .map(|v| RelatedItem {
                id: v.row.id.clone(),
                text: v.row.text.clone(),
                area: v.row.area.clone(),
                anchor: v.row.anchor.clone(),
                status: v.status.status,
            })
            .collect())
    })?;
    Ok(related.as_ref().clone())
}

#[derive(Template)]
#[template(path = "commitment.html")]
struct CommitmentPageView {
    ui: Ui,
    d: CommitmentData,
}

pub async fn page(State(app): State<AppState>, ui: Ui, Path(id): Path<String>) -> Page {
    let d = commitment_data(&app, &id).await?;
    Ok(Html(CommitmentPageView { ui, d }.render()?))
}
