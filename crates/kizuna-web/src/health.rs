//! For the people and machines that run Kizuna: `/healthz` (the process answers) and `/readyz`
//! (it can serve the record: the store answers, its migrations are applied, the search index is
//! built). Never cached, never localised.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The process is up.
pub async fn live() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], "ok\n").into_response()
}

/// The process can serve the record; 503 with the reason when it cannot. (The search index is
/// built before the server takes its first request, and rebuilt beside the one in use.)
pub async fn ready(State(app): State<AppState>) -> Response {
    // Opening the store ran the migrations; a query that reads the record shows they are there
    // and that the database answers now.
    let (status, body) = match app.store.record_version_all().await {
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: the store does not answer: {e}\n")),
        Ok(version) => {
            let entries = app.search.current().len();
            (
                StatusCode::OK,
                format!("ready: record version {version}, {entries} entries in the search index\n"),
            )
        }
    };
    (status, [(header::CACHE_CONTROL, "no-store")], body).into_response()
}
