//! Accounts, review and audit over real HTTP requests against a real SQLite store: nobody
//! anonymous changes anything, each role does what it may and no more, forms need the session's
//! CSRF token, sign-in is throttled, stale edits are refused with what changed, and every change
//! leaves the audit chain intact.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use kizuna_core::{FixedClock, Manifest, Role};
use kizuna_store::*;
use kizuna_web::session::password;
use kizuna_web::{AppState, WebConfig, router};
use time::macros::datetime;
use tower::ServiceExt;

const MANIFEST: &str = r#"
[partnership]
id = "a-b"
name = "A-B Digital Partnership"

[[side]]
id = "a"
name = "A"
"#;

const PASSWORD: &str = "a long enough password";

fn record() -> PartnershipRecord {
    let text = "1. Both sides will hold a workshop in 2022.\n\n2. Both sides will meet in private.";
    let commitment = |id: &str, position: i64, sentence: &str, handling: &str| CommitmentRow {
        id: id.into(),
        document_id: "d1".into(),
        position,
        anchor: format!("{}", position + 1),
        text: sentence.into(),
        area: "quantum".into(),
        pillar: None,
        kind: "one-off".into(),
        strength: "firm".into(),
        due: Some("2022".into()),
        due_end: None,
        lead_in: None,
        actors: vec!["both".to_string()].into(),
        span_start: 3,
        span_end: 40,
        handling: handling.into(),
        version: 1,
    };
    let doc = |n: i64, id: &str| DocumentRow {
        id: id.into(),
        partnership_id: "a-b".into(),
        position: n,
        path: format!("{id}.md"),
        title: format!("Document {n}"),
        date: Some(format!("202{n}-01-01")),
        kind: None,
        language: "en".into(),
        url: None,
        meeting_id: None,
        handling: "public".into(),
    };
    PartnershipRecord {
        manifest: Manifest::parse(MANIFEST).unwrap(),
        documents: vec![
            DocumentRecord {
                document: doc(1, "d1"),
                original: text.as_bytes().to_vec(),
                normalised: text.into(),
                blocks: vec![],
                commitments: vec![
                    commitment("c1", 0, "Both sides will hold a workshop in 2022.", "public"),
                    commitment("c2", 1, "Both sides will meet in private.", "restricted"),
                ],
                evidence: vec![],
                links: vec![],
                alignments: vec![],
            },
            DocumentRecord {
                document: doc(2, "d2"),
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
                    score: 0.72,
                    relation: "delivered".into(),
                }],
                alignments: vec![],
            },
        ],
    }
}

struct Site {
    app: axum::Router,
    store: Store,
}

async fn site() -> Site {
    let dir = std::env::temp_dir().join(format!(
        "kizuna-accounts-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}/k.db", dir.display())).await.unwrap();
    store.ingest(&record(), datetime!(2023-01-01 0:00 UTC)).await.unwrap();
    let hash = password::hash(PASSWORD).unwrap();
    for role in Role::ALL {
        let add = Edit::AddUser {
            id: role.as_str().into(),
            display_name: format!("The {}", role.as_str()),
            password_hash: hash.clone(),
            role,
            side_id: None,
        };
        store.apply(&add, "cli", "2023-01-01T00:00:00Z").await.unwrap();
    }
    let search = kizuna_web::LiveIndex::build(&store).await.unwrap();
    let clock = Arc::new(FixedClock(datetime!(2023-06-01 9:00 UTC)));
    let config = WebConfig { secure_cookies: false, ..WebConfig::default() };
    let app = router(AppState::new(store.clone(), clock, search).with_config(config));
    Site { app, store }
}

/// A browser: its cookies and the CSRF token of its session.
#[derive(Clone, Default)]
struct Browser {
    cookies: Vec<(String, String)>,
    csrf: String,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Browser {
    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&mut self, app: &axum::Router, method: Method, uri: &str, form: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let mut request = Request::builder().method(method).uri(uri);
        if !self.cookies.is_empty() {
            request = request.header(header::COOKIE, self.cookie_header());
        }
        let request = request
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        for set in parts.headers.get_all(header::SET_COOKIE) {
            let cookie = cookie::Cookie::parse(set.to_str().unwrap().to_owned()).unwrap();
            self.cookies.retain(|(k, _)| k != cookie.name());
            if !cookie.value().is_empty() {
                self.cookies.push((cookie.name().to_owned(), cookie.value().to_owned()));
            }
        }
        let body = String::from_utf8(body.collect().await.unwrap().to_bytes().to_vec()).unwrap();
        Reply { status: parts.status, headers: parts.headers, body }
    }

