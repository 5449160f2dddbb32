//! Restricted records over HTTP: every GET route of the router, asked anonymously, shows none of
//! them; asked as the audience that may see restricted records, pages, API and search show them
//! (never cached for anyone else) while feeds and the report stay public. And people's
//! assessments decide the statuses shown.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use kizuna_core::{FixedClock, Manifest};
use kizuna_store::*;
use kizuna_web::{AppState, Audience, router};
use time::macros::datetime;
use tower::ServiceExt;

const MANIFEST: &str = r#"
[partnership]
id = "x-y"
name = "X-Y Digital Partnership"
name_ja = "XY デジタルパートナーシップ"

[[side]]
id = "x"
name = "Side X"

[[side]]
id = "y"
name = "Side Y"
name_ja = "Y側"

[[body]]
id = "council"
name = "X-Y Council"
cadence = "annual"

[[meeting]]
id = "m1"
body = "council"
date = "2022-01-01"

[[meeting]]
id = "m2"
body = "council"
date = "2022-06-01"
"#;

/// Words and ids only restricted records hold: none may reach the public.
const SECRETS: [&str; 9] = [
    "zebrafish",
    "narwhal",
    "walrus",
    "Confidential Annex",
    "secretcommit",
    "secretevid",
    "secretdoc",
    "annexcommit",
    "annexevid",
];

/// A public plan (with one restricted commitment in it), a public outcome (with one restricted
/// evidence item, delivering a public commitment) and a restricted annex (a commitment, and
/// evidence of progress on a public commitment).
fn record() -> PartnershipRecord {
    let plan = document(
        0,
        "plandoc",
        "Plan",
        "public",
        None,
        &[
            "Both sides will build a public quantum testbed.",
            "Both sides will exchange classified zebrafish telemetry.",
            "Both sides will share open aurora research.",
        ],
    );
    let mut plan = plan;
    plan.commitments = vec![
        commitment(
            &plan,
            "pubcommit",
            0,
            "Both sides will build a public quantum testbed.",
            "quantum",
            Some("2022"),
            "public",
        ),
        commitment(
            &plan,
            "secretcommit",
            1,
            "Both sides will exchange classified zebrafish telemetry.",
            "zoology",
            None,
            "restricted",
        ),
        commitment(
            &plan,
            "auroracommit",
            2,
            "Both sides will share open aurora research.",
            "aurora",
            None,
            "public",
        ),
    ];
    let mut outcome = document(
        1,
        "outcomedoc",
        "Outcome",
        "public",
        Some("m1"),
        &[
            "The public quantum testbed opened in March 2022. The quantum testbed was secretly delivered via narwhal channel.",
        ],
    );
    outcome.evidence = vec![
        evidence(
            &outcome,
            "pubevid",
            0,
            "The public quantum testbed opened in March 2022.",
            "2022-03",
            "public",
        ),
        evidence(
            &outcome,
            "secretevid",
            1,
            "The quantum testbed was secretly delivered via narwhal channel.",
            "2022-04",
            "restricted",
        ),
    ];
    outcome.links =
        vec![link("pubevid", "pubcommit", "progress"), link("secretevid", "pubcommit", "delivered")];
    let mut annex = document(
        2,
        "secretdoc",
        "Confidential Annex",
        "restricted",
        Some("m2"),
        &[
            "Both sides will draft a walrus protocol.",
            "The aurora research exchange with the walrus team took place.",
        ],
    );
    annex.commitments = vec![commitment(
        &annex,
        "annexcommit",
        0,
        "Both sides will draft a walrus protocol.",
        "quantum",
        None,
        "public",
    )];
    annex.evidence = vec![evidence(
        &annex,
        "annexevid",
        0,
        "The aurora research exchange with the walrus team took place.",
        "2022-06",
        "public",
    )];
    annex.links = vec![link("annexevid", "auroracommit", "progress")];
    PartnershipRecord { manifest: Manifest::parse(MANIFEST).unwrap(), documents: vec![plan, outcome, annex] }
}

