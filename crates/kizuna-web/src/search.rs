//! Search: the index is built from the store when the server starts (it is derived data), and
//! the search page and API read it.

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use kizuna_search::{Hit, SearchDoc, SearchError, SearchIndex, SearchQuery};
use kizuna_store::{CommitmentQuery, Store, StoreError};
use serde::Deserialize;

use crate::anchors::{block_of, slug};
use crate::error::ApiError;
use crate::views::area_name;
use crate::{AppState, WebError};

/// Builds the index of every public record of every partnership.
pub async fn build_index(store: &Store) -> Result<SearchIndex, StoreError> {
    let mut docs = Vec::new();
    for p in store.partnerships().await? {
        let documents = store.documents(&p.id, false).await?;
        let title_of =
            |id: &str| documents.iter().find(|d| d.id == id).map(|d| d.title.clone()).unwrap_or_default();
        let date_of =
            |id: &str| documents.iter().find(|d| d.id == id).and_then(|d| d.date.clone()).unwrap_or_default();
        let query = CommitmentQuery { partnership_id: p.id.clone(), ..Default::default() };
        for c in store.commitments(&query).await? {
            docs.push(SearchDoc {
                title: title_of(&c.document_id),
                date: date_of(&c.document_id),
                id: c.id,
                kind: "commitment".into(),
                text: c.text,
                area: c.area,
                document_id: c.document_id,
                anchor: c.anchor,
            });
        }
        for e in store.evidence(&p.id, false).await? {
            docs.push(SearchDoc {
                title: title_of(&e.document_id),
                date: e.date.clone().unwrap_or_else(|| date_of(&e.document_id)),
                id: e.id,
                kind: "evidence".into(),
                text: e.text,
                area: String::new(),
                document_id: e.document_id,
                anchor: e.anchor,
            });
        }
        for d in &documents {
            let Some((_, text, blocks)) = store.document(&d.id, false).await? else { continue };
            for b in blocks.iter().filter(|b| b.kind == "paragraph" || b.kind == "item") {
                let passage = text.get(b.span_start as usize..b.span_end as usize).unwrap_or_default();
                docs.push(SearchDoc {
                    id: format!("{}#{}", d.id, b.anchor),
                    kind: "passage".into(),
                    text: passage.to_owned(),
                    title: d.title.clone(),
                    area: String::new(),
                    document_id: d.id.clone(),
                    anchor: b.anchor.clone(),
                    date: d.date.clone().unwrap_or_default(),
                });
            }
        }
    }
    SearchIndex::build(docs).map_err(|e| StoreError::Corrupt(format!("search index: {e}")))
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    area: Option<String>,
    limit: Option<usize>,
}

fn run(app: &AppState, params: &SearchParams) -> Result<Vec<Hit>, WebError> {
    let kind = params.kind.clone().filter(|k| !k.is_empty());
    if let Some(k) = &kind
        && !["commitment", "evidence", "passage"].contains(&k.as_str())
    {
        return Err(WebError::BadRequest(format!(
            "`kind` must be commitment, evidence or passage, not `{k}`"
        )));
    }
    let query = SearchQuery {
        text: params.q.clone(),
        kind,
        area: params.area.clone().filter(|a| !a.is_empty()),
        document_id: None,
        limit: params.limit.unwrap_or(50).min(200),
    };
    app.search.search(&query).map_err(|e| match e {
        SearchError::Empty | SearchError::TooLong => WebError::BadRequest(format!("`q`: {e}")),
        SearchError::Index(e) => WebError::BadRequest(format!("search failed: {e}")),
    })
}

/// Where a hit leads.
fn href(hit: &Hit) -> String {
    match hit.kind.as_str() {
        "commitment" => format!("/commitments/{}", hit.id),
        _ => format!("/documents/{}#{}", hit.document_id, slug(block_of(&hit.anchor))),
    }
}

struct HitView {
    hit: Hit,
    href: String,
    area_name: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    kind: String,
    hits: Vec<HitView>,
    message: Option<String>,
}

pub async fn page(
    State(app): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Html<String>, WebError> {
    let Query(params) =
        params.map_err(|e| WebError::BadRequest(format!("query string: {}", e.body_text())))?;
    let (hits, message) = if params.q.trim().is_empty() {
        (Vec::new(), None)
    } else {
        match run(&app, &params) {
            Ok(hits) if hits.is_empty() => (hits, Some("Nothing matches these words.".to_owned())),
            Ok(hits) => (hits, None),
            Err(WebError::BadRequest(m)) => (Vec::new(), Some(m)),
            Err(e) => return Err(e),
        }
    };
    let hits = hits
        .into_iter()
        .map(|hit| HitView {
            href: href(&hit),
            area_name: if hit.area.is_empty() { String::new() } else { area_name(&hit.area) },
            hit,
        })
        .collect();
    let page = SearchPage { q: params.q, kind: params.kind.unwrap_or_default(), hits, message };
    Ok(Html(page.render()?))
}

pub async fn api(
    State(app): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(params) =
        params.map_err(|e| WebError::BadRequest(format!("query string: {}", e.body_text())))?;
    let hits = run(&app, &params)?;
    let results: Vec<serde_json::Value> = hits
        .into_iter()
        .map(|h| {
            let link = href(&h);
            let mut v = serde_json::to_value(&h).unwrap_or_default();
            v["href"] = serde_json::Value::String(link);
            v
        })
        .collect();
    crate::api::cached_json(&headers, &serde_json::json!({ "query": params.q, "results": results }))
}
