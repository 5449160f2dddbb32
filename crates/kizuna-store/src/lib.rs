//! Kizuna's record, stored: one schema in SQLite (the embedded default) and PostgreSQL (shared by
//! several servers), behind one interface.
//!
//! This crate is the only one that knows SQL. It takes records already analysed (it does not
//! read documents or run the engine) and answers queries with plain rows. Each backend keeps its
//! own migrations; the conformance tests run the same suite against both.

mod accounts;
mod api_tokens;
mod audit;
mod backup;
mod corrections;
mod decisions;
mod edits;
mod error;
mod ingest;
mod kept;
mod orphans;
mod passages;
mod query;
mod reanalysis;
pub mod records;
mod review;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{PgPool, SqlitePool};

pub use accounts::{LoginAttempt, LoginLimits, SessionUser, UserRow};
pub use api_tokens::{ApiTokenRow, MAX_TOKEN_NAME_CHARS, TOKEN_LIFETIMES_DAYS, TokenHolder, TokenScope};
pub(crate) use audit::AuditRow;
pub use corrections::{Correction, CorrectionRow};
pub use decisions::{AssessmentRow, LinkDecisionRow};
pub use edits::{Decision, Edit, FollowKind, MAX_TEXT_CHARS, Marked};
pub use error::StoreError;
pub use orphans::{OrphanResolution, OrphanRow};
pub use passages::{PassageRow, single_spaced};
pub use query::{AlignedCommitment, DocumentEvidence, LinkFact};
pub use reanalysis::Reanalysis;
pub use records::*;
pub use review::{DigestLine, FollowRow, NoteRow, ProposalRow, QueueFilter, RecordedEvidenceRow};

/// Runs the same statements on whichever pool the store holds. The body is written once and
/// compiled for each backend, so the two can only differ where their migrations do.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::Store::Sqlite($pool) => $body,
            $crate::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// A connection pool to the record.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Opens the store at `url`: `sqlite://path/to/file.db` (created when missing) or
    /// `postgres://…`. Runs the migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Url(url.to_owned(), e.to_string()))?;
            Store::open_postgres(options).await?
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Url(url.to_owned(), e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
            Store::Sqlite(pool)
        } else {
            return Err(StoreError::Url(url.to_owned(), "expected sqlite://… or postgres://…".into()));
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Opens a PostgreSQL store with explicit options (tests use a schema of their own).
    pub async fn open_postgres(options: PgConnectOptions) -> Result<Store, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        let store = Store::Postgres(pool);
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(pool).await?,
            Store::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}