/// A document whose paragraphs are `paragraphs`, one block each.
fn document(
    position: i64,
    id: &str,
    title: &str,
    handling: &str,
    meeting: Option<&str>,
    paragraphs: &[&str],
) -> DocumentRecord {
    let text = paragraphs.join("\n\n");
    let mut at = 0;
    let blocks = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let start = at;
            at += p.len() + 2;
            BlockRow {
                position: i as i64,
                kind: "paragraph".into(),
                level: None,
                anchor: format!("{}", i + 1),
                span_start: start as i64,
                span_end: (start + p.len()) as i64,
            }
        })
        .collect();
    DocumentRecord {
        document: DocumentRow {
            id: id.into(),
            partnership_id: "x-y".into(),
            position,
            path: format!("{id}.md"),
            title: title.into(),
            date: Some(format!("202{}-01-01", position + 1)),
            kind: None,
            language: "en".into(),
            url: None,
            meeting_id: meeting.map(Into::into),
            handling: handling.into(),
        },
        original: text.clone().into_bytes(),
        normalised: text,
        blocks,
        commitments: vec![],
        evidence: vec![],
        links: vec![],
        alignments: vec![],
    }
}

fn span(d: &DocumentRecord, sentence: &str) -> (i64, i64, String) {
    let start = d.normalised.find(sentence).unwrap();
    let anchor =
        d.blocks.iter().find(|b| b.span_start as usize <= start && start < b.span_end as usize).unwrap();
    (start as i64, (start + sentence.len()) as i64, anchor.anchor.clone())
}

fn commitment(
    d: &DocumentRecord,
    id: &str,
    position: i64,
    sentence: &str,
    area: &str,
    due: Option<&str>,
    handling: &str,
) -> CommitmentRow {
    let (span_start, span_end, anchor) = span(d, sentence);
    CommitmentRow {
        id: id.into(),
        document_id: d.document.id.clone(),
        position,
        anchor,
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
        handling: handling.into(),
        version: 1,
    }
}

fn evidence(
    d: &DocumentRecord,
    id: &str,
    position: i64,
    sentence: &str,
    date: &str,
    handling: &str,
) -> EvidenceRow {
    let (span_start, span_end, anchor) = span(d, sentence);
    EvidenceRow {
        id: id.into(),
        document_id: d.document.id.clone(),
        position,
        anchor,
        text: sentence.into(),
        date: Some(date.into()),
        concrete: true,
        span_start,
        span_end,
        handling: handling.into(),
        version: 1,
    }
}

fn link(evidence: &str, commitment: &str, relation: &str) -> LinkRow {
    LinkRow {
        evidence_id: evidence.into(),
        commitment_id: commitment.into(),
        rank: 0,
        score: 0.8,
        relation: relation.into(),
    }
}

fn assessment(
    id: &str,
    commitment: &str,
    side: Option<&str>,
    status: &str,
    made_on: &str,
    rationale: &str,
) -> AssessmentRow {
    AssessmentRow {
        id: id.into(),
        commitment_id: commitment.into(),
        side_id: side.map(Into::into),
        status: status.into(),
        rationale: rationale.into(),
        made_on: made_on.into(),
        made_by: "reviewer".into(),
        recorded_at: format!("{made_on}T09:00:00Z"),
    }
}

/// Unique within the run: the clock alone repeats when two tests start in the same tick.
fn nanos() -> u128 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() * 1000
        + u128::from(n % 1000)
}

async fn store(assessments: &[AssessmentRow]) -> Store {
    store_of(&record(), assessments).await
}

