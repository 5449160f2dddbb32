//! Parallel versions through the whole product: a framework in English and in Japanese (the
//! manifest says which translates which) and a Japanese outcome. The commitments pair up, a
//! report in one language counts for both versions, each version shows the other, Japanese
//! words find the English commitment, and lists count each commitment once.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::Store;
use kizuna_web::{AppState, LiveIndex, router};
use serde_json::Value;
use time::macros::datetime;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (u16, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn json(app: &axum::Router, uri: &str) -> Value {
    let (status, body) = get(app, uri).await;
    assert_eq!(status, 200, "{uri}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn a_translation_pairs_with_its_original_and_shares_its_evidence() {
    let dir = std::env::temp_dir().join(format!("kizuna-parallel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/k.db", dir.display());
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", &url, "ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let store = Store::open(&url).await.unwrap();
    let search = LiveIndex::build(&store).await.unwrap();
    let clock = Arc::new(FixedClock(datetime!(2024-09-01 0:00 UTC)));
    let app = router(AppState::new(store, clock, search));

    let list = json(&app, "/api/v1/partnerships/parallel/commitments").await;
    let listed = list["commitments"].as_array().unwrap();
    assert_eq!(list["total"], 3, "each commitment once, in the original's words: {list}");
    let workshop = listed.iter().find(|c| c["text"].as_str().unwrap().contains("workshop")).unwrap();
    let id = workshop["id"].as_str().unwrap();
    assert_eq!(
        workshop["status"]["status"], "delivered",
        "the Japanese report counts for the English version"
    );

    let detail = json(&app, &format!("/api/v1/commitments/{id}")).await;
    let versions = detail["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "{detail}");
    assert_eq!(versions[0]["language"], "ja");
    assert!(versions[0]["text"].as_str().unwrap().contains("ワークショップ"));
    assert!(versions[0]["citation"].as_str().unwrap().starts_with("/documents/"));
    assert!(detail["evidence"][0]["text"].as_str().unwrap().contains("開催した"), "{detail}");
    let japanese_id = versions[0]["id"].as_str().unwrap();
    let back = json(&app, &format!("/api/v1/commitments/{japanese_id}")).await;
    assert_eq!(back["versions"][0]["id"], id, "the translation shows its original");

    let (_, page) = get(&app, &format!("/commitments/{id}")).await;
    assert!(
        page.contains(r#"<table class="versions">"#) && page.contains(r#"<td lang="ja">"#),
        "side by side"
    );

    let found = json(&app, "/api/v1/search?q=%E5%8D%8A%E5%B0%8E%E4%BD%93&kind=commitment").await;
    let ids: Vec<&str> =
        found["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&id) && ids.contains(&japanese_id), "半導体 finds both versions: {ids:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
