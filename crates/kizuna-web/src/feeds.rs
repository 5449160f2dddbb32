//! Feeds: Atom of what changed in a partnership or one of its areas, and iCalendar of its
//! bodies' meetings. Public records only, whatever the request's [`crate::Audience`]: a feed is
//! a publication, fetched by readers and calendars without a session and cached publicly, so a
//! signed-in person gets the same feed as anybody. Laid out by `kizuna-report`, links absolute
//! (feed readers and calendars fetch them from elsewhere), in the language of the path.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::i18n::Ui;
use crate::report::record_or_404;
use crate::{AppState, WebError};

/// The configured public address with the page language's prefix (never the request's Host).
fn site(app: &AppState, ui: &Ui) -> String {
    format!("{}{}", app.config.public_url, ui.href(""))
}

fn respond(content_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body)
        .into_response()
}

pub async fn partnership(
    State(app): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let record = record_or_404(&app, &id).await?;
    let feed = kizuna_report::feeds::atom(&record, None, app.clock.today(), &site(&app, &ui), &ui);
    Ok(respond("application/atom+xml; charset=utf-8", feed))
}

pub async fn area(
    State(app): State<AppState>,
    ui: Ui,
    Path((id, area)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let record = record_or_404(&app, &id).await?;
    if !record.commitments.iter().any(|c| c.area == area) {
        return Err(WebError::NotFound(format!("area `{area}`")));
    }
    let feed = kizuna_report::feeds::atom(&record, Some(&area), app.clock.today(), &site(&app, &ui), &ui);
    Ok(respond("application/atom+xml; charset=utf-8", feed))
}

pub async fn meetings(
    State(app): State<AppState>,
    ui: Ui,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let record = record_or_404(&app, &id).await?;
    Ok(respond("text/calendar; charset=utf-8", kizuna_report::feeds::ics(&record, &site(&app, &ui))))
}
