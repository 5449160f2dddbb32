//! `/methodology`: how the record is read and how every status is decided, in the visitor's
//! language. The numbers in it are the rules' own constants, so the page cannot drift from
//! what the code does.

use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use kizuna_core::status::{ACTIVE_WINDOW, LINK_COUNTS_FROM};

use crate::WebError;
use crate::i18n::Ui;

#[derive(Template)]
#[template(path = "methodology.html")]
struct MethodologyPage {
    ui: Ui,
    /// The active window in months (18).
    window_months: usize,
    /// The score from which a machine link counts without review, as a percentage.
    counts_from_percent: usize,
}

impl MethodologyPage {
    /// The statuses, in the order the page explains them.
    fn statuses(&self) -> [&'static str; 7] {
        ["delivered", "ongoing", "in-progress", "stalled", "no-evidence", "superseded", "dropped"]
    }
}

pub async fn page(ui: Ui) -> Response {
    let page = MethodologyPage {
        ui,
        window_months: (ACTIVE_WINDOW.whole_days() * 12 / 365) as usize,
        counts_from_percent: (LINK_COUNTS_FROM * 100.0).round() as usize,
    };
    match page.render() {
        Ok(body) => ([(header::CACHE_CONTROL, "public, max-age=3600")], Html(body)).into_response(),
        Err(e) => WebError::from(e).into_response(),
    }
}
