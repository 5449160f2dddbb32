//! `kizuna user`: the people who may sign in. Every change is audited with the actor `cli`.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use kizuna_core::{Clock, Role, SystemClock};
use kizuna_store::{Edit, Store};
use kizuna_web::session::password;

use super::ingest::open_store;
use crate::cli::UserAction;

const ACTOR: &str = "cli";

pub async fn run(database_url: &str, action: UserAction) -> Result<ExitCode> {
    let store = open_store(database_url).await?;
    let result = apply(&store, action).await;
    store.close().await;
    result.map(|()| ExitCode::SUCCESS)
}

async fn apply(store: &Store, action: UserAction) -> Result<()> {
    let at = kizuna_web::stamp(SystemClock.now());
    let edit = match action {
        UserAction::List => {
            for u in store.users().await? {
                let state = if u.disabled { "disabled" } else { "active" };
                println!(
                    "{}\t{}\t{}\t{}\t{state}",
                    u.id,
                    u.display_name,
                    u.role,
                    u.side_id.as_deref().unwrap_or("-")
                );
            }
            return Ok(());
        }
        UserAction::Add { name, display_name, role, admin, side } => {
            check_name(&name)?;
            let role = if admin { Role::Admin } else { role.role() };
            let hash = password::hash(&read_password(&name)?).map_err(|e| anyhow!("{name}: {e}"))?;
            Edit::AddUser {
                display_name: display_name.unwrap_or_else(|| name.clone()),
                id: name,
                password_hash: hash,
                role,
                side_id: side,
            }
        }
        UserAction::Passwd { name } => {
            let hash = password::hash(&read_password(&name)?).map_err(|e| anyhow!("{name}: {e}"))?;
            Edit::SetPassword { user: name, password_hash: hash }
        }
        UserAction::Disable { name } => Edit::SetDisabled { user: name, disabled: true },
        UserAction::Enable { name } => Edit::SetDisabled { user: name, disabled: false },
    };
    let events = store.apply(&edit, ACTOR, &at).await.context("changing the people")?;
    for e in events {
        println!("{} {}", e.action, e.entity);
    }
    Ok(())
}

/// User names are what people type to sign in and what the audit log shows: kept plain.
fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !ok {
        bail!("`{name}`: a user name is 1 to 100 letters, digits and . _ - @");
    }
    Ok(())
}

/// The new password: KIZUNA_PASSWORD, else asked for on the terminal (twice, without echo), else
/// the first line of standard input.
fn read_password(name: &str) -> Result<String> {
    if let Ok(p) = std::env::var("KIZUNA_PASSWORD") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password(format!("password for {name}: ")).context("reading the password")?;
        let again = rpassword::prompt_password("again: ").context("reading the password")?;
        if first != again {
            bail!("the two passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_names_are_plain() {
        assert!(super::check_name("alice.smith@dsit").is_ok());
        for bad in ["", "a b", "<script>", &"x".repeat(101)] {
            assert!(super::check_name(bad).is_err(), "{bad}");
        }
    }
}
