//! Personal API tokens against a running server (issue 13.6): a reviewer makes a token on the
//! account page, and a script holding only that token uploads a document (analysed with the
//! partnership's earlier ones), reads it while it is restricted, and accepts the link the
//! engine proposed for it; a stale or invalid edit is refused as the API says. Without a valid
//! token, or with a read token, every write route of the router (read from its source, so a new
//! route is covered) is refused with 401 or 403 and changes nothing; the audit chain holds.

mod common;

use std::path::Path;

use common::{free_port, kizuna_on, kizuna_with_password, request, serve, sign_in, wait_for};
use serde_json::{Value, json};

const PASSWORD: &str = "token test password";

/// Every route of the router that takes a POST, with each `{param}` filled in, and its
/// Japanese twin for the pages (everything but `/api/…`).
fn write_routes() -> Vec<String> {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../kizuna-web/src/lib.rs"))
            .expect("the router's source");
    let mut routes = Vec::new();
    let pieces: Vec<&str> = source.split(".route(").skip(1).collect();
    for piece in pieces {
        let Some(path) = piece.trim_start().strip_prefix('"').and_then(|p| p.split_once('"')).map(|(p, _)| p)
        else {
            continue;
        };
        // The handlers of this route: up to the next route or the end of the function.
        let handlers = piece.split("\n}").next().unwrap_or(piece);
        if !(handlers.contains("post(") || handlers.contains(".post(")) {
            continue;
        }
        let mut filled = String::new();
        for (i, part) in path.split('{').enumerate() {
            if i == 0 {
                filled.push_str(part);
            } else {
                let (_, rest) = part.split_once('}').unwrap();
                filled.push_str("parallel");
                filled.push_str(rest);
            }
        }
        if !filled.starts_with("/api/") {
            routes.push(format!("/ja{filled}"));
        }
        routes.push(filled);
    }
    routes.sort();
    routes.dedup();
    routes
}

/// The token shown once on the page that answers the form that made it.
fn token_on(page: &str) -> String {
    let at = page.find("id=\"new-token\">").expect("the new token is shown") + "id=\"new-token\">".len();
    page[at..].split('<').next().unwrap().to_owned()
}

fn make_token(port: u16, user: &str, name: &str, scope: &str) -> String {
    let session = sign_in(port, user, PASSWORD);
    let made = request(
        port,
        "POST",
        "/account/tokens",
        &session.headers(),
        Some(&[("csrf", &session.csrf), ("name", name), ("scope", scope), ("days", "90")]),
    );
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.header("cache-control"), Some("private, no-store"));
    let token = token_on(&made.body);
    assert!(token.starts_with("kzn_") && token.len() == 68, "{token}");
    let again = request(port, "GET", "/account", &session.headers(), None);
    assert!(again.body.contains(name), "the token is listed by name: {} {}", again.status, again.body);
    assert!(!again.body.contains(&token), "and never shown again");
    token
}