async fn store_of(record: &PartnershipRecord, assessments: &[AssessmentRow]) -> Store {
    let dir = std::env::temp_dir().join(format!("kizuna-visibility-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}/k.db", dir.display())).await.unwrap();
    store.ingest(record, datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    store.restore_decisions(&[], assessments, "2023-01-01T00:00:00Z").await.unwrap();
    store
}

/// The site as the public sees it, and as the session layer makes it for a role that may see
/// restricted records (here a test layer puts the audience in the request's extensions).
async fn apps(assessments: &[AssessmentRow]) -> (axum::Router, axum::Router) {
    apps_over(store(assessments).await).await
}

async fn apps_over(store: Store) -> (axum::Router, axum::Router) {
    let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
    let state = AppState::new(store, Arc::new(FixedClock(datetime!(2023-06-01 0:00 UTC))), search);
    let public = router(state.clone());
    let restricted =
        router(state).layer(axum::middleware::map_request(|mut request: Request<Body>| async move {
            request.extensions_mut().insert(Audience::Restricted);
            request
        }));
    (public, restricted)
}

fn standard_assessments() -> Vec<AssessmentRow> {
    vec![
        assessment(
            "a1",
            "auroracommit",
            None,
            "superseded",
            "2023-01-15",
            "Folded into the wider research programme.",
        ),
        assessment("a2", "pubcommit", Some("y"), "delivered", "2022-12-01", "Side Y finished its part."),
        assessment("a3", "secretcommit", None, "dropped", "2023-02-01", "The zebrafish exchange ended."),
    ]
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, HeaderMap, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// A GET route of the router: its path pattern, its handler (`module::function`) and whether it
/// is also served under `/ja`.
struct Route {
    pattern: String,
    handler: String,
    localised: bool,
}

/// Every GET route, read from the router's source, so that a route added later is checked too.
fn routes() -> Vec<Route> {
    let source = include_str!("../src/lib.rs");
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = rest[at + 7..].trim_start();
        let Some(quoted) = rest.strip_prefix('"') else { continue };
        rest = quoted;
        let pattern = rest[..rest.find('"').unwrap()].to_owned();
        // The route's call runs up to the next route (or the end of its router).
        let call = &rest[..rest.find(".route(").or_else(|| rest.find("\n}")).unwrap_or(rest.len())];
        let Some(get) = call.find("get(") else { continue };
        let handler = call[get + 4..].split(')').next().unwrap().trim().to_owned();
        let localised = !pattern.starts_with("/api/") && !pattern.starts_with("/static/");
        out.push(Route { pattern, handler, localised });
    }
    out
}

/// Every URL to ask of `pattern`: each of its parameters with public and restricted values.
fn urls(pattern: &str) -> Vec<String> {
    let mut urls = vec![pattern.replace("{partnership}", "x-y")];
    let values = |name: &str, head: &str| -> Vec<&'static str> {
        match name {
            "{area}" => vec!["quantum", "zoology", "aurora"],
            "{id}" if head.starts_with("/documents") || head.contains("/documents/") => {
                vec!["plandoc", "outcomedoc", "secretdoc"]
            }
            "{id}" if head.contains("evidence") => vec!["pubevid", "secretevid", "annexevid"],
            _ => vec!["pubcommit", "secretcommit", "annexcommit", "auroracommit"],
        }
    };
    for name in ["{area}", "{id}"] {
        urls = urls
            .into_iter()
            .flat_map(|u| match u.find(name) {
                Some(at) => values(name, &u[..at]).into_iter().map(|v| u.replacen(name, v, 1)).collect(),
                None => vec![u],
            })
            .collect();
    }
    // Searches that find public records next to restricted ones, and ones only restricted ones match.
    if pattern.ends_with("/search") {
        let base = urls.pop().unwrap();
        urls =
            ["quantum", "aurora", "zebrafish", "narwhal", "walrus", "Confidential", "protocol", "platypus"]
                .iter()
                .map(|q| format!("{base}?q={q}"))
                .collect();
    }
    if pattern.ends_with("/report") {
        let base = urls.pop().unwrap();
        urls = vec![base.clone(), format!("{base}?meeting=m2")];
    }
    urls
}

/// The handlers of this change: they read the record as the request's audience may see it.
fn reads_the_record(handler: &str) -> bool {
    ["pages::", "commitments::", "document::", "governance::", "search::", "api::", "report::", "feeds::"]
        .iter()
        .any(|m| handler.starts_with(m))
}

/// Feeds and the report: public records only, whatever the audience.
fn public_only(handler: &str) -> bool {
    handler.starts_with("feeds::") || handler.starts_with("report::")
}

/// The same for everyone, public only, publicly cached.
fn publication(handler: &str) -> bool {
    handler.starts_with("feeds::")
        || [
            "report::report",
            "report::docx",
            "report::markdown",
            "api::openapi",
            "api::partnerships",
            "api::organisations",
        ]
        .contains(&handler)
}

fn leaked<'a>(secrets: &[&'a str], uri: &str, body: &str) -> Vec<&'a str> {
    // An error may name what was asked for (`commitment `secretcommit` was not found`), and a
    // search page shows its own query: what the URL holds is not a leak.
    secrets.iter().copied().filter(|s| body.contains(s) && !uri.contains(s)).collect()
}

