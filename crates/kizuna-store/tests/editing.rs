//! People's changes to the record, on both backends: each is stored with its audit event or
//! not at all, stale edits are refused with what changed, decisions and hand-recorded evidence
//! count in the links, and the audit chain detects any edited or deleted event.

mod common;

use common::*;
use kizuna_core::{ChainBreak, CommitmentKind, Handling, Relation, Role, Status};
use kizuna_store::*;
use time::macros::{date, datetime};

const AT: &str = "2025-02-01T09:00:00Z";

async fn seeded() -> Vec<Store> {
    let mut stores = both().await;
    for store in &mut stores {
        store.ingest(&record(), datetime!(2025-01-22 10:00 UTC)).await.unwrap();
    }
    stores
}

async fn version(store: &Store, id: &str) -> i64 {
    store.commitment(id, true).await.unwrap().unwrap().version
}

fn note(version: i64, text: &str) -> Edit {
    Edit::AddNote { commitment_id: "c1".into(), text: text.into(), handling: Handling::Restricted, version }
}

#[tokio::test]
async fn an_edit_moves_the_version_and_writes_one_event() {
    for store in seeded().await {
        let events = store.apply(&note(1, "Asked DSIT for the workshop report."), "alice", AT).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].action.as_str(), events[0].entity.as_str()), ("note.add", "commitment:c1"));
        assert_eq!(version(&store, "c1").await, 2);
        let notes = store.notes("c1", true).await.unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].written_by, "alice");
        assert!(
            store.notes("c1", false).await.unwrap().is_empty(),
            "a restricted note stays out of public reads"
        );
        // The ingest was audited too: one event per document.
        assert_eq!(store.verify_audit().await.unwrap(), Ok(3), "{}", store.backend());
        finish(store).await;
    }
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_what_changed() {
    for store in seeded().await {
        store.apply(&note(1, "first"), "alice", AT).await.unwrap();
        let refused = store.apply(&note(1, "second, from an old page"), "bob", AT).await.unwrap_err();
        match refused {
            StoreError::Stale { entity, seen, current, changes } => {
                assert_eq!((entity.as_str(), seen, current), ("commitment:c1", 1, 2));
                assert_eq!(changes.len(), 1);
                assert_eq!(changes[0].actor, "alice");
                assert!(changes[0].after.as_deref().unwrap().contains("first"));
            }
            other => panic!("expected a stale refusal, got {other:?}"),
        }
        assert_eq!(store.notes("c1", true).await.unwrap().len(), 1, "nothing of the refused edit is stored");
        assert_eq!(version(&store, "c1").await, 2);
        let orphan = Edit::AddNote {
            commitment_id: "nope".into(),
            text: "x".into(),
            handling: Handling::Public,
            version: 1,
        };
        let missing = store.apply(&orphan, "a", AT).await;
        assert!(
            matches!(missing, Err(StoreError::NotFound(ref what)) if what == "commitment:nope"),
            "{missing:?}"
        );
        assert_eq!(store.verify_audit().await.unwrap(), Ok(3));
        finish(store).await;
    }
}

