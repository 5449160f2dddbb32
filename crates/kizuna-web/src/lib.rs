//! Kizuna over HTTP: the public website (server-rendered pages that work without JavaScript)
//! and the JSON API under `/api/v1`.
//!
//! This is the only crate that knows HTTP. It reads the record through `kizuna-store` and
//! works out statuses with `kizuna-core`'s rules; it never touches SQL or documents itself.

mod account;
mod adding;
mod api;
mod audience;
mod commitments;
mod document;
mod editing;
mod error;
mod feeds;
mod fields;
mod governance;
mod health;
mod i18n;
mod listing;
mod live_index;
mod login;
mod methodology;
mod open_data;
mod orphans;
mod pages;
mod record_cache;
mod report;
mod review;
mod search;
mod server;
pub mod session;
mod statuses;
mod upload;
mod views;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kizuna_core::Clock;
use kizuna_store::Store;
use tower_http::LatencyUnit;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use account::digest_message;
pub use api::ApiDoc;
pub use audience::Audience;
pub use error::WebError;
pub use live_index::LiveIndex;
pub use report::{load_record, parse_day, words};
pub use server::{run as run_server, serve};
pub use statuses::StatusCache;
pub use upload::{DocumentIntake, Upload};

/// The query-string parsers, public only for the fuzz targets (`fuzz/fuzz_targets/query.rs`).
#[doc(hidden)]
pub mod query {
    pub use crate::listing::CommitmentFilter;
    pub use crate::search::SearchFilter;
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Derived from the store, and rebuilt when it changes.
    pub search: LiveIndex,
    /// Statuses worked out from the store, per version of the record.
    pub statuses: StatusCache,
    /// The public record of each partnership, per version of the record.
    pub records: record_cache::RecordCache,
    pub config: WebConfig,
    /// Analyses uploaded documents; without it, uploads are refused.
    pub intake: Option<Arc<dyn DocumentIntake>>,
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, search: LiveIndex) -> AppState {
        AppState {
            store,
            clock,
            search,
            statuses: StatusCache::default(),
            records: record_cache::RecordCache::default(),
            config: WebConfig::default(),
            intake: None,
        }
    }

    pub fn with_config(self, config: WebConfig) -> AppState {
        AppState { config, ..self }
    }

    pub fn with_intake(self, intake: Arc<dyn DocumentIntake>) -> AppState {
        AppState { intake: Some(intake), ..self }
    }
}

/// The server's settings that handlers need.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure` (sent over HTTPS only). Off only for plain-HTTP use on loopback.
    pub secure_cookies: bool,
    /// The largest document an editor may upload, in bytes.
    pub max_upload_bytes: usize,
    /// The address people reach the site at, without a trailing `/`: absolute links (feeds,
    /// calendars) use it, never the request's `Host` or `X-Forwarded-Proto`, which anyone can
    /// set and which would be cached publicly.
    pub public_url: String,
    /// Connections served at once; more wait in the kernel's queue.
    pub max_connections: usize,
    /// How long a connection may take to send a request's headers (or sit idle between
    /// requests) before it is closed.
    pub header_read_timeout: std::time::Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for sign-in throttling per
    /// address); no one else's is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Fonts for the chart of DOCX reports (the binary reads them from the system); without
    /// them the chart's words are left out.
    pub chart_fonts: Arc<Vec<Vec<u8>>>,
}

impl Default for WebConfig {
    fn default() -> WebConfig {
        WebConfig {
            secure_cookies: true,
            max_upload_bytes: 10 * 1024 * 1024,
            public_url: "http://127.0.0.1:8080".into(),
            max_connections: 512,
            header_read_timeout: std::time::Duration::from_secs(10),
            trusted_proxies: Vec::new(),
            chart_fonts: Arc::default(),
        }
    }
}

/// The time now as stored: see [`stamp`].
pub fn now_rfc3339(clock: &dyn Clock) -> String {
    stamp(clock.now())
}

/// A time as stored: RFC 3339 in UTC to the second, so that stored times compare as text.
pub fn stamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The pages, the same in every language.
fn pages(config: &WebConfig) -> Router<AppState> {
    Router::new().merge(public_pages()).merge(editing_pages()).route(
        "/p/{partnership}/upload",
        get(upload::form)
            .post(upload::upload)
            .layer(DefaultBodyLimit::max(config.max_upload_bytes.saturating_add(64 * 1024))),
    )
}

