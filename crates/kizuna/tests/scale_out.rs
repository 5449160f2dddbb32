//! Two `kizuna serve` processes on different ports sharing one PostgreSQL: a change to the
//! record (here a partnership added with `kizuna ingest`, a third process) is visible through
//! both — listing, pages, search and feeds — within 2 seconds, with neither restarted.
//!
//! Sessions live in the database too: a person added with `kizuna user add` signs in through
//! one server and the same cookie works on the other, whose forms take the session's CSRF token;
//! what they change through one is visible through the other within 2 seconds, and signing out
//! through either ends the session on both.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Server, free_port, get, kizuna_with_password, request, sign_in, wait_for};

const PASSWORD: &str = "scale-out test password";

/// Polls `check` every 50 ms until it returns `None` (done), failing with its last answer when
/// 2 seconds have passed since `since`.
fn within_two_seconds(since: Instant, mut check: impl FnMut() -> Option<String>) {
    loop {
        let Some(missing) = check() else { return };
        assert!(since.elapsed() < Duration::from_secs(2), "after 2 s: {missing}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The status of a commitment as the public API of the server on `port` gives it.
fn status_of(port: u16, id: &str) -> String {
    let (status, body) = get(port, &format!("/api/v1/commitments/{id}"));
    assert_eq!(status, 200, "GET /api/v1/commitments/{id} on {port}");
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    data["commitment"]["status"]["status"].as_str().unwrap_or_default().to_owned()
}

/// The version an editing form of the commitment's page is filled in against.
fn version_in(edit_page: &str) -> String {
    const FIELD: &str = "name=\"version\" value=\"";
    let at = edit_page.find(FIELD).expect("the editing page has a form") + FIELD.len();
    edit_page[at..].chars().take_while(char::is_ascii_digit).collect()
}

#[tokio::test]
async fn two_servers_on_one_postgres_see_each_change_within_two_seconds() {
    let base = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_scale_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {base} is needed for the scale-out test: {e}"));
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let url = format!("{base}?options=-c%20search_path%3D{schema}");

    kizuna_with_password(&url, PASSWORD, &["ingest", "--dataset", "e2e/fixtures/japanese"]);
    let ports = [free_port(), free_port()];
    let _servers: Vec<Server> = ports
        .iter()
        .map(|port| {
            Server(
                Command::new(env!("CARGO_BIN_EXE_kizuna"))
                    .args(["--database-url", &url, "serve", "--listen", &format!("127.0.0.1:{port}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("kizuna serve starts"),
            )
        })
        .collect();
    for port in ports {
        wait_for(port);
        let (status, body) = get(port, "/api/v1/partnerships");
        assert_eq!(status, 200);
        assert!(!body.contains("\"parallel\""), "not there yet");
    }

    kizuna_with_password(&url, PASSWORD, &["ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"]);
    let changed = Instant::now();
    for port in ports {
        loop {
            let listed = get(port, "/api/v1/partnerships").1.contains("\"parallel\"");
            let page = get(port, "/p/parallel").0 == 200;
            let found =
                get(port, "/api/v1/search?q=workshop&partnership=parallel").1.contains("\"parallel\"");
            let feed = get(port, "/p/parallel/feed.atom").1.contains("<entry>");
            if listed && page && found && feed {
                break;
            }
            assert!(
                changed.elapsed() < Duration::from_secs(2),
                "server on {port} after 2 s: listed {listed}, page {page}, search {found}, feed {feed}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    // --- one session, two servers ------------------------------------------------------------
    // Added by a third process while both servers run; signs in through A.
    kizuna_with_password(
        &url,
        PASSWORD,
        &["user", "add", "sam", "--display-name", "Sam Scale", "--role", "reviewer"],
    );
    let [a, b] = ports;
    let session = sign_in(a, "sam", PASSWORD);
    let account = request(b, "GET", "/account", &session.headers(), None);
    assert_eq!(account.status, 200, "the session made through A is good on B: {}", account.body);
    assert!(account.body.contains("Sam Scale"), "B knows who is signed in");
    assert_eq!(
        common::csrf_in(&account.body).as_deref(),
        Some(session.csrf.as_str()),
        "B's forms carry the session's own CSRF token"
    );
    assert_eq!(request(b, "GET", "/account", &[], None).status, 401, "not without the cookie");

    // A form posted through B with the session's token: evidence recorded by hand on a commitment
    // nobody had reported on, which gives it a status other than "no evidence".
    let (status, listing) = get(a, "/api/v1/partnerships/parallel/commitments?status=no-evidence&per_page=1");
    assert_eq!(status, 200);
    let listing: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let id = listing["commitments"][0]["id"].as_str().expect("a commitment without evidence").to_owned();
    assert_eq!(status_of(a, &id), "no-evidence");
    let edit = request(b, "GET", &format!("/commitments/{id}/edit"), &session.headers(), None);
    assert_eq!(edit.status, 200, "B shows the editing page to the session made through A");
    let text = "Workshop held through server B on 19 November 2024";
    let form = [
        ("text", text),
        ("date", "2024-11-19"),
        ("source_url", "https://example.org/scale-out"),
        ("relation", "delivered"),
        ("handling", "public"),
        ("version", &version_in(&edit.body)),
    ];
    let without_token =
        request(b, "POST", &format!("/commitments/{id}/evidence"), &session.headers(), Some(&form));
    assert_eq!(without_token.status, 403, "B refuses the form without the session's token");
    let posted = request(
        b,
        "POST",
        &format!("/commitments/{id}/evidence?csrf={}", session.csrf),
        &session.headers(),
        Some(&form),
    );
    assert_eq!(posted.status, 303, "B takes the form with the session's token: {}", posted.body);
    let recorded = Instant::now();
    within_two_seconds(recorded, || {
        let edit = request(a, "GET", &format!("/commitments/{id}/edit"), &session.headers(), None);
        let shown = edit.status == 200 && edit.body.contains(text);
        let status = status_of(a, &id);
        (!(shown && status != "no-evidence"))
            .then(|| format!("through A: evidence on the editing page {shown}, public status {status}"))
    });

    // Signing out through B ends the session for A too.
    let out = request(b, "POST", &format!("/logout?csrf={}", session.csrf), &session.headers(), Some(&[]));
    assert_eq!(out.status, 303, "signs out through B");
    assert_eq!(request(a, "GET", "/account", &session.headers(), None).status, 401, "A: the session is over");
    let late = request(
        a,
        "POST",
        &format!("/commitments/{id}/notes?csrf={}", session.csrf),
        &session.headers(),
        Some(&[("text", "Too late."), ("handling", "restricted"), ("version", "1")]),
    );
    assert_eq!(late.status, 401, "A refuses a form from the ended session");

    let verify = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", &url, "audit", "verify"])
        .output()
        .expect("the kizuna binary runs");
    assert!(verify.status.success(), "audit verify: {}", String::from_utf8_lossy(&verify.stderr));

    drop(_servers);
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
}
