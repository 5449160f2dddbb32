//! The shipped dataset stored through the command line in SQLite and in PostgreSQL reads back
//! identically: same rows, same order, same values.

use std::path::Path;
use std::process::Command;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::{CommitmentQuery, Store};
use kizuna_web::{AppState, router};
use serde_json::{Value, json};
use sqlx::postgres::PgConnectOptions;
use time::macros::datetime;
use tower::ServiceExt;

fn kizuna(database_url: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the kizuna binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Everything a reader can get out of the store, as JSON.
async fn dump(store: &Store) -> Value {
    let partnerships = store.partnerships().await.unwrap();
    let id = &partnerships[0].id;
    let documents = store.documents(id, true).await.unwrap();
    let mut texts = Vec::new();
    for d in &documents {
        texts.push(json!(store.document(&d.id, true).await.unwrap()));
    }
    let commitments = store
        .commitments(&CommitmentQuery {
            partnership_id: id.clone(),
            include_restricted: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut evidence = Vec::new();
    for c in &commitments {
        evidence.push(json!(store.evidence_for(&c.id, true).await.unwrap()));
    }
    json!({
        "partnerships": partnerships,
        "documents": documents,
        "texts": texts,
        "commitments": commitments,
        "evidence": evidence,
        "areas": store.areas(id, true).await.unwrap(),
    })
}

async fn body(app: &axum::Router, uri: &str) -> Vec<u8> {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    response.into_body().collect().await.unwrap().to_bytes().to_vec()
}

#[tokio::test]
async fn sqlite_and_postgres_hold_the_same_record() {
    let dir = std::env::temp_dir().join(format!("kizuna-backends-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite_url = format!("sqlite://{}/kizuna.db", dir.display());

    let pg_url = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_backends_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&pg_url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {pg_url} is needed for this test: {e}"));
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let separator = if pg_url.contains('?') { '&' } else { '?' };
    let pg_schema_url = format!("{pg_url}{separator}options=-c%20search_path%3D{schema}");

    kizuna(&sqlite_url, &["init"]);
    kizuna(&pg_schema_url, &["init"]);

    let sqlite = Store::open(&sqlite_url).await.unwrap();
    let options: PgConnectOptions = pg_url.parse().unwrap();
    let postgres = Store::open_postgres(options.options([("search_path", schema.as_str())])).await.unwrap();
    let (a, b) = (dump(&sqlite).await, dump(&postgres).await);
    assert!(a["commitments"].as_array().unwrap().len() > 60);
    assert_eq!(a, b);

    // The API over each store answers byte for byte the same.
    let commitments: Vec<String> =
        a["commitments"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    let documents: Vec<String> =
        a["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect();
    let mut uris = vec![
        "/api/v1/partnerships".to_owned(),
        "/api/v1/partnerships/japan-uk".to_owned(),
        "/api/v1/partnerships/japan-uk/commitments?per_page=500".to_owned(),
        "/api/v1/partnerships/japan-uk/commitments?area=telecoms&sort=due&order=desc".to_owned(),
        "/api/v1/partnerships/japan-uk/governance".to_owned(),
        "/api/v1/partnerships/japan-uk/organisations".to_owned(),
    ];
    uris.extend(commitments.iter().map(|id| format!("/api/v1/commitments/{id}")));
    uris.extend(documents.iter().map(|id| format!("/api/v1/documents/{id}")));
    uris.extend(
        ["/api/v1/search?q=Open%20RAN", "/api/v1/search?q=semiconductor%20workshop"].map(String::from),
    );
    let clock = FixedClock(datetime!(2025-06-01 0:00 UTC));
    let search = |store: &Store| {
        let store = store.clone();
        async move { kizuna_web::LiveIndex::build(&store).await.unwrap() }
    };
    let from_sqlite = router(AppState::new(sqlite.clone(), Arc::new(clock), search(&sqlite).await));
    let from_postgres = router(AppState::new(postgres.clone(), Arc::new(clock), search(&postgres).await));
    for uri in &uris {
        let (mut x, mut y) = (body(&from_sqlite, uri).await, body(&from_postgres, uri).await);
        if uri == "/api/v1/partnerships/japan-uk" {
            // Each store was loaded at its own moment: the change log's times differ, nothing else.
            for b in [&mut x, &mut y] {
                let mut v: serde_json::Value = serde_json::from_slice(b).unwrap();
                for c in v["changes"].as_array_mut().unwrap() {
                    c["at"] = serde_json::Value::Null;
                }
                *b = serde_json::to_vec(&v).unwrap();
            }
        }
        assert!(!x.is_empty(), "{uri}");
        if x != y {
            let at = x.iter().zip(&y).position(|(a, b)| a != b).unwrap_or(x.len().min(y.len()));
            let around = |b: &[u8]| {
                String::from_utf8_lossy(&b[at.saturating_sub(120)..(at + 80).min(b.len())]).into_owned()
            };
            panic!(
                "{uri} differs between SQLite and PostgreSQL at byte {at}:\n{}\n{}",
                around(&x),
                around(&y)
            );
        }
    }

    postgres.close().await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

fn kizuna_output(database_url: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .output()
        .expect("the kizuna binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// An export of the shipped record turned into an earlier engine's reading of it: every anchor
/// of the framework moved (so every id changed), a sentence boundary missed every tenth item
/// (two undertakings read as one), and one item's words read from elsewhere.
fn older_reading(export: &Path) {
    let read = |name: &str| -> Vec<Value> {
        serde_json::from_str(&std::fs::read_to_string(export.join(name)).unwrap()).unwrap()
    };
    let mut commitments = read("commitments.json");
    let mut links = read("links.json");
    let framework = {
        let mut counts = std::collections::HashMap::new();
        for c in &commitments {
            *counts.entry(c["document_id"].as_str().unwrap().to_owned()).or_insert(0) += 1;
        }
        counts.into_iter().max_by_key(|(_, n)| *n).unwrap().0
    };
    let mut renamed = std::collections::HashMap::new();
    let mut kept: Vec<Value> = Vec::new();
    let mut n = 0;
    for c in commitments.drain(..) {
        let id = c["id"].as_str().unwrap().to_owned();
        if c["document_id"] != framework.as_str() {
            kept.push(c);
            continue;
        }
        n += 1;
        if n % 10 == 4 && kept.last().is_some_and(|p| p["document_id"] == framework.as_str()) {
            let before = kept.last_mut().unwrap();
            let joined = format!("{} {}", before["text"].as_str().unwrap(), c["text"].as_str().unwrap());
            before["text"] = json!(joined);
            renamed.insert(id, before["id"].as_str().unwrap().to_owned());
            continue;
        }
        let mut c = c;
        let old = format!("{id}-older");
        c["id"] = json!(old);
        c["anchor"] = json!(format!("{} / older", c["anchor"].as_str().unwrap()));
        if n == 6 {
            c["text"] = json!("Annex: the participants' contact points, as listed overleaf.");
        }
        renamed.insert(id, old);
        kept.push(c);
    }
    let mut seen = std::collections::HashSet::new();
    links.retain_mut(|l| {
        if let Some(new) = renamed.get(l["commitment_id"].as_str().unwrap()) {
            l["commitment_id"] = json!(new);
        }
        seen.insert((l["evidence_id"].to_string(), l["commitment_id"].to_string()))
    });
    std::fs::write(export.join("commitments.json"), serde_json::to_vec(&kept).unwrap()).unwrap();
    std::fs::write(export.join("links.json"), serde_json::to_vec(&links).unwrap()).unwrap();
    // The export's description of the files still holds: same columns.
}

/// People's decisions on every commitment (an assessment) and every evidence item (its best
/// link accepted), as the older reading has them; returns how many of each.
async fn decide_everything(store: &Store) -> (usize, usize) {
    let at = "2025-06-01T09:00:00Z";
    let all = store
        .commitments(&CommitmentQuery {
            partnership_id: "japan-uk".into(),
            include_restricted: true,
            ..Default::default()
        })
        .await
        .unwrap();
    for c in &all {
        let assess = kizuna_store::Edit::Assess {
            commitment_id: c.id.clone(),
            side_id: None,
            status: kizuna_core::Status::Ongoing,
            rationale: format!("Read beside the documents: {}", &c.text[..c.text.len().min(20)]),
            made_on: time::macros::date!(2025 - 05 - 30),
            version: c.version,
        };
        store.apply(&assess, "alice", at).await.unwrap();
    }
    let mut decided = 0;
    for l in store.links("japan-uk", true).await.unwrap().iter().filter(|l| l.rank == 0) {
        let version = store.commitment(&l.commitment_id, true).await.unwrap().unwrap().version;
        let accept = kizuna_store::Edit::DecideLink {
            evidence_id: l.evidence_id.clone(),
            commitment_id: l.commitment_id.clone(),
            decision: kizuna_store::Decision::Accepted,
            relation: None,
            rationale: None,
            version,
        };
        store.apply(&accept, "alice", at).await.unwrap();
        decided += 1;
    }
    (all.len(), decided)
}

#[tokio::test]
async fn a_new_reading_of_the_shipped_record_keeps_or_lists_every_decision() {
    let dir = std::env::temp_dir().join(format!("kizuna-reread-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = format!("sqlite://{}/source.db", dir.display());
    kizuna(&source, &["init"]);
    let export = dir.join("export");
    kizuna(&source, &["export", "--format", "json", "--output", export.to_str().unwrap()]);
    older_reading(&export);

    let pg_url = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_reread_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&pg_url).await.unwrap();
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let separator = if pg_url.contains('?') { '&' } else { '?' };
    let pg_schema_url = format!("{pg_url}{separator}options=-c%20search_path%3D{schema}");

    for url in [format!("sqlite://{}/older.db", dir.display()), pg_schema_url] {
        kizuna(&url, &["import", export.to_str().unwrap()]);
        let store = Store::open(&url).await.unwrap();
        let (assessed, linked) = decide_everything(&store).await;
        assert!(assessed > 90 && linked > 60, "{assessed} {linked}");

        let (ok, said) = kizuna_output(&url, &["reanalyze"]);
        assert!(ok, "{said}");
        assert!(said.contains("decisions carried"), "{said}");
        let orphans = store.orphaned_decisions("japan-uk", false).await.unwrap();
        let orphaned = |kind: &str| orphans.iter().filter(|o| o.kind == kind).count();
        let assessments = store.assessments("japan-uk", true).await.unwrap();
        let decisions = store.link_decisions("japan-uk", true).await.unwrap();
        assert_eq!(
            assessments.len() + orphaned("assessment"),
            assessed,
            "every assessment kept or listed ({url})"
        );
        assert_eq!(decisions.len() + orphaned("link_decision"), linked, "every link decision kept or listed");
        assert!(orphaned("assessment") >= 1, "the item whose words are gone is listed");
        assert!(orphans.iter().all(|o| o.commitment_text.is_some()));
        // The decisions kept name commitments of the new reading.
        for a in &assessments {
            assert!(store.commitment(&a.commitment_id, true).await.unwrap().is_some(), "{}", a.commitment_id);
            assert!(!a.commitment_id.ends_with("-older"));
        }
        let (listed, said) = kizuna_output(&url, &["review", "orphans"]);
        assert!(!listed && said.contains("orphaned decisions to resolve"), "{said}");
        let (ok, said) = kizuna_output(&url, &["reanalyze"]);
        assert!(ok && said.contains("nothing changed"), "read the same way twice: {said}");
        let (ok, said) = kizuna_output(&url, &["audit", "verify"]);
        assert!(ok, "{said}");
        store.close().await;
    }
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}
