//! `kizuna audit verify` and `kizuna digest`.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kizuna_core::{Clock, Role, SystemClock};

use super::ingest::open_store;

pub async fn verify(database_url: &str, published: Option<&str>) -> Result<ExitCode> {
    let published = published.map(parse_head).transpose()?;
    let store = open_store(database_url).await?;
    let result = store.verify_audit().await.context("reading the audit log")?;
    let held = match &published {
        Some((seq, _)) => store.audit_event_hash(*seq).await.context("reading the audit log")?,
        None => None,
    };
    store.close().await;
    let n = match result {
        Ok(n) => n,
        Err(broken) => {
            eprintln!("audit chain broken: {broken}");
            return Ok(ExitCode::from(1));
        }
    };
    if let Some((seq, hash)) = published {
        match held {
            Some(h) if h == hash => println!("the published head {seq}:{hash} is in the chain"),
            Some(h) => {
                eprintln!("audit chain rewritten: event {seq} has hash {h}, not the published {hash}");
                return Ok(ExitCode::from(1));
            }
            None => {
                eprintln!(
                    "audit chain cut: the published head, event {seq}, is no longer in it (it holds {n} events)"
                );
                return Ok(ExitCode::from(1));
            }
        }
    }
    println!("audit chain intact: {n} events");
    Ok(ExitCode::SUCCESS)
}

/// `SEQ:HASH` as `kizuna audit verify --head` takes it.
fn parse_head(text: &str) -> Result<(i64, String)> {
    let (seq, hash) =
        text.split_once(':').with_context(|| format!("--head `{text}`: give it as SEQ:HASH"))?;
    let seq =
        seq.trim().parse().with_context(|| format!("--head `{text}`: `{seq}` is not an event number"))?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("--head `{text}`: `{hash}` is not a SHA-256 hash in hex");
    }
    Ok((seq, hash.to_ascii_lowercase()))
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
