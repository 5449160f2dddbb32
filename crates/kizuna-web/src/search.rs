//! Search: the index is built from the store when the server starts (it is derived data), and
//! the search page and API read it, with filters by partnership, kind, area, status, document
//! and date.
//!
//! The index holds restricted records too, marked as such, and a search finds them only for the
//! audience that may see them. A public document's passages are indexed as the public sees
//! them, with restricted commitments and evidence blacked out; those are found as themselves.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use kizuna_core::{Period, Status};
use kizuna_search::{Hit, SearchDoc, SearchError, SearchQuery};
use kizuna_store::{CommitmentQuery, Store, StoreError, single_spaced};
use serde::Serialize;
use utoipa::ToSchema;

use crate::audience::{is_restricted, redact};
use crate::commitments::cite;
use crate::i18n::Ui;
use crate::listing::Pairs;
use crate::pages::Page;
use crate::statuses::Statuses;
use crate::{AppState, Audience, WebError};

/// Longest page of results.
const MAX_RESULTS: usize = 200;
const DEFAULT_PER_PAGE: usize = 20;

fn julian(date: &str) -> Option<i32> {
    date.parse::<Period>().ok().map(|p| p.start().to_julian_day())
}

/// Every record of every partnership, as the index takes them, each marked restricted or not.
pub async fn documents_to_index(store: &Store) -> Result<Vec<SearchDoc>, StoreError> {
    let mut docs = Vec::new();
    for p in store.partnerships().await? {
        let documents = store.documents(&p.id, true).await?;
        let doc_of = |id: &str| documents.iter().find(|d| d.id == id);
        let title_of = |id: &str| doc_of(id).map(|d| d.title.clone()).unwrap_or_default();
        let date_of = |id: &str| doc_of(id).and_then(|d| d.date.clone()).unwrap_or_default();
        // A record is restricted when it is marked so or its document is.
        let restricted_document = |id: &str| doc_of(id).is_none_or(|d| is_restricted(&d.handling));
        let query =
            CommitmentQuery { partnership_id: p.id.clone(), include_restricted: true, ..Default::default() };
        let commitments = store.commitments(&query).await?;
        let restricted_commitment: HashMap<&str, bool> = commitments
            .iter()
            .map(|c| (c.id.as_str(), is_restricted(&c.handling) || restricted_document(&c.document_id)))
            .collect();
        // Each commitment is also found by the words of its other language versions: a public
        // one only by those of its public versions.
        let mut versions: HashMap<&str, Vec<&str>> = HashMap::new();
        let pairs = store.alignments(&p.id, true).await?;
        let text_of: HashMap<&str, &str> =
            commitments.iter().map(|c| (c.id.as_str(), c.text.as_str())).collect();
        for (a, b) in &pairs {
            if let (Some(ta), Some(tb)) = (text_of.get(a.as_str()), text_of.get(b.as_str())) {
                if !restricted_commitment[b.as_str()] || restricted_commitment[a.as_str()] {
                    versions.entry(a.as_str()).or_default().push(tb);
                }
                if !restricted_commitment[a.as_str()] || restricted_commitment[b.as_str()] {
                    versions.entry(b.as_str()).or_default().push(ta);
                }
            }
        }
        let also: HashMap<String, String> =
            versions.into_iter().map(|(id, texts)| (id.to_owned(), texts.join(" "))).collect();
        // Where each public document holds restricted records: its passages leave them out.
        let mut hidden: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
        for c in &commitments {
            if restricted_commitment[c.id.as_str()] {
                hidden.entry(c.document_id.clone()).or_default().push((c.span_start, c.span_end));
            }
        }
        let restricted_commitment: HashMap<String, bool> =
            restricted_commitment.into_iter().map(|(id, r)| (id.to_owned(), r)).collect();
        // One hit per sentence: the same words in the same document are found once, as the
        // commitment rather than as evidence, and either rather than a paragraph of only them.
        let mut said: HashSet<(String, String)> = HashSet::new();
        for c in commitments {
            said.insert((c.document_id.clone(), single_spaced(&c.text)));
            let date = date_of(&c.document_id);
            let restricted = restricted_commitment[c.id.as_str()];
            docs.push(SearchDoc {
                restricted,
                partnership: p.id.clone(),
                title: title_of(&c.document_id),
                day: julian(&date),
                date,
                also: [also.get(&c.id).cloned().unwrap_or_default(), area_names(&c.area)].join(" "),
                id: c.id,
                kind: "commitment".into(),
                text: c.text,
                area: c.area,
                document_id: c.document_id,
                anchor: c.anchor,
            });
        }
        for e in store.evidence(&p.id, true).await? {
            let date = e.date.clone().unwrap_or_else(|| date_of(&e.document_id));
            let restricted = is_restricted(&e.handling) || restricted_document(&e.document_id);
            if restricted {
                hidden.entry(e.document_id.clone()).or_default().push((e.span_start, e.span_end));
            }
            if !said.insert((e.document_id.clone(), single_spaced(&e.text))) {
                continue;
            }
            docs.push(SearchDoc {
                restricted,
                partnership: p.id.clone(),
                title: title_of(&e.document_id),
                day: julian(&date),
                date,
                id: e.id,
                kind: "evidence".into(),
                text: e.text,
                also: String::new(),
                area: String::new(),
                document_id: e.document_id,
                anchor: e.anchor,
            });
        }
        for d in &documents {
            let Some((_, text, blocks)) = store.document(&d.id, true).await? else { continue };
            let restricted = is_restricted(&d.handling);
            let text = match hidden.get(&d.id) {
                Some(spans) if !restricted => redact(&text, spans.iter().copied()),
                _ => text,
            };
            let date = d.date.clone().unwrap_or_default();
            for b in blocks.iter().filter(|b| b.kind == "paragraph" || b.kind == "item") {
                let passage = text.get(b.span_start as usize..b.span_end as usize).unwrap_or_default();
                if passage.chars().all(|c| c == '█' || c.is_whitespace())
                    || !said.insert((d.id.clone(), single_spaced(passage)))
                {
                    continue;
                }
                docs.push(SearchDoc {
                    restricted,
                    partnership: p.id.clone(),
                    id: format!("{}#{}", d.id, b.anchor),
                    kind: "passage".into(),
                    text: passage.to_owned(),
                    also: String::new(),
                    title: d.title.clone(),
                    area: String::new(),
                    document_id: d.id.clone(),
                    anchor: b.anchor.clone(),
                    day: julian(&date),
                    date: date.clone(),
                });
            }
        }
    }
    Ok(docs)
}

