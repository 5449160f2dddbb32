//! The JSON API under `/api/v1`: the data of every page, with ETags and cache headers on
//! public reads, and errors as `{"error": {"code", "message"}}`. The OpenAPI document at
//! `/api/v1/openapi.json` is generated from the annotations here.
//!
//! What reads the record answers as the request's [`Audience`] may see it ([`respond`]): for
//! the public with an ETag and public caching, for the restricted audience never stored and
//! without one; both `Vary: Cookie, Authorization`.
//!
//! Scripts authenticate with a personal API token (`Authorization: Bearer …`; `session`): reads
//! then see what the token's holder may see, and a write token makes the edits the forms make —
//! the forms' own routes, which take the same fields as JSON — with the holder's role. Those
//! routes are documented here too (tag `editing`) with their errors: 401 without a valid token,
//! 403 for a read token or a role that may not, 409 for an edit made against an old version,
//! 422 for a body they refuse. Documents are added with `POST
//! /api/v1/partnerships/{partnership}/documents`, analysed as the upload form's are. The partnership list, organisations and the report are
//! the same for everyone and cached publicly.

use std::hash::{Hash, Hasher};

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_store::PartnershipRow;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

use crate::commitments::{CommitmentData, commitment_data, list_data};
use crate::document::{DocumentData, document_data};
use crate::error::ApiError;
use crate::governance::{GovernanceData, OrganisationsData, governance_data, organisations_data};
use crate::listing::{CommitmentPage, Pairs};
use crate::pages::{HomeData, home_data};
use crate::search::{SearchFilter, SearchResults};
use crate::session::SignedIn;
use crate::upload::AddedDocument;
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
    /// `bad_request`, `not_found`, `unauthorized`, `invalid_token`, `forbidden`,
    /// `insufficient_scope`, `csrf`, `conflict`, `invalid`, `too_large` or `internal`.
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
    paths(
        partnerships, partnership, commitments, governance, organisations, commitment, document, search,
        crate::report::report, add_document,
        crate::editing::decide, crate::review::accept_all, crate::orphans::resolve, crate::editing::set_status, crate::editing::correct, crate::editing::split,
        crate::editing::record_evidence, crate::editing::link_passage, crate::editing::merge,
        crate::editing::add_note, crate::editing::commitment_handling, crate::editing::document_handling,
        crate::editing::evidence_handling, crate::adding::add, crate::account::follow,
    ),
    modifiers(&Security),
    tags(
        (name = "record", description = "Reads of the record: public records for everyone, restricted ones too for a signed-in role that may see them — a session, or a personal API token (`Authorization: Bearer kzn_…`, made on the account page) of a person who may (publications such as the report stay public only). An unknown, expired or revoked token is refused with 401, never answered as the public."),
        (name = "editing", description = "Changes to the record: the routes of the site's forms, which take the same fields as a form or as a JSON object. With a write token (`Authorization: Bearer kzn_…`) no CSRF token is needed; a browser's session must send its CSRF token (`X-CSRF-Token`). Each edit names the `version` of the record it was made against and is refused with 409, listing what changed, when the record has moved on. The holder's role decides what they may do (viewer < editor < reviewer < admin). Errors of requests made with a token are JSON.")
    )
)]
pub struct ApiDoc;

/// The ways to authenticate: a personal API token, or a browser's session cookie.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kzn_ followed by 64 hex digits")
                    .description(Some(
                        "A personal API token, made on the account page (`/account`): a name, a scope (`read`, \
                         or `write` for the edits the holder's role may make) and an expiry of 30, 90 or 365 days. \
                         Shown once; only its SHA-256 is kept; revocable at any time.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::SESSION_COOKIE,
                "A browser's session (sign in at `/login`); changes also need the session's CSRF token.",
            ))),
        );
    }
}

