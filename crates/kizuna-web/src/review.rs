//! The review queue: links the machine proposed that no reviewer has decided on yet, best
//! first, the evidence and the commitment side by side with the words they share marked, a
//! decision form for each, and a bulk accept of the high-scoring ones, of one area or all.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Redirect};
use kizuna_core::Permission;
use kizuna_store::{Edit, PartnershipRow, ProposalRow, QueueFilter};
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
    /// Only proposals for commitments of this area; empty: all.
    #[serde(default)]
    area: String,
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
    area: String,
    /// The areas that have proposals waiting, with how many.
    areas: Vec<(String, i64)>,
    proposals: Vec<Proposal>,
    total: i64,
    /// Decisions a re-reading could not carry, waiting for a reviewer.
    orphans: usize,
    page: i64,
    pages: i64,
}

impl QueuePage {
    fn relations(&self) -> [&'static str; 3] {
        RELATIONS.map(kizuna_core::Relation::as_str)
    }

    fn page_link(&self, page: i64) -> String {
        self.ui.href(&format!(
            "/review?partnership={}&min_score={}&area={}&page={page}",
            self.partnership, self.min_score, self.area
        ))
    }
}

/// A proposal as the queue shows it: each text cut into pieces, the words the two share
/// marked (`true`).
struct Proposal {
    row: ProposalRow,
    evidence: Vec<(String, bool)>,
    commitment: Vec<(String, bool)>,
}

impl Proposal {
    fn new(row: ProposalRow) -> Proposal {
        let (in_evidence, in_commitment) =
            kizuna_search::shared_words(&row.evidence_text, &row.commitment_text);
        Proposal {
            evidence: marked(&row.evidence_text, &in_evidence),
            commitment: marked(&row.commitment_text, &in_commitment),
            row,
        }
    }
}

/// `text` cut at the edges of `spans` (in order, apart), each piece saying whether it is one.
fn marked(text: &str, spans: &[std::ops::Range<usize>]) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for span in spans {
        if span.start < at || span.end > text.len() {
            continue;
        }
        if span.start > at {
            pieces.push((text[at..span.start].to_owned(), false));
        }
        pieces.push((text[span.clone()].to_owned(), true));
        at = span.end;
    }
    if at < text.len() {
        pieces.push((text[at..].to_owned(), false));
    }
    pieces
}

pub async fn queue(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Query(q): Query<QueueQuery>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Review)?;
    let partnerships = app.store.partnerships().await?;
    let partnership = chosen(&partnerships, &q.partnership)?;
    let min_score = q.min_score.unwrap_or(0.0);
    if !min_score.is_finite() {
        return Err(WebError::BadRequest("min_score: not a number".into()));
    }
    let page = q.page.unwrap_or(1).max(1);
    let filter = QueueFilter::new(&partnership, min_score, &q.area);
    let (rows, total, areas) = if partnership.is_empty() {
        (Vec::new(), 0, Vec::new())
    } else {
        let (rows, total) = app.store.review_queue(&filter, (page - 1) * PER_PAGE, PER_PAGE).await?;
        (rows, total, app.store.queue_areas(&partnership, min_score).await?)
    };
    let proposals = rows.into_iter().map(Proposal::new).collect();
    let orphans = if partnership.is_empty() {
        0
    } else {
        app.store.orphaned_decisions(&partnership, false).await?.len()
    };
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    let page = QueuePage {
        ui,
        partnerships,
        partnership,
        min_score,
        area: q.area,
        areas,
        proposals,
        total,
        orphans,
        page,
        pages,
    };
    Ok(Html(page.render()?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkForm {
    partnership: String,
    min_score: f64,
    /// Only proposals for commitments of this area; empty or absent: all.
    #[serde(default)]
    area: String,
    #[serde(default)]
    back: String,
}

/// Accepts every undecided proposal scoring at least `min_score`; refuses a threshold so low
/// that it would accept proposals nobody looked at in bulk by mistake.
#[utoipa::path(post, path = "/review/accept-all", tag = "editing",
    description = "Accepts every undecided proposal of a partnership scoring at least `min_score`, of one `area` or all. Reviewer and up.",
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
    let edit = Edit::AcceptProposals(QueueFilter::new(&f.partnership, f.min_score, &f.area));
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let fallback = ui.href(&format!("/review?partnership={}", f.partnership));
    Ok(Redirect::to(if f.back.is_empty() { &fallback } else { local_path(&f.back) }))
}

/// The partnership a reviewer's page asked for: the one named, else the store's only one, else
/// none (empty); an unknown name is a 404.
pub(crate) fn chosen(partnerships: &[PartnershipRow], asked: &str) -> Result<String, WebError> {
    let id = match (asked, partnerships) {
        ("", [only]) => only.id.clone(),
        (id, _) => id.to_owned(),
    };
    if !id.is_empty() && !partnerships.iter().any(|p| p.id == id) {
        return Err(WebError::NotFound(format!("partnership `{id}`")));
    }
    Ok(id)
}

/// The lowest score a bulk accept may use.
pub const MIN_BULK_SCORE: f64 = 0.5;
