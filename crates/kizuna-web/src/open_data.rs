//! The open-data tables for visitors to download: each CSV table of `kizuna export` and its
//! `datapackage.json`, made from the public record as of today. Public only, whoever asks: like
//! feeds and reports, these are publications.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kizuna_report::export::{Format, export};

use crate::{AppState, WebError};

pub async fn table(
    State(app): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    if !(file.ends_with(".csv") || file == "datapackage.json") {
        return Err(WebError::NotFound(format!("open-data file `{file}`")));
    }
    // Blocks are read with the documents' texts; the other tables need none of them.
    let record = app.records.get(&app, &id, file == "blocks.csv").await?;
    // Like every headline figure, as of the record's current date.
    let today = app.clock.today();
    let files = export(&record, record.headline_day(today), Format::Csv)
        .map_err(|e| WebError::BadRequest(format!("the open data of `{id}` could not be made: {e}")))?;
    let (_, bytes) = files
        .into_iter()
        .find(|(path, _)| *path == file)
        .ok_or_else(|| WebError::NotFound(format!("open-data file `{file}`")))?;
    let content_type = if file.ends_with(".csv") { "text/csv; charset=utf-8" } else { "application/json" };
    let disposition = format!("attachment; filename=\"{id}-{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
