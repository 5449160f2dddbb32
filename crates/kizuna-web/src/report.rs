//! The progress report page (`/p/{id}/report?as_of=2025-01-22` or `?meeting=…`, printable) and
//! its data in the API; and the one place the store's rows become `kizuna-report`'s plain
//! [`Record`], used by the pages, the feeds and the command line's report and export.
//!
//! Public only, whatever the request's [`crate::Audience`]: a report, a feed and an open-data
//! export are publications, passed on and cached without knowing who first asked for them, so
//! everything here is read with restricted records left out (and a public document's text has
//! its restricted commitments and evidence blacked out). The report itself is laid out by
//! `kizuna-report`, in the words of this site's catalogues ([`Words`] for [`Ui`]).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use kizuna_report::record::{self as r, DocumentText, Record};
use kizuna_report::report::Basis;
use kizuna_report::{Report, Words};
use kizuna_store::{CommitmentQuery, Store, StoreError};
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

use crate::api::{ErrorBody, cached_json};
use crate::error::ApiError;
use crate::i18n::Ui;
use crate::listing::Pairs;
use crate::pages::Page;
use crate::{AppState, Audience, WebError};

impl Words for Ui {
    fn lang(&self) -> &'static str {
        self.code()
    }
    fn t(&self, key: &str) -> String {
        Ui::t(self, key)
    }
    fn date(&self, stored: &str) -> String {
        Ui::date(self, stored)
    }
    fn area(&self, key: &str) -> String {
        Ui::area(self, key)
    }
}

/// The site's words in `lang` (`en` or `ja`), for reports made outside a request.
pub fn words(lang: &str) -> Ui {
    Ui::for_uri(if lang == "ja" { "/ja" } else { "/" }, None)
}

/// A partnership's public record as plain data; `None` when there is no such partnership.
/// `with_texts` adds each document's blocks, text and original bytes (for exports): a document
/// that holds restricted commitments or evidence has them blacked out of its text, and its
/// original bytes (which would still hold them) left out.
pub async fn load_record(store: &Store, id: &str, with_texts: bool) -> Result<Option<Record>, StoreError> {
    let Some(p) = store.partnership(id).await? else { return Ok(None) };
    let documents = store.documents(id, false).await?;
    let mut record = Record {
        partnership: r::Partnership {
            id: p.id,
            name: p.name,
            name_ja: p.name_ja,
            established: p.established,
        },
        sides: store
            .sides(id)
            .await?
            .into_iter()
            .map(|s| r::Side { id: s.id, name: s.name, name_ja: s.name_ja })
            .collect(),
        organisations: store
            .organisations(id)
            .await?
            .into_iter()
            .map(|o| r::Organisation {
                id: o.id,
                side_id: o.side_id,
                name: o.name,
                name_ja: o.name_ja,
                acronym: o.acronym,
                aliases: o.aliases.0,
                since: o.since,
                until: o.until,
                succeeded_by: o.succeeded_by,
            })
            .collect(),
        bodies: store
            .bodies(id)
            .await?
            .into_iter()
            .map(|b| r::Body {
                id: b.id,
                name: b.name,
                name_ja: b.name_ja,
                level: b.level,
                cadence: b.cadence,
                kind: b.kind,
            })
            .collect(),
        meetings: store
            .meetings(id)
            .await?
            .into_iter()
            .map(|m| r::Meeting {
                id: m.id,
                body_id: m.body_id,
                date: m.date,
                format: m.format,
                title: m.title,
                title_ja: m.title_ja,
            })
            .collect(),
        corrected: store.correction_times().await?,
        pillars: store
            .pillars(id)
            .await?
            .into_iter()
            .zip(0..)
            .map(|(p, position)| r::Pillar {
                id: p.id,
                position,
                name: p.name,
                name_ja: p.name_ja,
                areas: p.areas,
            })
            .collect(),
        documents: documents
            .iter()
            .map(|d| r::Document {
                id: d.id.clone(),
                position: d.position,
                path: d.path.clone(),
                title: d.title.clone(),
                date: d.date.clone(),
                kind: d.kind.clone(),
                language: d.language.clone(),
                url: d.url.clone(),
                meeting_id: d.meeting_id.clone(),
            })
            .collect(),
        commitments: store
            .commitments(&CommitmentQuery { partnership_id: id.to_owned(), ..Default::default() })
            .await?
            .into_iter()
            .map(|c| r::Commitment {
                id: c.id,
                document_id: c.document_id,
                position: c.position,
                anchor: c.anchor,
                text: c.text,
                area: c.area,
                pillar: c.pillar,
                kind: c.kind,
                strength: c.strength,
                due: c.due,
                due_end: c.due_end,
                lead_in: c.lead_in,
                actors: c.actors.0,
                span_start: c.span_start,
                span_end: c.span_end,
                version: c.version,
            })
            .collect(),
        evidence: store
            .evidence(id, false)
            .await?
            .into_iter()
            .map(|e| r::Evidence {
                id: e.id,
                document_id: e.document_id,
                position: e.position,
                anchor: e.anchor,
                text: e.text,
                date: e.date,
                concrete: e.concrete,
                span_start: e.span_start,
                span_end: e.span_end,
                version: e.version,
            })
            .collect(),
        links: store
            .links(id, false)
            .await?
            .into_iter()
            .map(|l| r::Link {
                evidence_id: l.evidence_id,
                commitment_id: l.commitment_id,
                rank: l.rank,
                score: l.score,
                relation: l.relation,
            })
            .collect(),
        link_decisions: store
            .link_decisions(id, false)
            .await?
            .into_iter()
            .map(|x| r::LinkDecision {
                evidence_id: x.evidence_id,
                commitment_id: x.commitment_id,
                decision: x.decision,
                relation: x.relation,
                decided_by: x.decided_by,
                decided_at: x.decided_at,
                rationale: x.rationale,
                version: x.version,
            })
            .collect(),
        assessments: store
            .assessments(id, false)
            .await?
            .into_iter()
            .map(|a| r::Assessment {
                id: a.id,
                commitment_id: a.commitment_id,
                side_id: a.side_id,
                status: a.status,
                rationale: a.rationale,
                made_on: a.made_on,
                made_by: a.made_by,
                recorded_at: a.recorded_at,
            })
            .collect(),
        alignments: store.alignments(id, false).await?,
        recorded: store
            .recorded_evidence_of(id, false)
            .await?
            .into_iter()
            .map(|r| r::RecordedFact {
                commitment_id: r.commitment_id,
                relation: r.relation,
                date: r.date,
                recorded_at: r.recorded_at,
            })
            .collect(),
        audit_head: Some(store.audit_head().await.map(|(seq, hash)| format!("{seq}:{hash}"))?),
        ..Default::default()
    };
    if with_texts {
        for d in &documents {
            let Some((_, normalised, blocks)) = store.document(&d.id, false).await? else { continue };
            let hidden = crate::document::restricted_spans(store, id, &d.id).await?;
            let (normalised, original) = if hidden.is_empty() {
                (normalised, store.document_original(&d.id, false).await?.unwrap_or_default())
            } else {
                (crate::audience::redact(&normalised, hidden), Vec::new())
            };
            record.blocks.extend(blocks.into_iter().map(|b| r::Block {
                document_id: d.id.clone(),
                position: b.position,
                kind: b.kind,
                level: b.level,
                anchor: b.anchor,
                span_start: b.span_start,
                span_end: b.span_end,
            }));
            record.texts.insert(d.id.clone(), DocumentText { normalised, original });
        }
    }
    Ok(Some(record))
}

