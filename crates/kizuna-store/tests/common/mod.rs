//! The fixture both test files use: a small partnership, and a store of each backend.
//! PostgreSQL comes from `KIZUNA_TEST_POSTGRES_URL` (default: the local server's `test`
//! database); when it cannot be reached the tests fail rather than skip.
#![allow(dead_code)]

use kizuna_core::Manifest;
use kizuna_store::*;
use sqlx::postgres::PgConnectOptions;

const MANIFEST: &str = r#"
[partnership]
id = "a-b"
name = "A-B Digital Partnership"

[[side]]
id = "a"
name = "A"

[[organisation]]
id = "moa"
side = "a"
name = "Ministry of A"
acronym = "MOA"

[[body]]
id = "council"
name = "A-B Council"
cadence = "annual"

[[meeting]]
id = "council-2024"
body = "council"
date = "2024-03-05"

[[pillar]]
id = "research"
name = "Research"
name_ja = "研究"
areas = ["quantum"]

[[pillar]]
id = "data"
name = "Data"
areas = ["data"]
"#;

pub fn record() -> PartnershipRecord {
    let manifest = Manifest::parse(MANIFEST).unwrap();
    let doc = |n: i64, id: &str| DocumentRow {
        id: id.into(),
        partnership_id: "a-b".into(),
        position: n,
        path: format!("documents/{id}.md"),
        title: format!("Document {n}"),
        date: Some(format!("202{n}-01-01")),
        kind: Some("joint-statement".into()),
        language: "en".into(),
        url: None,
        meeting_id: None,
        handling: "public".into(),
    };
    let commitment = |id: &str, document: &str, handling: &str| CommitmentRow {
        id: id.into(),
        document_id: document.into(),
        position: 0,
        anchor: "1 / a".into(),
        text: "Both sides will hold a workshop in 2022.".into(),
        area: "quantum".into(),
        pillar: None,
        kind: "one-off".into(),
        strength: "firm".into(),
        due: Some("2022".into()),
        due_end: Some("2022-12-31".into()),
        lead_in: Some("Both sides will:".into()),
        actors: vec!["both".to_string(), "MOA".to_string()].into(),
        span_start: 3,
        span_end: 43,
        handling: handling.into(),
        version: 1,
    };
    let first = DocumentRecord {
        document: doc(1, "d1"),
        original: b"# Plan\n\n1. a. Both sides will hold a workshop in 2022.\n".to_vec(),
        normalised: "Plan\n\n1. Both sides will hold a workshop in 2022.".into(),
        blocks: vec![BlockRow {
            position: 0,
            kind: "heading".into(),
            level: Some(1),
            anchor: "Plan".into(),
            span_start: 0,
            span_end: 4,
        }],
        commitments: vec![
            commitment("c1", "d1", "public"),
            CommitmentRow { position: 1, ..commitment("c2", "d1", "restricted") },
        ],
        evidence: vec![],
        links: vec![],
        alignments: vec![],
    };
    let second = DocumentRecord {
        document: doc(2, "d2"),
        original: b"The workshop was held in May 2022.".to_vec(),
        normalised: "The workshop was held in May 2022.".into(),
        blocks: vec![],
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
            score: 0.72,
            relation: "delivered".into(),
        }],
        alignments: vec![],
    };
    PartnershipRecord { manifest, documents: vec![first, second] }
}

pub async fn sqlite() -> Store {
    let dir = std::env::temp_dir().join(format!("kizuna-store-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).unwrap();
    Store::open(&format!("sqlite://{}/kizuna.db", dir.display())).await.expect("SQLite opens")
}

/// A PostgreSQL store in a fresh schema, so tests never see each other's rows.
pub async fn postgres() -> Store {
    let url = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_test_{}_{}", std::process::id(), nanos());
    let admin = sqlx::PgPool::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {url} is needed for the conformance tests: {e}"));
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    admin.close().await;
    let options: PgConnectOptions = url.parse().unwrap();
    Store::open_postgres(options.options([("search_path", schema.as_str())])).await.expect("PostgreSQL opens")
}

/// Drops a test's PostgreSQL schema; closes the pool.
pub async fn finish(store: Store) {
    if let Store::Postgres(pool) = &store {
        let (schema,): (String,) = sqlx::query_as("SELECT current_schema()").fetch_one(pool).await.unwrap();
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(pool).await.unwrap();
    }
    store.close().await;
}

/// A name part no other store of this test run has: the clock alone repeats when two tests
/// start in the same tick (and two SQLite stores then race on one file's migrations).
pub fn nanos() -> u128 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() * 1000
        + u128::from(n % 1000)
}

pub async fn both() -> Vec<Store> {
    vec![sqlite().await, postgres().await]
}
