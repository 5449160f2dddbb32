//! People, sessions and failed logins. Creating and changing people goes through
//! [`Store::apply`](crate::Store::apply) so that it is audited; this module holds the reads and
//! the session bookkeeping, which is not a change to the record.

use serde::{Deserialize, Serialize};

use crate::{Store, StoreError, on_pool};

/// A person who may sign in. The password hash is never part of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub display_name: String,
    /// `admin`, `editor`, `reviewer` or `viewer` (kizuna_core::Role).
    pub role: String,
    pub side_id: Option<String>,
    pub disabled: bool,
    pub created_at: String,
    pub version: i64,
}

/// A signed-in person, found by their session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionUser {
    pub user: UserRow,
    /// The token every state-changing form of this session must carry.
    pub csrf: String,
    pub expires_at: String,
}

const USER_COLUMNS: &str = "id, display_name, role, side_id, disabled, created_at, version";

impl Store {
    pub async fn user(&self, id: &str) -> Result<Option<UserRow>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?))
    }

    pub async fn users(&self) -> Result<Vec<UserRow>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY id");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }

    /// A person and their password hash, for checking a login.
    pub async fn user_credentials(&self, id: &str) -> Result<Option<(UserRow, String)>, StoreError> {
        let Some(user) = self.user(id).await? else { return Ok(None) };
        let sql = "SELECT password_hash FROM users WHERE id = $1";
        let (hash,): (String,) = on_pool!(self, pool => sqlx::query_as(sql).bind(id).fetch_one(pool).await?);
        Ok(Some((user, hash)))
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf: &str,
        created_at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
        on_pool!(self, pool => {
            sqlx::query(sql)
                .bind(token_hash).bind(user_id).bind(csrf).bind(created_at).bind(expires_at)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// The person whose session has `token_hash`, unless it has expired (as of `now`, RFC 3339
    /// UTC) or they are disabled.
    pub async fn session_user(&self, token_hash: &str, now: &str) -> Result<Option<SessionUser>, StoreError> {
        let sql = "SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2";
        let row: Option<(String, String, String)> = on_pool!(self, pool => sqlx::query_as(sql).bind(token_hash).bind(now).fetch_optional(pool).await?);
        let Some((user_id, csrf, expires_at)) = row else { return Ok(None) };
        Ok(self.user(&user_id).await?.filter(|u| !u.disabled).map(|user| SessionUser {
            user,
            csrf,
            expires_at,
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }

    pub async fn record_login_failure(
        &self,
        user_id: &str,
        address: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO login_failures (user_id, address, at) VALUES ($1, $2, $3)";
        on_pool!(self, pool => {
            sqlx::query(sql).bind(user_id).bind(address).bind(at).execute(pool).await?;
        });
        Ok(())
    }

    /// Failed logins since `since` (RFC 3339 UTC): for the account, and from the address.
    pub async fn login_failures_since(
        &self,
        user_id: &str,
        address: &str,
        since: &str,
    ) -> Result<(i64, i64), StoreError> {
        let by_user = "SELECT COUNT(*) FROM login_failures WHERE user_id = $1 AND at > $2";
        let by_address = "SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2";
        on_pool!(self, pool => {
            let (u,): (i64,) = sqlx::query_as(by_user).bind(user_id).bind(since).fetch_one(pool).await?;
            let (a,): (i64,) = sqlx::query_as(by_address).bind(address).bind(since).fetch_one(pool).await?;
            Ok((u, a))
        })
    }

    /// Forgets an account's failed logins after it signs in.
    pub async fn clear_login_failures(&self, user_id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query("DELETE FROM login_failures WHERE user_id = $1").bind(user_id).execute(pool).await?;
        });
        Ok(())
    }
}
