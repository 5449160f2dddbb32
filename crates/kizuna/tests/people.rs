//! The binary's side of people keeping the record: `kizuna user` and `kizuna audit verify` on a
//! real store (a tampered audit log fails the check), and an editor uploading a document through
//! a running server, which analyses it with the partnership's earlier documents.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{Server, cookie_set_by, csrf_in, free_port, wait_for};

const PASSWORD: &str = "people test password";

fn kizuna(url: &str, args: &[&str], password: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kizuna"));
    command
        .args(["--database-url", url])
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .stdin(Stdio::null());
    match password {
        Some(p) => command.env("KIZUNA_PASSWORD", p),
        None => command.env_remove("KIZUNA_PASSWORD"),
    };
    command.output().expect("the kizuna binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn store_url(name: &str) -> (String, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("kizuna-people-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    (format!("sqlite://{}/kizuna.db", dir.display()), dir)
}

#[tokio::test]
async fn people_are_managed_on_the_command_line_and_tampering_is_caught() {
    let (url, dir) = store_url("cli");
    let out = kizuna(&url, &["ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = kizuna(&url, &["user", "add", "root", "--admin"], Some(PASSWORD));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "user.add user:root");
    let out = kizuna(&url, &["user", "add", "root"], Some(PASSWORD));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("a user `root` already exists"), "{}", text(&out.stderr));
    let out = kizuna(&url, &["user", "add", "shorty", "--role", "editor"], Some("short"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least 12 characters"), "{}", text(&out.stderr));
    let out = kizuna(&url, &["user", "add", "bad name"], Some(PASSWORD));
    assert!(text(&out.stderr).contains("a user name is"), "{}", text(&out.stderr));
    // Without KIZUNA_PASSWORD and without a terminal, the password is standard input's first
    // line: here there is none, so the empty password is refused.
    let out = kizuna(&url, &["user", "add", "nopass"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kizuna(&url, &["user", "disable", "ghost"], None);
    assert!(text(&out.stderr).contains("user:ghost does not exist"), "{}", text(&out.stderr));
    let out = kizuna(&url, &["user", "disable", "root"], None);
    assert!(out.status.success());
    let list = text(&kizuna(&url, &["user", "list"], None).stdout);
    assert!(list.starts_with("root\troot\tadmin\t-\tdisabled"), "{list}");

    let out = kizuna(&url, &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Three documents ingested, one person added, one disabled.
    assert_eq!(text(&out.stdout).trim(), "audit chain intact: 5 events");

    // The head as an export publishes it; then the last events are cut together with the head
    // row, which the chain alone cannot see, and the published head can.
    let export = dir.join("export");
    assert!(kizuna(&url, &["export", "--output", export.to_str().unwrap()], None).status.success());
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(export.join("datapackage.json")).unwrap()).unwrap();
    let head = package["audit_head"].as_str().unwrap().to_owned();
    assert!(head.starts_with("5:"), "{head}");
    let out = kizuna(&url, &["audit", "verify", "--head", &head], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let (hash,): (String,) =
        sqlx::query_as("SELECT hash FROM audit_events WHERE seq = 4").fetch_one(&pool).await.unwrap();
    sqlx::query("DELETE FROM audit_events WHERE seq = 5").execute(&pool).await.unwrap();
    sqlx::query("UPDATE audit_head SET seq = 4, hash = $1").bind(&hash).execute(&pool).await.unwrap();
    let out = kizuna(&url, &["audit", "verify"], None);
    assert!(out.status.success(), "the cut chain is consistent with itself");
    let out = kizuna(&url, &["audit", "verify", "--head", &head], None);
    assert_eq!(out.status.code(), Some(1), "but not with the published head");
    assert!(text(&out.stderr).contains("audit chain cut"), "{}", text(&out.stderr));
    assert_eq!(kizuna(&url, &["audit", "verify", "--head", "5:nothex"], None).status.code(), Some(2));

    sqlx::query("UPDATE audit_events SET actor = 'someone else' WHERE seq = 4").execute(&pool).await.unwrap();
    pool.close().await;
    let out = kizuna(&url, &["audit", "verify"], None);
    assert_eq!(out.status.code(), Some(1), "a tampered chain fails the check");
    assert!(text(&out.stderr).contains("event 4 was changed"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn an_editor_uploads_a_document_that_is_analysed_with_the_earlier_ones() {
    let (url, dir) = store_url("upload");
    let out = kizuna(&url, &["ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(kizuna(&url, &["user", "add", "ed", "--role", "editor"], Some(PASSWORD)).status.success());
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args([
                "--database-url",
                &url,
                "serve",
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--max-upload-size",
                "4096",
            ])
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(port);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = client.get(format!("{base}/login")).send().await.unwrap();
    let login = cookie_set_by(&form, "kizuna_login");
    let token = csrf_in(&form.text().await.unwrap()).expect("a form with a CSRF token");
    let done = client
        .post(format!("{base}/login?csrf={token}"))
        .header("cookie", format!("kizuna_login={login}"))
        .form(&[("user", "ed"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let session = format!("kizuna_session={}", cookie_set_by(&done, "kizuna_session"));
    let page =
        client.get(format!("{base}/p/parallel/upload")).header("cookie", &session).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csrf = csrf_in(&page.text().await.unwrap()).expect("a form with a CSRF token");

    let upload = |name: &str, bytes: &[u8]| {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("title", "Third Council outcome")
            .text("date", "2024-06-01")
            .text("language", "en")
            .text("handling", "public");
        client
            .post(format!("{base}/p/parallel/upload?csrf={csrf}"))
            .header("cookie", &session)
            .multipart(form)
            .send()
    };
    let refused = upload("outcome.exe", b"MZ").await.unwrap();
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("outcome.exe: `.exe` files are not accepted"));
    let refused = upload("outcome.md", &vec![b'a'; 5000]).await.unwrap();
    assert_eq!(refused.status(), 413);

    let outcome =
        b"# Third Council\n\nThe workshop on semiconductor supply chains was held in Tokyo in March 2024.\n";
    let added = upload("outcome.md", outcome).await.unwrap();
    assert_eq!(added.status(), 303, "{:?}", added.text().await);
    let location = added.headers()["location"].to_str().unwrap().to_owned();
    let id = location.strip_prefix("/documents/").expect("sent to the new document");
    let document: serde_json::Value =
        client.get(format!("{base}/api/v1/documents/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(document["document"]["title"], "Third Council outcome", "{document}");
    let marks = document["marks"].as_array().unwrap();
    assert!(
        marks
            .iter()
            .any(|m| m["kind"] == "evidence"
                && m["href"].as_str().is_some_and(|h| h.starts_with("/commitments/"))),
        "its evidence is linked to an earlier commitment: {document}"
    );
    let again = upload("outcome.md", outcome).await.unwrap();
    assert_eq!(again.status(), 400, "the same file name twice is refused");

    let store = kizuna_store::Store::open(&url).await.unwrap();
    let events = store.audit_events(Some(&format!("document:{id}")), 0, 10).await.unwrap();
    assert_eq!((events.len(), events[0].actor.as_str()), (1, "ed"));
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
}