    async fn get(&mut self, app: &axum::Router, uri: &str) -> Reply {
        self.send(app, Method::GET, uri, &[]).await
    }

    /// Posts a form the way the site's own forms do: with the session's CSRF token.
    /// A form sent as a browser sends it: the session's token in its hidden `csrf` field.
    async fn post(&mut self, app: &axum::Router, path: &str, form: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf.clone();
        let mut fields = form.to_vec();
        fields.push(("csrf", &csrf));
        self.send(app, Method::POST, path, &fields).await
    }
}

/// The CSRF token of a page's forms: their hidden `csrf` field, never in an address.
fn csrf_of(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("the page has a form with a CSRF token") + marker.len();
    assert!(!page.contains("?csrf="), "no form puts the token in its address");
    page[start..].chars().take_while(char::is_ascii_alphanumeric).collect()
}

async fn signed_in(site: &Site, user: &str) -> Browser {
    let mut b = Browser::default();
    let form = b.get(&site.app, "/login").await;
    assert_eq!(form.status, StatusCode::OK);
    b.csrf = csrf_of(&form.body);
    let done =
        b.post(&site.app, "/login", &[("user", user), ("password", PASSWORD), ("next", "/account")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{user} signs in: {}", done.body);
    assert_eq!(done.headers[header::LOCATION], "/account");
    let account = b.get(&site.app, "/account").await;
    assert_eq!(account.status, StatusCode::OK);
    b.csrf = csrf_of(&account.body);
    b
}

/// Every state-changing route, with a form that would be accepted from the right person.
fn changes() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        ("/logout", vec![]),
        ("/account/digest-read", vec![]),
        ("/follow", vec![("partnership", "a-b"), ("kind", "area"), ("target", "quantum")]),
        (
            "/review/decide",
            vec![("evidence_id", "e1"), ("commitment_id", "c1"), ("decision", "accepted"), ("version", "1")],
        ),
        ("/review/accept-all", vec![("partnership", "a-b"), ("min_score", "0.5")]),
        ("/review/orphans/o-1/resolve", vec![("action", "dismiss"), ("reason", "Gone.")]),
        (
            "/commitments/c1/status",
            vec![
                ("status", "delivered"),
                ("made_on", "2023-05-01"),
                ("rationale", "Held."),
                ("version", "1"),
            ],
        ),
        (
            "/commitments/c1/evidence",
            vec![
                ("text", "Held again."),
                ("date", "2023-05-01"),
                ("relation", "progress"),
                ("handling", "public"),
                ("version", "1"),
            ],
        ),
        (
            "/commitments/c1/passage",
            vec![("passage", "d2 ¶1"), ("relation", "progress"), ("handling", "public"), ("version", "1")],
        ),
        (
            "/documents/d2/commitments",
            vec![
                ("anchor", "¶1"),
                ("text", "The workshop was held"),
                ("area", "quantum"),
                ("kind", "one-off"),
                ("version", "1"),
            ],
        ),
        ("/commitments/c2/merge", vec![("into", "c1"), ("version", "1")]),
        ("/commitments/c1/notes", vec![("text", "A note."), ("handling", "restricted"), ("version", "1")]),
        (
            "/commitments/c1/correct",
            vec![("what", "not-a-commitment"), ("reason", "A hope."), ("version", "1")],
        ),
        (
            "/commitments/c1/split",
            vec![("parts", "Both sides will hold a workshop\nin 2022."), ("version", "1")],
        ),
        ("/commitments/c1/handling", vec![("handling", "restricted"), ("version", "1")]),
        ("/documents/d1/handling", vec![("handling", "restricted"), ("version", "1")]),
        ("/evidence/e1/handling", vec![("handling", "restricted"), ("version", "1")]),
        ("/p/a-b/upload", vec![]),
    ]
}

async fn snapshot(store: &Store) -> (i64, i64, Vec<LinkDecisionRow>) {
    let (head, _) = store.audit_head().await.unwrap();
    let version = store.record_version("a-b").await.unwrap();
    (head, version, store.link_decisions("a-b", true).await.unwrap())
}

