//! Who is asking: sessions, the cookie that carries them, and the guard in front of every
//! state-changing request.
//!
//! A session is a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only
//! its SHA-256 (so every server sharing the database knows every session, and a copy of the
//! table signs nobody in). Every request that is not GET or HEAD must come from a signed-in
//! person and carry the session's CSRF token: in a hidden form field (every page's forms), an
//! `X-CSRF-Token` header, or for uploads (multipart bodies the guard does not read) the query
//! string; the guard checks this once for every route, so no handler can forget. Signing in itself is guarded by a double-submit token.
//!
//! Scripts instead send a personal API token (`Authorization: Bearer kzn_…`, made on the account
//! page; only its SHA-256 is stored): the request is the token holder's, with the holder's role
//! as it is now. Browsers never send such a header by themselves, so it needs no CSRF token; a
//! read token may not change anything (403), and an unknown, expired or revoked token is refused
//! outright (401), never read as the public. Errors of such requests are JSON, and a body the
//! route refuses is `422` (browsers get the form's page with `400`).

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use kizuna_core::{Permission, Role};
use kizuna_store::{TokenScope, UserRow};
use password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{AppState, Audience, WebError};

pub const SESSION_COOKIE: &str = "kizuna_session";
pub const LOGIN_COOKIE: &str = "kizuna_login";

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// A signed-in person, as every handler can ask for it.
#[derive(Clone)]
pub struct SignedIn {
    pub user: UserRow,
    pub role: Role,
    /// The session's CSRF token; empty for a request made with an API token.
    pub csrf: String,
    pub credential: Credential,
}

/// What a request was signed in with.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser's session cookie: the SHA-256 of its value.
    Session(String),
    /// A personal API token: its id and scope.
    Token { id: String, scope: TokenScope },
}

/// The prefix of every personal API token, so that secret scanners and people recognise one.
pub const API_TOKEN_PREFIX: &str = "kzn_";

/// A new personal API token: the prefix and 32 random bytes, hex.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_token())
}

/// The token of an `Authorization: Bearer …` header, if the request has one (other schemes are
/// left alone).
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

impl SignedIn {
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    pub fn may_edit(&self) -> bool {
        self.may(Permission::Edit)
    }

    pub fn may_review(&self) -> bool {
        self.may(Permission::Review)
    }

    pub fn may_administer(&self) -> bool {
        self.may(Permission::Administer)
    }

    /// Refuses the request unless the person's role allows `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), WebError> {
        if self.may(permission) { Ok(()) } else { Err(WebError::Forbidden) }
    }

    /// The hash of the session cookie, when the request came with one (not with an API token).
    pub fn session_hash(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session(hash) => Some(hash),
            Credential::Token { .. } => None,
        }
    }

    /// Refuses a request made with an API token: what only a person at a browser may do
    /// (making and revoking tokens).
    pub fn require_session(&self) -> Result<(), WebError> {
        match self.credential {
            Credential::Session(_) => Ok(()),
            Credential::Token { .. } => Err(WebError::NeedsSession),
        }
    }

    fn from_holder(holder: kizuna_store::TokenHolder) -> SignedIn {
        SignedIn {
            user: holder.user,
            role: holder.role,
            csrf: String::new(),
            credential: Credential::Token { id: holder.token_id, scope: holder.scope },
        }
    }
}

/// Without the tokens, which must not reach logs.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("user", &self.user.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<SignedIn>().cloned().ok_or(WebError::Unauthorized)
    }
}

/// The signed-in person, if any, for pages that show more to them.
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSignedIn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeSignedIn(parts.extensions.get::<SignedIn>().cloned()))
    }
}

/// 32 random bytes, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `path` when it is a path of this site, else `/`: where to go after a form or signing in,
/// never another site.
pub fn local_path(path: &str) -> &str {
    // Browsers drop tabs and line breaks from addresses (`/\t/evil.example/` is
    // `//evil.example/`), and a line break in a `Location` header is no header at all: any
    // control character or space disqualifies the path, as does anything after the first `/`
    // that makes it another host.
    let plain = !path.chars().any(|c| c.is_control() || c.is_whitespace());
    let after_slash = path.get(1..2);
    let same_site = path.starts_with('/') && !matches!(after_slash, Some("/" | "\\")) && !path.contains('\\');
    if plain && same_site { path } else { "/" }
}

pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, path `/`, Secure when the server says so;
/// `max_age` in seconds (0 removes the cookie).
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let cookie = cookie::Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::seconds(max_age))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("cookie names and hex values are valid header text")
}

fn query_csrf(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned())
}

/// Largest form body the guard reads for its token (forms hold a few short texts; uploads are
/// multipart and not read here).
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// The CSRF token a state-changing request carries, and the request to pass on: a form's hidden
/// `csrf` field (URL-encoded forms, whose body is read and put back), else the `X-CSRF-Token`
/// header, else the query string (uploads, and scripts that put it there).
async fn sent_token(request: Request) -> Result<(Request, String), WebError> {
    let form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (request, field) = if form {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| WebError::BadRequest(format!("a form may hold at most {MAX_FORM_BYTES} bytes")))?;
        let field = form_urlencoded::parse(&bytes).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned());
        (Request::from_parts(parts, axum::body::Body::from(bytes)), field)
    } else {
        (request, None)
    };
    let header = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let token = field.or(header).or_else(|| query_csrf(&request)).unwrap_or_default();
    Ok((request, token))
}

fn is_login(path: &str) -> bool {
    path == "/login" || path == "/ja/login"
}