#[tokio::test]
async fn no_route_shows_restricted_records_to_the_public() {
    let (public, restricted) = apps(&standard_assessments()).await;
    let routes = routes();
    for known in ["/p/{partnership}", "/commitments/{id}", "/api/v1/search", "/p/{partnership}/feed.atom"] {
        assert!(routes.iter().any(|r| r.pattern == known), "{known} is among the routes read");
    }
    let asked = walk_every_route(&public, Some(&restricted), &SECRETS).await;
    assert!(asked > 60, "{asked} requests");
}

/// The outcome document again, with one more sentence read both as a new undertaking and as a
/// report on the aurora research: a commitment and its "evidence twin", one span.
fn record_with_twin() -> PartnershipRecord {
    let mut record = record();
    let twin = "Both sides will map platypus habitats, extending the aurora research.";
    let old = record.documents[1].clone();
    let mut outcome = document(1, "outcomedoc", "Outcome", "public", Some("m1"), &[&old.normalised, twin]);
    outcome.commitments = vec![commitment(&outcome, "twincommit", 0, twin, "aurora", None, "public")];
    outcome.evidence = old.evidence.clone();
    outcome.evidence.push(evidence(&outcome, "twinevid", 2, twin, "2022-05", "public"));
    outcome.links = old.links.clone();
    outcome.links.push(link("twinevid", "auroracommit", "progress"));
    record.documents[1] = outcome;
    record
}

/// Marking a commitment restricted restricts every record that quotes its words: search,
/// open data, feeds, other commitments' pages and the report show none of them.
#[tokio::test]
async fn a_restricted_commitment_takes_its_evidence_twin_with_it() {
    let store = store_of(&record_with_twin(), &[]).await;
    let version = store.commitment("twincommit", true).await.unwrap().unwrap().version;
    let mark = Edit::SetHandling {
        record: Marked::Commitment,
        id: "twincommit".into(),
        handling: kizuna_core::Handling::Restricted,
        version,
    };
    store.apply(&mark, "editor", "2023-01-02T09:00:00Z").await.unwrap();
    let evidence = store.evidence("x-y", true).await.unwrap();
    let twin = evidence.iter().find(|e| e.id == "twinevid").unwrap();
    assert_eq!(twin.handling, "restricted", "the twin follows the commitment it quotes");
    let (public, _) = apps_over(store).await;
    let asked = walk_every_route(&public, None, &["platypus", "twincommit", "twinevid"]).await;
    assert!(asked > 60, "{asked} requests");
    let (_, _, page) = get(&public, "/commitments/auroracommit").await;
    assert!(page.contains("Both sides will share open aurora research."), "the walk saw real pages: {page}");
}

/// Asks every GET route of the router, with every value of its parameters, in both languages,
/// of the public app, and fails on any of `secrets` in an answer (but in the URL asked).
/// With `restricted`, also checks what the restricted audience gets: never cached for others,
/// publications the same for everyone. Returns how many requests were made.
async fn walk_every_route(
    public: &axum::Router,
    restricted: Option<&axum::Router>,
    secrets: &[&str],
) -> usize {
    let mut asked = 0;
    for route in &routes() {
        for url in urls(&route.pattern) {
            let prefixes: &[&str] = if route.localised { &["", "/ja"] } else { &[""] };
            for prefix in prefixes {
                // `/ja` is the Japanese `/`.
                let uri = if url == "/" && !prefix.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}{url}")
                };
                let (status, headers, body) = get(public, &uri).await;
                asked += 1;
                let ours = reads_the_record(&route.handler);
                assert!(!ours || status != StatusCode::INTERNAL_SERVER_ERROR, "{uri}: {body}");
                let leaks = leaked(secrets, &uri, &body);
                assert!(leaks.is_empty(), "{uri} ({status}) shows {leaks:?} to the public: {body}");
                if reads_the_record(&route.handler) && !publication(&route.handler) {
                    assert_eq!(
                        headers.get(header::VARY).map(|v| v.to_str().unwrap()),
                        Some("cookie, authorization"),
                        "{uri} ({status})"
                    );
                    assert!(
                        headers.get(header::CACHE_CONTROL).is_none_or(|v| v != "private, no-store"),
                        "{uri}: the public's answer may be cached"
                    );
                }

                // The same for the audience that may see restricted records.
                let Some(restricted) = restricted.filter(|_| ours) else { continue };
                let (status, headers, inside) = get(restricted, &uri).await;
                assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{uri}: {inside}");
                if public_only(&route.handler) {
                    let leaks = leaked(secrets, &uri, &inside);
                    assert!(leaks.is_empty(), "{uri} is public only and shows {leaks:?}");
                }
                if publication(&route.handler) {
                    // docx-rs numbers a document's parts across the process, so two renderings of
                    // one report differ in those numbers: the Word report is held to showing the
                    // restricted audience nothing restricted, as the public.
                    if route.handler == "report::docx" {
                        assert!(leaked(secrets, &uri, &inside).is_empty(), "{uri} is a publication");
                    } else {
                        assert_eq!(inside, body, "{uri}: a publication is the same for everyone");
                    }
                    if let Some(cache) = headers.get(header::CACHE_CONTROL) {
                        assert!(cache.to_str().unwrap().starts_with("public"), "{uri}: {cache:?}");
                    }
                } else {
                    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store", "{uri}");
                    assert_eq!(
                        headers.get(header::VARY).map(|v| v.to_str().unwrap()),
                        Some("cookie, authorization"),
                        "{uri} ({status})"
                    );
                    assert!(!headers.contains_key(header::ETAG), "{uri}: no ETag for a restricted answer");
                }
            }
        }
    }
    asked
}

