//! Personal API tokens: a person's scripts read and change the record as that person, within the
//! token's scope, until it expires or is revoked.
//!
//! Creating and revoking a token are edits ([`Edit::CreateApiToken`](crate::Edit::CreateApiToken),
//! [`Edit::RevokeApiToken`](crate::Edit::RevokeApiToken)), audited like every change to the
//! people who keep the record; this module holds the rules they check, the reads, and the
//! bookkeeping of when a token was last used (not a change to the record, like a session).
//! Only a token's SHA-256 is stored: the caller hashes what it was given and asks
//! [`Store::api_token_holder`].

use kizuna_core::Role;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{Store, StoreError, UserRow, on_pool};

/// What a token may be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TokenScope {
    /// Reads what the holder may read, restricted records included when their role may see them.
    Read,
    /// Reads, and makes the changes the holder's role may make.
    Write,
}

impl TokenScope {
    pub const ALL: [TokenScope; 2] = [TokenScope::Read, TokenScope::Write];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    pub fn from_name(name: &str) -> Option<TokenScope> {
        TokenScope::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether requests that change something may be made with it.
    pub fn allows_changes(self) -> bool {
        self == TokenScope::Write
    }
}

/// How long a token may live, in days: the choices a person has.
pub const TOKEN_LIFETIMES_DAYS: [u16; 3] = [30, 90, 365];

/// The longest name a token may have.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

/// A token as its holder sees it in their list: never the token or its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl ApiTokenRow {
    /// Neither revoked nor expired as of `now` (RFC 3339 UTC, as stored).
    pub fn is_live(&self, now: &str) -> bool {
        self.revoked_at.is_none() && self.expires_at.as_str() > now
    }
}

/// The person a valid token acts for, with their role as it is now (a token never carries a
/// role of its own: demoting a person demotes their tokens).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenHolder {
    pub user: UserRow,
    pub role: Role,
    pub token_id: String,
    pub scope: TokenScope,
}

/// How often the time a token was last used is written: at most once a minute per token, so
/// that a busy script does not turn every read into a write.
const LAST_USED_EVERY_SECONDS: i64 = 60;

/// Refuses a token name or lifetime no token may have.
pub(crate) fn check_new_token(name: &str, lifetime_days: u16, token_hash: &str) -> Result<(), StoreError> {
    let chars = name.chars().count();
    if name.trim().is_empty() {
        return Err(StoreError::Invalid("a token needs a name".into()));
    }
    if chars > MAX_TOKEN_NAME_CHARS {
        return Err(StoreError::Invalid(format!(
            "a token's name may be at most {MAX_TOKEN_NAME_CHARS} characters; this one has {chars}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(StoreError::Invalid(
            "a token's name may not hold line breaks or other control characters".into(),
        ));
    }
    if !TOKEN_LIFETIMES_DAYS.contains(&lifetime_days) {
        let choices: Vec<String> = TOKEN_LIFETIMES_DAYS.iter().map(u16::to_string).collect();
        return Err(StoreError::Invalid(format!(
            "a token lives {} days; {lifetime_days} is not one of them",
            choices.join(", ")
        )));
    }
    if token_hash.len() != 64 || !token_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::Invalid("a token is stored as its SHA-256, in hex".into()));
    }
    Ok(())
}

/// `at` (RFC 3339) moved by `seconds`, as stored: UTC to the second.
pub(crate) fn shifted(at: &str, seconds: i64) -> Result<String, StoreError> {
    let t = OffsetDateTime::parse(at, &Rfc3339)
        .map_err(|e| StoreError::Invalid(format!("`{at}` is not an RFC 3339 time: {e}")))?;
    let t = (t + time::Duration::seconds(seconds)).to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// When a token created at `at` to live `days` expires.
pub(crate) fn expiry(at: &str, days: u16) -> Result<String, StoreError> {
    shifted(at, i64::from(days) * 86_400)
}

type TokenTuple = (String, String, String, String, String, String, Option<String>, Option<String>);

fn row(t: TokenTuple) -> Result<ApiTokenRow, StoreError> {
    let (id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at) = t;
    let scope = TokenScope::from_name(&scope)
        .ok_or_else(|| StoreError::Corrupt(format!("api token {id}: scope `{scope}`")))?;
    Ok(ApiTokenRow { id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at })
}

const TOKEN_COLUMNS: &str = "id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at";

impl Store {
    /// A person's tokens, newest first, revoked and expired ones included.
    pub async fn api_tokens(&self, user_id: &str) -> Result<Vec<ApiTokenRow>, StoreError> {
        let sql =
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id");
        let rows: Vec<TokenTuple> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await?);
        rows.into_iter().map(row).collect()
    }

    /// The token whose hash is `token_hash`, whoever holds it.
    pub async fn api_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiTokenRow>, StoreError> {
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1");
        let found: Option<TokenTuple> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(token_hash).fetch_optional(pool).await?);
        found.map(row).transpose()
    }

    /// Who the token with `token_hash` acts for, as of `now` (RFC 3339 UTC): nobody when no
    /// token has that hash, or it is revoked or expired, or its holder is disabled or has a role
    /// this version does not know. Notes when it was used (at most once a minute).
    pub async fn api_token_holder(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<TokenHolder>, StoreError> {
        let Some(token) = self.api_token_by_hash(token_hash).await? else { return Ok(None) };
        if !token.is_live(now) {
            return Ok(None);
        }
        let Some(user) = self.user(&token.user_id).await?.filter(|u| !u.disabled) else { return Ok(None) };
        let Some(role) = Role::from_name(&user.role) else { return Ok(None) };
        let stale_before = shifted(now, -LAST_USED_EVERY_SECONDS)?;
        let touch = "UPDATE api_tokens SET last_used_at = $2
                     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)";
        on_pool!(self, pool => {
            sqlx::query(touch).bind(&token.id).bind(now).bind(&stale_before).execute(pool).await?;
        });
        Ok(Some(TokenHolder { user, role, token_id: token.id, scope: token.scope }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lifetimes_and_hashes_are_checked() {
        let hash = "ab".repeat(32);
        assert!(check_new_token("nightly export", 90, &hash).is_ok());
        assert!(check_new_token("  ", 90, &hash).is_err());
        assert!(check_new_token(&"x".repeat(MAX_TOKEN_NAME_CHARS + 1), 90, &hash).is_err());
        assert!(check_new_token("a\nb", 90, &hash).is_err());
        assert!(check_new_token("ok", 7, &hash).is_err());
        assert!(check_new_token("ok", 30, "the token itself").is_err());
    }

    #[test]
    fn expiry_is_counted_in_days_from_creation() {
        assert_eq!(expiry("2025-02-01T09:00:00Z", 30).unwrap(), "2025-03-03T09:00:00Z");
        assert_eq!(shifted("2025-02-01T09:00:30+09:00", -60).unwrap(), "2025-01-31T23:59:30Z");
        assert!(expiry("yesterday", 30).is_err());
    }

    #[test]
    fn scopes_round_trip_and_only_write_changes() {
        for s in TokenScope::ALL {
            assert_eq!(TokenScope::from_name(s.as_str()), Some(s));
        }
        assert_eq!(TokenScope::from_name("admin"), None);
        assert!(TokenScope::Write.allows_changes() && !TokenScope::Read.allows_changes());
    }
}
