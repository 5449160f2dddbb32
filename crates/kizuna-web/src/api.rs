//! The JSON API under `/api/v1`: the data of every page, with ETags and cache headers on
//! public reads, and errors as `{"error": {"code", "message"}}`. The OpenAPI document at
//! `/api/v1/openapi.json` is generated from the annotations here.
//!
//! What reads the record answers as the request's [`Audience`] may see it ([`respond`]): for
//! the public with an ETag and public caching, for the restricted audience never stored and
//! without one; both `Vary: Cookie`. The partnership list, organisations and the report are
//! the same for everyone and cached publicly.

use std::hash::{Hash, Hasher};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_store::PartnershipRow;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::commitments::{CommitmentData, commitment_data, list_data};
use crate::document::{DocumentData, document_data};
use crate::error::ApiError;
use crate::governance::{GovernanceData, OrganisationsData, governance_data, organisations_data};
use crate::listing::{CommitmentPage, Pairs};
use crate::pages::{HomeData, home_data};
use crate::search::{SearchFilter, SearchResults};
use crate::{AppState, Audience, WebError};

/// A JSON body with a strong ETag; `304 Not Modified` when the client has it already.
pub(crate) fn cached_json<T: Serialize>(request: &HeaderMap, value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| WebError::BadRequest(e.to_string()))?;
    // The default hasher has fixed keys: the same body always gives the same tag.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let headers = [
        (header::ETAG, HeaderValue::from_str(&etag).expect("hex is a valid header")),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60")),
    ];
    if request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    Ok((headers, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body)
        .into_response())
}

/// `value` as JSON for `audience`, or the error (either sealed for `audience`: see
/// [`Audience::seal`]). Only the public's answers carry an ETag and may be stored.
pub(crate) fn respond<T: Serialize>(
    request: &HeaderMap,
    audience: Audience,
    value: Result<T, WebError>,
) -> Response {
    let response = match (value, audience) {
        (Err(e), _) => e.into_json(),
        (Ok(value), Audience::Public) => cached_json(request, &value).into_response(),
        (Ok(value), Audience::Restricted) => match serde_json::to_vec(&value) {
            Ok(body) => {
                ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
            }
            Err(e) => WebError::BadRequest(e.to_string()).into_json(),
        },
    };
    audience.seal(response)
}

/// The body of every error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `bad_request`, `not_found` or `internal`.
    pub code: String,
    /// What was wrong, naming the parameter or record.
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct PartnershipList {
    pub partnerships: Vec<PartnershipRow>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kizuna API",
        description = "The record of international digital partnerships: commitments, the evidence \
                       reported on them and their status, with citations to the paragraph.",
        license(name = "Apache-2.0")
    ),
    paths(partnerships, partnership, commitments, governance, organisations, commitment, document, search, crate::report::report),
    tags((name = "record", description = "Reads of the record: public records for everyone, restricted ones too for a signed-in role that may see them (publications such as the report stay public only)"))
)]
pub struct ApiDoc;

/// The OpenAPI 3 description of this API.
pub async fn openapi() -> Response {
    match ApiDoc::openapi().to_pretty_json() {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=3600")],
            body,
        )
            .into_response(),
        Err(e) => WebError::BadRequest(format!("OpenAPI document: {e}")).into_json(),
    }
}

/// Every partnership in the record.
#[utoipa::path(get, path = "/api/v1/partnerships", tag = "record",
    responses((status = 200, body = PartnershipList)))]
pub async fn partnerships(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let partnerships = app.store.partnerships().await?;
    cached_json(&headers, &PartnershipList { partnerships })
}

/// A partnership at a glance: counts by area and status, overdue commitments, documents,
/// latest meeting and recent changes.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}", tag = "record",
    params(("partnership" = String, Path, description = "Partnership id, e.g. `japan-uk`")),
    responses((status = 200, body = HomeData), (status = 404, body = ErrorBody)))]
pub async fn partnership(
    State(app): State<AppState>,
    audience: Audience,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(&headers, audience, home_data(&app, audience, &id).await)
}