/// The public record of a partnership, or 404: for every audience.
pub async fn record_or_404(app: &AppState, id: &str) -> Result<std::sync::Arc<Record>, WebError> {
    app.records.get(app, id, false).await
}

/// `?as_of=YYYY-MM-DD` or `?meeting=ID` (not both); today when neither is given.
fn basis(pairs: &[(String, String)], today: Date) -> Result<Basis, WebError> {
    let mut basis = None;
    for (key, value) in pairs {
        let next = match key.as_str() {
            "as_of" => Basis::Day(parse_day(value).map_err(WebError::BadRequest)?),
            "meeting" if !value.is_empty() => Basis::Meeting(value.clone()),
            "meeting" => continue,
            other => return Err(WebError::BadRequest(format!("unknown parameter `{other}`"))),
        };
        if basis.replace(next).is_some() {
            return Err(WebError::BadRequest("give one of `as_of` and `meeting`".into()));
        }
    }
    Ok(basis.unwrap_or(Basis::Day(today)))
}

/// A day as `YYYY-MM-DD`; the message names the value at fault.
pub fn parse_day(value: &str) -> Result<Date, String> {
    match value.parse::<kizuna_core::Period>() {
        Ok(kizuna_core::Period::Day(d)) => Ok(d),
        _ => Err(format!("`as_of` must be a day as YYYY-MM-DD, not `{value}`")),
    }
}

async fn build(app: &AppState, id: &str, pairs: &[(String, String)], site: &str) -> Result<Report, WebError> {
    let record = record_or_404(app, id).await?;
    // Like every headline figure, the report is as of the record's current date by default.
    let today = app.clock.today();
    let basis = basis(pairs, record.headline_day(today))?;
    Report::build(&record, &basis, site).map_err(|e| match e {
        kizuna_report::ReportError::UnknownMeeting(m) => WebError::NotFound(format!("meeting `{m}`")),
        other => WebError::BadRequest(other.to_string()),
    })
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    ui: Ui,
    partnership_id: String,
    partnership_name: String,
    as_of: String,
    meetings: Vec<(String, String)>,
    meeting: String,
    /// The report laid out by `kizuna-report` (its text escaped there).
    body: String,
    /// The query the page was asked with (`as_of` or `meeting`), for the same report as a file.
    query: String,
}

impl ReportPage {
    /// The same report as a file (`docx` or `md`).
    fn download_href(&self, extension: &str) -> String {
        let sep = if self.query.is_empty() { "" } else { "?" };
        self.ui.href(&format!("/p/{}/report.{extension}{sep}{}", self.partnership_id, self.query))
    }
}

