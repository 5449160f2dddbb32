//! Lists of commitments (a partnership's, an area's) and the page of one commitment: its text
//! and citation, status now and over time, evidence, and the commitments related to it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use kizuna_core::Status;
use kizuna_store::{AssessmentRow, DocumentRow, PartnershipRow, SideRow};
use serde::Serialize;
use utoipa::ToSchema;

use crate::audience::is_restricted;
use crate::i18n::Ui;
use crate::listing::{CommitmentFilter, CommitmentPage, Pairs, SORTS};
use crate::pages::{Page, partnership_row};
use crate::statuses::{Statuses, overall};
use crate::views::{CommitmentView, day_of};
use crate::{AppState, Audience, WebError};

/// How many related commitments a commitment page shows.
const RELATED: usize = 5;

/// The filtered page of a partnership's commitments. `area` is an area page's own area: an
/// area with no commitment at all does not exist.
pub async fn list_data(
    app: &AppState,
    audience: Audience,
    partnership: &str,
    area: Option<&str>,
    pairs: &[(String, String)],
) -> Result<(PartnershipRow, CommitmentFilter, CommitmentPage, Vec<String>), WebError> {
    let p = partnership_row(app, partnership).await?;
    let mut filter = CommitmentFilter::parse(pairs)?;
    let statuses = app.statuses.get(app, partnership, audience).await?;
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
    /// It or its document is restricted (only listed for the audience that may see it).
    restricted: bool,
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct ListPage {
    ui: Ui,
    partnership: PartnershipRow,
    /// The area of an area page.
    area: Option<String>,
    areas: Vec<String>,
    /// The framework's pillars, to filter by.
    pillars: Vec<kizuna_store::PillarRow>,
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
    audience: Audience,
    partnership: &str,
    area: Option<&str>,
    pairs: &[(String, String)],
) -> Page {
    let (partnership, filter, page, areas) = list_data(&app, audience, partnership, area, pairs).await?;
    let statuses = app.statuses.get(&app, &partnership.id, audience).await?;
    let pillars = app.store.pillars(&partnership.id).await?;
    let mut rows = Vec::with_capacity(page.commitments.len());
    for view in page.commitments {
        let evidence = app.store.evidence_for(&view.row.id, audience.include_restricted()).await?;
        let latest =
            evidence.into_iter().last().map(|e| (e.evidence.date.or(e.document_date), e.evidence.text));
        let restricted = is_restricted(&view.row.handling)
            || statuses.document(&view.row.document_id).is_none_or(|d| is_restricted(&d.handling));
        rows.push(ListRow { view, latest, restricted });
    }
    Ok(Html(
        ListPage {
            ui,
            partnership,
            area: area.map(str::to_owned),
            areas,
            pillars,
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

pub async fn list(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
    Pairs(pairs): Pairs,
) -> Response {
    audience.seal(list_page(app, ui, audience, &id, None, &pairs).await)
}

pub async fn area(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path((id, area)): Path<(String, String)>,
    Pairs(pairs): Pairs,
) -> Response {
    audience.seal(list_page(app, ui, audience, &id, Some(&area), &pairs).await)
}

/// The status of a commitment from a day on.
#[derive(Clone, Serialize, ToSchema)]
pub struct HistoryItem {
    /// The day the status began.
    pub from: String,
    pub status: Status,
    pub overdue: bool,
    /// A person's assessment decided it.
    pub assessed: bool,
}

/// A person's judgement of the commitment's status, with the reason.
#[derive(Clone, Serialize, ToSchema)]
pub struct AssessmentItem {
    pub status: Status,
    pub rationale: String,
    /// The day it holds from.
    pub made_on: String,
}

/// One side's part of the commitment, as a person last judged it.
#[derive(Clone, Serialize, ToSchema)]
pub struct SideStatus {
    /// The side's id.
    pub side: String,
    pub side_name: String,
    pub side_name_ja: Option<String>,
    pub status: Status,
    pub rationale: String,
    /// The day the judgement holds from.
    pub made_on: String,
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
    /// It or its document is restricted (only shown to the audience that may see it).
    pub restricted: bool,
    /// Set when a person recorded it by hand rather than a document stating it: who did. Then
    /// there is no document or paragraph, and `href` is its source's web address, if any.
    pub recorded_by: Option<String>,
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
    /// The framework pillar it sits under, if the manifest places its area under one.
    pub pillar: Option<kizuna_store::PillarRow>,
    pub commitment: CommitmentView,
    pub document: DocumentRow,
    /// The page and paragraph of the commitment's text.
    pub citation: String,
    pub evidence: Vec<EvidenceItem>,
    /// Its status from the day it was made, on every day it changed, oldest first.
    pub history: Vec<HistoryItem>,
    /// People's assessments of the whole commitment made by today, oldest first; the latest
    /// decides its status.
    pub assessments: Vec<AssessmentItem>,
    /// The status of each side's part, where a person assessed it (evidence is not per side).
    pub side_statuses: Vec<SideStatus>,
    /// The commitments closest to it in wording.
    pub related: Vec<RelatedItem>,
    /// The same commitment in the other language versions of its document.
    pub versions: Vec<VersionItem>,
    /// What the people keeping the record noted (most notes are restricted).
    pub notes: Vec<kizuna_store::NoteRow>,
}

impl CommitmentData {
    /// The commitment or its document is restricted.
    pub fn restricted(&self) -> bool {
        is_restricted(&self.commitment.row.handling) || is_restricted(&self.document.handling)
    }
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
pub use kizuna_core::citation::cite;

pub async fn commitment_data(
    app: &AppState,
    audience: Audience,
    id: &str,
) -> Result<CommitmentData, WebError> {
    let include_restricted = audience.include_restricted();
    let row = app
        .store
        .commitment(id, include_restricted)
        .await?
        .map(|row| crate::views::as_seen_by(row, audience))
        .ok_or_else(|| WebError::NotFound(format!("commitment `{id}`")))?;
    let document = app
        .store
        .document_row(&row.document_id, include_restricted)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{}`", row.document_id)))?;
    let partnership = partnership_row(app, &document.partnership_id).await?;
    let statuses = app.statuses.get(app, &partnership.id, audience).await?;
    let mut evidence = app.store.evidence_for(id, include_restricted).await?;
    // Evidence reported on any language version counts for all of them.
    let aligned = app.store.aligned(id, include_restricted).await?;
    for version in &aligned {
        for e in app.store.evidence_for(&version.commitment.id, include_restricted).await? {
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
    let versions: Vec<VersionItem> = aligned
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
    // The same facts and assessments as the lists (every language version's), so the page and
    // the lists cannot disagree.
    let facts = statuses.facts(id);
    let assessed = statuses.assessments(id);
    let whole = overall(assessed);
    let made = day_of(document.date.as_deref());
    let today = statuses.today;
    let history = crate::views::history(&row, facts, &whole, made, &statuses.reports, today)
        .into_iter()
        .map(|(day, s)| HistoryItem {
            from: day.to_string(),
            status: s.status,
            overdue: s.overdue,
            assessed: s.assessed,
        })
        .collect();
    let mut commitment = CommitmentView::new(row, facts, &whole, made, &statuses.reports, today);
    commitment.reviewed = statuses.commitment(id).is_some_and(|v| v.reviewed);
    let sides = app.store.sides(&partnership.id).await?;
    let (assessments, side_statuses) = judgements(assessed, &sides, today);
    let evidence = evidence
        .into_iter()
        .map(|e| EvidenceItem {
            restricted: is_restricted(&e.evidence.handling)
                || statuses.document(&e.evidence.document_id).is_none_or(|d| is_restricted(&d.handling)),
            href: cite(&e.evidence.document_id, &e.evidence.anchor),
            id: e.evidence.id,
            date: e.evidence.date.or(e.document_date),
            text: e.evidence.text,
            relation: e.link.relation,
            concrete: e.evidence.concrete,
            document_id: e.evidence.document_id,
            document_title: e.document_title,
            anchor: e.evidence.anchor,
            recorded_by: None,
        })
        .collect::<Vec<_>>();
    let mut evidence = evidence;
    let mut by_hand = app.store.recorded_evidence(id, include_restricted).await?;
    for version in &versions {
        by_hand.extend(app.store.recorded_evidence(&version.id, include_restricted).await?);
    }
    evidence.extend(by_hand.into_iter().map(|r| {
        // A passage a person linked is cited like the engine's evidence; other evidence recorded
        // by hand points to its web source, if it has one.
        let (document_id, anchor) = (r.document_id.unwrap_or_default(), r.anchor.unwrap_or_default());
        let from_passage = !document_id.is_empty();
        EvidenceItem {
            restricted: is_restricted(&r.handling),
            href: if from_passage { cite(&document_id, &anchor) } else { r.source_url.unwrap_or_default() },
            id: r.id,
            date: Some(r.date),
            text: r.text,
            relation: r.relation,
            concrete: true,
            document_title: statuses.document(&document_id).map(|d| d.title.clone()).unwrap_or_default(),
            document_id,
            anchor,
            recorded_by: Some(r.recorded_by),
        }
    }));
    // The evidence that delivered it first, then the rest in the order it happened.
    evidence.sort_by_key(|e| (e.relation != "delivered", day_of(e.date.as_deref()), e.id.clone()));
    let notes = app.store.notes(id, include_restricted).await?;
    let related = related(app, &partnership.id, &statuses, &commitment)?;
    let pillar = match &commitment.row.pillar {
        Some(id) => app.store.pillars(&partnership.id).await?.into_iter().find(|p| &p.id == id),
        None => None,
    };
    Ok(CommitmentData {
        pillar,
        citation: cite(&document.id, &commitment.row.anchor),
        partnership,
        commitment,
        document,
        evidence,
        history,
        assessments,
        side_statuses,
        related,
        versions,
        notes,
    })
}

/// The assessments made by `today` (readable ones): those of the whole commitment, oldest
/// first, and each side's latest, in the order of `sides`.
fn judgements(
    rows: &[AssessmentRow],
    sides: &[SideRow],
    today: time::Date,
) -> (Vec<AssessmentItem>, Vec<SideStatus>) {
    let made = |a: &AssessmentRow| crate::statuses::core_assessment(a).filter(|c| c.made <= today);
    let whole = rows
        .iter()
        .filter(|a| a.side_id.is_none())
        .filter_map(|a| {
            made(a).map(|c| AssessmentItem {
                status: c.status,
                rationale: a.rationale.clone(),
                made_on: a.made_on.clone(),
            })
        })
        .collect();
    let mut by_side = Vec::new();
    for side in sides {
        // Oldest first: the last one made by today is the side's status.
        let latest = rows
            .iter()
            .filter(|a| a.side_id.as_deref() == Some(side.id.as_str()))
            .filter_map(|a| made(a).map(|c| (c, a)))
            .max_by_key(|(c, _)| c.made);
        if let Some((c, a)) = latest {
            by_side.push(SideStatus {
                side: side.id.clone(),
                side_name: side.name.clone(),
                side_name_ja: side.name_ja.clone(),
                status: c.status,
                rationale: a.rationale.clone(),
                made_on: a.made_on.clone(),
            });
        }
    }
    (whole, by_side)
}

/// The commitments of the same partnership whose wording is closest to `c`'s (by the rarer
/// words they share).
fn related(
    app: &AppState,
    partnership: &str,
    statuses: &Statuses,
    c: &CommitmentView,
) -> Result<Vec<RelatedItem>, WebError> {
    let related = statuses.related(&c.row.id, || {
        let hits = app
            .search
            .for_audience(statuses.audience)
            .similar(
                &c.row.text,
                "commitment",
                partnership,
                RELATED + 1,
                statuses.audience.include_restricted(),
            )
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

pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
) -> Response {
    audience.seal(commitment_page(&app, ui, audience, &id).await)
}

async fn commitment_page(app: &AppState, ui: Ui, audience: Audience, id: &str) -> Page {
    let d = commitment_data(app, audience, id).await?;
    Ok(Html(CommitmentPageView { ui, d }.render()?))
}