/// What a visitor asked to find.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    pub q: String,
    pub partnership: Option<String>,
    pub kind: Option<String>,
    pub area: Option<String>,
    /// Only commitments with this status today.
    pub status: Option<String>,
    pub document: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: usize,
    pub per_page: usize,
}

fn bad(name: &str, problem: impl std::fmt::Display) -> WebError {
    WebError::BadRequest(format!("query parameter `{name}`: {problem}"))
}

fn day(name: &str, value: &str) -> Result<i32, WebError> {
    julian(value)
        .ok_or_else(|| bad(name, format!("`{value}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")))
}

impl SearchFilter {
    pub fn parse(pairs: &[(String, String)]) -> Result<SearchFilter, WebError> {
        let mut f = SearchFilter { page: 1, per_page: DEFAULT_PER_PAGE, ..Default::default() };
        let some = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        for (name, value) in pairs {
            match name.as_str() {
                "q" => f.q = value.clone(),
                "partnership" => f.partnership = some(value),
                "kind" => {
                    f.kind = some(value);
                    if let Some(k) = &f.kind
                        && !["commitment", "evidence", "passage"].contains(&k.as_str())
                    {
                        return Err(bad(name, format!("must be commitment, evidence or passage, not `{k}`")));
                    }
                }
                "area" => f.area = some(value),
                "status" => {
                    f.status = some(value);
                    if let Some(s) = &f.status
                        && !crate::listing::STATUSES.contains(&s.as_str())
                    {
                        return Err(bad(
                            name,
                            format!("must be one of {}, not `{s}`", crate::listing::STATUSES.join(", ")),
                        ));
                    }
                }
                "document" => f.document = some(value),
                "from" => f.from = some(value),
                "to" => f.to = some(value),
                "page" | "per_page" | "limit" if value.trim().is_empty() => {}
                "page" => {
                    f.page = value
                        .parse()
                        .ok()
                        .filter(|p| (1..=100).contains(p))
                        .ok_or_else(|| bad(name, "must be a whole number from 1 to 100"))?
                }
                "per_page" | "limit" => {
                    f.per_page =
                        value.parse().ok().filter(|p| (1..=MAX_RESULTS).contains(p)).ok_or_else(|| {
                            bad(name, format!("must be a whole number from 1 to {MAX_RESULTS}"))
                        })?
                }
                _ => {
                    return Err(bad(
                        name,
                        "is not known here (known: q, partnership, kind, area, status, document, from, to, page, per_page)",
                    ));
                }
            }
        }
        for (name, value) in [("from", &f.from), ("to", &f.to)] {
            if let Some(v) = value {
                day(name, v)?;
            }
        }
        Ok(f)
    }
}

