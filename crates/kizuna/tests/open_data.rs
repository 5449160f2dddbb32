//! Open data from the shipped Japan-UK record: an export imported into an empty store gives the
//! same API answers byte for byte; bad exports and folders are refused by name without writing;
//! the Atom and iCalendar feeds parse with the right entries; restricted records appear in none
//! of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::{CommitmentQuery, Store};
use kizuna_web::{AppState, router};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;
use tower::ServiceExt;

fn kizuna(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the kizuna binary runs")
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let dir = std::env::temp_dir().join(format!("kizuna-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn app(store: &Store) -> axum::Router {
    router(AppState::new(
        store.clone(),
        Arc::new(FixedClock(datetime!(2025-06-01 0:00 UTC))),
        kizuna_web::LiveIndex::build(store).await.unwrap(),
    ))
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Vec<u8>) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    (status, response.into_body().collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn an_export_imported_into_an_empty_store_answers_the_api_identically() {
    let dir = temp_dir("round-trip");
    let original_url = format!("sqlite://{}/original.db", dir.display());
    let copy_url = format!("sqlite://{}/copy.db", dir.display());
    ok(kizuna(&original_url, &["init"]));
    let export = dir.join("export");
    ok(kizuna(&original_url, &["export", "--format", "csv", "--output", export.to_str().unwrap()]));
    for format in ["json", "xlsx"] {
        let other = dir.join(format);
        ok(kizuna(&original_url, &["export", "--format", format, "--output", other.to_str().unwrap()]));
        assert!(other.join("datapackage.json").is_file(), "{format}");
    }
    assert!(dir.join("xlsx/kizuna.xlsx").is_file());
    let package: Value =
        serde_json::from_slice(&std::fs::read(export.join("datapackage.json")).unwrap()).unwrap();
    let names: Vec<&str> =
        package["resources"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    for table in ["commitments", "evidence", "links", "assessments", "meetings", "organisations"] {
        assert!(names.contains(&table), "{table} is exported");
    }
    let commitments_csv = std::fs::read_to_string(export.join("commitments.csv")).unwrap();
    let header = commitments_csv.lines().next().unwrap();
    assert!(header.contains("ogp_completion") && header.contains("g7_score"), "{header}");

    ok(kizuna(&copy_url, &["import", export.to_str().unwrap()]));
    let (original, copy) = (Store::open(&original_url).await.unwrap(), Store::open(&copy_url).await.unwrap());
    let (a, b) = (app(&original).await, app(&copy).await);
    let query = CommitmentQuery { partnership_id: "japan-uk".into(), ..Default::default() };
    let mut uris = vec![
        "/api/v1/partnerships".to_owned(),
        "/api/v1/partnerships/japan-uk".to_owned(),
        "/api/v1/partnerships/japan-uk/commitments?per_page=500".to_owned(),
        "/api/v1/partnerships/japan-uk/governance".to_owned(),
        "/api/v1/partnerships/japan-uk/organisations".to_owned(),
        "/api/v1/partnerships/japan-uk/report?as_of=2025-01-22".to_owned(),
        "/api/v1/search?q=semiconductor%20workshop".to_owned(),
        "/p/japan-uk/feed.atom".to_owned(),
        "/p/japan-uk/meetings.ics".to_owned(),
    ];
    let commitments = original.commitments(&query).await.unwrap();
    assert!(commitments.len() > 60);
    uris.extend(commitments.iter().map(|c| format!("/api/v1/commitments/{}", c.id)));
    for d in original.documents("japan-uk", false).await.unwrap() {
        uris.push(format!("/api/v1/documents/{}", d.id));
        assert_eq!(
            original.document_original(&d.id, false).await.unwrap(),
            copy.document_original(&d.id, false).await.unwrap(),
            "{} keeps its original bytes",
            d.path
        );
    }
    for uri in &uris {
        let ((sa, mut x), (sb, mut y)) = (get(&a, uri).await, get(&b, uri).await);
        assert_eq!((sa, sb), (StatusCode::OK, StatusCode::OK), "{uri}");
        if uri == "/api/v1/partnerships/japan-uk" {
            // Each store was loaded at its own moment: the change log's times differ, nothing else.
            for body in [&mut x, &mut y] {
                let mut v: Value = serde_json::from_slice(body).unwrap();
                for c in v["changes"].as_array_mut().unwrap() {
                    c["at"] = Value::Null;
                }
                *body = serde_json::to_vec(&v).unwrap();
            }
        }
        if x != y {
            let at = x.iter().zip(&y).position(|(a, b)| a != b).unwrap_or(x.len().min(y.len()));
            let around = |b: &[u8]| {
                String::from_utf8_lossy(&b[at.saturating_sub(200)..(at + 120).min(b.len())]).into_owned()
            };
            panic!("{uri} differs after the round trip at byte {at}:\n{}\n{}", around(&x), around(&y));
        }
    }

    // Refused by name, with nothing written: a folder that is not empty, a garbled export.
    let out = kizuna(&original_url, &["export", "--output", export.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    std::fs::write(
        export.join("links.csv"),
        "evidence_id,commitment_id,rank,score,relation\nx,y,first,1,progress\n",
    )
    .unwrap();
    let fresh_url = format!("sqlite://{}/fresh.db", dir.display());
    let out = kizuna(&fresh_url, &["import", export.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("links.csv") && err.contains("`first`"), "{err}");
    std::fs::remove_file(export.join("evidence.csv")).unwrap();
    let err = String::from_utf8_lossy(&kizuna(&fresh_url, &["import", export.to_str().unwrap()]).stderr)
        .into_owned();
    assert!(err.contains("evidence.csv"), "{err}");
    if Path::new(&format!("{}/fresh.db", dir.display())).exists() {
        let fresh = Store::open(&fresh_url).await.unwrap();
        assert!(fresh.partnerships().await.unwrap().is_empty(), "nothing half-written");
    }
    let err =
        String::from_utf8_lossy(&kizuna(&original_url, &["report", "--meeting", "council-1999"]).stderr)
            .into_owned();
    assert!(err.contains("`council-1999`"), "{err}");
    let err = String::from_utf8_lossy(&kizuna(&original_url, &["report", "--as-of", "2025-02-30"]).stderr)
        .into_owned();
    assert!(err.contains("2025-02-30"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn feeds_parse_with_the_right_entries_and_restricted_records_appear_nowhere() {
    let dir = temp_dir("feeds");
    let url = format!("sqlite://{}/k.db", dir.display());
    ok(kizuna(&url, &["init"]));
    let store = Store::open(&url).await.unwrap();
    let app = app(&store).await;
    let documents = store.documents("japan-uk", false).await.unwrap();
    let evidence = store.evidence("japan-uk", false).await.unwrap();
    let links = store.links("japan-uk", false).await.unwrap();

    let (status, atom) = get(&app, "/p/japan-uk/feed.atom").await;
    assert_eq!(status, StatusCode::OK);
    let atom = String::from_utf8(atom).unwrap();
    let ids = entry_ids(&atom);
    for d in &documents {
        assert!(ids.contains(&format!("urn:kizuna:japan-uk:document:{}", d.id)), "{}", d.path);
    }
    for e in evidence.iter().filter(|e| links.iter().any(|l| l.evidence_id == e.id)) {
        assert!(ids.contains(&format!("urn:kizuna:japan-uk:evidence:{}", e.id)), "{}", e.text);
    }
    assert!(ids.iter().any(|id| id.contains(":status:")), "status changes are announced");

    let (status, telecoms) = get(&app, "/ja/p/japan-uk/areas/telecoms/feed.atom").await;
    assert_eq!(status, StatusCode::OK);
    let telecoms = String::from_utf8(telecoms).unwrap();
    let area_ids = entry_ids(&telecoms);
    assert!(!area_ids.is_empty() && area_ids.len() < ids.len(), "an area's feed is a part of the whole");
    assert!(telecoms.contains("xml:lang=\"ja\""));
    assert_eq!(get(&app, "/p/japan-uk/areas/nope/feed.atom").await.0, StatusCode::NOT_FOUND);

    let (status, ics) = get(&app, "/p/japan-uk/meetings.ics").await;
    assert_eq!(status, StatusCode::OK);
    let calendar: icalendar::Calendar =
        String::from_utf8(ics).unwrap().parse().expect("a real parser reads it");
    let events =
        calendar.components.iter().filter(|c| matches!(c, icalendar::CalendarComponent::Event(_))).count();
    let dated = store.meetings("japan-uk").await.unwrap().iter().filter(|m| m.date.is_some()).count();
    assert_eq!(events, dated);

    // The report page, printable, in both languages; bad parameters named.
    let (status, page) = get(&app, "/p/japan-uk/report?as_of=2025-01-22").await;
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Progress report") && page.contains("<svg") && page.contains("class=\"report\""));
    let (status, page) = get(&app, "/ja/p/japan-uk/report?meeting=digital-council-2024").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(page).unwrap().contains("進捗報告書"));
    let (status, body) = get(&app, "/api/v1/partnerships/japan-uk/report?as_of=2025-13-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body).unwrap().contains("2025-13-01"));
    assert_eq!(get(&app, "/p/japan-uk/report?meeting=nope").await.0, StatusCode::NOT_FOUND);

    // The January 2025 statement made restricted: it leaves the feeds, reports and exports.
    let restricted = documents.iter().find(|d| d.date.as_deref() == Some("2025-01-22")).unwrap();
    let Store::Sqlite(pool) = &store else { unreachable!() };
    sqlx::query("UPDATE documents SET handling = 'restricted' WHERE id = $1")
        .bind(&restricted.id)
        .execute(pool)
        .await
        .unwrap();
    let hidden: Vec<String> = store
        .commitments(&CommitmentQuery {
            partnership_id: "japan-uk".into(),
            include_restricted: true,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.document_id == restricted.id)
        .map(|c| c.id)
        .chain(evidence.iter().filter(|e| e.document_id == restricted.id).map(|e| e.id.clone()))
        .collect();
    assert!(!hidden.is_empty());
    let app = self::app(&store).await;
    let (_, atom) = get(&app, "/p/japan-uk/feed.atom").await;
    let (_, report) = get(&app, "/p/japan-uk/report?as_of=2025-06-01").await;
    let (_, api) = get(&app, "/api/v1/partnerships/japan-uk/report?as_of=2025-06-01").await;
    let export = dir.join("export");
    ok(kizuna(&url, &["export", "--format", "json", "--output", export.to_str().unwrap()]));
    let md = ok(kizuna(&url, &["report", "--as-of", "2025-06-01", "--format", "md"]));
    let mut exported = String::new();
    for table in ["documents", "commitments", "evidence", "links"] {
        exported.push_str(&std::fs::read_to_string(export.join(format!("{table}.json"))).unwrap());
    }
    for (name, text) in [
        ("feed", String::from_utf8(atom).unwrap()),
        ("report page", String::from_utf8(report).unwrap()),
        ("report API", String::from_utf8(api).unwrap()),
        ("export", exported),
        ("Markdown report", md),
    ] {
        assert!(!text.contains(&restricted.id), "the restricted document is in the {name}");
        for id in &hidden {
            assert!(!text.contains(id.as_str()), "restricted {id} is in the {name}");
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn entry_ids(atom: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(atom).expect("the feed is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2005/Atom", "feed")));
    root.children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            for required in ["id", "title", "updated"] {
                assert!(e.children().any(|c| c.has_tag_name(required)), "an entry without {required}");
            }
            e.children().find(|c| c.has_tag_name("id")).and_then(|c| c.text()).unwrap().to_owned()
        })
        .collect()
}
