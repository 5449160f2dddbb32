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
    /// An `Authorization: Bearer` token that is unknown, expired or revoked (or whose holder is
    /// disabled): refused, never read as the public.
    #[error("the API token is not valid: it is unknown, expired or revoked")]
    InvalidToken,
    #[error("your role does not allow this")]
    Forbidden,
    #[error("this API token may only read: make a write token to change the record")]
    ReadOnlyToken,
    #[error("API tokens are made and revoked from a signed-in browser, not with a token")]
    NeedsSession,
    /// A request body the route refuses (a script's; a browser's form gets `BadRequest`).
    #[error("{0}")]
    Invalid(String),
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
            WebError::Unauthorized | WebError::InvalidToken => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf | WebError::ReadOnlyToken | WebError::NeedsSession => {
                StatusCode::FORBIDDEN
            }
            WebError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
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
            WebError::InvalidToken => "invalid_token",
            WebError::Forbidden => "forbidden",
            WebError::ReadOnlyToken => "insufficient_scope",
            WebError::NeedsSession => "session_required",
            WebError::Invalid(_) => "invalid",
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
        challenged(json_error(self.status(), self.code(), &self.to_string()), self.challenge())
    }

    /// What a `401` says about how to authenticate (RFC 6750): a session, or a bearer token.
    fn challenge(&self) -> Option<&'static str> {
        match self {
            WebError::Unauthorized => Some("Bearer realm=\"kizuna\""),
            WebError::InvalidToken => Some("Bearer realm=\"kizuna\", error=\"invalid_token\""),
            _ => None,
        }
    }
}

fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({"error": {"code": code, "message": message}});
    (status, Json(body)).into_response()
}

fn challenged(mut response: Response, challenge: Option<&'static str>) -> Response {
    if let Some(challenge) = challenge {
        response
            .headers_mut()
            .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static(challenge));
    }
    response
}

/// An error of a request made with an API token, as JSON; `changes` (a request that is not a
/// read): a body the route refused is `422 invalid`, whatever the form's page would say.
pub(crate) fn api_error_for(e: WebError, changes: bool) -> Response {
    match e {
        WebError::BadRequest(why) if changes => WebError::Invalid(why).into_json(),
        e => e.into_json(),
    }
}

/// The answer to a request made with an API token: an error page (or a plain-text refusal of
/// the framework's, such as a body that does not deserialise) becomes the API's JSON error, with
/// the same status (but `422` for a refused body of a change, as [`api_error_for`]) and the
/// same cache headers. Anything else is left as it is.
pub(crate) async fn as_api_error(response: Response, changes: bool) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let note = response.extensions().get::<ErrorNote>().cloned();
    let (parts, body) = response.into_parts();
    let (code, message) = match note {
        Some(ErrorNote(_, code, message)) => (code, message),
        None => {
            let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
            let code = match status {
                StatusCode::NOT_FOUND => "not_found",
                StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
                StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
                StatusCode::UNPROCESSABLE_ENTITY => "invalid",
                s if s.is_server_error() => "internal",
                _ => "bad_request",
            };
            (code, String::from_utf8_lossy(&bytes).trim().to_owned())
        }
    };
    let (status, code) = if changes && status == StatusCode::BAD_REQUEST {
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid")
    } else {
        (status, code)
    };
    let mut json = json_error(status, code, &message);
    for name in [
        axum::http::header::VARY,
        axum::http::header::CACHE_CONTROL,
        axum::http::header::WWW_AUTHENTICATE,
        axum::http::header::ALLOW,
    ] {
        for value in parts.headers.get_all(&name) {
            json.headers_mut().append(name.clone(), value.clone());
        }
    }
    json
}

/// What an error page said, kept on the response so that [`localise`] can say it again in the
/// language of the request (an error does not know which page it happened on), and
/// [`as_api_error`] as JSON.
#[derive(Clone)]
struct ErrorNote(u16, &'static str, String);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.log();
        let (status, message) = (self.status(), self.to_string());
        let page = crate::pages::error_page("/", status.as_u16(), &message);
        let mut response = challenged((status, Html(page)).into_response(), self.challenge());
        response.extensions_mut().insert(ErrorNote(status.as_u16(), self.code(), message));
        response
    }
}

/// Middleware: error pages of Japanese pages are in Japanese.
pub async fn localise(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    match response.extensions().get::<ErrorNote>() {
        Some(ErrorNote(status, _, message)) if crate::i18n::lang_of_path(&path) == crate::i18n::Lang::Ja => {
            let page = crate::pages::error_page(&path, *status, message);
            let mut localised = (response.status(), Html(page)).into_response();
            // Who the page was for (`Vary`, `Cache-Control`) holds for its translation too, and
            // so does how to authenticate.
            for name in [
                axum::http::header::VARY,
                axum::http::header::CACHE_CONTROL,
                axum::http::header::WWW_AUTHENTICATE,
            ] {
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
