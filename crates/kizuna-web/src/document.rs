//! The page of one document: its normalised text in its structure, every paragraph addressable
//! (`/documents/{id}#24-b-vi`), each commitment and evidence statement marked and linked.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect, Response};
use kizuna_store::{BlockRow, CommitmentQuery, DocumentRow, PartnershipRow, Store, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Ui;
use crate::pages::{Page, partnership_row};
use crate::{AppState, Audience, WebError};
use kizuna_core::citation::{document_slug, slug};

/// A marked stretch of the document's text.
#[derive(Clone, Serialize, ToSchema)]
pub struct Mark {
    /// `commitment` or `evidence`.
    pub kind: &'static str,
    /// The commitment's or evidence's id.
    pub id: String,
    /// Where the mark leads: the commitment's page (for evidence, the commitment it reports on).
    pub href: Option<String>,
    /// Byte offsets in `text`.
    pub span_start: usize,
    pub span_end: usize,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentData {
    pub partnership: PartnershipRow,
    pub document: DocumentRow,
    /// The normalised text.
    pub text: String,
    pub blocks: Vec<BlockRow>,
    /// Commitments and evidence, in text order.
    pub marks: Vec<Mark>,
}

pub async fn document_data(app: &AppState, audience: Audience, id: &str) -> Result<DocumentData, WebError> {
    let include_restricted = audience.include_restricted();
    let (document, text, blocks) = app
        .store
        .document(id, include_restricted)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("document `{id}`")))?;
    // A public document's text can hold restricted commitments and evidence: the public sees
    // them blacked out.
    let text = if include_restricted {
        text
    } else {
        crate::audience::redact(&text, restricted_spans(&app.store, &document.partnership_id, id).await?)
    };
    let partnership = partnership_row(app, &document.partnership_id).await?;
    let statuses = app.statuses.get(app, &document.partnership_id, audience).await?;
    let query = CommitmentQuery {
        partnership_id: document.partnership_id.clone(),
        document_id: Some(id.to_owned()),
        include_restricted,
        ..Default::default()
    };
    let mut marks: Vec<Mark> = app
        .store
        .commitments(&query)
        .await?
        .into_iter()
        .map(|c| Mark {
            kind: "commitment",
            href: Some(format!("/commitments/{}", c.id)),
            id: c.id,
            span_start: c.span_start as usize,
            span_end: c.span_end as usize,
        })
        .collect();
    marks.extend(app.store.document_evidence(id, include_restricted).await?.into_iter().map(|e| Mark {
        kind: "evidence",
        // Only to a commitment this audience may see.
        href:
            e.commitment_id.filter(|c| statuses.commitment(c).is_some()).map(|c| format!("/commitments/{c}")),
        id: e.evidence.id,
        span_start: e.evidence.span_start as usize,
        span_end: e.evidence.span_end as usize,
    }));
    marks.sort_by_key(|m| (m.span_start, m.span_end));
    Ok(DocumentData { partnership, document, text, blocks, marks })
}

/// The byte spans of document `id`'s restricted commitments and evidence.
pub(crate) async fn restricted_spans(
    store: &Store,
    partnership: &str,
    id: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let query = CommitmentQuery {
        partnership_id: partnership.to_owned(),
        document_id: Some(id.to_owned()),
        include_restricted: true,
        ..Default::default()
    };
    let commitments = store.commitments(&query).await?;
    let evidence = store.document_evidence(id, true).await?;
    Ok(commitments
        .iter()
        .filter(|c| crate::audience::is_restricted(&c.handling))
        .map(|c| (c.span_start, c.span_end))
        .chain(
            evidence
                .iter()
                .filter(|e| crate::audience::is_restricted(&e.evidence.handling))
                .map(|e| (e.evidence.span_start, e.evidence.span_end)),
        )
        .collect())
}

/// A piece of a block's text, marked or not.
struct Fragment {
    text: String,
    mark: Option<(&'static str, Option<String>)>,
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
    ui: Ui,
    partnership: PartnershipRow,
    document: DocumentRow,
    blocks: Vec<BlockView>,
    commitments: usize,
    evidence: usize,
}

impl DocumentPage {
    /// Where an editor adds an undertaking from the paragraph `anchor`.
    fn add_href(&self, anchor: &str) -> String {
        let query = form_urlencoded::Serializer::new(String::new()).append_pair("anchor", anchor).finish();
        self.ui.href(&format!("/documents/{}/add?{query}", self.document.id))
    }
}

/// `/documents/{id}`: the document under its readable address when it has one (a citation's
/// `#fragment` stays with the browser across the redirect), else the page itself.
pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
) -> Response {
    match readable_address(&app, &ui, audience, &id).await {
        Ok(Some(to)) => audience.seal(Redirect::permanent(&to)),
        Ok(None) => audience.seal(document_page(&app, ui, audience, &id).await),
        Err(e) => audience.seal(e),
    }
}

