//! One status, everywhere: for every commitment of the shipped dataset, every held-out
//! partnerships and the parallel-versions fixture, the JSON API, the progress report and the
//! CSV export give the same status and overdue flag, as of each record's current date.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use common::kizuna_on;
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::Store;
use kizuna_web::{AppState, router};
use serde_json::Value;
use time::OffsetDateTime;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> Value {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    assert!(response.status().is_success(), "{uri}: {}", response.status());
    serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap()
}

/// (status, overdue) per commitment id.
type Statuses = BTreeMap<String, (String, bool)>;

async fn api_statuses(app: &axum::Router, partnership: &str) -> Statuses {
    let mut out = Statuses::new();
    for kind in ["", "&kind=aim", "&kind=context"] {
        let list =
            get(app, &format!("/api/v1/partnerships/{partnership}/commitments?per_page=500{kind}")).await;
        for c in list["commitments"].as_array().unwrap() {
            let s = &c["status"];
            out.insert(
                c["id"].as_str().unwrap().into(),
                (s["status"].as_str().unwrap().into(), s["overdue"].as_bool().unwrap()),
            );
        }
    }
    out
}

fn report_statuses(report: &Value) -> Statuses {
    let mut out = Statuses::new();
    for area in report["report"]["areas"].as_array().unwrap() {
        for c in area["commitments"].as_array().unwrap() {
            out.insert(
                c["id"].as_str().unwrap().into(),
                (c["status"].as_str().unwrap().into(), c["overdue"].as_bool().unwrap()),
            );
        }
    }
    out
}

fn csv_statuses(dir: &Path) -> Statuses {
    let mut reader = csv::Reader::from_path(dir.join("commitments.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}"));
    let (id, status, overdue) = (column("id"), column("status"), column("overdue"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[id].to_owned(), (r[status].to_owned(), &r[overdue] == "true"))
        })
        .collect()
}

#[tokio::test]
async fn api_report_and_export_agree_on_every_status() {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let dir = std::env::temp_dir().join(format!("kizuna-one-status-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/k.db", dir.display());
    kizuna_on(&url, &["init"]);
    let mut datasets = common::held_out_sets();
    datasets.push("crates/kizuna/tests/fixtures/parallel".into());
    for dataset in &datasets {
        kizuna_on(&url, &["ingest", "--dataset", dataset]);
    }
    let store = Store::open(&url).await.unwrap();
    // Evidence a person recorded counts everywhere too: on a commitment with none of its own.
    let evidenced: std::collections::HashSet<String> =
        store.link_facts("japan-uk", false).await.unwrap().into_iter().map(|f| f.commitment_id).collect();
    let idle = store
        .commitments(&kizuna_store::CommitmentQuery {
            partnership_id: "japan-uk".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.kind == "continuing" && !evidenced.contains(&c.id))
        .expect("a continuing commitment with no evidence");
    let recorded = kizuna_store::Edit::RecordEvidence {
        commitment_id: idle.id.clone(),
        text: "A competition policy exchange took place.".into(),
        date: time::macros::date!(2024 - 11 - 05),
        source_url: None,
        relation: kizuna_core::Relation::Progress,
        handling: kizuna_core::Handling::Public,
        version: idle.version,
    };
    store.apply(&recorded, "editor", "2024-11-06T09:00:00Z").await.unwrap();
    let mut compared = 0;
    for partnership in store.partnerships().await.unwrap() {
        let p = partnership.id.as_str();
        let current_to = store
            .documents(p, false)
            .await
            .unwrap()
            .iter()
            .filter_map(|d| kizuna_core::day_of(d.date.as_deref()))
            .max()
            .unwrap();
        // Served on the record's current date, everything is as of that day.
        let at = current_to.midnight().assume_utc();
        let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
        let app = router(AppState::new(store.clone(), Arc::new(FixedClock(at)), search));
        let api = api_statuses(&app, p).await;
        let report = report_statuses(&get(&app, &format!("/api/v1/partnerships/{p}/report")).await);
        let export = dir.join(format!("export-{p}"));
        kizuna_on(
            &url,
            &[
                "export",
                "--partnership",
                p,
                "--format",
                "csv",
                "--output",
                export.to_str().unwrap(),
                "--as-of",
                &current_to.to_string(),
            ],
        );
        let csv = csv_statuses(&export);
        assert!(!api.is_empty(), "{p}");
        if p == "japan-uk" {
            assert_ne!(api[&idle.id].0, "no-evidence", "the recorded evidence counts");
        }
        for (id, status) in &api {
            assert_eq!(csv.get(id), Some(status), "{p} {id}: API and CSV export");
            if let Some(reported) = report.get(id) {
                assert_eq!(reported, status, "{p} {id}: API and report");
            }
        }
        // The report leaves out only aims and context, which bind nobody.
        let listed_apart = api.len() - report.len();
        let report_json = get(&app, &format!("/api/v1/partnerships/{p}/report")).await;
        assert_eq!(report_json["report"]["set_apart"].as_u64().unwrap() as usize, listed_apart, "{p}");
        compared += api.len();
    }
    assert!(compared > 250, "{compared} commitments compared");
}
