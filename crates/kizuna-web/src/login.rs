//! Signing in and out. Every attempt is counted, per account and per address over a window,
//! before its password is checked; past the limits, attempts are refused unchecked.

use askama::Template;
use axum::extract::{ConnectInfo, Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kizuna_store::{Edit, LoginAttempt, LoginLimits};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};

use crate::i18n::Ui;
use crate::session::{self, LOGIN_COOKIE, SESSION_COOKIE, SESSION_HOURS, SignedIn, local_path, password};
use crate::{AppState, WebError, now_rfc3339, stamp};

/// Failed attempts allowed per account, and per address, within [`WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

/// The address a request came from, when the server knows it (it does when serving; tests that
/// call the router directly have none). Behind a reverse proxy named in
/// `WebConfig::trusted_proxies`, the client's address is read from `X-Forwarded-For`; from any
/// other peer that header is ignored, as anyone can send it.
pub struct PeerAddress(Option<IpAddr>);

impl FromRequestParts<AppState> for PeerAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
        let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        Ok(PeerAddress(peer.map(|p| client_address(p, forwarded, &app.config.trusted_proxies))))
    }
}

/// The client behind `peer`: `peer` itself unless it is a trusted proxy, in which case the
/// nearest address in `X-Forwarded-For` (read from the right) that is not a trusted proxy too.
pub fn client_address(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    forwarded_for
        .into_iter()
        .flat_map(|h| h.rsplit(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ui: Ui,
    /// The double-submit token: in the form's action and in a cookie.
    token: String,
    next: String,
    user: String,
    problem: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
}

fn page(
    app: &AppState,
    ui: Ui,
    status: StatusCode,
    next: &str,
    user: &str,
    problem: Option<String>,
) -> Result<Response, WebError> {
    let token = session::new_token();
    let cookie = session::set_cookie(LOGIN_COOKIE, &token, 3600, app.config.secure_cookies);
    let body = LoginPage { ui, token, next: local_path(next).to_owned(), user: user.to_owned(), problem }
        .render()?;
    Ok((
        status,
        [(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, "no-store".parse().expect("valid"))],
        Html(body),
    )
        .into_response())
}

pub async fn form(
    State(app): State<AppState>,
    ui: Ui,
    axum::extract::Query(q): axum::extract::Query<LoginQuery>,
) -> Result<Response, WebError> {
    page(&app, ui, StatusCode::OK, &q.next, "", None)
}

#[derive(Deserialize)]
pub struct Credentials {
    user: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn sign_in(
    State(app): State<AppState>,
    ui: Ui,
    peer: PeerAddress,
    headers: axum::http::HeaderMap,
    Form(c): Form<Credentials>,
) -> Result<Response, WebError> {
    let address = peer.0.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let now = app.clock.now();
    let since = stamp(now - time::Duration::minutes(WINDOW_MINUTES));
    let at = stamp(now);
    let user = c.user.trim();
    let limits = LoginLimits { per_account: MAX_FAILURES_PER_ACCOUNT, per_address: MAX_FAILURES_PER_ADDRESS };
    let LoginAttempt::Allowed(attempt) =
        app.store.begin_login_attempt(user, &address, &at, &since, limits).await?
    else {
        let problem = ui.tn("sign-in-throttled", WINDOW_MINUTES as usize);
        return page(&app, ui, StatusCode::TOO_MANY_REQUESTS, &c.next, user, Some(problem));
    };
    let known = app.store.user_credentials(user).await?;
    let accepted = match &known {
        Some((row, hash)) => password::verify(&c.password, hash) && !row.disabled,
        None => {
            password::verify_nobody(&c.password);
            false
        }
    };
    if !accepted {
        let problem = ui.t("sign-in-failed");
        return page(&app, ui, StatusCode::UNAUTHORIZED, &c.next, user, Some(problem));
    }
    let token = session::new_token();
    let expires = stamp(now + time::Duration::hours(SESSION_HOURS));
    app.store
        .create_session(&session::token_hash(&token), user, &session::new_token(), &at, &expires)
        .await?;
    app.store.login_succeeded(attempt, user).await?;
    // Signing in again ends the session this browser had: one browser, one session.
    if let Some(earlier) = session::cookie_value(&headers, SESSION_COOKIE) {
        app.store.delete_session(&session::token_hash(&earlier)).await?;
    }
    app.store.apply(&Edit::SignIn { user: user.to_owned() }, user, &at).await?;
    let cookie = session::set_cookie(SESSION_COOKIE, &token, SESSION_HOURS * 3600, app.config.secure_cookies);
    let clear = session::set_cookie(LOGIN_COOKIE, "", 0, app.config.secure_cookies);
    let mut response = Redirect::to(local_path(&c.next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}

pub async fn sign_out(State(app): State<AppState>, ui: Ui, person: SignedIn) -> Result<Response, WebError> {
    if let Some(hash) = person.session_hash() {
        app.store.delete_session(hash).await?;
    }
    let at = now_rfc3339(&*app.clock);
    app.store.apply(&Edit::SignOut { user: person.user.id.clone() }, &person.user.id, &at).await?;
    let clear = session::set_cookie(SESSION_COOKIE, "", 0, app.config.secure_cookies);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to(&ui.href("/"))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_read_from_forwarded_for_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let header = Some("198.51.100.1, 203.0.113.7");
        assert_eq!(client_address(proxy, header, &[proxy]), client, "the nearest untrusted address");
        assert_eq!(
            client_address(client, Some("192.0.2.9"), &[proxy]),
            client,
            "anyone else's header is ignored"
        );
        assert_eq!(client_address(proxy, None, &[proxy]), proxy);
        assert_eq!(client_address(proxy, Some("not an address"), &[proxy]), proxy);
        assert_eq!(client_address(proxy, Some("203.0.113.7, 10.0.0.2"), &[proxy]), client, "proxies skipped");
    }
}