/// Middleware: finds the session of the request's cookie, or the holder of its API token
/// (making the person and the audience that may see restricted records known to handlers), and
/// refuses every state-changing request that does not come from a signed-in person with the
/// session's CSRF token, or with a write token.
pub async fn guard(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if bearer_token(request.headers()).is_some() {
        // A script: every answer that is an error is JSON, and a refused body is 422.
        let changes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        match guarded(app, request, next).await {
            Ok(response) => crate::error::as_api_error(response, changes).await,
            Err(e) => crate::error::api_error_for(e, changes),
        }
    } else {
        guarded(app, request, next).await.unwrap_or_else(axum::response::IntoResponse::into_response)
    }
}

async fn guarded(app: AppState, mut request: Request, next: Next) -> Result<Response, WebError> {
    let now = crate::now_rfc3339(&*app.clock);
    let signed_in = if let Some(token) = bearer_token(request.headers()) {
        let holder = app.store.api_token_holder(&token_hash(&token), &now).await?;
        Some(holder.map(SignedIn::from_holder).ok_or(WebError::InvalidToken)?)
    } else {
        match cookie_value(request.headers(), SESSION_COOKIE) {
            Some(token) => {
                let hash = token_hash(&token);
                app.store.session_user(&hash, &now).await?.and_then(|s| {
                    Some(SignedIn {
                        role: Role::from_name(&s.user.role)?,
                        user: s.user,
                        csrf: s.csrf,
                        credential: Credential::Session(hash),
                    })
                })
            }
            None => None,
        }
    };
    if !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        match signed_in.as_ref().map(|p| &p.credential) {
            Some(Credential::Token { scope, .. }) => {
                if !scope.allows_changes() {
                    return Err(WebError::ReadOnlyToken);
                }
            }
            _ => {
                let (passed_on, sent) = sent_token(request).await?;
                request = passed_on;
                if is_login(request.uri().path()) {
                    let expected = cookie_value(request.headers(), LOGIN_COOKIE).unwrap_or_default();
                    if !same_token(&sent, &expected) {
                        return Err(WebError::Csrf);
                    }
                } else {
                    let Some(person) = &signed_in else { return Err(WebError::Unauthorized) };
                    if !same_token(&sent, &person.csrf) {
                        return Err(WebError::Csrf);
                    }
                }
            }
        }
    }
    let personal = signed_in.is_some();
    if let Some(person) = signed_in {
        if person.may(Permission::SeeRestricted) {
            request.extensions_mut().insert(Audience::Restricted);
        }
        request.extensions_mut().insert(person);
    }
    let mut response = next.run(request).await;
    if personal {
        // Pages for a signed-in person carry their name and CSRF token: never kept by a cache.
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        response.headers_mut().remove(header::ETAG);
    }
    Ok(response)
}

/// Argon2id password hashes (PHC strings, salted).
pub mod password {
    use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
    use password_hash::SaltString;
    use password_hash::rand_core::OsRng;

    /// Shortest password accepted.
    pub const MIN_LENGTH: usize = 12;

    pub fn hash(password: &str) -> Result<String, String> {
        if password.chars().count() < MIN_LENGTH {
            return Err(format!("a password needs at least {MIN_LENGTH} characters"));
        }
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    }

    pub fn verify(password: &str, stored: &str) -> bool {
        PasswordHash::new(stored)
            .is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    }

    /// Spends the time a verification takes, so an unknown name answers as slowly as a known one.
    pub fn verify_nobody(password: &str) {
        static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let dummy = DUMMY.get_or_init(|| hash("not anybody's password").unwrap_or_default());
        let _ = verify(password, dummy);
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn hashes_are_argon2id_salted_and_verify() {
            let a = super::hash("correct horse battery").unwrap();
            let b = super::hash("correct horse battery").unwrap();
            assert!(a.starts_with("$argon2id$"));
            assert_ne!(a, b, "each hash has its own salt");
            assert!(super::verify("correct horse battery", &a));
            assert!(!super::verify("correct horse batterz", &a));
            assert!(!super::verify("anything", "not a hash"));
            assert!(super::hash("short").unwrap_err().contains("12"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_exactly() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token("", ""));
        assert_eq!(token_hash("x").len(), 64);
        let api = new_api_token();
        assert!(api.starts_with("kzn_") && api.len() == 68, "{api}");
    }

    #[test]
    fn bearer_tokens_are_read_from_the_authorization_header_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic dXNlcjpwYXNz"));
        assert_eq!(bearer_token(&headers), None, "another scheme is not a token");
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer  kzn_abc "));
        assert_eq!(bearer_token(&headers).as_deref(), Some("kzn_abc"));
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/review?page=2"), "/review?page=2");
        assert_eq!(local_path("//evil.example/"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path("/\\evil"), "/");
        // What a browser reads as another host, and what would split a header.
        assert_eq!(local_path("/\t/evil.example/"), "/");
        assert_eq!(local_path("/\n/evil.example/"), "/");
        assert_eq!(local_path("/review\r\nSet-Cookie: x=1"), "/");
        assert_eq!(local_path("/ /evil.example"), "/");
    }

    #[test]
    fn cookies_are_read_among_others_and_set_strict() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; kizuna_session=abc; b=2"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie_value(&headers, LOGIN_COOKIE), None);
        let set = set_cookie(SESSION_COOKIE, "abc", 60, true);
        let set = set.to_str().unwrap();
        for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/", "Max-Age=60"] {
            assert!(set.contains(part), "{set}");
        }
    }
}
