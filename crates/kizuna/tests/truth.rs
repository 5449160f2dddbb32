//! The truth of the shipped record: each fault found by reading the Japan-UK record beside its
//! five documents, asked of the JSON API as a visitor would on 2 December 2026, nearly two
//! years after the record's latest document.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::Store;
use kizuna_web::{AppState, router};
use serde_json::Value;
use time::macros::datetime;
use tower::ServiceExt;

/// The shipped record, served as of 2 December 2026.
struct Record {
    app: axum::Router,
    /// Every listed commitment (and, asked by kind, the aims and context) by id.
    commitments: HashMap<String, Value>,
}

impl Record {
    async fn load() -> Record {
        let dir = std::env::temp_dir().join(format!("kizuna-truth-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/k.db", dir.display());
        common::kizuna_on(&url, &["init"]);
        let store = Store::open(&url).await.unwrap();
        let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
        let clock = Arc::new(FixedClock(datetime!(2026-12-02 9:00 UTC)));
        let app = router(AppState::new(store, clock, search));
        let mut record = Record { app, commitments: HashMap::new() };
        for query in ["", "&kind=aim", "&kind=context"] {
            let list =
                record.get(&format!("/api/v1/partnerships/japan-uk/commitments?per_page=500{query}")).await;
            for c in list["commitments"].as_array().unwrap() {
                record.commitments.insert(c["id"].as_str().unwrap().to_owned(), c.clone());
            }
        }
        record
    }

    async fn get(&self, uri: &str) -> Value {
        let response =
            self.app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        assert!(response.status().is_success(), "{uri}: {}", response.status());
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap()
    }

    /// The one commitment whose text holds `words`.
    fn find(&self, words: &str) -> &Value {
        let found: Vec<&Value> =
            self.commitments.values().filter(|c| c["text"].as_str().unwrap().contains(words)).collect();
        assert_eq!(found.len(), 1, "{words}: {:?}", found.iter().map(|c| &c["text"]).collect::<Vec<_>>());
        found[0]
    }

    fn status(&self, words: &str) -> (String, bool) {
        let s = &self.find(words)["status"];
        (s["status"].as_str().unwrap().to_owned(), s["overdue"].as_bool().unwrap())
    }

    /// The evidence that counts for the commitment whose text holds `words`: its texts.
    async fn evidence(&self, words: &str) -> Vec<(String, String, String)> {
        let id = self.find(words)["id"].as_str().unwrap().to_owned();
        let v = self.get(&format!("/api/v1/commitments/{id}")).await;
        v["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let field = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                (field("text"), field("relation"), field("date"))
            })
            .collect()
    }
}