#[tokio::test]
async fn decisions_and_recorded_evidence_change_what_counts() {
    for store in seeded().await {
        assert_eq!(store.link_facts("a-b", true).await.unwrap().len(), 1);
        let reject = Edit::DecideLink {
            evidence_id: "e1".into(),
            commitment_id: "c1".into(),
            decision: Decision::Rejected,
            relation: None,
            rationale: Some("About another workshop.".into()),
            version: 1,
        };
        store.apply(&reject, "rita", AT).await.unwrap();
        assert!(store.link_facts("a-b", true).await.unwrap().is_empty());
        assert!(store.evidence_for("c1", true).await.unwrap().is_empty());
        assert_eq!(
            store.review_queue(&queue(0.0, None), 0, 10).await.unwrap().1,
            0,
            "decided links leave the queue"
        );

        // Moved to c2 instead: it counts there, with the relation the reviewer chose.
        let relink = Edit::Relink {
            evidence_id: "e1".into(),
            from: "c1".into(),
            to: "c2".into(),
            relation: Relation::Progress,
            rationale: None,
            version: 2,
        };
        let events = store.apply(&relink, "rita", AT).await.unwrap();
        assert_eq!(events.len(), 2, "one event per commitment whose version moved");
        let facts = store.link_facts("a-b", true).await.unwrap();
        assert_eq!(facts.len(), 1);
        assert_eq!((facts[0].commitment_id.as_str(), facts[0].relation.as_str()), ("c2", "progress"));

        let recorded = Edit::RecordEvidence {
            commitment_id: "c1".into(),
            text: "Workshop held on 19 November 2024.".into(),
            date: date!(2024 - 11 - 19),
            source_url: Some("https://example.org/workshop".into()),
            relation: Relation::Delivered,
            handling: Handling::Public,
            version: 3,
        };
        store.apply(&recorded, "eddie", AT).await.unwrap();
        let facts = store.link_facts("a-b", false).await.unwrap();
        let c1: Vec<_> = facts.iter().filter(|f| f.commitment_id == "c1").collect();
        assert_eq!(c1.len(), 1);
        assert_eq!(
            (c1[0].relation.as_str(), c1[0].evidence_date.as_deref()),
            ("delivered", Some("2024-11-19"))
        );
        assert_eq!(store.recorded_evidence("c1", false).await.unwrap().len(), 1);
        finish(store).await;
    }
}

/// The common record with the later document's sentence as a paragraph of its own (`¶1`).
fn with_a_paragraph() -> PartnershipRecord {
    let mut record = record();
    record.documents[1].blocks.push(BlockRow {
        position: 0,
        kind: "paragraph".into(),
        level: None,
        anchor: "¶1".into(),
        span_start: 0,
        span_end: 34,
    });
    record
}

/// A passage of a later document linked as evidence counts with its document's date and keeps
/// its citation; passages of the commitment's own document, of a missing paragraph, or of a
/// headline are refused, and nothing is written then.
#[tokio::test]
async fn a_passage_of_a_later_document_is_linked_as_evidence() {
    for store in both().await {
        store.ingest(&with_a_paragraph(), datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let passages = store.later_passages("c1").await.unwrap();
        assert_eq!(passages.len(), 1, "the paragraph of d2; d1 is the commitment's own");
        assert_eq!((passages[0].document_id.as_str(), passages[0].anchor.as_str()), ("d2", "¶1"));
        assert_eq!(passages[0].text, "The workshop was held in May 2022.");

        let link = |document: &str, anchor: &str, version: i64| Edit::LinkPassage {
            commitment_id: "c1".into(),
            document_id: document.into(),
            anchor: anchor.into(),
            relation: Relation::Progress,
            handling: Handling::Public,
            version,
        };
        for (document, anchor, refusal) in
            [("d1", "Plan", "passage `Plan`"), ("d2", "¶9", "passage `¶9`"), ("d9", "¶1", "passage `¶1`")]
        {
            let e = store.apply(&link(document, anchor, 1), "eddie", AT).await.unwrap_err();
            assert!(e.to_string().contains(refusal), "{e}");
        }
        assert_eq!(version(&store, "c1").await, 1, "a refused link writes nothing");

        store.apply(&link("d2", "¶1", 1), "eddie", AT).await.unwrap();
        let recorded = store.recorded_evidence("c1", false).await.unwrap();
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].text, "The workshop was held in May 2022.");
        assert_eq!(
            (recorded[0].document_id.as_deref(), recorded[0].anchor.as_deref()),
            (Some("d2"), Some("¶1"))
        );
        let facts = store.link_facts("a-b", false).await.unwrap();
        assert!(
            facts.iter().any(|f| f.commitment_id == "c1"
                && f.relation == "progress"
                && f.evidence_date.as_deref() == Some("2022-01-01")),
            "it counts from its document's date: {facts:?}"
        );
        let events = store.audit_events(Some("commitment:c1"), 0, 10).await.unwrap();
        assert!(events.iter().any(|e| e.action == "evidence.link-passage"));

        // A passage of a restricted document stays restricted, whatever the form said.
        let restrict = Edit::SetHandling {
            record: Marked::Document,
            id: "d2".into(),
            handling: Handling::Restricted,
            version: 1,
        };
        store.apply(&restrict, "eddie", AT).await.unwrap();
        store.apply(&link("d2", "¶1", 2), "eddie", AT).await.unwrap();
        assert_eq!(
            store.recorded_evidence("c1", false).await.unwrap().len(),
            1,
            "the second link is not public"
        );
        assert_eq!(store.recorded_evidence("c1", true).await.unwrap().len(), 2);
        assert!(store.verify_audit().await.unwrap().is_ok());
        finish(store).await;
    }
}

