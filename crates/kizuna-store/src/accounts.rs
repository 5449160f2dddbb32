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

    /// Counts a sign-in attempt *before* its password is checked, so that simultaneous guesses
    /// cannot all slip under the limits: the attempt is written (and committed) first, then the
    /// attempts since `since` are counted, its own included. The n-th attempt to be written
    /// counts at least n, whatever the interleaving, so no more than the limits' worth of
    /// passwords are ever checked in a window, on either backend. A refused attempt still
    /// counts: hammering keeps the door shut.
    pub async fn begin_login_attempt(
        &self,
        user_id: &str,
        address: &str,
        at: &str,
        since: &str,
        limits: LoginLimits,
    ) -> Result<LoginAttempt, StoreError> {
        let insert = "INSERT INTO login_failures (user_id, address, at) VALUES ($1, $2, $3) RETURNING id";
        let id: i64 = on_pool!(self, pool => {
            let (id,): (i64,) = sqlx::query_as(insert).bind(user_id).bind(address).bind(at).fetch_one(pool).await?;
            id
        });
        let (by_account, by_address) = self.login_failures_since(user_id, address, since).await?;
        Ok(if by_account > limits.per_account || by_address > limits.per_address {
            LoginAttempt::Throttled
        } else {
            LoginAttempt::Allowed(id)
        })
    }

    /// The attempt signed in: it was no failure, and the account's earlier failures no longer
    /// count against the account. They still count against the addresses they came from.
    pub async fn login_succeeded(&self, attempt: i64, user_id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM login_failures WHERE id = $1").bind(attempt).execute(&mut *tx).await?;
            sqlx::query("UPDATE login_failures SET account_cleared = 1 WHERE user_id = $1")
                .bind(user_id).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Attempts since `since` (RFC 3339 UTC) that count: against the account (unless it has
    /// signed in since), and from the address.
    pub async fn login_failures_since(
        &self,
        user_id: &str,
        address: &str,
        since: &str,
    ) -> Result<(i64, i64), StoreError> {
        let by_user =
            "SELECT COUNT(*) FROM login_failures WHERE user_id = $1 AND at > $2 AND account_cleared = 0";
        let by_address = "SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2";
        on_pool!(self, pool => {
            let (u,): (i64,) = sqlx::query_as(by_user).bind(user_id).bind(since).fetch_one(pool).await?;
            let (a,): (i64,) = sqlx::query_as(by_address).bind(address).bind(since).fetch_one(pool).await?;
            Ok((u, a))
        })
    }
}

/// How many attempts may be counted in a window before more are refused unchecked.
#[derive(Clone, Copy, Debug)]
pub struct LoginLimits {
    pub per_account: i64,
    pub per_address: i64,
}

/// What [`Store::begin_login_attempt`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginAttempt {
    /// The password may be checked; the attempt's id, for [`Store::login_succeeded`].
    Allowed(i64),
    /// Over a limit: refuse without checking the password.
    Throttled,
}