#[tokio::test]
async fn the_restricted_audience_sees_restricted_records_everywhere_but_publications() {
    let (public, restricted) = apps(&standard_assessments()).await;
    for (uri, expected) in [
        ("/p/x-y", "Confidential Annex"),
        ("/ja/p/x-y", "Confidential Annex"),
        ("/p/x-y/commitments", "zebrafish"),
        ("/p/x-y/commitments", "walrus"),
        ("/p/x-y/areas/zoology", "zebrafish"),
        ("/commitments/secretcommit", "zebrafish"),
        ("/ja/commitments/secretcommit", "zebrafish"),
        ("/commitments/pubcommit", "narwhal"),
        ("/commitments/auroracommit", "walrus"),
        ("/p/x-y/documents/secretdoc", "walrus"),
        ("/p/x-y/documents/plandoc", "zebrafish"),
        ("/p/x-y/documents/outcomedoc", "narwhal"),
        ("/p/x-y/governance", "Confidential Annex"),
        ("/search?q=zebrafish", "secretcommit"),
        ("/ja/search?q=walrus", "annexcommit"),
        ("/api/v1/search?q=narwhal", "secretevid"),
        ("/api/v1/search?q=protocol", "annexcommit"),
        ("/api/v1/partnerships/x-y", "Confidential Annex"),
        ("/api/v1/partnerships/x-y/commitments", "secretcommit"),
        ("/api/v1/partnerships/x-y/governance", "secretdoc"),
        ("/api/v1/commitments/secretcommit", "zebrafish"),
        ("/api/v1/commitments/pubcommit", "secretevid"),
        ("/api/v1/documents/secretdoc", "annexevid"),
        ("/api/v1/documents/plandoc", "secretcommit"),
    ] {
        let (status, headers, body) = get(&restricted, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert!(body.contains(expected), "{uri} shows {expected} to the restricted audience: {body}");
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-store", "{uri}");
    }
    // Marked as restricted where they are shown.
    let (_, _, page) = get(&restricted, "/commitments/secretcommit").await;
    assert!(page.contains(r#"<span class="tag restricted">Restricted</span>"#), "{page}");
    let (_, _, page) = get(&restricted, "/api/v1/search?q=zebrafish").await;
    let v: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(v["results"][0]["restricted"], true);

    // The public gets 404 for restricted records, and their words find nothing.
    for uri in [
        "/commitments/secretcommit",
        "/commitments/annexcommit",
        "/documents/secretdoc",
        "/p/x-y/areas/zoology",
        "/p/x-y/areas/zoology/feed.atom",
        "/api/v1/commitments/secretcommit",
        "/api/v1/documents/secretdoc",
    ] {
        let (status, _, _) = get(&public, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
    for q in ["zebrafish", "narwhal", "walrus", "Confidential", "protocol"] {
        let (_, _, body) = get(&public, &format!("/api/v1/search?q={q}")).await;
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["total"], 0, "{q}: {body}");
    }
    // A public document's text keeps its public parts and blacks out the restricted ones, at
    // the same offsets.
    let (_, _, body) = get(&public, "/api/v1/documents/outcomedoc").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("The public quantum testbed opened in March 2022. █"), "{text}");
    assert_eq!(text.len(), record().documents[1].normalised.len());
    assert_eq!(v["marks"].as_array().unwrap().len(), 1, "only the public evidence is marked");
    // Related commitments come from what the audience sees.
    let (_, _, body) = get(&public, "/api/v1/commitments/pubcommit").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["related"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != "secretcommit" && r["id"] != "annexcommit")
    );
}

#[tokio::test]
async fn statuses_follow_the_audience_and_the_cache_keeps_them_apart() {
    let (public, restricted) = apps(&[]).await;
    let status = |body: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["commitment"]["status"]["status"].as_str().unwrap().to_owned()
    };
    // The restricted audience first, so that its statuses are cached before the public asks.
    for round in 0..2 {
        let (_, _, inside) = get(&restricted, "/api/v1/commitments/pubcommit").await;
        assert_eq!(status(&inside), "delivered", "restricted evidence delivered it (round {round})");
        let (_, _, outside) = get(&public, "/api/v1/commitments/pubcommit").await;
        assert_eq!(
            status(&outside),
            "in-progress",
            "the public sees only the public evidence (round {round})"
        );
        let (_, _, outside) = get(&public, "/api/v1/commitments/auroracommit").await;
        assert_eq!(status(&outside), "no-evidence", "its only evidence is in a restricted document");
        let (_, _, inside) = get(&restricted, "/api/v1/commitments/auroracommit").await;
        assert_eq!(status(&inside), "ongoing");
    }
    let (_, _, list) = get(&public, "/api/v1/partnerships/x-y/commitments").await;
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["commitments"][0]["status"]["status"], "in-progress");
    let (_, _, list) = get(&restricted, "/api/v1/partnerships/x-y/commitments").await;
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v["total"], 4);
    assert_eq!(v["commitments"][0]["status"]["status"], "delivered");
    let (_, _, page) = get(&public, "/p/x-y").await;
    assert!(page.contains("— 2 commitments</caption>"), "{page}");
    assert!(
        page.contains("Outcome: 0 commitments, 1 evidence items"),
        "counted as the public sees it: {page}"
    );

    // ETags: the public's answer has one and answers 304; the restricted one has none.
    let (_, headers, _) = get(&public, "/api/v1/commitments/pubcommit").await;
    let etag = headers[header::ETAG].clone();
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    let ask = |app: &axum::Router| {
        app.clone().oneshot(
            Request::get("/api/v1/commitments/pubcommit")
                .header(header::IF_NONE_MATCH, etag.clone())
                .body(Body::empty())
                .unwrap(),
        )
    };
    assert_eq!(ask(&public).await.unwrap().status(), StatusCode::NOT_MODIFIED);
    let response = ask(&restricted).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "never a 304 from the public's tag");
    assert!(!response.headers().contains_key(header::ETAG));
}