/// An undertaking the engine missed is added from the paragraph it stands in: it quotes the
/// paragraph word for word and cites it; words that are not there, a second copy and a stale
/// form are refused, and nothing is written then.
#[tokio::test]
async fn a_missed_commitment_is_added_from_its_passage() {
    for store in both().await {
        store.ingest(&with_a_paragraph(), datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let add = |text: &str, version: i64| Edit::AddCommitment {
            document_id: "d2".into(),
            anchor: "¶1".into(),
            text: text.into(),
            area: "quantum".into(),
            kind: CommitmentKind::OneOff,
            due: Some("2026".parse().unwrap()),
            version,
        };
        let e = store.apply(&add("The workshop was held in June 2022.", 1), "eddie", AT).await.unwrap_err();
        assert!(e.to_string().contains("word for word"), "{e}");
        let events = store.apply(&add("The workshop  was held\nin May 2022.", 1), "eddie", AT).await.unwrap();
        assert_eq!(events[0].action, "commitment.add");
        let id = events[0].entity.trim_start_matches("commitment:").to_owned();
        let added = store.commitment(&id, false).await.unwrap().expect("the new commitment is public");
        assert_eq!(
            (added.document_id.as_str(), added.anchor.as_str(), added.text.as_str()),
            ("d2", "¶1", "The workshop was held in May 2022.")
        );
        assert_eq!((added.kind.as_str(), added.due.as_deref()), ("one-off", Some("2026")));
        let again =
            store.apply(&add("The workshop was held in May 2022.", 2), "eddie", AT).await.unwrap_err();
        assert!(again.to_string().contains("already quotes these words"), "{again}");
        let stale = store.apply(&add("The workshop was held", 1), "eddie", AT).await.unwrap_err();
        assert!(matches!(stale, StoreError::Stale { .. }), "{stale}");
        assert!(store.verify_audit().await.unwrap().is_ok());
        finish(store).await;
    }
}

/// A restatement merged into the commitment it restates becomes a second citation of it (one
/// pair in the alignments every reading goes through); merging into itself, or twice either way
/// round, is refused and writes nothing.
#[tokio::test]
async fn a_restatement_is_merged_into_its_commitment() {
    for store in seeded().await {
        let merge = |duplicate: &str, into: &str, version: i64| Edit::MergeCommitment {
            duplicate_id: duplicate.into(),
            into_id: into.into(),
            version,
        };
        let e = store.apply(&merge("c2", "c2", 1), "eddie", AT).await.unwrap_err();
        assert!(e.to_string().contains("another commitment of its own partnership"), "{e}");
        let events = store.apply(&merge("c2", "c1", 1), "eddie", AT).await.unwrap();
        assert_eq!(
            (events[0].action.as_str(), events[0].entity.as_str()),
            ("commitment.merge", "commitment:c2")
        );
        assert_eq!(store.alignments("a-b", true).await.unwrap(), [("c1".to_owned(), "c2".to_owned())]);
        for again in [merge("c2", "c1", 2), merge("c1", "c2", 1)] {
            let e = store.apply(&again, "eddie", AT).await.unwrap_err();
            assert!(e.to_string().contains("already one commitment"), "{e}");
        }
        assert_eq!(version(&store, "c1").await, 1, "a refused merge writes nothing");
        assert_eq!(store.cited_again_in("c2").await.unwrap().as_deref(), Some("c1"));
        // And undone: listed on its own again; undoing twice is refused.
        let separate = |version| Edit::SeparateCommitment { duplicate_id: "c2".into(), version };
        let events = store.apply(&separate(2), "eddie", AT).await.unwrap();
        assert_eq!(events[0].action, "commitment.separate");
        assert!(store.alignments("a-b", true).await.unwrap().is_empty());
        let e = store.apply(&separate(3), "eddie", AT).await.unwrap_err();
        assert!(e.to_string().contains("is not a second citation"), "{e}");
        assert!(store.verify_audit().await.unwrap().is_ok());
        finish(store).await;
    }
}

fn queue(min_score: f64, area: Option<&str>) -> QueueFilter {
    QueueFilter { partnership: "a-b".into(), min_score, area: area.map(Into::into) }
}

#[tokio::test]
async fn bulk_accept_takes_only_undecided_proposals_above_the_score_of_the_area() {
    for store in seeded().await {
        let none = store.apply(&Edit::AcceptProposals(queue(0.9, None)), "r", AT).await;
        assert!(none.unwrap().is_empty());
        assert_eq!(store.queue_areas("a-b", 0.7).await.unwrap(), [("quantum".to_owned(), 1)]);
        let (rows, total) = store.review_queue(&queue(0.7, Some("quantum")), 0, 10).await.unwrap();
        assert_eq!((rows[0].area.as_str(), total), ("quantum", 1));
        let elsewhere =
            store.apply(&Edit::AcceptProposals(queue(0.7, Some("semiconductors"))), "r", AT).await;
        assert!(elsewhere.unwrap().is_empty(), "another area's bulk accept leaves it");
        let some = store.apply(&Edit::AcceptProposals(queue(0.7, Some("quantum"))), "r", AT).await;
        assert_eq!(some.unwrap().len(), 1);
        let decisions = store.link_decisions("a-b", true).await.unwrap();
        assert_eq!((decisions[0].decision.as_str(), decisions[0].decided_by.as_str()), ("accepted", "r"));
        assert_eq!(store.review_queue(&queue(0.0, None), 0, 10).await.unwrap().1, 0);
        finish(store).await;
    }
}

#[tokio::test]
async fn assessments_need_a_known_side_and_a_rationale() {
    for store in seeded().await {
        let assess = |side: Option<&str>, rationale: &str| Edit::Assess {
            commitment_id: "c1".into(),
            side_id: side.map(str::to_owned),
            status: Status::Delivered,
            rationale: rationale.into(),
            made_on: date!(2025 - 01 - 30),
            version: 1,
        };
        assert!(matches!(
            store.apply(&assess(Some("z"), "Held."), "r", AT).await,
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(store.apply(&assess(None, "  "), "r", AT).await, Err(StoreError::Invalid(_))));
        store.apply(&assess(Some("a"), "Held by A."), "r", AT).await.unwrap();
        let rows = store.assessments("a-b", true).await.unwrap();
        assert_eq!((rows[0].side_id.as_deref(), rows[0].status.as_str()), (Some("a"), "delivered"));
        finish(store).await;
    }
}

#[tokio::test]
async fn people_sessions_and_failed_logins() {
    for store in both().await {
        let add = Edit::AddUser {
            id: "alice".into(),
            display_name: "Alice".into(),
            password_hash: "$argon2id$stub".into(),
            role: Role::Reviewer,
            side_id: Some("a".into()),
        };
        store.apply(&add, "cli", AT).await.unwrap();
        assert!(matches!(store.apply(&add, "cli", AT).await, Err(StoreError::Invalid(_))), "no second alice");
        let (user, hash) = store.user_credentials("alice").await.unwrap().unwrap();
        assert_eq!((user.role.as_str(), hash.as_str()), ("reviewer", "$argon2id$stub"));

        store.create_session("h1", "alice", "csrf1", AT, "2025-02-01T21:00:00Z").await.unwrap();
        let s = store.session_user("h1", "2025-02-01T10:00:00Z").await.unwrap().unwrap();
        assert_eq!((s.user.id.as_str(), s.csrf.as_str()), ("alice", "csrf1"));
        assert!(store.session_user("h1", "2025-02-01T22:00:00Z").await.unwrap().is_none(), "expired");
        assert!(store.session_user("other", "2025-02-01T10:00:00Z").await.unwrap().is_none());
        store.apply(&Edit::SetDisabled { user: "alice".into(), disabled: true }, "cli", AT).await.unwrap();
        assert!(
            store.session_user("h1", "2025-02-01T10:00:00Z").await.unwrap().is_none(),
            "disabling ends sessions"
        );

        let limits = LoginLimits { per_account: 5, per_address: 20 };
        let since = "2025-02-01T08:30:00Z";
        for _ in 0..3 {
            let attempt =
                store.begin_login_attempt("alice", "10.0.0.1", "2025-02-01T09:00:00Z", since, limits);
            assert!(matches!(attempt.await.unwrap(), LoginAttempt::Allowed(_)));
        }
        store.begin_login_attempt("bob", "10.0.0.1", "2025-02-01T08:00:00Z", since, limits).await.unwrap();
        assert_eq!(store.login_failures_since("alice", "10.0.0.1", since).await.unwrap(), (3, 3));
        let LoginAttempt::Allowed(ok) = store
            .begin_login_attempt("alice", "10.0.0.9", "2025-02-01T09:01:00Z", since, limits)
            .await
            .unwrap()
        else {
            panic!("a fourth attempt is allowed")
        };
        store.login_succeeded(ok, "alice").await.unwrap();
        assert_eq!(
            store.login_failures_since("alice", "10.0.0.1", since).await.unwrap(),
            (0, 3),
            "signing in clears the account's failures, not the address's"
        );
        assert_eq!(store.login_failures_since("alice", "10.0.0.9", since).await.unwrap().1, 0, "no failure");
        finish(store).await;
    }
}

/// 100 guesses at the same moment: no more than the limit's worth are let through to the
/// password check, on either backend.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_login_attempts_cannot_beat_the_limit() {
    for store in both().await {
        let limits = LoginLimits { per_account: 5, per_address: 1000 };
        let guesses: Vec<_> = (0..100)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .begin_login_attempt(
                            "alice",
                            "10.0.0.1",
                            "2025-02-01T09:00:00Z",
                            "2025-02-01T08:00:00Z",
                            limits,
                        )
                        .await
                })
            })
            .collect();
        let mut allowed = 0;
        for guess in guesses {
            allowed += usize::from(matches!(guess.await.unwrap().unwrap(), LoginAttempt::Allowed(_)));
        }
        assert!(allowed <= 5, "{allowed} of 100 simultaneous guesses were checked");
        // One at a time, the first five are checked and the sixth is not.
        let one = |user: &'static str| {
            store.begin_login_attempt(
                user,
                "10.0.0.2",
                "2025-02-01T09:00:00Z",
                "2025-02-01T08:00:00Z",
                limits,
            )
        };
        for _ in 0..5 {
            assert!(matches!(one("bob").await.unwrap(), LoginAttempt::Allowed(_)));
        }
        assert_eq!(one("bob").await.unwrap(), LoginAttempt::Throttled);
        finish(store).await;
    }
}

