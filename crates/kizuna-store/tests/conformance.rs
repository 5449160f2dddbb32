//! One suite, both backends: SQLite in a temporary file and PostgreSQL in a schema of its own.
//! PostgreSQL comes from `KIZUNA_TEST_POSTGRES_URL` (default: the local server's `test`
//! database); when it cannot be reached the test fails rather than skips.

mod common;

use common::*;
use kizuna_store::*;
use time::macros::datetime;

#[tokio::test]
async fn ingest_is_idempotent_and_reads_back() {
    for store in both().await {
        let now = datetime!(2025-01-22 10:00 UTC);
        let report = store.ingest(&record(), now).await.unwrap();
        assert_eq!(report.documents_added, 2, "{}", store.backend());
        assert_eq!(report.commitments_added, 2);
        let again = store.ingest(&record(), now).await.unwrap();
        assert_eq!((again.documents_added, again.documents_unchanged), (0, 2), "{}", store.backend());

        let p = store.partnership("a-b").await.unwrap().unwrap();
        assert_eq!(p.name, "A-B Digital Partnership");
        let docs = store.documents("a-b", false).await.unwrap();
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["d1", "d2"]);
        let (doc, text, blocks) = store.document("d1", false).await.unwrap().unwrap();
        assert_eq!(doc.title, "Document 1");
        assert!(text.starts_with("Plan"));
        assert_eq!(blocks[0].anchor, "Plan");

        let c = store.commitment("c1", false).await.unwrap().unwrap();
        assert_eq!(*c.actors, ["both", "MOA"]);
        assert_eq!(c.due.as_deref(), Some("2022"));
        let ev = store.evidence_for("c1", false).await.unwrap();
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].link.relation, "delivered");
        assert!(ev[0].evidence.concrete);
        assert_eq!(ev[0].document_title, "Document 2");
        assert_eq!(store.changes("a-b", 10).await.unwrap().len(), 2, "one change per document added");
        finish(store).await;
    }
}

