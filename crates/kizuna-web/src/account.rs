//! A signed-in person's own pages — what they follow and the digest of changes to it, and their
//! personal API tokens — and the administrator's: the people and the audit log.
//!
//! A token is shown once, in the page that answers the form that made it (never in an address
//! or a redirect), and stored only as its SHA-256; the list shows each token's name, scope,
//! dates and when it was last used, with a button to revoke it. Tokens are made and revoked
//! from a signed-in browser only: a token cannot make another.
//!
//! The digest is kept in the app (there is no mail server to rely on): a page, and the same
//! digest as a plain-text e-mail message (`/account/digest.txt`) that can be handed to any mail
//! system as it is.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kizuna_core::{AuditEvent, ChainBreak, Permission};
use kizuna_store::{
    ApiTokenRow, DigestLine, Edit, FollowKind, FollowRow, TOKEN_LIFETIMES_DAYS, TokenScope, UserRow,
};
use serde::Deserialize;

use crate::fields::Fields;
use crate::i18n::Ui;
use crate::session::{SignedIn, local_path};
use crate::{AppState, WebError, now_rfc3339};

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    ui: Ui,
    follows: Vec<FollowRow>,
    digest: Vec<DigestLine>,
    tokens: Vec<ApiTokenRow>,
    /// Now, as stored: which tokens still work.
    now: String,
    /// A token just made: its name and the token itself, shown this once.
    created: Option<(String, String)>,
}

impl AccountPage {
    /// The lifetimes to choose from: days, label, and ` selected` for the one chosen first.
    fn lifetimes(&self) -> Vec<(u16, String, &'static str)> {
        let label = |d: u16| self.ui.tn("token-days", usize::from(d));
        TOKEN_LIFETIMES_DAYS.iter().map(|&d| (d, label(d), if d == 90 { " selected" } else { "" })).collect()
    }

    fn scopes(&self) -> [&'static str; 2] {
        TokenScope::ALL.map(TokenScope::as_str)
    }

    /// `live`, `expired` or `revoked`, for the message of a token's state.
    fn state(&self, token: &ApiTokenRow) -> &'static str {
        if token.revoked_at.is_some() {
            "revoked"
        } else if token.is_live(&self.now) {
            "live"
        } else {
            "expired"
        }
    }
}

async fn account_page(
    app: &AppState,
    ui: Ui,
    person: &SignedIn,
    created: Option<(String, String)>,
) -> Result<Html<String>, WebError> {
    let follows = app.store.follows(&person.user.id).await?;
    let digest = app.store.digest(&person.user.id, person.may(Permission::SeeRestricted)).await?;
    let tokens = app.store.api_tokens(&person.user.id).await?;
    let now = now_rfc3339(&*app.clock);
    Ok(Html(AccountPage { ui, follows, digest, tokens, now, created }.render()?))
}

pub async fn page(State(app): State<AppState>, ui: Ui, person: SignedIn) -> Result<Html<String>, WebError> {
    account_page(&app, ui, &person, None).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
    /// `read` or `write`.
    scope: String,
    /// One of [`TOKEN_LIFETIMES_DAYS`].
    days: u16,
}

/// `POST /account/tokens`: makes a personal API token and shows it, this once.
pub async fn create_token(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Fields(f): Fields<TokenForm>,
) -> Result<Html<String>, WebError> {
    person.require_session()?;
    let scope = TokenScope::from_name(f.scope.trim())
        .ok_or_else(|| WebError::BadRequest(format!("scope: `{}` is not read or write", f.scope)))?;
    let token = crate::session::new_api_token();
    let edit = Edit::CreateApiToken {
        user: person.user.id.clone(),
        name: f.name.trim().to_owned(),
        scope,
        token_hash: crate::session::token_hash(&token),
        lifetime_days: f.days,
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    account_page(&app, ui, &person, Some((f.name.trim().to_owned(), token))).await
}

/// `POST /account/tokens/{id}/revoke`: the token stops working at once.
pub async fn revoke_token(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
) -> Result<Redirect, WebError> {
    person.require_session()?;
    let edit = Edit::RevokeApiToken { user: person.user.id.clone(), token_id: id };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(Redirect::to(&ui.href("/account")))
}

/// The digest as an e-mail message (RFC 5322 headers, plain text body).
pub async fn digest_mail(State(app): State<AppState>, person: SignedIn) -> Result<Response, WebError> {
    let digest = app.store.digest(&person.user.id, person.may(Permission::SeeRestricted)).await?;
    let body = digest_message(&person.user, &digest, &now_rfc3339(&*app.clock));
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")],
        body,
    )
        .into_response())
}