#[tokio::test]
async fn follows_make_a_digest_until_read() {
    for store in seeded().await {
        let add = Edit::AddUser {
            id: "vic".into(),
            display_name: "Vic".into(),
            password_hash: "x".into(),
            role: Role::Viewer,
            side_id: None,
        };
        store.apply(&add, "cli", AT).await.unwrap();
        let follow = Edit::Follow {
            user: "vic".into(),
            partnership: "a-b".into(),
            kind: FollowKind::Area,
            target: "quantum".into(),
        };
        store.apply(&follow, "vic", AT).await.unwrap();
        assert!(store.digest("vic", true).await.unwrap().is_empty(), "only changes after following");
        store.apply(&note(1, "restricted news"), "alice", AT).await.unwrap();
        let lines = store.digest("vic", true).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].commitment_id.as_str(), lines[0].kind.as_str()), ("c1", "note.add"));
        store.apply(&Edit::MarkDigestRead { user: "vic".into() }, "vic", AT).await.unwrap();
        assert!(store.digest("vic", true).await.unwrap().is_empty());
        finish(store).await;
    }
}

#[tokio::test]
async fn tampering_with_the_audit_log_is_detected() {
    for store in seeded().await {
        for n in 1..=3 {
            store.apply(&note(n, &format!("note {n}")), "alice", AT).await.unwrap();
        }
        assert_eq!(store.verify_audit().await.unwrap(), Ok(5));
        let run = |sql: &'static str| {
            let store = store.clone();
            async move {
                match &store {
                    Store::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
                    Store::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
                }
                .unwrap()
            }
        };
        run("UPDATE audit_events SET actor = 'mallory' WHERE seq = 4").await;
        assert_eq!(store.verify_audit().await.unwrap(), Err(ChainBreak::Altered { seq: 4 }));
        run("UPDATE audit_events SET actor = 'alice' WHERE seq = 4").await;
        assert_eq!(store.verify_audit().await.unwrap(), Ok(5));
        run("DELETE FROM audit_events WHERE seq = 5").await;
        assert_eq!(store.verify_audit().await.unwrap(), Err(ChainBreak::Truncated { last: 4, head: 5 }));
        run("DELETE FROM audit_events WHERE seq = 2").await;
        assert_eq!(store.verify_audit().await.unwrap(), Err(ChainBreak::Gap { seq: 2, found: 3 }));
        finish(store).await;
    }
}

