//! Every page and API route rendered against a real SQLite store holding a small partnership:
//! status codes, content, escaping, errors and cache headers.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use kizuna_core::{FixedClock, Manifest};
use kizuna_store::*;
use kizuna_web::{AppState, router};
use time::macros::datetime;
use tower::ServiceExt;

const MANIFEST: &str = r#"
[partnership]
id = "a-b"
name = "A-B Digital Partnership"
name_ja = "AB デジタルパートナーシップ"

[[side]]
id = "a"
name = "A"

[[organisation]]
id = "old"
side = "a"
name = "Old Ministry"
until = "2023-02"
succeeded_by = "new"

[[organisation]]
id = "new"
side = "a"
name = "New Ministry"

[[body]]
id = "council"
name = "A-B Council"
cadence = "annual"

[[meeting]]
id = "c1"
body = "council"
date = "2021-01-10"

[[meeting]]
id = "c2"
body = "council"
date = "2022-12-01"
"#;

async fn app() -> axum::Router {
    let dir = std::env::temp_dir().join(format!("kizuna-web-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}/k.db", dir.display())).await.unwrap();
    let text = "Plan\n\n1. Both sides will hold a <quantum> workshop in 2022.".to_string();
    let first = DocumentRecord {
        document: doc(0, "d1", "Framework"),
        original: text.clone().into_bytes(),
        normalised: text,
        blocks: vec![
            BlockRow {
                position: 0,
                kind: "heading".into(),
                level: Some(1),
                anchor: "Plan".into(),
                span_start: 0,
                span_end: 4,
            },
            BlockRow {
                position: 1,
                kind: "item".into(),
                level: None,
                anchor: "1".into(),
                span_start: 9,
                span_end: 59,
            },
        ],
        commitments: vec![CommitmentRow {
            id: "c1".into(),
            document_id: "d1".into(),
            position: 0,
            anchor: "1".into(),
            text: "Both sides will hold a <quantum> workshop in 2022.".into(),
            area: "quantum".into(),
            kind: "one-off".into(),
            strength: "firm".into(),
            due: Some("2022".into()),
            due_end: Some("2022-12-31".into()),
            lead_in: None,
            actors: vec!["both".to_string()].into(),
            span_start: 9,
            span_end: 59,
            handling: "public".into(),
            version: 1,
        }],
        evidence: vec![],
        links: vec![],
    };
    let second = DocumentRecord {
        document: doc(1, "d2", "Outcome"),
        original: b"The workshop was held in May 2022.".to_vec(),
        normalised: "The workshop was held in May 2022.".into(),
        blocks: vec![BlockRow {
            position: 0,
            kind: "paragraph".into(),
            level: None,
            anchor: "¶1".into(),
            span_start: 0,
            span_end: 34,
        }],
        commitments: vec![],
        evidence: vec![EvidenceRow {
            id: "e1".into(),
            document_id: "d2".into(),
            position: 0,
            anchor: "¶1".into(),
            text: "The workshop was held in May 2022.".into(),
            date: Some("2022-05".into()),
            concrete: true,
            span_start: 0,
            span_end: 34,
            handling: "public".into(),
            version: 1,
        }],
        links: vec![LinkRow {
            evidence_id: "e1".into(),
            commitment_id: "c1".into(),
            rank: 0,
            score: 0.7,
            relation: "delivered".into(),
        }],
    };
    let record =
        PartnershipRecord { manifest: Manifest::parse(MANIFEST).unwrap(), documents: vec![first, second] };
    store.ingest(&record, datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    let search = Arc::new(kizuna_web::build_index(&store).await.unwrap());
    router(AppState { store, clock: Arc::new(FixedClock(datetime!(2023-06-01 0:00 UTC))), search })
}

fn doc(position: i64, id: &str, title: &str) -> DocumentRow {
    DocumentRow {
        id: id.into(),
        partnership_id: "a-b".into(),
        position,
        path: format!("{id}.md"),
        title: title.into(),
        date: Some(format!("202{}-01-01", position + 1)),
        kind: None,
        language: "en".into(),
        url: None,
        meeting_id: None,
        handling: "public".into(),
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn pages_render_with_status_citations_and_escaping() {
    let app = app().await;
    let (status, headers, _) = get(&app, "/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/p/a-b");

    let (status, _, home) = get(&app, "/p/a-b").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("<h1>A-B Digital Partnership</h1>"));
    assert!(home.contains(r#"href="/p/a-b/areas/quantum""#));
    assert!(home.contains("1 commitments: 1 delivered"), "{home}");

    let (status, _, area) = get(&app, "/p/a-b/areas/quantum").await;
    assert_eq!(status, StatusCode::OK);
    assert!(area.contains(r#"href="/commitments/c1""#));
    assert!(area.contains("&lt;quantum&gt;") || area.contains("&#60;quantum&#62;"), "text is escaped");
    assert!(!area.contains("<quantum>"));

    let (status, _, page) = get(&app, "/commitments/c1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"href="/documents/d1#1""#), "the citation links to the anchor: {page}");
    assert!(page.contains(r#"<span class="tag delivered">Delivered</span>"#));
    assert!(page.contains("The workshop was held in May 2022."));
    assert!(page.contains(r#"href="/documents/d2#1""#));
    assert!(page.contains("<caption>Status over time</caption>"));
    assert!(
        page.contains("<td>2021-01-01</td><td><span class=\"tag no-evidence\">"),
        "made with no evidence: {page}"
    );
    assert!(
        page.contains("<td>2022-05-01</td><td><span class=\"tag delivered\">"),
        "delivered when the workshop was held"
    );
    assert!(home.contains("Latest meeting:"), "{home}");

    let (status, _, document) = get(&app, "/documents/d1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        document.contains(r#"id="1""#)
            && document.contains(r#"<a class="commitment" href="/commitments/c1">"#)
    );

    let (status, _, governance) = get(&app, "/p/a-b/governance").await;
    assert_eq!(status, StatusCode::OK);
    assert!(governance.contains("Cadence broken"), "23 months between meetings: {governance}");
    assert!(governance.contains("690 days after the previous"));
    let (status, _, organisations) = get(&app, "/p/a-b/organisations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        organisations.contains(r##"succeeded by <a href="#org-new">New Ministry</a>"##),
        "{organisations}"
    );

    let (_, headers, _) = get(&app, "/p/a-b").await;
    assert!(headers.contains_key("x-request-id"), "responses carry their request id");

    let (status, headers, css) = get(&app, "/static/kizuna.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert!(css.contains("@media print"));
}

#[tokio::test]
async fn unknown_things_are_404_pages_or_json_errors() {
    let app = app().await;
    for uri in ["/commitments/nope", "/documents/nope", "/p/nope", "/p/a-b/areas/nope", "/nowhere"] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains("<h1>Not found</h1>"), "{uri}: {body}");
    }
    let (status, _, body) = get(&app, "/api/v1/commitments/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"]["code"], "not_found");
    let (status, _, body) = get(&app, "/api/v1/nowhere").await;
    assert_eq!((status, body.contains("not_found")), (StatusCode::NOT_FOUND, true));
}

#[tokio::test]
async fn the_api_gives_the_data_with_etags_and_names_bad_parameters() {
    let app = app().await;
    let (status, headers, body) = get(&app, "/api/v1/partnerships/a-b/commitments?area=quantum").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["commitments"][0]["status"]["status"], "delivered");
    assert_eq!(v["commitments"][0]["status"]["last_progress"], "2022-05-01");
    assert_eq!(v["commitments"][0]["g7_score"], 1);

    let etag = headers[header::ETAG].clone();
    let response = app
        .clone()
        .oneshot(
            Request::get("/api/v1/partnerships/a-b/commitments?area=quantum")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);

    for (uri, named) in [
        ("/api/v1/partnerships/a-b/commitments?limit=abc", "limit"),
        ("/api/v1/partnerships/a-b/commitments?limit=100000", "limit"),
        ("/api/v1/partnerships/a-b/commitments?colour=red", "colour"),
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains(named), "{uri}: {body}");
    }
    let (_, _, body) = get(&app, "/api/v1/commitments/c1").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["evidence"][0]["link"]["relation"], "delivered");
    let (_, _, body) = get(&app, "/api/v1/documents/d2").await;
    assert!(body.contains("The workshop was held"));
}
