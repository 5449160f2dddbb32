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
name_ja = "AB評議会"
cadence = "annual"

[[meeting]]
id = "c1"
body = "council"
date = "2021-01-10"

[[meeting]]
id = "c2"
body = "council"
date = "2022-12-01"
title = "Second A-B Council"
title_ja = "第2回AB評議会"

[[body]]
id = "dialogue"
name = "A-B Cyber Dialogue"
kind = "dialogue"

[[meeting]]
id = "d3"
body = "dialogue"
date = "2022-06-01"
title = "Third A-B Cyber Dialogue"

[[pillar]]
id = "research"
name = "Research and innovation"
name_ja = "研究・イノベーション"
areas = ["quantum"]
"#;

async fn store() -> Store {
    let dir = std::env::temp_dir().join(format!("kizuna-web-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).unwrap();
    Store::open(&format!("sqlite://{}/k.db", dir.display())).await.unwrap()
}

async fn app() -> axum::Router {
    let store = store().await;
    store.ingest(&record(), datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
    router(AppState::new(store, Arc::new(FixedClock(datetime!(2023-06-01 0:00 UTC))), search))
}

/// A partnership of two documents: a plan with three commitments and an outcome reporting on one.
fn record() -> PartnershipRecord {
    let text = "Plan\n\n1. Both sides will hold a <quantum> workshop in 2022.\n\n2. Both sides will share quantum research.\n\n3. The sides will explore AI safety.".to_string();
    let whole = text.clone();
    let span = move |needle: &str| {
        let start = whole.find(needle).unwrap() as i64;
        (start, start + needle.len() as i64)
    };
    let commitment =
        |id: &str, position: i64, anchor: &str, sentence: &str, area: &str, due: Option<&str>| {
            let (span_start, span_end) = span(sentence);
            CommitmentRow {
                id: id.into(),
                document_id: "d1".into(),
                position,
                anchor: anchor.into(),
                text: sentence.into(),
                area: area.into(),
                pillar: None,
                kind: if due.is_some() { "one-off" } else { "continuing" }.into(),
                strength: "firm".into(),
                due: due.map(Into::into),
                due_end: due.map(|d| format!("{d}-12-31")),
                lead_in: None,
                actors: vec!["both".to_string()].into(),
                span_start,
                span_end,
                handling: "public".into(),
                version: 1,
            }
        };
    let block = |position: i64, anchor: &str, sentence: &str| {
        let (span_start, span_end) = span(sentence);
        BlockRow { position, kind: "item".into(), level: None, anchor: anchor.into(), span_start, span_end }
    };
    let (one, two, three) = (
        "Both sides will hold a <quantum> workshop in 2022.",
        "Both sides will share quantum research.",
        "The sides will explore AI safety.",
    );
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
            block(1, "1", one),
            block(2, "2", two),
            block(3, "3", three),
        ],
        commitments: vec![
            commitment("c1", 0, "1", one, "quantum", Some("2022")),
            commitment("c2", 1, "2", two, "quantum", None),
            commitment("c3", 2, "3", three, "ai", None),
        ],
        evidence: vec![],
        links: vec![],
        alignments: vec![],
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
        alignments: vec![],
    };
    PartnershipRecord { manifest: Manifest::parse(MANIFEST).unwrap(), documents: vec![first, second] }
}

#[tokio::test]
async fn the_search_index_follows_the_record() {
    let store = store().await;
    let mut plan_only = record();
    let outcome = plan_only.documents.pop().unwrap();
    store.ingest(&plan_only, datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    let live = kizuna_web::LiveIndex::build(&store).await.unwrap();
    let find = |live: &kizuna_web::LiveIndex| {
        let q = kizuna_search::SearchQuery { text: "held".into(), limit: 5, ..Default::default() };
        live.current().search(&q).unwrap().total
    };
    assert_eq!(find(&live), 0);
    assert!(!live.refresh(&store).await.unwrap(), "nothing changed");
    plan_only.documents.push(outcome);
    store.ingest(&plan_only, datetime!(2023-02-01 0:00 UTC)).await.unwrap();
    assert!(live.refresh(&store).await.unwrap(), "a document was added");
    assert!(find(&live) > 0, "the new document is searchable");
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

/// Unique within the run: the clock alone repeats when two tests start in the same tick.
fn nanos() -> u128 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() * 1000
        + u128::from(n % 1000)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The report the page shows is also a Word document and a Markdown file, for the same day.
#[tokio::test]
async fn the_report_downloads_as_word_and_markdown() {
    let app = app().await;
    let (_, _, page) = get(&app, "/p/a-b/report?as_of=2023-06-01").await;
    assert!(page.contains("/p/a-b/report.docx?as_of=2023-06-01"), "{page}");
    assert!(page.contains("/p/a-b/report.md?as_of=2023-06-01"), "{page}");
    let request = Request::get("/p/a-b/report.docx?as_of=2023-06-01").body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
    assert!(disposition.contains("a-b-report-2023-06-01.docx"), "{disposition}");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip");
    let (status, headers, markdown) = get(&app, "/p/a-b/report.md?as_of=2023-06-01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/markdown"));
    assert!(markdown.contains("A-B Digital Partnership"), "{markdown}");
    let (status, _, refusal) = get(&app, "/p/a-b/report.md?as_of=someday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refusal}");
}

/// Areas sit under the framework's pillars on the home page, the commitment page, the API and
/// the report, in both languages; an area under no pillar is shown apart.
#[tokio::test]
async fn areas_are_grouped_under_the_frameworks_pillars() {
    let app = app().await;
    let (_, _, home) = get(&app, "/p/a-b").await;
    let research = home
        .find(r#"/p/a-b/commitments?pillar=research">Research and innovation</a><span class="bar""#)
        .expect(&home);
    let quantum = home.find(r#"href="/p/a-b/areas/quantum""#).unwrap();
    let apart = home.find(r#"<th scope="rowgroup">Under no pillar<span class="bar""#).expect(&home);
    let ai = home.find(r#"href="/p/a-b/areas/ai""#).unwrap();
    assert!(research < quantum && quantum < apart && apart < ai, "{home}");
    // Each pillar and area carries a compact bar of its statuses, named for screen readers.
    assert!(
        home.contains(r#"<span class="bar" role="img" aria-label="Delivered 1, No evidence 1">"#),
        "{home}"
    );
    assert!(home.contains(r#"<span class="delivered" style="width: 50%"></span>"#), "{home}");
    let (_, _, ja) = get(&app, "/ja/p/a-b").await;
    assert!(ja.contains(r#">研究・イノベーション</a><span class="bar""#), "{ja}");
    let (_, _, listed) = get(&app, "/api/v1/partnerships/a-b/commitments?pillar=research").await;
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["total"], 2, "the quantum commitments");
    // Organisations link to the commitments they take part in.
    let (_, _, orgs) = get(&app, "/p/a-b/organisations").await;
    assert!(orgs.contains(r#"href="/p/a-b/commitments?actor=New+Ministry""#), "{orgs}");
    let total = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap()["total"].clone();
    assert_eq!(total(get(&app, "/api/v1/partnerships/a-b/commitments?actor=BOTH").await.2), 3);
    assert_eq!(total(get(&app, "/api/v1/partnerships/a-b/commitments?actor=New+Ministry").await.2), 0);
    let (_, _, page) = get(&app, "/p/a-b/commitments?pillar=research").await;
    assert!(page.contains(r#"<option value="research" selected>Research and innovation</option>"#), "{page}");

    let (_, _, page) = get(&app, "/commitments/c1").await;
    assert!(page.contains("<dt>Pillar</dt><dd>Research and innovation</dd>"), "{page}");
    let (_, _, page) = get(&app, "/commitments/c3").await;
    assert!(!page.contains("<dt>Pillar</dt>"), "AI is under no pillar: {page}");

    let (_, _, api) = get(&app, "/api/v1/partnerships/a-b").await;
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    assert_eq!(api["pillars"][0]["pillar"]["id"], "research");
    assert_eq!(api["pillars"][0]["totals"]["total"], 2);
    assert_eq!(api["pillars"][1]["pillar"], serde_json::Value::Null);

    let (_, _, report) = get(&app, "/p/a-b/report?as_of=2023-06-01").await;
    let pillar = report.find(r#"<h3 class="pillar">Research and innovation (2)</h3>"#).expect(&report);
    let area = report.find(r#"<h4 id="area-quantum">"#).expect(&report);
    assert!(pillar < area, "{report}");
    let (_, _, markdown) = get(&app, "/p/a-b/report.md?as_of=2023-06-01").await;
    assert!(
        markdown.contains("\n### Research and innovation (2)\n") && markdown.contains("\n#### "),
        "{markdown}"
    );
    // Nobody has reviewed anything here: every status is marked the engine's reading, in the
    // briefing's table and again in the annex.
    assert_eq!(report.matches(r#"<span class="tag machine">machine reading</span>"#).count(), 6, "{report}");
    assert!(report.contains("<p>Reviewed by a person (the others: machine reading): 0</p>"), "{report}");
    let (_, _, csv) = get(&app, "/p/a-b/open-data/commitments.csv").await;
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header.last(), Some(&"reviewed"), "{csv}");
    assert!(csv.lines().skip(1).all(|row| row.ends_with(",false")), "{csv}");
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
    assert!(home.contains("— 3 commitments</caption>"), "{home}");
    assert!(
        home.contains(r#"<a href="/p/a-b/commitments?status=delivered">Delivered</a></th><td>1</td>"#),
        "{home}"
    );
    assert!(home.contains("Latest meeting:"), "{home}");

    let (status, _, area) = get(&app, "/p/a-b/areas/quantum").await;
    assert_eq!(status, StatusCode::OK);
    assert!(area.contains(r#"href="/commitments/c1""#) && area.contains(r#"href="/commitments/c2""#));
    assert!(!area.contains(r#"href="/commitments/c3""#), "another area's commitment");
    assert!(area.contains("&lt;quantum&gt;") || area.contains("&#60;quantum&#62;"), "text is escaped");
    assert!(!area.contains("<quantum>"));
    assert!(area.contains("The workshop was held in May 2022."), "latest evidence is shown");

    let (status, _, page) = get(&app, "/commitments/c1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"href="/documents/d1#1""#), "the citation links to the anchor: {page}");
    assert!(page.contains(r#"<span class="tag delivered">Delivered</span>"#));
    assert!(page.contains("The workshop was held in May 2022."));
    assert!(page.contains(r#"href="/documents/d2#1""#));
    assert!(page.contains("<caption>Status over time</caption>"));
    assert!(
        page.contains("<td>1 January 2021</td><td><span class=\"tag no-evidence\">"),
        "made with no evidence: {page}"
    );
    assert!(
        page.contains("<td>1 May 2022</td><td><span class=\"tag delivered\">"),
        "delivered when the workshop was held"
    );
    let related = &page[page.find("Related commitments").expect("a related section")..];
    assert!(related.contains(r#"href="/commitments/c2""#), "shares its words: {related}");
    assert!(!related.contains(r#"href="/commitments/c1""#), "not itself");

    // A document lives at a readable address (its file name); its id address leads there, in
    // the page's language, and a citation's #fragment stays with the browser.
    let (status, headers, _) = get(&app, "/documents/d1").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers[header::LOCATION], "/p/a-b/documents/d1");
    let (_, headers, _) = get(&app, "/ja/documents/d1").await;
    assert_eq!(headers[header::LOCATION], "/ja/p/a-b/documents/d1");
    let (status, _, _) = get(&app, "/p/a-b/documents/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, document) = get(&app, "/p/a-b/documents/d1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        document.contains(r#"id="1""#)
            && document.contains(r#"<a class="commitment" href="/commitments/c1">"#)
    );
    let (_, _, outcome) = get(&app, "/p/a-b/documents/d2").await;
    assert!(
        outcome
            .contains(r#"<a class="evidence" href="/commitments/c1">The workshop was held in May 2022.</a>"#),
        "evidence is marked and leads to its commitment: {outcome}"
    );

    let (status, _, governance) = get(&app, "/p/a-b/governance").await;
    assert_eq!(status, StatusCode::OK);
    assert!(governance.contains("Cadence broken"), "23 months between meetings: {governance}");
    assert!(governance.contains("690 days after the previous"));
    // A body whose first recorded meeting is its third: the page says two are not in the record.
    assert!(
        governance.contains("The record holds no document of the first 2 meetings of this body."),
        "{governance}"
    );
    assert_eq!(
        governance.matches("The record holds no document").count(),
        1,
        "the Council's first is recorded"
    );
    // Japanese pages name meetings and bodies in Japanese where the manifest does.
    let (_, _, governance_ja) = get(&app, "/ja/p/a-b/governance").await;
    assert!(
        governance_ja.contains("<td>第2回AB評議会") && governance_ja.contains("<td>AB評議会"),
        "{governance_ja}"
    );
    assert!(!governance_ja.contains("Second A-B Council"), "{governance_ja}");
    let (_, _, report_ja) = get(&app, "/ja/p/a-b/report?meeting=c2").await;
    assert!(report_ja.contains("第2回AB評議会 (2022年12月1日)"), "{report_ja}");
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
async fn every_page_speaks_japanese_under_ja() {
    let app = app().await;
    let (_, _, english) = get(&app, "/p/a-b").await;
    assert!(
        english.contains(r#"<a href="/ja/p/a-b" lang="ja" hreflang="ja">日本語</a>"#),
        "a language switch"
    );

    let (status, _, home) = get(&app, "/ja/p/a-b").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(r#"<html lang="ja">"#));
    assert!(home.contains("<h1>AB デジタルパートナーシップ</h1>"), "{home}");
    assert!(home.contains("3件のコミットメント"));
    assert!(home.contains(r#"<a href="/ja/p/a-b/commitments?status=delivered">実施済み</a>"#), "{home}");
    assert!(home.contains(r#"<a href="/p/a-b" lang="en" hreflang="en">English</a>"#));

    let (_, _, page) = get(&app, "/ja/commitments/c1").await;
    assert!(page.contains("<td>2021年1月1日</td>"), "Japanese dates: {page}");
    assert!(page.contains("<h2>現在の状況</h2>"));
    assert!(page.contains(r#"href="/ja/documents/d1#1""#), "links stay in Japanese");
    assert!(page.contains(r#"<blockquote class="commitment">"#), "the record's text is shown as written");

    for uri in [
        "/ja/p/a-b/areas/quantum",
        "/ja/p/a-b/commitments",
        "/ja/p/a-b/documents/d1",
        "/ja/p/a-b/governance",
        "/ja/p/a-b/organisations",
        "/ja/search?q=workshop",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains(r#"<html lang="ja">"#) && body.contains("本文へ移動"), "{uri}");
    }
    let (status, _, missing) = get(&app, "/ja/commitments/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("<h1>ページが見つかりません</h1>"), "{missing}");

    let response = app
        .clone()
        .oneshot(
            Request::get("/").header(header::ACCEPT_LANGUAGE, "ja,en;q=0.5").body(Body::empty()).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.headers()[header::LOCATION], "/ja/p/a-b", "a Japanese browser starts in Japanese");
}

#[tokio::test]
async fn lists_filter_sort_and_page_by_query_string() {
    let app = app().await;
    let order = |body: &str| -> Vec<String> {
        body.match_indices(r#"<a href="/commitments/"#)
            .map(|(i, _)| body[i + 22..].split('"').next().unwrap().to_owned())
            .collect()
    };
    let (_, _, all) = get(&app, "/p/a-b/commitments").await;
    assert_eq!(order(&all), ["c1", "c2", "c3"], "document order");
    let (_, _, by_status) = get(&app, "/p/a-b/commitments?sort=status").await;
    assert_eq!(order(&by_status), ["c1", "c2", "c3"], "delivered before no evidence");
    let (_, _, reversed) = get(&app, "/p/a-b/commitments?sort=status&order=desc").await;
    assert_eq!(order(&reversed), ["c3", "c2", "c1"]);
    let (_, _, delivered) = get(&app, "/p/a-b/commitments?status=delivered").await;
    assert_eq!(order(&delivered), ["c1"]);
    let (_, _, words) = get(&app, "/p/a-b/commitments?q=AI+safety").await;
    assert_eq!(order(&words), ["c3"]);
    let (_, _, first) = get(&app, "/p/a-b/commitments?per_page=2").await;
    assert_eq!(order(&first), ["c1", "c2"]);
    assert!(first.contains(r#"<a rel="next" href="/p/a-b/commitments?per_page=2&#38;page=2">"#), "{first}");
    let (_, _, second) = get(&app, "/p/a-b/commitments?per_page=2&page=2").await;
    assert_eq!(order(&second), ["c3"]);
    assert!(second.contains(r#"rel="prev""#));

    for (uri, named) in [
        ("/p/a-b/commitments?sort=colour", "`sort`"),
        ("/p/a-b/commitments?page=0", "`page`"),
        ("/p/a-b/commitments?status=finished", "`status`"),
        ("/p/a-b/commitments?colour=red", "`colour`"),
        ("/search?q=x&from=someday", "`from`"),
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains(named), "{uri}: {body}");
    }
}

#[tokio::test]
async fn search_filters_by_kind_status_and_date() {
    let app = app().await;
    let ids = |body: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
    };
    let (_, _, body) = get(&app, "/api/v1/search?q=workshop&kind=commitment").await;
    assert_eq!(ids(&body), ["c1"]);
    // One hit per sentence: the outcome's one-sentence paragraph is found as its evidence, not
    // a second time as a passage.
    let (_, _, body) = get(&app, "/api/v1/search?q=held+May").await;
    assert_eq!(ids(&body), ["e1"], "{body}");
    let (_, _, body) = get(&app, "/api/v1/search?q=quantum&status=no-evidence").await;
    assert_eq!(ids(&body), ["c2"], "only commitments with that status");
    let (_, _, body) = get(&app, "/api/v1/search?q=workshop&kind=evidence&from=2022-01-01").await;
    assert_eq!(ids(&body), ["e1"], "dated May 2022");
    let (_, _, body) = get(&app, "/api/v1/search?q=workshop&kind=evidence&to=2021-12-31").await;
    assert!(ids(&body).is_empty());
    let (_, _, page) = get(&app, "/search?q=workshop").await;
    assert!(page.contains("<mark>workshop</mark>"), "{page}");
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
    assert_eq!(v["total"], 2);
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
        ("/api/v1/partnerships/a-b/commitments?per_page=abc", "per_page"),
        ("/api/v1/partnerships/a-b/commitments?per_page=100000", "per_page"),
        ("/api/v1/partnerships/a-b/commitments?colour=red", "colour"),
        ("/api/v1/search?q=", "`q`"),
        (&format!("/api/v1/search?q={}", "x".repeat(300)), "`q`"),
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["error"]["code"], "bad_request");
        assert!(v["error"]["message"].as_str().unwrap().contains(named), "{uri}: {body}");
    }
    let (_, _, body) = get(&app, "/api/v1/commitments/c1").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["evidence"][0]["relation"], "delivered");
    assert_eq!(v["citation"], "/documents/d1#1");
    assert_eq!(v["related"][0]["id"], "c2");
    let (_, _, body) = get(&app, "/api/v1/documents/d2").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["text"].as_str().unwrap().contains("The workshop was held"));
    assert_eq!(v["marks"][0]["kind"], "evidence");
    for uri in [
        "/api/v1/partnerships/a-b",
        "/api/v1/partnerships/a-b/governance",
        "/api/v1/partnerships/a-b/organisations",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["partnership"]["id"], "a-b", "{uri}");
    }
}

/// The OpenAPI document is generated from the code; the committed copy shows reviewers what a
/// change does to the API. `KIZUNA_UPDATE_SNAPSHOTS=1 cargo test` rewrites it.
#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = app().await;
    let (status, _, body) = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/partnerships",
        "/api/v1/partnerships/{partnership}",
        "/api/v1/partnerships/{partnership}/commitments",
        "/api/v1/partnerships/{partnership}/governance",
        "/api/v1/partnerships/{partnership}/organisations",
        "/api/v1/commitments/{id}",
        "/api/v1/documents/{id}",
        "/api/v1/search",
    ] {
        assert!(v["paths"][path]["get"].is_object(), "{path} is described");
    }
    assert!(v["components"]["schemas"]["CommitmentView"].is_object());
    // Tokens, and the write routes with their errors.
    assert_eq!(v["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    for path in [
        "/api/v1/partnerships/{partnership}/documents",
        "/review/decide",
        "/review/accept-all",
        "/commitments/{id}/status",
        "/commitments/{id}/correct",
        "/commitments/{id}/split",
        "/commitments/{id}/evidence",
        "/commitments/{id}/passage",
        "/commitments/{id}/merge",
        "/commitments/{id}/notes",
        "/commitments/{id}/handling",
        "/documents/{id}/handling",
        "/documents/{id}/commitments",
        "/evidence/{id}/handling",
    ] {
        let post = &v["paths"][path]["post"];
        assert!(post.is_object(), "{path} is described");
        assert_eq!(post["security"][0]["bearer"], serde_json::json!([]), "{path} takes a token");
        for status in ["401", "403", "409", "422"] {
            assert!(post["responses"][status].is_object(), "{path} says when it answers {status}");
        }
    }
    let snapshot = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    if std::env::var_os("KIZUNA_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot, &body).unwrap();
    }
    let committed = std::fs::read_to_string(snapshot).unwrap_or_default();
    assert!(
        committed == body,
        "the API changed: review it and run `KIZUNA_UPDATE_SNAPSHOTS=1 cargo test -p kizuna-web --test routes`"
    );
}

/// Every answer, page, API or error, carries the security headers; no page holds an inline
/// script the policy would have to allow.
#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = app().await;
    for uri in
        ["/", "/p/a-b", "/ja/p/a-b", "/api/v1/partnerships", "/nowhere", "/methodology", "/ja/methodology"]
    {
        let (_, headers, body) = get(&app, uri).await;
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{uri}");
        assert!(!body.contains("<script>") && !body.contains(" onclick="), "{uri}: an inline script");
    }
}

/// The web's blocks table is the export's: the documents' blocks, not a header alone.
#[tokio::test]
async fn the_web_blocks_table_is_the_exports() {
    let app = app().await;
    let (status, _, body) = get(&app, "/p/a-b/open-data/blocks.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.lines().count() > 1, "not only the header: {body}");
}

/// `/healthz` answers while the process runs; `/readyz` only while the store does.
#[tokio::test]
async fn readiness_follows_the_store() {
    let store = store().await;
    store.ingest(&record(), datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
    let app =
        router(AppState::new(store.clone(), Arc::new(FixedClock(datetime!(2023-06-01 0:00 UTC))), search));
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
    let (status, _, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    store.close().await;
    let (status, _, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("store does not answer"), "{body}");
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK, "the process is still up");
}

/// Absolute links come from the configured public address, never from what a request claims
/// (feeds are cached publicly); a doubled slash never becomes another host.
#[tokio::test]
async fn links_never_follow_a_forged_host() {
    let app = app().await;
    for feed in ["/p/a-b/feed.atom", "/p/a-b/meetings.ics"] {
        let request = Request::get(feed)
            .header("host", "evil.example")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let body =
            String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        assert!(!body.contains("evil.example"), "{feed}: {body}");
    }
    let (_, _, page) = get(&app, "/ja//evil.example").await;
    assert!(!page.contains("href=\"//evil.example"), "{page}");
}