/// The manifest's pillars place every commitment whose area they list; a manifest without them
/// takes them away again.
#[tokio::test]
async fn pillars_come_from_the_manifest_and_place_commitments_by_area() {
    for store in both().await {
        let now = datetime!(2025-01-22 10:00 UTC);
        store.ingest(&record(), now).await.unwrap();
        let pillars = store.pillars("a-b").await.unwrap();
        let shown: Vec<(&str, Option<&str>, Vec<&str>)> = pillars
            .iter()
            .map(|p| (p.id.as_str(), p.name_ja.as_deref(), p.areas.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            shown,
            [("research", Some("研究"), vec!["quantum"]), ("data", None, vec!["data"])],
            "{}",
            store.backend()
        );
        assert_eq!(store.commitment("c1", false).await.unwrap().unwrap().pillar.as_deref(), Some("research"));

        let mut without = record();
        without.manifest.pillars.clear();
        store.ingest(&without, now).await.unwrap();
        assert!(store.pillars("a-b").await.unwrap().is_empty(), "{}", store.backend());
        assert_eq!(store.commitment("c1", false).await.unwrap().unwrap().pillar, None);
        finish(store).await;
    }
}

#[tokio::test]
async fn restricted_records_stay_hidden_unless_asked_for() {
    for store in both().await {
        store.ingest(&record(), datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let public = CommitmentQuery { partnership_id: "a-b".into(), ..Default::default() };
        let all = CommitmentQuery { include_restricted: true, ..public.clone() };
        assert_eq!(store.commitments(&public).await.unwrap().len(), 1, "{}", store.backend());
        assert_eq!(store.commitments(&all).await.unwrap().len(), 2);
        assert!(store.commitment("c2", false).await.unwrap().is_none());
        assert!(store.commitment("c2", true).await.unwrap().is_some());
        assert_eq!(store.areas("a-b", false).await.unwrap(), [("quantum".to_string(), 1)]);
        finish(store).await;
    }
}

#[tokio::test]
async fn a_failing_document_leaves_the_earlier_ones_whole() {
    for store in both().await {
        let mut bad = record();
        // The second document's link points at a commitment that does not exist.
        bad.documents[1].links[0].commitment_id = "missing".into();
        assert!(store.ingest(&bad, datetime!(2025-01-22 10:00 UTC)).await.is_err(), "{}", store.backend());
        let docs = store.documents("a-b", true).await.unwrap();
        assert_eq!(docs.len(), 1, "the first document is stored whole, the second not at all");
        assert!(store.evidence_for("c1", true).await.unwrap().is_empty());
        // Fixed input goes in afterwards.
        let report = store.ingest(&record(), datetime!(2025-01-22 11:00 UTC)).await.unwrap();
        assert_eq!((report.documents_added, report.documents_unchanged), (1, 1));
        finish(store).await;
    }
}

#[tokio::test]
async fn bad_urls_are_named() {
    let e = Store::open("mysql://x").await.unwrap_err().to_string();
    assert!(e.contains("mysql://x"), "{e}");
}

#[tokio::test]
async fn versions_grow_with_changes_and_documents_show_their_evidence() {
    for store in both().await {
        assert_eq!(store.record_version("a-b").await.unwrap(), 0, "{}", store.backend());
        let mut first = record();
        first.documents.truncate(1);
        store.ingest(&first, datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let v1 = store.record_version("a-b").await.unwrap();
        store.ingest(&record(), datetime!(2025-01-22 11:00 UTC)).await.unwrap();
        let v2 = store.record_version("a-b").await.unwrap();
        assert!(v2 > v1 && v1 > 0, "{}: {v1} then {v2}", store.backend());
        assert_eq!(store.record_version_all().await.unwrap(), v2);

        let evidence = store.document_evidence("d2", false).await.unwrap();
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].evidence.id, "e1");
        assert_eq!(evidence[0].commitment_id.as_deref(), Some("c1"));
        assert!(store.document_evidence("d1", false).await.unwrap().is_empty());
        finish(store).await;
    }
}

#[tokio::test]
async fn decisions_and_assessments_restore_and_read_back_visible_only() {
    for store in both().await {
        store.ingest(&record(), datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let decision = LinkDecisionRow {
            evidence_id: "e1".into(),
            commitment_id: "c1".into(),
            decision: "accepted".into(),
            relation: Some("delivered".into()),
            decided_by: "reviewer".into(),
            decided_at: "2025-02-01T09:00:00Z".into(),
            rationale: Some("The workshop took place.".into()),
            version: 1,
        };
        let assessment = |id: &str, commitment: &str| AssessmentRow {
            id: id.into(),
            commitment_id: commitment.into(),
            side_id: Some("a".into()),
            status: "delivered".into(),
            rationale: "Held in May 2022.".into(),
            made_on: "2022-06-01".into(),
            made_by: "reviewer".into(),
            recorded_at: "2025-02-01T09:00:00Z".into(),
        };
        let assessments = [assessment("a1", "c1"), assessment("a2", "c2")];
        store
            .restore_decisions(std::slice::from_ref(&decision), &assessments, "2025-02-01T09:00:00Z")
            .await
            .unwrap();
        // Importing the same again changes nothing.
        store
            .restore_decisions(std::slice::from_ref(&decision), &assessments, "2025-02-01T09:00:00Z")
            .await
            .unwrap();
        assert_eq!(
            store.link_decisions("a-b", false).await.unwrap(),
            std::slice::from_ref(&decision),
            "{}",
            store.backend()
        );
        assert_eq!(
            store.assessments("a-b", false).await.unwrap(),
            [assessments[0].clone()],
            "c2 is restricted"
        );
        assert_eq!(store.assessments("a-b", true).await.unwrap().len(), 2);
        assert_eq!(
            store.document_original("d2", false).await.unwrap().as_deref(),
            Some(&b"The workshop was held in May 2022."[..])
        );
        assert!(store.document_original("nope", false).await.unwrap().is_none());
        let links = store.links("a-b", false).await.unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].evidence_id.as_str(), links[0].score), ("e1", 0.72));
        // A decision about a commitment that does not exist is refused whole.
        let bad = LinkDecisionRow { commitment_id: "missing".into(), ..decision.clone() };
        assert!(
            store.restore_decisions(&[bad], &[assessment("a3", "c1")], "2025-02-01T09:00:00Z").await.is_err()
        );
        assert_eq!(store.assessments("a-b", true).await.unwrap().len(), 2, "nothing half-written");
        finish(store).await;
    }
}