/// The digest of `lines` for `user` as an e-mail message.
pub fn digest_message(user: &UserRow, lines: &[DigestLine], at: &str) -> String {
    let mut out = format!(
        "To: {}\r\nSubject: Kizuna: {} change(s) to what you follow\r\nDate: {at}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
        user.display_name,
        lines.len()
    );
    if lines.is_empty() {
        out.push_str("Nothing you follow has changed since your last digest.\r\n");
    }
    for l in lines {
        let text: String = l.commitment_text.chars().take(160).collect();
        out.push_str(&format!(
            "{at}  {kind}  {summary}\r\n    {text}\r\n    /commitments/{id}\r\n",
            at = l.at,
            kind = l.kind,
            summary = l.summary,
            id = l.commitment_id
        ));
    }
    out
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FollowForm {
    partnership: String,
    kind: String,
    target: String,
    #[serde(default)]
    unfollow: String,
    #[serde(default)]
    back: String,
}

#[utoipa::path(post, path = "/follow", tag = "editing",
    description = "Follows (or with `unfollow`, stops following) a commitment or an area. Anyone signed in.",
    request_body(content((FollowForm = "application/json"), (FollowForm = "application/x-www-form-urlencoded"))),
    security(("bearer" = [])),
    responses(crate::api::WriteResponses))]
pub async fn follow(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Fields(f): Fields<FollowForm>,
) -> Result<Redirect, WebError> {
    let kind = FollowKind::from_name(&f.kind)
        .ok_or_else(|| WebError::BadRequest(format!("kind: `{}` is not commitment or area", f.kind)))?;
    if app.store.partnership(&f.partnership).await?.is_none() {
        return Err(WebError::NotFound(format!("partnership `{}`", f.partnership)));
    }
    let (user, partnership, target) = (person.user.id.clone(), f.partnership.clone(), f.target.clone());
    let edit = if f.unfollow.is_empty() {
        Edit::Follow { user, partnership, kind, target }
    } else {
        Edit::Unfollow { user, partnership, kind, target }
    };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    let fallback = ui.href("/account");
    Ok(Redirect::to(if f.back.is_empty() { &fallback } else { local_path(&f.back) }))
}

pub async fn digest_read(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
) -> Result<Redirect, WebError> {
    let edit = Edit::MarkDigestRead { user: person.user.id.clone() };
    app.store.apply(&edit, &person.user.id, &now_rfc3339(&*app.clock)).await?;
    Ok(Redirect::to(&ui.href("/account")))
}

const AUDIT_PER_PAGE: i64 = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    entity: Option<String>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ui: Ui,
    events: Vec<AuditEvent>,
    head: i64,
    chain: Result<i64, ChainBreak>,
    users: Vec<UserRow>,
    page: i64,
    entity: String,
}

impl AuditPage {
    fn page_link(&self, page: i64) -> String {
        let entity = form_urlencoded::byte_serialize(self.entity.as_bytes()).collect::<String>();
        self.ui.href(&format!("/admin/audit?page={page}&entity={entity}"))
    }

    fn more(&self) -> bool {
        self.events.len() as i64 == AUDIT_PER_PAGE
    }
}

/// The audit log, newest first, with the result of checking the whole chain, and the people.
pub async fn audit(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Administer)?;
    // Any page past the end is empty, not an overflow (`page=9223372036854775807`).
    let page = q.page.unwrap_or(1).clamp(1, i64::MAX / AUDIT_PER_PAGE);
    let entity = q.entity.unwrap_or_default();
    let filter = (!entity.is_empty()).then_some(entity.as_str());
    let events = app.store.audit_events(filter, (page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE).await?;
    let (head, _) = app.store.audit_head().await?;
    let chain = app.store.verify_audit().await?;
    let users = app.store.users().await?;
    Ok(Html(AuditPage { ui, events, head, chain, users, page, entity }.render()?))
}
