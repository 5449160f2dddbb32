//! `kizuna audit verify` and `kizuna digest`.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_core::{Clock, Role, SystemClock};

use super::ingest::open_store;

pub async fn verify(database_url: &str) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let result = store.verify_audit().await.context("reading the audit log")?;
    store.close().await;
    match result {
        Ok(n) => {
            println!("audit chain intact: {n} events");
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            eprintln!("audit chain broken: {broken}");
            Ok(ExitCode::from(1))
        }
    }
}

pub async fn digest(database_url: &str, user: &str) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let Some(person) = store.user(user).await? else { bail!("there is no user `{user}`") };
    let sees_restricted =
        Role::from_name(&person.role).is_some_and(|r| r.may(kizuna_core::Permission::SeeRestricted));
    let lines = store.digest(user, sees_restricted).await.context("reading the digest")?;
    print!("{}", kizuna_web::digest_message(&person, &lines, &kizuna_web::stamp(SystemClock.now())));
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