/// The pages of people who keep the record: signing in, their account, the review queue, the
/// audit log and every form that changes something (`session::guard` lets none of these through
/// without a session and its CSRF token).
fn editing_pages() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::form).post(login::sign_in))
        .route("/logout", post(login::sign_out))
        .route("/account", get(account::page))
        .route("/account/digest.txt", get(account::digest_mail))
        .route("/account/digest-read", post(account::digest_read))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/follow", post(account::follow))
        .route("/admin/audit", get(account::audit))
        .route("/review", get(review::queue))
        .route("/review/decide", post(editing::decide))
        .route("/review/accept-all", post(review::accept_all))
        .route("/review/orphans", get(orphans::page))
        .route("/review/orphans/{id}/resolve", post(orphans::resolve))
        .route("/commitments/{id}/edit", get(editing::page))
        .route("/commitments/{id}/status", post(editing::set_status))
        .route("/commitments/{id}/correct", post(editing::correct))
        .route("/commitments/{id}/split", post(editing::split))
        .route("/commitments/{id}/evidence", post(editing::record_evidence))
        .route("/commitments/{id}/passage", post(editing::link_passage))
        .route("/commitments/{id}/merge", post(editing::merge))
        .route("/commitments/{id}/notes", post(editing::add_note))
        .route("/commitments/{id}/handling", post(editing::commitment_handling))
        .route("/documents/{id}/handling", post(editing::document_handling))
        .route("/documents/{id}/add", get(adding::page))
        .route("/documents/{id}/commitments", post(adding::add))
        .route("/evidence/{id}/handling", post(editing::evidence_handling))
}

/// What anybody may read.
fn public_pages() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::index))
        .route("/p/{partnership}", get(pages::home))
        .route("/p/{partnership}/commitments", get(commitments::list))
        .route("/p/{partnership}/areas/{area}", get(commitments::area))
        .route("/p/{partnership}/governance", get(governance::governance))
        .route("/p/{partnership}/organisations", get(governance::organisations))
        .route("/p/{partnership}/report", get(report::page))
        .route("/p/{partnership}/report.docx", get(report::docx))
        .route("/p/{partnership}/report.md", get(report::markdown))
        .route("/p/{partnership}/feed.atom", get(feeds::partnership))
        .route("/p/{partnership}/areas/{area}/feed.atom", get(feeds::area))
        .route("/p/{partnership}/meetings.ics", get(feeds::meetings))
        .route("/p/{partnership}/open-data/{file}", get(open_data::table))
        .route("/commitments/{id}", get(commitments::page))
        .route("/documents/{id}", get(document::page))
        .route("/p/{id}/documents/{name}", get(document::by_name))
        .route("/search", get(search::page))
        .route("/methodology", get(methodology::page))
}

/// The whole site and API: English pages at `/…`, Japanese at `/ja/…`.
pub fn router(state: AppState) -> Router {
    let pages = pages(&state.config);
    Router::new()
        .merge(pages.clone())
        .nest("/ja", pages)
        .route("/static/kizuna.css", get(stylesheet))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/partnerships", get(api::partnerships))
        .route("/api/v1/partnerships/{partnership}", get(api::partnership))
        .route("/api/v1/partnerships/{partnership}/commitments", get(api::commitments))
        .route("/api/v1/partnerships/{partnership}/governance", get(api::governance))
        .route("/api/v1/partnerships/{partnership}/organisations", get(api::organisations))
        .route("/api/v1/partnerships/{partnership}/report", get(report::report))
        .route("/api/v1/commitments/{id}", get(api::commitment))
        .route("/api/v1/documents/{id}", get(api::document))
        .route(
            "/api/v1/partnerships/{partnership}/documents",
            post(api::add_document)
                .layer(DefaultBodyLimit::max(state.config.max_upload_bytes.saturating_add(64 * 1024))),
        )
        .route("/api/v1/search", get(api::search))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(axum::middleware::from_fn(error::localise))
        // Every request gets an id (kept from `x-request-id` when the client sent one), logged
        // with its method, path, status and latency, and returned in the response.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<axum::body::Body>| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::x_request_id(Counter::default()))
        .with_state(state)
}

/// What every response says to the browser about itself: no script but the site's own files
/// (no inline script at all), no framing, no type sniffing, no referrer sent elsewhere, and —
/// when cookies are `Secure`, that is when served over HTTPS — HTTPS from now on.
async fn security_headers(
    axum::extract::State(app): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        headers.entry(name).or_insert(axum::http::HeaderValue::from_static(value));
    };
    set(
        headers,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(headers, "referrer-policy", "same-origin");
    if app.config.secure_cookies {
        set(headers, "strict-transport-security", "max-age=31536000");
    }
    response
}

/// Request ids: a process-wide counter, short and readable in logs.
#[derive(Clone, Default)]
struct Counter(Arc<std::sync::atomic::AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        axum::http::HeaderValue::from_str(&format!("r{n}")).ok().map(RequestId::new)
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/kizuna.css"),
    )
}