/// A weak machine link is a suggestion: it does not count until a reviewer accepts it. The
/// view's threshold is the core rules' own.
#[tokio::test]
async fn weak_links_count_only_once_accepted() {
    assert!((kizuna_core::LINK_COUNTS_FROM - 0.45).abs() < 1e-6, "the effective_links view says 0.45");
    for store in both().await {
        let mut weak = record();
        weak.documents[1].links[0].score = 0.40;
        store.ingest(&weak, datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        assert!(store.link_facts("a-b", false).await.unwrap().is_empty(), "{}", store.backend());
        let accept = Edit::DecideLink {
            evidence_id: "e1".into(),
            commitment_id: "c1".into(),
            decision: Decision::Accepted,
            relation: None,
            rationale: None,
            version: version(&store, "c1").await,
        };
        store.apply(&accept, "reviewer", AT).await.unwrap();
        assert_eq!(store.link_facts("a-b", false).await.unwrap().len(), 1, "{}", store.backend());
        finish(store).await;
    }
}

/// People correct what the engine read: "not a commitment" (kept, set apart, undoable), area,
/// pillar, kind and due date; each audited and versioned, and kept through a re-ingest.
#[tokio::test]
async fn corrections_are_laid_over_the_engine_and_survive_reingest() {
    for store in seeded().await {
        let correct = |correction: Correction, version: i64| Edit::CorrectCommitment {
            commitment_id: "c1".into(),
            correction,
            version,
        };
        let v = version(&store, "c1").await;
        let aside = correct(Correction::NotACommitment { reason: "Only a hope.".into() }, v);
        store.apply(&aside, "eve", AT).await.unwrap();
        let c = store.commitment("c1", true).await.unwrap().unwrap();
        assert_eq!(c.kind, "context", "{}", store.backend());
        assert_eq!(store.correction("c1").await.unwrap().unwrap().reason.as_deref(), Some("Only a hope."));
        assert!(matches!(store.apply(&aside, "eve", AT).await, Err(StoreError::Stale { .. })), "stale");

        let due: kizuna_core::Period = "2026-Q2".parse().unwrap();
        let fields = Correction::Fields {
            area: Some("data".into()),
            pillar: None,
            kind: Some(CommitmentKind::OneOff),
            strength: Some(kizuna_core::Strength::Soft),
            due: Some(Some(due)),
            actors: Some(vec!["MIC".into(), "both".into()]),
        };
        store.apply(&correct(fields, v + 1), "eve", AT).await.unwrap();
        let c = store.commitment("c1", true).await.unwrap().unwrap();
        assert_eq!(
            (c.kind.as_str(), c.area.as_str(), c.due.as_deref(), c.due_end.as_deref()),
            ("one-off", "data", Some("2026-Q2"), Some("2026-06-30"))
        );
        assert_eq!(
            (c.strength.as_str(), c.actors.0.clone()),
            ("soft", vec!["MIC".to_string(), "both".to_string()])
        );
        // Its pillar follows its corrected area, until a person places it under another.
        assert_eq!(c.pillar.as_deref(), Some("data"));
        let pillar = |p: &str| Correction::Fields {
            area: None,
            pillar: Some(p.into()),
            kind: None,
            strength: None,
            due: None,
            actors: None,
        };
        let unknown = store.apply(&correct(pillar("space"), v + 2), "eve", AT).await;
        assert!(
            matches!(&unknown, Err(StoreError::Invalid(m)) if m.contains("`space` is not a pillar")),
            "{unknown:?}"
        );
        store.apply(&correct(pillar("research"), v + 2), "eve", AT).await.unwrap();
        let c = store.commitment("c1", true).await.unwrap().unwrap();
        assert_eq!((c.area.as_str(), c.pillar.as_deref()), ("data", Some("research")));

        // A re-analysis writes the engine's reading again; the correction still lies over it.
        store.ingest(&record(), datetime!(2025-03-01 10:00 UTC)).await.unwrap();
        assert_eq!(store.commitment("c1", true).await.unwrap().unwrap().area, "data");

        assert_eq!(store.commitment("c1", true).await.unwrap().unwrap().pillar.as_deref(), Some("research"));

        store.apply(&correct(Correction::Restore, v + 3), "eve", AT).await.unwrap();
        let c = store.commitment("c1", true).await.unwrap().unwrap();
        assert_eq!(
            (c.kind.as_str(), c.due.as_deref(), c.pillar.as_deref()),
            ("one-off", Some("2022"), Some("research")),
            "the engine's reading again (quantum sits under research)"
        );
        let trail = store.audit_events(Some("commitment:c1"), 0, 50).await.unwrap();
        assert_eq!(trail.iter().filter(|e| e.action == "commitment.correct").count(), 4);
        finish(store).await;
    }
}

/// One extracted item split into the undertakings it holds: each part a commitment citing the
/// same passage with the item's reading, the item set aside with the parts named; one audited
/// edit, refused when stale or when a part is not in the item.
#[tokio::test]
async fn an_item_is_split_into_its_undertakings_in_one_edit() {
    for store in seeded().await {
        let split = |parts: &[&str], version: i64| Edit::SplitCommitment {
            commitment_id: "c1".into(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            version,
        };
        let v = version(&store, "c1").await;
        let (head, _) = store.audit_head().await.unwrap();
        let refused =
            store.apply(&split(&["Both sides will hold a workshop", "launch a call"], v), "eve", AT).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(m)) if m.contains("launch a call")),
            "{}",
            store.backend()
        );
        assert_eq!(store.audit_head().await.unwrap().0, head, "nothing written");

        store.apply(&split(&["Both sides will hold a workshop", "in 2022."], v), "eve", AT).await.unwrap();
        let item = store.commitment("c1", true).await.unwrap().unwrap();
        assert_eq!(item.kind, "context", "{}", store.backend());
        let reason = store.correction("c1").await.unwrap().unwrap().reason.unwrap();
        assert!(reason.starts_with("split into c-"), "{reason}");
        let query =
            CommitmentQuery { partnership_id: "a-b".into(), include_restricted: true, ..Default::default() };
        let parts: Vec<CommitmentRow> = store
            .commitments(&query)
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.anchor == item.anchor && c.id.starts_with("c-"))
            .collect();
        let texts: Vec<&str> = parts.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Both sides will hold a workshop", "in 2022."], "{}", store.backend());
        assert!(parts.iter().all(|c| c.area == item.area && c.due == item.due && c.actors == item.actors));
        assert!(matches!(
            store.apply(&split(&["Both sides", "a workshop"], v), "eve", AT).await,
            Err(StoreError::Stale { .. })
        ));
        let trail = store.audit_events(None, 0, 500).await.unwrap();
        assert_eq!(trail.iter().filter(|e| e.action == "commitment.split").count(), 1);
        assert_eq!(trail.iter().filter(|e| e.action == "commitment.add").count(), 2);
        finish(store).await;
    }
}

