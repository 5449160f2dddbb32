//! Errors as responses: an HTML page for people, `{"error": {"code", "message"}}` for the API.
//! Nothing internal (SQL, paths) reaches a client; it goes to the log.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("you need to sign in to do this")]
    Unauthorized,
    #[error("your role does not allow this")]
    Forbidden,
    #[error("the form has expired or did not come from this site: reload the page and try again")]
    Csrf,
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("the record could not be read")]
    Store(kizuna_store::StoreError),
    #[error("the page could not be rendered")]
    Render(#[from] askama::Error),
}

impl From<kizuna_store::StoreError> for WebError {
    /// What a person did wrong is said to them; what went wrong inside goes to the log.
    fn from(e: kizuna_store::StoreError) -> WebError {
        use kizuna_store::StoreError;
        match e {
            StoreError::NotFound(what) => WebError::NotFound(what),
            StoreError::Invalid(why) => WebError::BadRequest(why),
            StoreError::Stale { entity, seen, current, changes } => {
                let what: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        format!("{} by {}: {} {}", c.at, c.actor, c.action, c.after.as_deref().unwrap_or(""))
                    })
                    .collect();
                WebError::Conflict(format!(
                    "{entity} has changed since you read it (version {seen}, now {current}); nothing was saved. \
                     Changes since: {}. Reload the page to see them, then make your change again.",
                    what.join("; ")
                ))
            }
            other => WebError::Store(other),
        }
    }
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Store(_) | WebError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            WebError::NotFound(_) => "not_found",
            WebError::BadRequest(_) => "bad_request",
            WebError::Unauthorized => "unauthorized",
            WebError::Forbidden => "forbidden",
            WebError::Csrf => "csrf",
            WebError::TooManyRequests(_) => "too_many_requests",
            WebError::Conflict(_) => "conflict",
            WebError::TooLarge(_) => "too_large",
            WebError::Store(_) | WebError::Render(_) => "internal",
        }
    }

    fn log(&self) {
        if let WebError::Store(e) = self {
            tracing::error!(error = %e, "store error");
        } else if let WebError::Render(e) = self {
            tracing::error!(error = %e, "render error");
        }
    }

    /// The error as the JSON API gives it.
    pub fn into_json(self) -> Response {
        self.log();
        let body = serde_json::json!({"error": {"code": self.code(), "message": self.to_string()}});
        (self.status(), Json(body)).into_response()
    }
}

/// What an error page said, kept on the response so that [`localise`] can say it again in the
/// language of the request (an error does not know which page it happened on).
#[derive(Clone)]
struct ErrorNote(u16, String);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.log();
        let (status, message) = (self.status(), self.to_string());
        let page = crate::pages::error_page("/", status.as_u16(), &message);
        let mut response = (status, Html(page)).into_response();
        response.extensions_mut().insert(ErrorNote(status.as_u16(), message));
        response
    }
}

/// Middleware: error pages of Japanese pages are in Japanese.
pub async fn localise(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    match response.extensions().get::<ErrorNote>() {
        Some(ErrorNote(status, message)) if crate::i18n::lang_of_path(&path) == crate::i18n::Lang::Ja => {
            let page = crate::pages::error_page(&path, *status, message);
            let mut localised = (response.status(), Html(page)).into_response();
            // Who the page was for (`Vary`, `Cache-Control`) holds for its translation too.
            for name in [axum::http::header::VARY, axum::http::header::CACHE_CONTROL] {
                for value in response.headers().get_all(&name) {
                    localised.headers_mut().append(name.clone(), value.clone());
                }
            }
            localised
        }
        _ => response,
    }
}

/// An API error: the same errors, answered as JSON.
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.into_json()
    }
}