#[tokio::test]
async fn anonymous_requests_change_nothing_on_any_route() {
    let site = site().await;
    let before = snapshot(&site.store).await;
    let mut anonymous = Browser::default();
    for (path, form) in changes() {
        for prefix in ["", "/ja"] {
            let uri = format!("{prefix}{path}");
            let reply = anonymous.send(&site.app, Method::POST, &uri, &form).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "anonymous POST {uri}");
            // Even with a token of its own making.
            let reply = anonymous.send(&site.app, Method::POST, &format!("{uri}?csrf=abc"), &form).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "anonymous POST {uri} with a made-up token");
        }
    }
    for path in ["/account", "/review", "/admin/audit", "/commitments/c1/edit", "/p/a-b/upload"] {
        assert_eq!(
            anonymous.get(&site.app, path).await.status,
            StatusCode::UNAUTHORIZED,
            "anonymous GET {path}"
        );
    }
    assert_eq!(snapshot(&site.store).await, before, "nothing changed");
}

#[tokio::test]
async fn forms_need_the_sessions_own_token() {
    let site = site().await;
    let admin = signed_in(&site, "admin").await;
    let before = snapshot(&site.store).await;
    for (path, form) in changes() {
        let mut without = admin.clone();
        let reply = without.send(&site.app, Method::POST, path, &form).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "POST {path} without a token");
        let mut forged = Browser { csrf: "0".repeat(64), ..admin.clone() };
        assert_eq!(
            forged.post(&site.app, path, &form).await.status,
            StatusCode::FORBIDDEN,
            "POST {path} forged"
        );
    }
    assert_eq!(snapshot(&site.store).await, before);
    // Signing in needs the token of the sign-in form's cookie.
    let mut stranger = Browser { csrf: "abc".into(), ..Browser::default() };
    let reply = stranger.post(&site.app, "/login", &[("user", "admin"), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn each_role_does_what_it_may_and_no_more() {
    let site = site().await;
    let mut viewer = signed_in(&site, "viewer").await;
    let mut editor = signed_in(&site, "editor").await;
    let mut reviewer = signed_in(&site, "reviewer").await;
    let mut admin = signed_in(&site, "admin").await;

    let note = [("text", "Asked for the report."), ("handling", "restricted"), ("version", "1")];
    assert_eq!(viewer.post(&site.app, "/commitments/c1/notes", &note).await.status, StatusCode::FORBIDDEN);
    assert_eq!(viewer.get(&site.app, "/commitments/c1/edit").await.status, StatusCode::FORBIDDEN);
    assert_eq!(viewer.get(&site.app, "/review").await.status, StatusCode::FORBIDDEN);
    let reply = editor.post(&site.app, "/commitments/c1/notes", &note).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(site.store.notes("c1", true).await.unwrap()[0].written_by, "editor");

    let evidence = [
        ("text", "Workshop report published."),
        ("date", "2023-04-02"),
        ("source_url", "https://example.org/report"),
        ("relation", "progress"),
        ("handling", "public"),
        ("version", "2"),
    ];
    assert_eq!(
        viewer.post(&site.app, "/commitments/c1/evidence", &evidence).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        editor.post(&site.app, "/commitments/c1/evidence", &evidence).await.status,
        StatusCode::SEE_OTHER
    );
    let public = Browser::default().get(&site.app, "/commitments/c1").await;
    assert!(
        public.body.contains("Workshop report published."),
        "hand-recorded evidence is shown to everyone"
    );
    assert!(public.body.contains("Recorded by hand by editor"));
    assert!(!public.body.contains("Asked for the report."), "a restricted note is not");
    assert!(viewer.get(&site.app, "/commitments/c1").await.body.contains("Asked for the report."));

    let status =
        [("status", "delivered"), ("made_on", "2023-05-01"), ("rationale", "Held in May."), ("version", "3")];
    assert_eq!(editor.post(&site.app, "/commitments/c1/status", &status).await.status, StatusCode::FORBIDDEN);
    assert_eq!(editor.get(&site.app, "/review").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reviewer.post(&site.app, "/commitments/c1/status", &status).await.status,
        StatusCode::SEE_OTHER
    );
    let queue = reviewer.get(&site.app, "/review").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("was held in May 2022."), "the proposal waits for review");

    assert_eq!(reviewer.get(&site.app, "/admin/audit").await.status, StatusCode::FORBIDDEN);
    let audit = admin.get(&site.app, "/admin/audit").await;
    assert_eq!(audit.status, StatusCode::OK);
    assert!(audit.body.contains("The audit chain is intact"), "{}", audit.body);
    assert!(audit.body.contains("Held in May."));

    // Bad input is named, not a server error.
    let bad = [("status", "finished"), ("made_on", "2023-05-01"), ("rationale", "x"), ("version", "4")];
    let reply = reviewer.post(&site.app, "/commitments/c1/status", &bad).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("`finished` is not a status"));
    assert_eq!(site.store.verify_audit().await.unwrap().map(|n| n > 0), Ok(true));
}