/// A search result.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchResult {
    #[serde(flatten)]
    pub hit: Hit,
    /// The language of the text (`en`, `ja`).
    pub language: String,
    /// A commitment's status today.
    pub status: Option<Status>,
    /// Where the result leads.
    pub href: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub query: String,
    /// Results found in all.
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<SearchResult>,
}

pub async fn run(app: &AppState, audience: Audience, f: &SearchFilter) -> Result<SearchResults, WebError> {
    // Statuses live in each partnership's cache; a search may touch several partnerships.
    let mut statuses: HashMap<String, Arc<Statuses>> = HashMap::new();
    // A status belongs to commitments only: the filter is the set of commitments that have it.
    let (kind, ids) = match &f.status {
        Some(status) => {
            let partnerships = match &f.partnership {
                Some(p) => vec![p.clone()],
                None => app.store.partnerships().await?.into_iter().map(|p| p.id).collect(),
            };
            let mut ids = Vec::new();
            for p in partnerships {
                let s = app.statuses.get(app, &p, audience).await?;
                ids.extend(
                    s.views.iter().filter(|v| v.status.status.as_str() == status).map(|v| v.row.id.clone()),
                );
                statuses.insert(p, s);
            }
            (Some("commitment".to_owned()), Some(ids))
        }
        None => (f.kind.clone(), None),
    };
    let query = SearchQuery {
        text: f.q.clone(),
        partnership: f.partnership.clone(),
        kind,
        area: f.area.clone(),
        document_id: f.document.clone(),
        from_day: f.from.as_deref().map(|v| day("from", v)).transpose()?,
        to_day: f.to.as_deref().map(|v| day("to", v)).transpose()?,
        ids,
        include_restricted: audience.include_restricted(),
        offset: (f.page - 1) * f.per_page,
        limit: f.per_page,
    };
    let found = app.search.for_audience(audience).search(&query).map_err(|e| match e {
        SearchError::Empty | SearchError::TooLong => bad("q", e),
        SearchError::Index(e) => WebError::BadRequest(format!("search failed: {e}")),
    })?;
    let mut results = Vec::with_capacity(found.hits.len());
    for hit in found.hits {
        let s = match statuses.get(&hit.partnership) {
            Some(s) => s.clone(),
            None => {
                let s = app.statuses.get(app, &hit.partnership, audience).await?;
                statuses.insert(hit.partnership.clone(), s.clone());
                s
            }
        };
        let status =
            if hit.kind == "commitment" { s.commitment(&hit.id).map(|v| v.status.status) } else { None };
        let language = s.document(&hit.document_id).map_or_else(|| "en".to_owned(), |d| d.language.clone());
        let href = match hit.kind.as_str() {
            "commitment" => format!("/commitments/{}", hit.id),
            _ => cite(&hit.document_id, &hit.anchor),
        };
        results.push(SearchResult { hit, language, status, href });
    }
    Ok(SearchResults { query: f.q.clone(), total: found.total, page: f.page, per_page: f.per_page, results })
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    ui: Ui,
    f: SearchFilter,
    found: Option<SearchResults>,
    page: usize,
    pages: usize,
    /// The number of the first result shown.
    first: usize,
    message: Option<String>,
    statuses: [&'static str; 5],
}

pub async fn page(State(app): State<AppState>, ui: Ui, audience: Audience, Pairs(pairs): Pairs) -> Response {
    audience.seal(search_page(&app, ui, audience, &pairs).await)
}

async fn search_page(app: &AppState, ui: Ui, audience: Audience, pairs: &[(String, String)]) -> Page {
    let f = SearchFilter::parse(pairs)?;
    let (found, message) = if f.q.trim().is_empty() {
        (None, None)
    } else {
        match run(app, audience, &f).await {
            Ok(r) if r.total == 0 => (None, Some(ui.t("search-nothing"))),
            Ok(r) => (Some(r), None),
            Err(WebError::BadRequest(m)) => (None, Some(m)),
            Err(e) => return Err(e),
        }
    };
    let pages = found.as_ref().map_or(1, |r| r.total.div_ceil(r.per_page).max(1));
    let (page, first) = (f.page, (f.page - 1) * f.per_page + 1);
    let statuses = crate::listing::COMMON_STATUSES;
    Ok(Html(SearchPage { ui, f, found, page, pages, first, message, statuses }.render()?))
}

/// An area's names in both languages: a commitment written in English is found by the Japanese
/// name of its area (半導体 finds the semiconductor commitments), and the other way round.
fn area_names(area: &str) -> String {
    let key = format!("area-{area}");
    [crate::i18n::Lang::En, crate::i18n::Lang::Ja]
        .into_iter()
        .filter_map(|lang| crate::i18n::message_if_any(lang, &key))
        .collect::<Vec<_>>()
        .join(" ")
}