/// What no edit may store is refused before anything is written: an overlong text, a name with
/// a line break (it would reach e-mail headers).
#[tokio::test]
async fn overlong_texts_and_names_with_line_breaks_are_refused() {
    for store in seeded().await {
        let (head, _) = store.audit_head().await.unwrap();
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let refused = store.apply(&note(version(&store, "c1").await, &long), "eve", AT).await;
        assert!(matches!(refused, Err(StoreError::Invalid(m)) if m.contains("at most")));
        let crlf = Edit::AddUser {
            id: "mallory".into(),
            display_name: "Mallory\r\nBcc: everyone@example.org".into(),
            password_hash: "x".into(),
            role: Role::Viewer,
            side_id: None,
        };
        assert!(matches!(store.apply(&crlf, "cli", AT).await, Err(StoreError::Invalid(_))));
        assert_eq!(store.audit_head().await.unwrap().0, head, "nothing written");
        finish(store).await;
    }
}

/// A commitment a person decided a link of is reviewed; a decision on restricted evidence
/// marks it reviewed only for those who may see that evidence.
#[tokio::test]
async fn a_decided_link_marks_its_commitment_reviewed_for_those_who_see_it() {
    for store in seeded().await {
        assert!(store.reviewed_commitments("a-b", true).await.unwrap().is_empty());
        let accept = Edit::DecideLink {
            evidence_id: "e1".into(),
            commitment_id: "c1".into(),
            decision: Decision::Accepted,
            relation: None,
            rationale: None,
            version: 1,
        };
        store.apply(&accept, "rita", AT).await.unwrap();
        assert_eq!(store.reviewed_commitments("a-b", false).await.unwrap(), ["c1"], "{}", store.backend());
        let restrict = Edit::SetHandling {
            record: Marked::Evidence,
            id: "e1".into(),
            handling: Handling::Restricted,
            version: 1,
        };
        store.apply(&restrict, "eddie", AT).await.unwrap();
        assert!(store.reviewed_commitments("a-b", false).await.unwrap().is_empty(), "{}", store.backend());
        assert_eq!(store.reviewed_commitments("a-b", true).await.unwrap(), ["c1"]);
        finish(store).await;
    }
}
