//! A consistent copy of a SQLite store while it serves (`VACUUM INTO`: one read transaction,
//! so the copy is the record as it stood at one moment, and it is compact). PostgreSQL has its
//! own tools for this (`pg_dump`/`pg_restore`; see the README).

use std::path::Path;

use crate::{Store, StoreError};

impl Store {
    /// Writes a copy of the store to `out`, which must not exist yet.
    pub async fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        let Store::Sqlite(pool) = self else {
            return Err(StoreError::Invalid(
                "a PostgreSQL store is backed up with pg_dump and restored with pg_restore (see the README)"
                    .into(),
            ));
        };
        if out.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists already: a backup never overwrites",
                out.display()
            )));
        }
        let target = out
            .to_str()
            .ok_or_else(|| StoreError::Invalid(format!("{} is not a UTF-8 path", out.display())))?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await?;
        Ok(())
    }
}