/// An editor sets a false commitment aside with a reason (the counts drop; it is still listed
/// as context and its page says why), corrects a due date, and undoes it all; a viewer cannot.
#[tokio::test]
async fn editors_correct_what_the_engine_read() {
    let site = site().await;
    let mut viewer = signed_in(&site, "viewer").await;
    let mut editor = signed_in(&site, "editor").await;
    let count = |body: &str| -> u64 {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["total"].as_u64().unwrap()
    };
    let list = "/api/v1/partnerships/a-b/commitments";
    let before = count(&Browser::default().get(&site.app, list).await.body);
    let aside = [("what", "not-a-commitment"), ("reason", "Only a hope of the minister."), ("version", "1")];
    assert_eq!(viewer.post(&site.app, "/commitments/c1/correct", &aside).await.status, StatusCode::FORBIDDEN);
    assert_eq!(editor.post(&site.app, "/commitments/c1/correct", &aside).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&Browser::default().get(&site.app, list).await.body), before - 1, "the counts drop");
    let context = Browser::default().get(&site.app, &format!("{list}?kind=context")).await;
    assert!(context.body.contains("\"c1\""), "kept, as context: {}", context.body);
    let page = editor.get(&site.app, "/commitments/c1/edit").await;
    assert!(page.body.contains("Only a hope of the minister."), "the edit page says why");

    let bad = [("what", "fields"), ("kind", "promise"), ("version", "2")];
    let reply = editor.post(&site.app, "/commitments/c1/correct", &bad).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("`promise` is not a kind"), "{}", reply.body);
    let undo = [("what", "restore"), ("version", "2")];
    assert_eq!(editor.post(&site.app, "/commitments/c1/correct", &undo).await.status, StatusCode::SEE_OTHER);
    let due = [("what", "fields"), ("due", "none"), ("version", "3")];
    assert_eq!(editor.post(&site.app, "/commitments/c1/correct", &due).await.status, StatusCode::SEE_OTHER);
    let c = site.store.commitment("c1", true).await.unwrap().unwrap();
    assert_eq!((c.kind.as_str(), c.due.as_deref()), ("one-off", None), "restored, and no longer due");
    assert_eq!(count(&Browser::default().get(&site.app, list).await.body), before);
    let who = [("what", "fields"), ("strength", "soft"), ("actors", "MOA、 both"), ("version", "4")];
    assert_eq!(editor.post(&site.app, "/commitments/c1/correct", &who).await.status, StatusCode::SEE_OTHER);
    let c = site.store.commitment("c1", true).await.unwrap().unwrap();
    assert_eq!((c.strength.as_str(), c.actors.0.join(",")), ("soft", "MOA,both".to_owned()));
    let public = Browser::default().get(&site.app, "/commitments/c1").await.body;
    assert!(public.contains("MOA, both"), "the page names who it binds as corrected");
    let odd = [("what", "fields"), ("strength", "binding"), ("version", "5")];
    assert!(
        editor.post(&site.app, "/commitments/c1/correct", &odd).await.body.contains("`binding` is neither")
    );
    // One item holding two undertakings is split: each part is listed, the item set aside.
    let page = editor.get(&site.app, "/commitments/c1/edit").await;
    assert!(page.body.contains(r#"action="/commitments/c1/split"#), "the edit page offers the split");
    let split = [("parts", "Both sides will hold a workshop\nin 2022."), ("version", "5")];
    assert_eq!(viewer.post(&site.app, "/commitments/c1/split", &split).await.status, StatusCode::FORBIDDEN);
    assert_eq!(editor.post(&site.app, "/commitments/c1/split", &split).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&Browser::default().get(&site.app, list).await.body), before + 1, "two for one");
    let listed = Browser::default().get(&site.app, list).await.body;
    assert!(listed.contains("\"Both sides will hold a workshop\"") && !listed.contains("\"c1\""), "{listed}");
    let wrong = [("parts", "Both sides will hold a workshop\nlaunch a call"), ("version", "6")];
    let reply = editor.post(&site.app, "/commitments/c1/split", &wrong).await;
    assert!(reply.body.contains("launch a call&#34; does not stand word for word"), "{}", reply.body);
    assert_eq!(site.store.verify_audit().await.unwrap().map(|n| n > 0), Ok(true));
}

