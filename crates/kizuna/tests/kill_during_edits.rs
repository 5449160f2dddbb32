//! Killing the server with SIGKILL in the middle of 1,000 concurrent edits loses no acknowledged
//! change and leaves the audit chain valid — on SQLite and on PostgreSQL.
//!
//! An editor signs in; 1,000 clients each add a note (with a text of its own) to one of 50
//! commitments, all at once, each retrying with the version the server reports when its edit
//! was stale, as a person reloading the page would. When 300 edits have been acknowledged
//! (303 See Other) the server is killed with SIGKILL. Then every acknowledged note must be in
//! the store, every stored note must have its audit event, `kizuna audit verify` must pass,
//! and a new server must start on the same store.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{cookie_set_by, csrf_in, free_port, get, serve, wait_for};
use kizuna_store::Store;

const EDITS: usize = 1_000;
const KILL_AFTER: usize = 300;
const COMMITMENTS: usize = 50;
const PASSWORD: &str = "crash test password";

fn kizuna(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", url])
        .args(args)
        .env("KIZUNA_PASSWORD", PASSWORD)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the kizuna binary runs")
}

/// Signs `user` in; returns the session cookie and its CSRF token.
async fn sign_in(client: &reqwest::Client, base: &str, user: &str) -> (String, String) {
    let form = client.get(format!("{base}/login")).send().await.unwrap();
    let login = cookie_set_by(&form, "kizuna_login");
    let token = csrf_in(&form.text().await.unwrap()).expect("a form with a CSRF token");
    let done = client
        .post(format!("{base}/login?csrf={token}"))
        .header("cookie", format!("kizuna_login={login}"))
        .form(&[("user", user), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303, "{user} signs in");
    let session = format!("kizuna_session={}", cookie_set_by(&done, "kizuna_session"));
    let account = client.get(format!("{base}/account")).header("cookie", &session).send().await.unwrap();
    let csrf = csrf_in(&account.text().await.unwrap()).expect("a form with a CSRF token");
    (session, csrf)
}

/// The version a 409 says the record is at now.
fn current_version(conflict: &str) -> Option<i64> {
    let at = conflict.find(", now ")? + 6;
    conflict[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

async fn edits_survive_a_kill(url: &str) {
    let out = kizuna(url, &["ingest", "--dataset", "data/japan-uk"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = kizuna(url, &["user", "add", "ed", "--role", "editor"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let port = free_port();
    let mut server = serve(url, port);
    wait_for(port);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let (session, csrf) = sign_in(&client, &base, "ed").await;
    let (status, listing) =
        get(port, &format!("/api/v1/partnerships/japan-uk/commitments?per_page={COMMITMENTS}"));
    assert_eq!(status, 200);
    let listing: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let ids: Vec<String> = listing["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), COMMITMENTS);

    let acknowledged = Arc::new(Mutex::new(BTreeSet::new()));
    let mut clients = Vec::new();
    for i in 0..EDITS {
        let (client, base, session, csrf) = (client.clone(), base.clone(), session.clone(), csrf.clone());
        let id = ids[i % COMMITMENTS].clone();
        let acknowledged = acknowledged.clone();
        clients.push(tokio::spawn(async move {
            let text = format!("kill-test note {i}");
            let mut version = 1;
            for _ in 0..200 {
                let sent = client
                    .post(format!("{base}/commitments/{id}/notes?csrf={csrf}"))
                    .header("cookie", &session)
                    .form(&[
                        ("text", text.as_str()),
                        ("handling", "restricted"),
                        ("version", &version.to_string()),
                    ])
                    .send()
                    .await;
                let Ok(response) = sent else { return }; // the server is gone
                match response.status().as_u16() {
                    303 => {
                        acknowledged.lock().unwrap().insert(text);
                        return;
                    }
                    409 => match response.text().await.ok().as_deref().and_then(current_version) {
                        Some(now) => version = now,
                        None => return,
                    },
                    other => panic!("note {i}: unexpected status {other}"),
                }
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < KILL_AFTER {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.0.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    server.0.wait().unwrap();
    for c in clients {
        c.await.expect("no client panicked");
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= KILL_AFTER && acknowledged.len() < EDITS,
        "killed mid-way: {}",
        acknowledged.len()
    );

    let store = Store::open(url).await.unwrap();
    let mut stored = BTreeSet::new();
    for id in &ids {
        stored.extend(store.notes(id, true).await.unwrap().into_iter().map(|n| n.text));
    }
    let lost: Vec<_> = acknowledged.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    let events = store.audit_events(None, 0, 10 * EDITS as i64).await.unwrap();
    let audited = events.iter().filter(|e| e.action == "note.add").count();
    assert_eq!(audited, stored.len(), "every stored note has its audit event");
    store.close().await;

    let verify = kizuna(url, &["audit", "verify"]);
    assert!(verify.status.success(), "audit verify: {}", String::from_utf8_lossy(&verify.stderr));
    assert!(String::from_utf8_lossy(&verify.stdout).starts_with("audit chain intact"));

    let port = free_port();
    let _again = serve(url, port);
    wait_for(port);
    assert_eq!(get(port, "/api/v1/partnerships").0, 200, "a new server starts on the same store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_loses_no_acknowledged_edit() {
    let dir = std::env::temp_dir().join(format!("kizuna-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    edits_survive_a_kill(&format!("sqlite://{}/kizuna.db", dir.display())).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_loses_no_acknowledged_edit() {
    let base = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_kill_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {base} is needed for this test: {e}"));
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    edits_survive_a_kill(&format!("{base}?options=-c%20search_path%3D{schema}")).await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
}

#[test]
fn conflicts_say_the_current_version() {
    assert_eq!(
        current_version("commitment:x has changed since you read it (version 1, now 7); nothing"),
        Some(7)
    );
    assert_eq!(current_version("something else"), None);
}