#[tokio::test]
async fn assessments_decide_the_status_and_each_sides_part_is_shown() {
    let (without, _) = apps(&[]).await;
    let (public, restricted) = apps(&standard_assessments()).await;
    let data = |body: &str| -> serde_json::Value { serde_json::from_str(body).unwrap() };

    let (_, _, before) = get(&without, "/api/v1/commitments/auroracommit").await;
    assert_eq!(data(&before)["commitment"]["status"]["status"], "no-evidence");
    let (_, _, after) = get(&public, "/api/v1/commitments/auroracommit").await;
    let v = data(&after);
    assert_eq!(v["commitment"]["status"]["status"], "superseded");
    assert_eq!(v["commitment"]["status"]["assessed"], true);
    assert_eq!(v["commitment"]["ogp_completion"], "Withdrawn");
    assert_eq!(v["assessments"][0]["rationale"], "Folded into the wider research programme.");
    let history: Vec<(String, String, bool)> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (h["from"].as_str().unwrap().into(), h["status"].as_str().unwrap().into(), h["assessed"] == true)
        })
        .collect();
    assert_eq!(
        history,
        [
            ("2021-01-01".into(), "no-evidence".into(), false),
            ("2023-01-15".into(), "superseded".into(), true),
        ],
        "a row per change, none invented for today"
    );
    let (_, _, list) = get(&public, "/api/v1/partnerships/x-y/commitments?status=superseded").await;
    assert_eq!(data(&list)["commitments"][0]["id"], "auroracommit", "the lists agree");

    // One side's assessment is shown for that side and leaves the overall status to the evidence.
    let (_, _, body) = get(&public, "/api/v1/commitments/pubcommit").await;
    let v = data(&body);
    assert_eq!(v["commitment"]["status"]["status"], "in-progress");
    assert_eq!(v["commitment"]["status"]["assessed"], false);
    assert_eq!(v["side_statuses"].as_array().unwrap().len(), 1);
    assert_eq!(v["side_statuses"][0]["side"], "y");
    assert_eq!(v["side_statuses"][0]["status"], "delivered");
    assert_eq!(v["side_statuses"][0]["rationale"], "Side Y finished its part.");
    assert_eq!(v["side_statuses"][0]["made_on"], "2022-12-01");
    let (_, _, page) = get(&public, "/commitments/pubcommit").await;
    assert!(page.contains("<th scope=\"row\">Side Y</th><td><span class=\"tag delivered\">"), "{page}");
    let (_, _, page) = get(&public, "/ja/commitments/pubcommit").await;
    assert!(page.contains("<th scope=\"row\">Y側</th>"), "{page}");
    let (_, _, page) = get(&public, "/commitments/auroracommit").await;
    assert!(page.contains("Folded into the wider research programme."), "the reason is shown: {page}");

    // An assessment of a restricted commitment is as restricted as the commitment.
    let (_, _, body) = get(&restricted, "/api/v1/commitments/secretcommit").await;
    assert_eq!(data(&body)["commitment"]["status"]["status"], "dropped");
}