#[tokio::test]
async fn the_shipped_record_tells_the_truth() {
    let r = Record::load().await;

    // A summit on AI safety does not deliver cooperation ahead of the UN IGF.
    assert_ne!(r.status("cooperating ahead of the 2023 UN IGF").0, "delivered");

    // The joint bilateral project is not advanced by a semiconductor call or AI safety testing.
    for (text, _, _) in r.evidence("launch a joint bilateral project in early 2024").await {
        assert!(!text.contains("semiconductor") && !text.contains("AI Safety"), "{text}");
    }
    // The Council's establishment is not advanced by the adequacy review or a CNI designation.
    for (text, _, _) in
        r.evidence("establish a new annual Ministerial Group (Japan-UK Digital Council)").await
    {
        assert!(!text.contains("adequacy") && !text.contains("Critical National Infrastructure"), "{text}");
    }
    // The semiconductor workshop is delivered by the roundtable, not by a standards workshop.
    let workshop = "concurred in holding the workshop in the first quarter of 2024";
    assert_eq!(r.status(workshop), ("delivered".into(), false));
    let evidence = r.evidence(workshop).await;
    assert!(evidence.iter().any(|(t, rel, _)| t.contains("Stakeholder Roundtable") && rel == "delivered"));
    assert!(evidence.iter().all(|(t, _, _)| !t.contains("WTSA") && !t.contains("Standardization Assembly")));

    // Documents are not evidence for themselves: every piece of evidence comes from a document
    // later than the commitment's.
    let documents = r.get("/api/v1/partnerships/japan-uk").await;
    let dated: HashMap<&str, &str> = documents["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["date"].as_str().unwrap()))
        .collect();
    for c in r.commitments.values() {
        let id = c["id"].as_str().unwrap();
        let made = dated[c["document_id"].as_str().unwrap()];
        let v = r.get(&format!("/api/v1/commitments/{id}")).await;
        for e in v["evidence"].as_array().unwrap().iter().filter(|e| e["recorded_by"].is_null()) {
            let from = dated[e["document_id"].as_str().unwrap()];
            assert!(from > made, "{id} ({made}) has evidence from {from}: {}", e["text"]);
            // Nor is a sentence about the document itself ("This outcome document outlines…").
            assert!(!e["text"].as_str().unwrap().starts_with("This outcome document"), "{id}: {}", e["text"]);
        }
    }

    // A background clause does not date the report: user-centred design last progressed in 2024.
    let ucd = &r.find("User-centred design and design systems")["status"]["last_progress"];
    assert!(ucd.as_str().is_some_and(|d| d >= "2024-01-16"), "{ucd}");

    // References are not deadlines, and continuing commitments are never overdue.
    assert!(!r.status("the study period commencing 2023").1, "the ITU study period");
    for c in r.commitments.values().filter(|c| c["kind"] != "one-off") {
        assert_eq!(c["status"]["overdue"], false, "{}", c["text"]);
    }

    // Real progress is found: the Hiroshima AI Process outreach (the Friends group joined).
    assert_ne!(r.status("Hiroshima AI Process").0, "no-evidence");
    // Trustworthy AI (framework AI a): the AI Safety Institutes' work counts.
    assert_ne!(r.status("trustworthy, human-centric and responsible").0, "no-evidence");
    let japan_g7 = r.status("through Japan's G7 Presidency in 2023");
    assert!(!japan_g7.1, "framework 12a is not overdue");

    // Aims, quotes, one side's plans and the document itself bind nobody.
    for words in [
        "I look forward to deepening our relationship",
        "AI Opportunity Action Plan",
        "This Partnership will provide a general framework",
    ] {
        let kind = r.find(words)["kind"].as_str().unwrap();
        assert!(kind == "aim" || kind == "context", "{words}: {kind}");
    }

    // Japanese words find the English record: 半導体 puts the semiconductor commitments first.
    let found = r.get("/api/v1/search?q=%E5%8D%8A%E5%B0%8E%E4%BD%93").await;
    let first = &found["results"][0];
    assert_eq!(
        (first["kind"].as_str(), first["area"].as_str()),
        (Some("commitment"), Some("semiconductors")),
        "{found}"
    );

    // The clock does not decide: the record ends in January 2025, the page says so, and its
    // commitments keep the statuses the last report gave them.
    let home = r.get("/api/v1/partnerships/japan-uk").await;
    assert_eq!(home["currency"]["current_to"], "2025-01-22");
    assert_eq!(home["currency"]["silent"], true, "no reports for 22 months");
    let totals = &home["totals"];
    assert!(
        totals["in_progress_or_ongoing"].as_u64() > totals["stalled"].as_u64(),
        "active work is not stalled by the calendar: {totals}"
    );
    // Status history has no invented rows: none dated after the record's latest document.
    for c in r.commitments.values().take(20) {
        let v = r.get(&format!("/api/v1/commitments/{}", c["id"].as_str().unwrap())).await;
        for h in v["history"].as_array().unwrap() {
            assert!(h["from"].as_str().unwrap() <= "2025-01-22", "{}: {h}", c["text"]);
        }
    }
}