/// A partnership's commitments with their status today, filtered, sorted and paged.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/commitments", tag = "record",
    params(
        ("partnership" = String, Path, description = "Partnership id"),
        ("area" = Option<String>, Query, description = "Area key, e.g. `semiconductors`"),
        ("status" = Option<String>, Query, description = "Status today: delivered, ongoing, in-progress, stalled, no-evidence, superseded or dropped", pattern = "^(delivered|ongoing|in-progress|stalled|no-evidence|superseded|dropped)$"),
        ("kind" = Option<String>, Query, description = "one-off, continuing, aim or governance", pattern = "^(one-off|continuing|aim|governance)$"),
        ("document" = Option<String>, Query, description = "Id of the document that made the commitment"),
        ("overdue" = Option<bool>, Query, description = "Only overdue (true) or only not overdue (false)"),
        ("q" = Option<String>, Query, description = "Words the text contains (at most 256 characters)", max_length = 256),
        ("sort" = Option<String>, Query, description = "document (default), due, status, area or strength", pattern = "^(document|due|status|area|strength)$"),
        ("order" = Option<String>, Query, description = "asc (default) or desc", pattern = "^(asc|desc)$"),
        ("page" = Option<usize>, Query, description = "Page number, from 1", minimum = 1, maximum = 1000000),
        ("per_page" = Option<usize>, Query, description = "Results per page, 1 to 500 (default 50)", minimum = 1, maximum = 500),
    ),
    responses((status = 200, body = CommitmentPage), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn commitments(
    State(app): State<AppState>,
    audience: Audience,
    Path(partnership): Path<String>,
    Pairs(pairs): Pairs,
    headers: HeaderMap,
) -> Response {
    let page = list_data(&app, audience, &partnership, None, &pairs).await.map(|(_, _, page, _)| page);
    respond(&headers, audience, page)
}

/// The partnership's bodies, their meetings with the documents each issued, and whether each
/// annual body kept its cadence.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/governance", tag = "record",
    params(("partnership" = String, Path, description = "Partnership id")),
    responses((status = 200, body = GovernanceData), (status = 404, body = ErrorBody)))]
pub async fn governance(
    State(app): State<AppState>,
    audience: Audience,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(&headers, audience, governance_data(&app, audience, &id).await)
}

/// Each side's organisations, with renames and successors.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/organisations", tag = "record",
    params(("partnership" = String, Path, description = "Partnership id")),
    responses((status = 200, body = OrganisationsData), (status = 404, body = ErrorBody)))]
pub async fn organisations(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    cached_json(&headers, &organisations_data(&app, &id).await?)
}

/// One commitment: text and citation, status now and over time, evidence, related commitments.
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "record",
    params(("id" = String, Path, description = "Commitment id")),
    responses((status = 200, body = CommitmentData), (status = 404, body = ErrorBody)))]
pub async fn commitment(
    State(app): State<AppState>,
    audience: Audience,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(&headers, audience, commitment_data(&app, audience, &id).await)
}

/// One document: its normalised text, its blocks with anchors, and where its commitments and
/// evidence are.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "record",
    params(("id" = String, Path, description = "Document id (SHA-256 of its bytes)")),
    responses((status = 200, body = DocumentData), (status = 404, body = ErrorBody)))]
pub async fn document(
    State(app): State<AppState>,
    audience: Audience,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    respond(&headers, audience, document_data(&app, audience, &id).await)
}

/// Full-text search over commitments, evidence and document passages, in English and Japanese.
#[utoipa::path(get, path = "/api/v1/search", tag = "record",
    params(
        ("q" = String, Query, description = "Words to find, English or Japanese (at most 256 characters)", min_length = 1, max_length = 256, pattern = "\\S"),
        ("partnership" = Option<String>, Query, description = "Partnership id"),
        ("kind" = Option<String>, Query, description = "commitment, evidence or passage", pattern = "^(commitment|evidence|passage)$"),
        ("area" = Option<String>, Query, description = "Area key (commitments only have areas)"),
        ("status" = Option<String>, Query, description = "Only commitments with this status today", pattern = "^(delivered|ongoing|in-progress|stalled|no-evidence|superseded|dropped)$"),
        ("document" = Option<String>, Query, description = "Document id"),
        ("from" = Option<String>, Query, description = "Dated on or after (YYYY-MM-DD, YYYY-MM or YYYY)", pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"),
        ("to" = Option<String>, Query, description = "Dated on or before (YYYY-MM-DD, YYYY-MM or YYYY)", pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"),
        ("page" = Option<usize>, Query, description = "Page number, from 1", minimum = 1, maximum = 100),
        ("per_page" = Option<usize>, Query, description = "Results per page, 1 to 200 (default 20)", minimum = 1, maximum = 200),
    ),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(app): State<AppState>,
    audience: Audience,
    Pairs(pairs): Pairs,
    headers: HeaderMap,
) -> Response {
    let found = match SearchFilter::parse(&pairs) {
        Ok(filter) => crate::search::run(&app, audience, &filter).await,
        Err(e) => Err(e),
    };
    respond(&headers, audience, found)
}