/// An editor links a paragraph of a later document as evidence, chosen from a list on the edit
/// page: the public page cites it down to the paragraph; a viewer cannot, and a choice that
/// names no paragraph is refused by name.
#[tokio::test]
async fn editors_link_a_passage_of_a_later_document() {
    let site = site().await;
    let mut viewer = signed_in(&site, "viewer").await;
    let mut editor = signed_in(&site, "editor").await;
    let page = editor.get(&site.app, "/commitments/c1/edit").await;
    assert!(page.body.contains("value=\"d2 ¶1\""), "the later paragraph is offered: {}", page.body);
    let link = [("passage", "d2 ¶1"), ("relation", "progress"), ("handling", "public"), ("version", "1")];
    assert_eq!(viewer.post(&site.app, "/commitments/c1/passage", &link).await.status, StatusCode::FORBIDDEN);
    let nowhere = [("passage", "d2"), ("relation", "progress"), ("handling", "public"), ("version", "1")];
    let reply = editor.post(&site.app, "/commitments/c1/passage", &nowhere).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("passage: `d2` names no document and paragraph"), "{}", reply.body);
    assert_eq!(editor.post(&site.app, "/commitments/c1/passage", &link).await.status, StatusCode::SEE_OTHER);
    let public = Browser::default().get(&site.app, "/commitments/c1").await;
    assert!(public.body.contains("Recorded by hand by editor"), "{}", public.body);
    assert!(public.body.contains("href=\"/documents/d2#"), "cited down to the paragraph: {}", public.body);
    assert_eq!(site.store.verify_audit().await.unwrap().map(|n| n > 0), Ok(true));
}