/// A restricted note changes nothing the public can see: not the commitment's answer, not its
/// ETag, not the lists.
#[tokio::test]
async fn restricted_activity_is_invisible_to_the_public() {
    let store = store(&standard_assessments()).await;
    let (public, _) = apps_over(store.clone()).await;
    let before: Vec<(StatusCode, String)> = {
        let mut out = Vec::new();
        for uri in [
            "/api/v1/commitments/pubcommit",
            "/api/v1/partnerships/x-y/commitments",
            "/api/v1/partnerships/x-y",
        ] {
            let (status, headers, body) = get(&public, uri).await;
            out.push((status, format!("{:?}|{body}", headers.get(header::ETAG))));
        }
        out
    };
    let version = store.commitment("pubcommit", true).await.unwrap().unwrap().version;
    let note = Edit::AddNote {
        commitment_id: "pubcommit".into(),
        text: "Quietly asked the other side for the annex.".into(),
        handling: kizuna_core::Handling::Restricted,
        version,
    };
    store.apply(&note, "editor", "2023-05-01T09:00:00Z").await.unwrap();
    let (public, _) = apps_over(store).await;
    let mut after = Vec::new();
    for uri in
        ["/api/v1/commitments/pubcommit", "/api/v1/partnerships/x-y/commitments", "/api/v1/partnerships/x-y"]
    {
        let (status, headers, body) = get(&public, uri).await;
        after.push((status, format!("{:?}|{body}", headers.get(header::ETAG))));
    }
    assert_eq!(before, after, "the public sees the same answers, byte for byte");
}

/// A restricted document full of a word the public searches for moves nothing the public sees:
/// not the hits, and not their scores (the public's index holds only public records).
#[tokio::test]
async fn restricted_documents_do_not_move_public_search_scores() {
    let search = "/api/v1/search?q=quantum+testbed";
    let (public, _) = apps_over(store(&standard_assessments()).await).await;
    let (_, _, before) = get(&public, search).await;
    assert!(before.contains("pubcommit"), "{before}");
    let mut more = record();
    let paragraphs = ["Quantum testbed quantum testbed quantum testbed, in confidence."; 3];
    more.documents.push(document(5, "quietdoc", "Quiet", "restricted", None, &paragraphs));
    let (public, _) = apps_over(store_of(&more, &standard_assessments()).await).await;
    let (_, _, after) = get(&public, search).await;
    assert_eq!(before, after, "the public's search answers, scores included, are the same");
}