#[tokio::test]
async fn a_script_with_only_a_token_uploads_reads_and_decides_and_nothing_else_writes() {
    let dir = std::env::temp_dir().join(format!("kizuna-tokens-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/kizuna.db", dir.display());
    kizuna_on(&url, &["ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"]);
    kizuna_with_password(&url, PASSWORD, &["user", "add", "rita", "--role", "reviewer"]);
    kizuna_with_password(&url, PASSWORD, &["user", "add", "vic", "--role", "viewer"]);
    let port = free_port();
    let _server = serve(&url, port);
    wait_for(port);
    let base = format!("http://127.0.0.1:{port}");

    let write = make_token(port, "rita", "nightly sync", "write");
    let read = make_token(port, "vic", "dashboard", "read");
    let viewer_write = make_token(port, "vic", "viewer write", "write");
    let bearer = |token: &str| format!("Bearer {token}");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();

    // Upload with nothing but the token: analysed with the earlier documents, kept restricted.
    let outcome =
        b"# Third Council\n\nThe workshop on semiconductor supply chains was held in Tokyo in March 2024.\n";
    let upload = |token: &str, name: &str| {
        let part = reqwest::multipart::Part::bytes(outcome.to_vec()).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new()
            .part("file", part)
            .text("title", "Third Council outcome")
            .text("date", "2024-06-01")
            .text("handling", "restricted");
        client
            .post(format!("{base}/api/v1/partnerships/parallel/documents"))
            .header("authorization", bearer(token))
            .multipart(form)
            .send()
    };
    let refused = upload(&read, "outcome.md").await.unwrap();
    assert_eq!(refused.status(), 403);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(refused["error"]["code"], "insufficient_scope", "{refused}");
    let refused = upload(&viewer_write, "outcome.md").await.unwrap();
    assert_eq!(refused.status(), 403, "a viewer may not upload, whatever their token");
    let refused = upload(&write, "outcome.exe").await.unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("`.exe` files are not accepted"));
    let added = upload(&write, "outcome.md").await.unwrap();
    assert_eq!(added.status(), 201);
    let location = added.headers()["location"].to_str().unwrap().to_owned();
    let added: Value = added.json().await.unwrap();
    let id = added["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/documents/{id}"));

    // The restricted document: for the token's holder (and the viewer's read token), not the
    // public, and never kept by a cache.
    let anonymous = client.get(format!("{base}{location}")).send().await.unwrap();
    assert_eq!(anonymous.status(), 404, "the public does not see a restricted document");
    for token in [&write, &read] {
        let seen =
            client.get(format!("{base}{location}")).header("authorization", bearer(token)).send().await;
        let seen = seen.unwrap();
        assert_eq!(seen.status(), 200);
        assert_eq!(seen.headers()["cache-control"], "private, no-store");
        let document: Value = seen.json().await.unwrap();
        assert_eq!(document["document"]["title"], "Third Council outcome", "{document}");
        assert_eq!(document["document"]["handling"], "restricted");
    }
    let document: Value = client
        .get(format!("{base}{location}"))
        .header("authorization", bearer(&write))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mark = document["marks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["kind"] == "evidence" && m["href"].as_str().is_some_and(|h| h.starts_with("/commitments/"))
        })
        .expect("its evidence is linked to an earlier commitment")
        .clone();
    let evidence_id = mark["id"].as_str().unwrap().to_owned();
    let commitment_id =
        mark["href"].as_str().unwrap()["/commitments/".len()..].split('#').next().unwrap().to_owned();
    let commitment = |token: String| {
        let client = client.clone();
        let url = format!("{base}/api/v1/commitments/{commitment_id}");
        async move {
            let answer =
                client.get(url).header("authorization", format!("Bearer {token}")).send().await.unwrap();
            assert_eq!(answer.status(), 200);
            answer.json::<Value>().await.unwrap()
        }
    };
    let before = commitment(write.clone()).await;
    let version = before["commitment"]["version"].as_i64().unwrap();
    assert!(version > 0, "the holder sees the real version: {before}");
    let decide = |token: &str, body: Value| {
        client.post(format!("{base}/review/decide")).header("authorization", bearer(token)).json(&body).send()
    };
    let accept = json!({"evidence_id": evidence_id, "commitment_id": commitment_id,
                        "decision": "accepted", "relation": "delivered", "version": version});

    // A viewer's write token may not decide (their role), a read token may not write at all.
    let refused = decide(&viewer_write, accept.clone()).await.unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(refused.json::<Value>().await.unwrap()["error"]["code"], "forbidden");
    assert_eq!(decide(&read, accept.clone()).await.unwrap().status(), 403);
    // Bodies the route refuses: a field missing, a value it does not know.
    let refused = decide(&write, json!({"evidence_id": evidence_id})).await.unwrap();
    assert_eq!(refused.status(), 422);
    let mut maybe = accept.clone();
    maybe["decision"] = json!("maybe");
    let refused = decide(&write, maybe).await.unwrap();
    assert_eq!(refused.status(), 422);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(refused["error"]["code"], "invalid");
    assert!(refused["error"]["message"].as_str().unwrap().contains("maybe"), "{refused}");

    // Accepted with the token alone (no cookie, no CSRF token).
    let done = decide(&write, accept.clone()).await.unwrap();
    assert_eq!(done.status(), 303, "{:?}", done.text().await);
    let after = commitment(write.clone()).await;
    assert_eq!(after["commitment"]["version"].as_i64().unwrap(), version + 1);
    let linked =
        after["evidence"].as_array().unwrap().iter().find(|e| e["id"] == evidence_id.as_str()).unwrap();
    assert_eq!(linked["relation"], "delivered", "{after}");
    // The same edit again, made against the old version: 409 with what changed.
    let stale = decide(&write, accept.clone()).await.unwrap();
    assert_eq!(stale.status(), 409);
    let stale: Value = stale.json().await.unwrap();
    assert_eq!(stale["error"]["code"], "conflict");
    assert!(stale["error"]["message"].as_str().unwrap().contains("by rita"), "{stale}");

    // Every write route: nothing without a valid token, 403 with a read token.
    let revoked = make_token(port, "rita", "to revoke", "write");
    let session = sign_in(port, "rita", PASSWORD);
    let account = request(port, "GET", "/account", &session.headers(), None);
    let button = account.body.find("Revoke “to revoke”").expect("a live token can be revoked");
    let form = account.body[..button].rsplit("action=\"").next().unwrap();
    let revoke_path = form.split('"').next().unwrap().to_owned();
    assert!(revoke_path.starts_with("/account/tokens/") && revoke_path.ends_with("/revoke"), "{revoke_path}");
    let gone = request(port, "POST", &revoke_path, &session.headers(), Some(&[("csrf", &session.csrf)]));
    assert_eq!(gone.status, 303, "{revoke_path}: {}", gone.body);
    let routes = write_routes();
    assert!(routes.len() >= 20, "{routes:?}");
    for must in ["/review/decide", "/api/v1/partnerships/parallel/documents", "/p/parallel/upload"] {
        assert!(routes.iter().any(|r| r == must), "{must} in {routes:?}");
    }
    let (head, _) = {
        let store = kizuna_store::Store::open(&url).await.unwrap();
        let head = store.audit_head().await.unwrap();
        store.close().await;
        head
    };
    let invalid = "kzn_".to_owned() + &"0".repeat(64);
    for route in &routes {
        let body = [("version", "1")];
        if !route.ends_with("/login") {
            let anonymous = request(port, "POST", route, &[], Some(&body));
            assert_eq!(anonymous.status, 401, "anonymous POST {route}: {}", anonymous.body);
        }
        for (what, token) in [("an unknown token", &invalid), ("a revoked token", &revoked)] {
            let auth = bearer(token);
            let reply = request(port, "POST", route, &[("Authorization", &auth)], Some(&body));
            assert_eq!(reply.status, 401, "{what}: POST {route}: {}", reply.body);
            assert!(reply.header("www-authenticate").is_some_and(|h| h.contains("invalid_token")), "{route}");
            assert!(reply.body.contains("\"invalid_token\""), "{route}: {}", reply.body);
        }
        let auth = bearer(&read);
        let reply = request(port, "POST", route, &[("Authorization", &auth)], Some(&body));
        assert_eq!(reply.status, 403, "a read token: POST {route}: {}", reply.body);
        assert!(reply.body.contains("\"insufficient_scope\""), "{route}: {}", reply.body);
    }
    // A token cannot make or revoke tokens, even a write token.
    let auth = bearer(&write);
    let reply = request(
        port,
        "POST",
        "/account/tokens",
        &[("Authorization", &auth)],
        Some(&[("name", "child"), ("scope", "write"), ("days", "365")]),
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(reply.body.contains("\"session_required\""), "{}", reply.body);

    // Nothing those requests sent was written; the tokens' making and revoking were audited.
    let store = kizuna_store::Store::open(&url).await.unwrap();
    assert_eq!(store.audit_head().await.unwrap().0, head, "refused requests wrote nothing");
    let rita = store.audit_events(Some("user:rita"), 0, 100).await.unwrap();
    let actions: Vec<&str> = rita.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "api-token.create").count(), 2, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| **a == "api-token.revoke").count(), 1, "{actions:?}");
    let uploaded = store.audit_events(Some(&format!("document:{id}")), 0, 10).await.unwrap();
    assert_eq!(uploaded[0].actor, "rita", "the upload is the token holder's");
    let listed = store.api_tokens("rita").await.unwrap();
    let used = listed.iter().find(|t| t.name == "nightly sync").unwrap();
    assert!(used.last_used_at.is_some(), "its last use is shown");
    store.close().await;
    let verified = kizuna_on(&url, &["audit", "verify"]);
    assert!(String::from_utf8_lossy(&verified).contains("audit chain intact"));
    let _ = std::fs::remove_dir_all(dir);
}