#[tokio::test]
async fn translations_are_paired_with_their_originals() {
    for store in both().await {
        let mut r = record();
        // The second document carries a translation of the first's public commitment.
        let translated = CommitmentRow {
            id: "c1-ja".into(),
            document_id: "d2".into(),
            text: "両国は、2022年にワークショップを開催する。".into(),
            ..r.documents[0].commitments[0].clone()
        };
        r.documents[1].commitments.push(translated);
        r.documents[1].alignments.push(("c1".into(), "c1-ja".into()));
        store.ingest(&r, datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        assert_eq!(
            store.alignments("a-b", false).await.unwrap(),
            [("c1".to_string(), "c1-ja".to_string())],
            "{}",
            store.backend()
        );
        let from_original = store.aligned("c1", false).await.unwrap();
        assert_eq!(from_original.len(), 1);
        assert_eq!(from_original[0].commitment.id, "c1-ja");
        assert_eq!(from_original[0].document_title, "Document 2");
        let from_translation = store.aligned("c1-ja", false).await.unwrap();
        assert_eq!(from_translation[0].commitment.id, "c1");
        assert!(store.aligned("c2", true).await.unwrap().is_empty());
        finish(store).await;
    }
}

/// The fixture's first document with three different undertakings, as one reading has them.
fn three_undertakings() -> PartnershipRecord {
    let mut record = record();
    let c = record.documents[0].commitments[0].clone();
    let undertaking = |id: &str, position: i64, anchor: &str, text: &str, handling: &str| CommitmentRow {
        id: id.into(),
        position,
        anchor: anchor.into(),
        text: text.into(),
        span_start: position * 100,
        span_end: position * 100 + 90,
        handling: handling.into(),
        ..c.clone()
    };
    record.documents[0].commitments = vec![
        undertaking(
            "c1",
            0,
            "1 / a",
            "Both sides will hold a workshop on quantum sensing in 2022.",
            "public",
        ),
        undertaking(
            "c2",
            1,
            "1 / b",
            "Both sides will map the cyber skills of their agencies.",
            "restricted",
        ),
        undertaking("c3", 2, "1 / c", "The Council will meet every year and publish its minutes.", "public"),
    ];
    record
}

/// A newer engine's reading of it: a heading found above the list moved every anchor one place
/// on, so that the id `c2` now names the workshop; the Council sentence is gone (read as the
/// heading's words), and a sentence boundary cut the skills undertaking short.
fn re_read(mut record: PartnershipRecord) -> PartnershipRecord {
    let cs = &mut record.documents[0].commitments;
    let mut workshop = CommitmentRow { id: "c2".into(), anchor: "1 / b".into(), ..cs[0].clone() };
    workshop.handling = "public".into();
    let skills = CommitmentRow {
        id: "c9".into(),
        anchor: "1 / c".into(),
        text: "Both sides will map the cyber skills of agencies.".into(),
        handling: "public".into(),
        ..cs[1].clone()
    };
    *cs = vec![workshop, skills];
    record.documents[1].links[0].commitment_id = "c2".into();
    record
}

#[tokio::test]
async fn a_new_reading_carries_every_decision_or_keeps_it_for_review() {
    for store in both().await {
        let at = "2025-02-01T09:00:00Z";
        let first = three_undertakings();
        store.ingest(&first, datetime!(2025-01-22 10:00 UTC)).await.unwrap();
        let add = Edit::AddUser {
            id: "vic".into(),
            display_name: "Vic".into(),
            password_hash: "x".into(),
            role: kizuna_core::Role::Viewer,
            side_id: None,
        };
        store.apply(&add, "cli", at).await.unwrap();
        let decisions = [
            Edit::DecideLink {
                evidence_id: "e1".into(),
                commitment_id: "c1".into(),
                decision: Decision::Accepted,
                relation: Some(kizuna_core::Relation::Delivered),
                rationale: Some("The workshop report says so.".into()),
                version: 1,
            },
            Edit::Assess {
                commitment_id: "c1".into(),
                side_id: None,
                status: kizuna_core::Status::Delivered,
                rationale: "Held in May 2022.".into(),
                made_on: time::macros::date!(2022 - 06 - 01),
                version: 2,
            },
            Edit::Follow {
                user: "vic".into(),
                partnership: "a-b".into(),
                kind: FollowKind::Commitment,
                target: "c1".into(),
            },
            Edit::AddNote {
                commitment_id: "c2".into(),
                text: "Agencies asked to keep the map internal.".into(),
                handling: kizuna_core::Handling::Restricted,
                version: 1,
            },
            Edit::CorrectCommitment {
                commitment_id: "c3".into(),
                correction: Correction::NotACommitment { reason: "Describes the Council's routine.".into() },
                version: 1,
            },
            Edit::RecordEvidence {
                commitment_id: "c3".into(),
                text: "Minutes of the 2024 Council published.".into(),
                date: time::macros::date!(2024 - 03 - 10),
                source_url: None,
                relation: kizuna_core::Relation::Progress,
                handling: kizuna_core::Handling::Public,
                version: 2,
            },
        ];
        for edit in &decisions {
            store.apply(edit, "alice", at).await.unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        }

        let report =
            store.reanalyse(&re_read(first.clone()), datetime!(2025-03-01 10:00 UTC), "cli").await.unwrap();
        // The second document's link now names the workshop by its new id: read differently too.
        assert_eq!(report.documents_changed, ["Document 1", "Document 2"], "{}", store.backend());
        assert_eq!((report.commitments_before, report.commitments_after), (3, 2));
        assert_eq!(
            report.decisions_carried + report.decisions_orphaned,
            decisions.len(),
            "every decision is carried or kept: {report:?}"
        );
        assert_eq!((report.decisions_carried, report.decisions_orphaned), (4, 2));

        // The workshop's decisions followed its words to the id `c2`, not to the id `c1`.
        let links = store.link_decisions("a-b", true).await.unwrap();
        assert_eq!((links[0].evidence_id.as_str(), links[0].commitment_id.as_str()), ("e1", "c2"));
        let assessments = store.assessments("a-b", true).await.unwrap();
        assert_eq!((assessments.len(), assessments[0].commitment_id.as_str()), (1, "c2"));
        assert_eq!(store.follows("vic").await.unwrap()[0].target_id, "c2");
        // The skills note went with its words, and so did the restriction on them.
        assert_eq!(store.notes("c9", true).await.unwrap().len(), 1);
        let skills = store.commitment("c9", true).await.unwrap().unwrap();
        assert_eq!(skills.handling, "restricted", "a restricted passage stays restricted when it is re-cut");
        assert!(store.commitment("c9", false).await.unwrap().is_none());

        // The Council sentence is gone: its correction and evidence wait for a reviewer.
        let orphans = store.orphaned_decisions("a-b", false).await.unwrap();
        let mut kinds: Vec<_> = orphans.iter().map(|o| o.kind.as_str()).collect();
        kinds.sort_unstable();
        assert_eq!(kinds, ["correction", "recorded_evidence"]);
        assert!(orphans.iter().all(|o| o.commitment_text.as_deref()
            == Some("The Council will meet every year and publish its minutes.")));
        let evidence = orphans.iter().find(|o| o.kind == "recorded_evidence").unwrap();
        assert!(evidence.gist().contains("Minutes of the 2024 Council"));

        // Read the same way again: nothing changes, nothing is written.
        let head = store.audit_head().await.unwrap();
        let again = store.ingest(&re_read(first.clone()), datetime!(2025-03-02 10:00 UTC)).await.unwrap();
        assert!(again.reread.documents_changed.is_empty() && again.reread.documents_read == 2);
        assert_eq!(store.audit_head().await.unwrap(), head);

        // A reviewer puts the evidence on the workshop and dismisses the correction.
        let attach = OrphanResolution::Attach { commitment_id: "c2".into() };
        store.resolve_orphan(&evidence.id, &attach, "rita", at).await.unwrap();
        assert_eq!(
            store.recorded_evidence("c2", true).await.unwrap()[0].text,
            "Minutes of the 2024 Council published."
        );
        let correction = orphans.iter().find(|o| o.kind == "correction").unwrap();
        let blank = OrphanResolution::Dismiss { reason: " ".into() };
        assert!(matches!(
            store.resolve_orphan(&correction.id, &blank, "rita", at).await,
            Err(StoreError::Invalid(_))
        ));
        let dismiss =
            OrphanResolution::Dismiss { reason: "The sentence is no longer read as a commitment.".into() };
        store.resolve_orphan(&correction.id, &dismiss, "rita", at).await.unwrap();
        assert!(store.resolve_orphan(&correction.id, &dismiss, "rita", at).await.is_err(), "resolved once");
        assert!(store.orphaned_decisions("a-b", false).await.unwrap().is_empty());
        assert_eq!(store.orphaned_decisions("a-b", true).await.unwrap().len(), 2, "kept, resolved");
        assert!(store.verify_audit().await.unwrap().is_ok());
        finish(store).await;
    }
}
