//! The JSON API under `/api/v1`: the data of every page, with ETags and cache headers on
//! public reads, and errors as `{"error": {"code", "message"}}`.

use std::hash::{Hash, Hasher};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::pages::commitment_views;
use crate::views::{CommitmentView, day_of, facts_of};
use crate::{AppState, WebError};

/// Longest page of results.
const MAX_LIMIT: usize = 500;

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

pub async fn partnerships(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let rows = app.store.partnerships().await?;
    cached_json(&headers, &serde_json::json!({ "partnerships": rows }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentParams {
    area: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Serialize)]
struct CommitmentList {
    total: usize,
    offset: usize,
    commitments: Vec<CommitmentView>,
}

pub async fn commitments(
    State(app): State<AppState>,
    Path(partnership): Path<String>,
    params: Result<Query<CommitmentParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(params) =
        params.map_err(|e| WebError::BadRequest(format!("query string: {}", e.body_text())))?;
    let limit = params.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(WebError::BadRequest(format!("`limit` must be between 1 and {MAX_LIMIT}")).into());
    }
    if params.area.as_deref().is_some_and(|a| a.len() > 100) {
        return Err(WebError::BadRequest("`area` is too long".into()).into());
    }
    if app.store.partnership(&partnership).await?.is_none() {
        return Err(WebError::NotFound(format!("partnership `{partnership}`")).into());
    }
    let documents = app.store.documents(&partnership, false).await?;
    let views = commitment_views(&app, &partnership, params.area.as_deref(), &documents).await?;
    let offset = params.offset.unwrap_or(0);
    let total = views.len();
    let commitments = views.into_iter().skip(offset).take(limit).collect();
    cached_json(&headers, &CommitmentList { total, offset, commitments })
}

pub async fn commitment(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let row = app
        .store
        .commitment(&id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("commitment `{id}`")))?;
    let evidence = app.store.evidence_for(&id, false).await?;
    let made = app.store.document_row(&row.document_id, false).await?.and_then(|d| day_of(d.date.as_deref()));
    let view = CommitmentView::new(row, &facts_of(&evidence), made, app.clock.today());
    cached_json(&headers, &serde_json::json!({ "commitment": view, "evidence": evidence }))
}

pub async fn document(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (document, text, blocks) = app
        .store
        .document(&id, false)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{id}`")))?;
    cached_json(&headers, &serde_json::json!({ "document": document, "text": text, "blocks": blocks }))
}
