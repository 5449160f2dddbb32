//! What can go wrong with the store.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL `{0}` cannot be used: {1}")]
    Url(String, String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored value is not valid: {0}")]
    Corrupt(String),
    #[error("{0} does not exist")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    /// The record changed since the version the edit was made against.
    #[error("{entity} has changed since you read it (version {seen}, now {current})")]
    Stale { entity: String, seen: i64, current: i64, changes: Vec<kizuna_core::AuditEvent> },
}