/// An editor adds an undertaking the reading missed from the document page: the paragraph's
/// form holds its words; the undertaking, trimmed to its own words, is listed publicly and cites
/// the paragraph; words not in the paragraph are refused; a viewer has no such link or form.
#[tokio::test]
async fn editors_add_a_missed_commitment_from_its_paragraph() {
    let site = site().await;
    let mut viewer = signed_in(&site, "viewer").await;
    let mut editor = signed_in(&site, "editor").await;
    let add = "/documents/d2/add?anchor=%C2%B61";
    assert!(editor.get(&site.app, "/p/a-b/documents/d2").await.body.contains(&add.replace('&', "&amp;")));
    assert!(!viewer.get(&site.app, "/p/a-b/documents/d2").await.body.contains("/documents/d2/add"));
    assert_eq!(viewer.get(&site.app, add).await.status, StatusCode::FORBIDDEN);
    let form = editor.get(&site.app, add).await;
    assert!(form.body.contains(">The workshop was held in May 2022.</textarea>"), "{}", form.body);

    let list = "/api/v1/partnerships/a-b/commitments";
    let total =
        |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["total"].as_u64().unwrap();
    let before = total(&Browser::default().get(&site.app, list).await.body);
    // Publications are made from the record loaded once per version: the table read now is
    // cached, and must not be served once the record has moved on.
    let table = "/p/a-b/open-data/commitments.csv";
    assert!(!Browser::default().get(&site.app, table).await.body.contains("The workshop was held,"));
    let words = |text| {
        [
            ("anchor", "¶1"),
            ("text", text),
            ("area", "quantum"),
            ("kind", "one-off"),
            ("due", "2026"),
            ("version", "1"),
        ]
    };
    let refused = editor.post(&site.app, "/documents/d2/commitments", &words("A workshop in June.")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(refused.body.contains("word for word"), "{}", refused.body);
    let added = editor.post(&site.app, "/documents/d2/commitments", &words("The workshop was held")).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(total(&Browser::default().get(&site.app, list).await.body), before + 1);
    let listed = Browser::default().get(&site.app, &format!("{list}?document=d2")).await;
    assert!(listed.body.contains("\"The workshop was held\""), "{}", listed.body);
    let csv = Browser::default().get(&site.app, table).await.body;
    assert!(csv.contains("The workshop was held,"), "the open data has the new commitment: {csv}");
    assert_eq!(site.store.verify_audit().await.unwrap().map(|n| n > 0), Ok(true));
}

/// An editor makes a restatement a second citation of the commitment it restates: the list
/// counts them once; asking again is refused by name; a viewer cannot.
#[tokio::test]
async fn editors_merge_a_restatement_into_its_commitment() {
    let site = site().await;
    let mut viewer = signed_in(&site, "viewer").await;
    let mut editor = signed_in(&site, "editor").await;
    let page = editor.get(&site.app, "/commitments/c2/edit").await;
    assert!(page.body.contains("<option value=\"c1\">"), "the other commitments are offered");
    let list = "/api/v1/partnerships/a-b/commitments";
    let total =
        |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["total"].as_u64().unwrap();
    let before = total(&editor.get(&site.app, list).await.body);
    let merge = [("into", "c1"), ("version", "1")];
    assert_eq!(viewer.post(&site.app, "/commitments/c2/merge", &merge).await.status, StatusCode::FORBIDDEN);
    assert_eq!(editor.post(&site.app, "/commitments/c2/merge", &merge).await.status, StatusCode::SEE_OTHER);
    assert_eq!(total(&editor.get(&site.app, list).await.body), before - 1, "listed and counted once");
    let again = editor.post(&site.app, "/commitments/c2/merge", &[("into", "c1"), ("version", "2")]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert!(again.body.contains("already one commitment"), "{}", again.body);
    let page = editor.get(&site.app, "/commitments/c2/edit").await;
    assert!(page.body.contains("List it on its own again"), "the edit page offers to undo it");
    let separate = [("into", ""), ("version", "2")];
    assert_eq!(
        editor.post(&site.app, "/commitments/c2/merge", &separate).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(total(&editor.get(&site.app, list).await.body), before, "listed on its own again");
    assert_eq!(site.store.verify_audit().await.unwrap().map(|n| n > 0), Ok(true));
}

#[tokio::test]
async fn restricted_records_are_for_signed_in_people_only() {
    let site = site().await;
    let mut anonymous = Browser::default();
    let mut viewer = signed_in(&site, "viewer").await;
    let restricted = "Both sides will meet in private.";
    for uri in ["/commitments/c2", "/api/v1/commitments/c2"] {
        let public = anonymous.get(&site.app, uri).await;
        assert_eq!(public.status, StatusCode::NOT_FOUND, "anonymous {uri}");
        let shown = viewer.get(&site.app, uri).await;
        assert_eq!(shown.status, StatusCode::OK, "viewer {uri}");
        assert!(shown.body.contains(restricted));
        assert!(shown.headers[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"), "{uri}");
    }
    for uri in ["/p/a-b/commitments", "/api/v1/partnerships/a-b/commitments", "/p/a-b/feed.atom"] {
        assert!(!anonymous.get(&site.app, uri).await.body.contains(restricted), "anonymous {uri}");
    }
    assert!(viewer.get(&site.app, "/p/a-b/commitments").await.body.contains(restricted));
    assert!(!viewer.get(&site.app, "/p/a-b/feed.atom").await.body.contains(restricted), "feeds stay public");
}

#[tokio::test]
async fn sign_in_is_throttled_and_sessions_end() {
    let site = site().await;
    let mut b = Browser::default();
    let form = b.get(&site.app, "/login").await;
    b.csrf = csrf_of(&form.body);
    for attempt in 0..5 {
        let reply =
            b.post(&site.app, "/login", &[("user", "editor"), ("password", "wrong password!!")]).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}: {}", reply.body);
        assert!(reply.body.contains("not right"));
        b.csrf = csrf_of(&reply.body);
    }
    let reply = b.post(&site.app, "/login", &[("user", "editor"), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    // Other accounts are not locked out by it.
    let mut other = signed_in(&site, "reviewer").await;
    assert_eq!(other.get(&site.app, "/review").await.status, StatusCode::OK);
    assert_eq!(other.post(&site.app, "/logout", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(other.get(&site.app, "/review").await.status, StatusCode::UNAUTHORIZED, "signed out");

    // Signing in again in the same browser ends its earlier session.
    let mut again = signed_in(&site, "admin").await;
    let earlier = again.cookies.clone();
    let form = again.get(&site.app, "/login").await;
    // The sign-in form's own token (the page's header also has the session's sign-out form).
    again.csrf = csrf_of(&form.body[form.body.find("action=\"/login\"").expect("the sign-in form")..]);
    let reply = again.post(&site.app, "/login", &[("user", "admin"), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let mut stale = Browser { cookies: earlier, csrf: String::new() };
    assert_eq!(
        stale.get(&site.app, "/admin/audit").await.status,
        StatusCode::UNAUTHORIZED,
        "the old session is gone"
    );
    // A page far past the end of the log is an empty page, not an error.
    let far = again.get(&site.app, "/admin/audit?page=9223372036854775807").await;
    assert_eq!(far.status, StatusCode::OK, "{}", far.body);
}

#[tokio::test]
async fn a_stale_edit_from_a_second_browser_is_refused_with_what_changed() {
    let site = site().await;
    let mut first = signed_in(&site, "editor").await;
    let mut second = signed_in(&site, "admin").await;
    let page = first.get(&site.app, "/commitments/c1/edit").await;
    assert!(page.body.contains("name=\"version\" value=\"1\""));
    assert_eq!(second.get(&site.app, "/commitments/c1/edit").await.status, StatusCode::OK);
    let ok = first
        .post(&site.app, "/commitments/c1/handling", &[("handling", "restricted"), ("version", "1")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let stale = second
        .post(
            &site.app,
            "/commitments/c1/notes",
            &[("text", "From an old page."), ("handling", "public"), ("version", "1")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("editor"), "says who changed it: {}", stale.body);
    assert!(stale.body.contains("restricted"), "and what: {}", stale.body);
    assert!(site.store.notes("c1", true).await.unwrap().is_empty());
}

#[tokio::test]
async fn visitors_download_the_public_commitments_as_csv() {
    let site = site().await;
    let mut anonymous = Browser::default();
    let list = anonymous.get(&site.app, "/p/a-b/commitments").await;
    assert!(list.body.contains("/p/a-b/open-data/commitments.csv"), "the list offers it");
    let csv = anonymous.get(&site.app, "/p/a-b/open-data/commitments.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("a-b-commitments.csv"));
    assert!(csv.body.starts_with("id,"), "{}", csv.body);
    assert!(csv.body.contains("Both sides will hold a workshop in 2022."));
    assert!(!csv.body.contains("Both sides will meet in private."), "restricted rows are not published");
    let mut viewer = signed_in(&site, "viewer").await;
    assert!(!viewer.get(&site.app, "/p/a-b/open-data/commitments.csv").await.body.contains("in private"));
    assert_eq!(anonymous.get(&site.app, "/p/a-b/open-data/secrets.txt").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        anonymous.get(&site.app, "/p/nope/open-data/commitments.csv").await.status,
        StatusCode::NOT_FOUND
    );
    let package = anonymous.get(&site.app, "/p/a-b/open-data/datapackage.json").await;
    assert!(package.body.contains("\"commitments.csv\""), "{}", package.body);
}

/// Statuses no person has reviewed are marked as the engine's reading on every page that
/// shows them, and the home page says how much of the record people have reviewed; an
/// assessment makes the commitment reviewed.
#[tokio::test]
async fn machine_readings_are_marked_until_a_person_reviews_them() {
    let site = site().await;
    let mut public = Browser::default();
    let home = public.get(&site.app, "/p/a-b").await.body;
    assert!(home.contains("Reviewed by a person: 0 of"), "{home}");
    for page in ["/commitments/c1", "/p/a-b/commitments"] {
        let body = public.get(&site.app, page).await.body;
        assert!(body.contains("class=\"tag machine\""), "{page}: {body}");
    }
    let japanese = public.get(&site.app, "/ja/commitments/c1").await.body;
    assert!(japanese.contains("機械判定"), "{japanese}");

    let mut reviewer = signed_in(&site, "reviewer").await;
    let verdict =
        [("status", "delivered"), ("made_on", "2023-05-01"), ("rationale", "Held."), ("version", "1")];
    assert_eq!(
        reviewer.post(&site.app, "/commitments/c1/status", &verdict).await.status,
        StatusCode::SEE_OTHER
    );
    let home = public.get(&site.app, "/p/a-b").await.body;
    assert!(home.contains("Reviewed by a person: 1 of"), "{home}");
    let page = public.get(&site.app, "/commitments/c1").await.body;
    assert!(!page.contains("class=\"tag machine\""), "{page}");
    let api: serde_json::Value =
        serde_json::from_str(&public.get(&site.app, "/api/v1/commitments/c1").await.body).unwrap();
    assert_eq!(api["commitment"]["reviewed"], true, "{api}");
}

/// The queue shows the evidence and the commitment side by side with the words they share
/// marked, filters by area, and accepts in bulk only within the area chosen.
#[tokio::test]
async fn reviewers_read_shared_words_and_accept_by_area() {
    let site = site().await;
    let mut reviewer = signed_in(&site, "reviewer").await;
    let queue = reviewer.get(&site.app, "/review?partnership=a-b").await.body;
    assert!(queue.contains(r#"<mark class="shared">workshop</mark>"#), "{queue}");
    assert!(queue.contains(r#"<option value="quantum">"#), "the areas waiting are offered: {queue}");
    let elsewhere = reviewer.get(&site.app, "/review?partnership=a-b&area=semiconductors").await.body;
    assert!(!elsewhere.contains(r#"class="decision""#), "{elsewhere}");

    let bulk = |area: &'static str| [("partnership", "a-b"), ("min_score", "0.5"), ("area", area)];
    assert_eq!(
        reviewer.post(&site.app, "/review/accept-all", &bulk("semiconductors")).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        site.store.link_decisions("a-b", true).await.unwrap().is_empty(),
        "another area's proposals wait"
    );
    assert_eq!(
        reviewer.post(&site.app, "/review/accept-all", &bulk("quantum")).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(site.store.link_decisions("a-b", true).await.unwrap().len(), 1);
}

/// A newer reading no longer holds the words a note was written about: a reviewer finds the
/// note on the orphans page (an editor may not) and puts it on the commitment it belongs to.
#[tokio::test]
async fn reviewers_place_again_what_a_new_reading_could_not_carry() {
    let site = site().await;
    let note = Edit::AddNote {
        commitment_id: "c1".into(),
        text: "Ask which university hosts it.".into(),
        handling: kizuna_core::Handling::Public,
        version: 1,
    };
    site.store.apply(&note, "editor", "2023-02-01T00:00:00Z").await.unwrap();
    let mut newer = record();
    newer.documents[0].commitments[0].text = "Both sides will publish a roadmap.".into();
    newer.documents[1].links.clear();
    let done = site.store.reanalyse(&newer, datetime!(2023-03-01 0:00 UTC), "cli").await.unwrap();
    assert_eq!(done.decisions_orphaned, 1, "{done:?}");

    let mut editor = signed_in(&site, "editor").await;
    assert_eq!(editor.get(&site.app, "/review/orphans").await.status, StatusCode::FORBIDDEN);
    let mut reviewer = signed_in(&site, "reviewer").await;
    let queue = reviewer.get(&site.app, "/review?partnership=a-b").await.body;
    assert!(queue.contains("One decision waits to be placed again."), "{queue}");
    let page = reviewer.get(&site.app, "/review/orphans").await.body;
    assert!(page.contains("Both sides will hold a workshop in 2022."), "the words it was about: {page}");
    assert!(page.contains("Ask which university hosts it."), "{page}");
    let id = site.store.orphaned_decisions("a-b", false).await.unwrap()[0].id.clone();
    let path = format!("/review/orphans/{id}/resolve");
    let nowhere = reviewer.post(&site.app, &path, &[("action", "attach"), ("commitment_id", "c-none")]).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND, "{}", nowhere.body);
    let placed = reviewer.post(&site.app, &path, &[("action", "attach"), ("commitment_id", "c2")]).await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);
    assert_eq!(site.store.notes("c2", true).await.unwrap()[0].text, "Ask which university hosts it.");
    let page = reviewer.get(&site.app, "/review/orphans").await.body;
    assert!(page.contains("0 decisions wait to be placed again."), "{page}");
    assert!(site.store.verify_audit().await.unwrap().is_ok());
}