/// What a change answers.
#[derive(IntoResponses)]
#[allow(dead_code)] // a description of responses, never built
pub enum WriteResponses {
    /// Done: `Location` is the page of what changed (a browser goes there next).
    #[response(status = 303)]
    Done,
    /// No valid credentials: none, or an API token that is unknown, expired or revoked.
    #[response(status = 401)]
    Unauthorized(#[to_schema] ErrorBody),
    /// A read token, the holder's role may not do this, or (for a browser session) no CSRF token.
    #[response(status = 403)]
    Forbidden(#[to_schema] ErrorBody),
    /// The record this edit is about does not exist.
    #[response(status = 404)]
    NotFound(#[to_schema] ErrorBody),
    /// The record changed since the `version` the edit was made against; nothing was saved, and
    /// the message lists what changed.
    #[response(status = 409)]
    Conflict(#[to_schema] ErrorBody),
    /// The body is not what the route takes: a field missing, or a value it refuses.
    #[response(status = 422)]
    Invalid(#[to_schema] ErrorBody),
}

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
#[utoipa::path(get, path = "/api/v1/partnerships", tag = "record", security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, body = PartnershipList)))]
pub async fn partnerships(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let partnerships = app.store.partnerships().await?;
    cached_json(&headers, &PartnershipList { partnerships })
}

/// A partnership at a glance: counts by area and status, overdue commitments, documents,
/// latest meeting and recent changes.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}", tag = "record", security((), ("bearer" = []), ("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/commitments", tag = "record", security((), ("bearer" = []), ("session" = [])),
    params(
        ("partnership" = String, Path, description = "Partnership id"),
        ("area" = Option<String>, Query, description = "Area key, e.g. `semiconductors`"),
        ("pillar" = Option<String>, Query, description = "Pillar id of the partnership's framework, e.g. `infrastructure`"),
        ("actor" = Option<String>, Query, description = "An organisation among its actors, as commitments name it (acronym, else name), e.g. `MIC`"),
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
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/governance", tag = "record", security((), ("bearer" = []), ("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/organisations", tag = "record", security((), ("bearer" = []), ("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "record", security((), ("bearer" = []), ("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "record", security((), ("bearer" = []), ("session" = [])),
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
#[utoipa::path(get, path = "/api/v1/search", tag = "record", security((), ("bearer" = []), ("session" = [])),
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

/// The fields of an upload, for the OpenAPI document.
#[derive(ToSchema)]
#[allow(dead_code)] // describes a multipart body; read by `upload::add_document`
pub struct UploadBody {
    /// The document: `.txt`, `.md`, `.html` or `.pdf`, at most the server's upload size.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Its title (default: the file's name).
    title: Option<String>,
    /// Its date or period, e.g. `2025-01-22`, `2024-Q3`.
    date: Option<String>,
    /// `en` (default) or `ja`.
    language: Option<String>,
    /// e.g. `joint-statement`.
    kind: Option<String>,
    /// `public` (default) or `restricted`.
    handling: Option<String>,
}

/// Adds a document to a partnership: checked, then analysed with the partnership's earlier
/// documents (its statements are linked to their commitments) as the upload form's are, and
/// stored, audited. Editor and up.
#[utoipa::path(post, path = "/api/v1/partnerships/{partnership}/documents", tag = "editing",
    params(("partnership" = String, Path, description = "Partnership id")),
    request_body(content = UploadBody, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added: `Location` is where the API serves it", body = AddedDocument),
        (status = 401, description = "No valid credentials", body = ErrorBody),
        (status = 403, description = "A read token, or a role that may not upload", body = ErrorBody),
        (status = 404, description = "No such partnership", body = ErrorBody),
        (status = 409, description = "The document is already in the record", body = ErrorBody),
        (status = 413, description = "The file is over the server's upload size", body = ErrorBody),
        (status = 422, description = "Not a document this server reads, or a field it refuses", body = ErrorBody),
    ))]
pub async fn add_document(
    State(app): State<AppState>,
    person: SignedIn,
    Path(partnership): Path<String>,
    form: Multipart,
) -> Response {
    match crate::upload::add_document(&app, &person, &partnership, form).await {
        Ok(Some(id)) => {
            let api = format!("/api/v1/documents/{id}");
            let location = HeaderValue::from_str(&api).expect("a hex id is a valid header");
            let body = AddedDocument { href: format!("/documents/{id}"), api, id };
            (StatusCode::CREATED, [(header::LOCATION, location)], axum::Json(body)).into_response()
        }
        Ok(None) => {
            let lost =
                kizuna_store::StoreError::Corrupt("an added document was not found in its analysis".into());
            WebError::Store(lost).into_json()
        }
        Err(WebError::BadRequest(why)) => WebError::Invalid(why).into_json(),
        Err(e) => e.into_json(),
    }
}