/// `/p/{partnership}/documents/{name}`: a document by its readable name (its file name, see
/// [`kizuna_core::citation::document_slug`]).
pub async fn by_name(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path((partnership, name)): Path<(String, String)>,
) -> Response {
    let documents = match app.store.documents(&partnership, audience.include_restricted()).await {
        Ok(documents) => documents,
        Err(e) => return audience.seal(WebError::from(e)),
    };
    match named(&documents, &name) {
        Some(id) => {
            let id = id.to_owned();
            audience.seal(document_page(&app, ui, audience, &id).await)
        }
        None => audience.seal(WebError::NotFound(format!("document `{name}` of `{partnership}`"))),
    }
}

/// The id of the one document of `documents` whose readable name is `name`: none when no
/// document, or more than one, has it.
fn named<'d>(documents: &'d [DocumentRow], name: &str) -> Option<&'d str> {
    let mut found = documents.iter().filter(|d| document_slug(&d.path).as_deref() == Some(name));
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one.id.as_str()),
        _ => None,
    }
}

/// Where a visible document lives under its partnership's readable address, if it has one.
async fn readable_address(
    app: &AppState,
    ui: &Ui,
    audience: Audience,
    id: &str,
) -> Result<Option<String>, WebError> {
    let include_restricted = audience.include_restricted();
    let Some(document) = app.store.document_row(id, include_restricted).await? else { return Ok(None) };
    let Some(name) = document_slug(&document.path) else { return Ok(None) };
    let documents = app.store.documents(&document.partnership_id, include_restricted).await?;
    Ok((named(&documents, &name) == Some(id))
        .then(|| ui.path("/p/", &document.partnership_id, &format!("/documents/{name}"))))
}

async fn document_page(app: &AppState, ui: Ui, audience: Audience, id: &str) -> Page {
    let d = document_data(app, audience, id).await?;
    let blocks = d
        .blocks
        .iter()
        .map(|b| BlockView {
            id: slug(&b.anchor),
            fragments: fragments(&d.text, b.span_start as usize, b.span_end as usize, &d.marks),
            anchor: b.anchor.clone(),
            kind: b.kind.clone(),
            level: b.level.unwrap_or(2).clamp(2, 4),
        })
        .collect();
    let count = |kind: &str| d.marks.iter().filter(|m| m.kind == kind).count();
    let (commitments, evidence) = (count("commitment"), count("evidence"));
    Ok(Html(
        DocumentPage { ui, partnership: d.partnership, document: d.document, blocks, commitments, evidence }
            .render()?,
    ))
}

/// Cuts `text[start..end]` at the marks inside it; a mark overlapping an earlier one is left
/// out rather than nested.
fn fragments(text: &str, start: usize, end: usize, marks: &[Mark]) -> Vec<Fragment> {
    let end = end.min(text.len());
    let mut out = Vec::new();
    let mut at = start;
    for m in marks.iter().filter(|m| m.span_start >= start && m.span_end <= end && m.span_start < m.span_end)
    {
        let (s, e) = (m.span_start, m.span_end);
        if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if s > at {
            out.push(Fragment { text: text[at..s].to_owned(), mark: None });
        }
        out.push(Fragment { text: text[s..e].to_owned(), mark: Some((m.kind, m.href.clone())) });
        at = e;
    }
    if at < end && text.is_char_boundary(at) && text.is_char_boundary(end) {
        out.push(Fragment { text: text[at..end].to_owned(), mark: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_mark_spans_and_skip_overlaps() {
        let text = "We will meet. It met in 2024. Done.";
        let mark = |kind, s, e| Mark { kind, id: "x".into(), href: None, span_start: s, span_end: e };
        let marks = [mark("commitment", 0, 13), mark("evidence", 5, 20), mark("evidence", 14, 29)];
        let f = fragments(text, 0, text.len(), &marks);
        let shown: Vec<(&str, Option<&str>)> =
            f.iter().map(|f| (f.text.as_str(), f.mark.as_ref().map(|m| m.0))).collect();
        assert_eq!(
            shown,
            [
                ("We will meet.", Some("commitment")),
                (" ", None),
                ("It met in 2024.", Some("evidence")),
                (" Done.", None)
            ]
        );
    }
}