/// The same report for every audience; the page is sealed like every page all the same, as it
/// shows who is signed in.
pub async fn page(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
    Pairs(pairs): Pairs,
) -> Response {
    audience.seal(report_page(&app, ui, id, &pairs).await)
}

async fn report_page(app: &AppState, ui: Ui, id: String, pairs: &[(String, String)]) -> Page {
    // Links stay in the page's language.
    let report = build(app, &id, pairs, ui.href("").trim_end_matches('/')).await?;
    let meetings = app
        .store
        .meetings(&id)
        .await?
        .into_iter()
        .filter(|m| m.date.is_some())
        .map(|m| {
            let title = m.title.clone().unwrap_or_else(|| m.body_id.clone());
            let label = format!("{} ({})", ui.name(&title, &m.title_ja), ui.date_or_undated(&m.date));
            (m.id, label)
        })
        .collect();
    Ok(Html(
        ReportPage {
            body: kizuna_report::html::fragment(&report, &ui),
            partnership_name: ui.name(&report.partnership.name, &report.partnership.name_ja),
            partnership_id: id,
            as_of: report.as_of.clone(),
            meeting: report.meeting.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
            meetings,
            query: form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish(),
            ui,
        }
        .render()?,
    ))
}

/// `/p/{id}/report.docx`: the report the page shows (same day or meeting), as a Word document.
pub async fn docx(
    State(app): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
    Pairs(pairs): Pairs,
) -> Result<Response, WebError> {
    let report = build(&app, &id, &pairs, &app.config.public_url).await?;
    let bytes = kizuna_report::docx::document(&report, &ui, &app.config.chart_fonts, "Kizuna")
        .map_err(|e| WebError::BadRequest(format!("the report of `{id}` could not be written: {e}")))?;
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    Ok(download(docx, &format!("{id}-report-{}.docx", report.as_of), bytes))
}

/// `/p/{id}/report.md`: the report the page shows, as Markdown.
pub async fn markdown(
    State(app): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
    Pairs(pairs): Pairs,
) -> Result<Response, WebError> {
    let report = build(&app, &id, &pairs, &app.config.public_url).await?;
    let text = kizuna_report::markdown::document(&report, &ui);
    Ok(download(
        "text/markdown; charset=utf-8",
        &format!("{id}-report-{}.md", report.as_of),
        text.into_bytes(),
    ))
}

/// A file to save, named.
fn download(content_type: &str, name: &str, bytes: Vec<u8>) -> Response {
    let headers = [
        (axum::http::header::CONTENT_TYPE, content_type.to_owned()),
        (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
    ];
    (headers, bytes).into_response()
}

/// A progress report's data.
#[derive(Serialize, ToSchema)]
pub struct ReportData {
    /// Per area, each commitment with its status on `as_of`, the evidence since the previous
    /// meeting of the same body, and the lists of new, overdue and never-evidenced commitments.
    #[schema(value_type = Object)]
    pub report: Report,
}

/// A progress report as of a day or a meeting: what was known then, and nothing later.
#[utoipa::path(get, path = "/api/v1/partnerships/{partnership}/report", tag = "record", security((), ("bearer" = []), ("session" = [])),
    params(
        ("partnership" = String, Path, description = "Partnership id"),
        ("as_of" = Option<String>, Query, description = "The day (YYYY-MM-DD); today when neither this nor `meeting` is given"),
        ("meeting" = Option<String>, Query, description = "A meeting id: the report as of its day"),
    ),
    responses((status = 200, body = ReportData), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn report(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Pairs(pairs): Pairs,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let report = build(&app, &id, &pairs, "").await?;
    cached_json(&headers, &ReportData { report })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_parameters_are_checked_by_name() {
        let today = time::macros::date!(2025 - 06 - 01);
        let pairs =
            |q: &[(&str, &str)]| q.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        assert_eq!(basis(&[], today).unwrap(), Basis::Day(today));
        assert_eq!(basis(&pairs(&[("meeting", "m1")]), today).unwrap(), Basis::Meeting("m1".into()));
        assert!(
            basis(&pairs(&[("as_of", "2025-13-01")]), today)
                .unwrap_err()
                .to_string()
                .contains("`2025-13-01`")
        );
        assert!(basis(&pairs(&[("as_of", "2025-01")]), today).is_err(), "a day, not a month");
        assert!(basis(&pairs(&[("when", "x")]), today).unwrap_err().to_string().contains("`when`"));
        assert!(basis(&pairs(&[("as_of", "2025-01-01"), ("meeting", "m1")]), today).is_err());
    }

    #[test]
    fn every_report_message_is_in_both_catalogues() {
        for lang in ["en", "ja"] {
            let ui = words(lang);
            for key in kizuna_report::MESSAGES {
                assert_ne!(ui.t(key), *key, "{lang}: {key}");
            }
            for status in kizuna_core::Status::ALL {
                let key = format!("status-{}", status.as_str());
                assert_ne!(ui.t(&key), key, "{lang}: {key}");
            }
        }
    }
}
