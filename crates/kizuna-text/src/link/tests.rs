use super::*;
use crate::tokens::terms;
use time::macros::date;

fn target(document: usize, area: &str, kind: CommitmentKind, due: Option<&str>) -> Target {
    Target {
        document,
        area: area.into(),
        kind,
        due: due.map(|d| d.parse().unwrap()),
        made: Some(date!(2024 - 01 - 16)),
        deliverables: Deliverables::default(),
    }
}

fn query<'a>(terms: &'a [(String, f32)], area: &'a str, date: Option<Date>, concrete: bool) -> Query<'a> {
    Query {
        terms,
        document: 4,
        day: Some(date!(2025 - 01 - 22)),
        deliverables: Deliverables::default(),
        area,
        date,
        concrete,
        progress_claim: false,
        restatement: false,
    }
}

/// Commitments on other topics, so that word rarity means what it does in a real record.
fn others(index: &mut CommitmentIndex) {
    for other in [
        "Exchange information on AI principles",
        "Support data protection regulators",
        "Build cyber skills",
        "Deepen collaboration on online safety",
        "Share best practice on digital identity",
        "Cooperate on quantum research",
        "Promote digital technical standards",
        "Increase vendor diversity in the 5G telecoms supply chain",
    ] {
        index.add(&terms(other), target(0, "general", CommitmentKind::Continuing, None));
    }
}

fn kinds(text: &str) -> Deliverables {
    crate::classify::deliverables(&crate::tokens::fold(text))
}

fn weighted(text: &str) -> Vec<(String, f32)> {
    terms(text).into_iter().map(|t| (t, 1.0)).collect()
}

#[test]
fn the_roundtable_delivers_the_workshop() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let text = "concurred in holding an industry-academia-government semiconductor workshop in the first quarter of 2024";
    let workshop = index.add(
        &terms(text),
        Target {
            deliverables: kinds(text),
            ..target(1, "semiconductors", CommitmentKind::OneOff, Some("2024-Q1"))
        },
    );
    index.add(
        &terms("Develop joint R&D initiatives such as Open RAN"),
        target(0, "telecoms", CommitmentKind::Continuing, None),
    );
    index.add(&terms("Share information on AI standards"), target(0, "ai", CommitmentKind::Continuing, None));
    let said = "the first UK-Japan Semiconductor Partnership Stakeholder Roundtable was held in March 2024";
    let t = weighted(said);
    let links = index.link(&Query {
        deliverables: kinds(said),
        ..query(&t, "semiconductors", Some(date!(2024 - 03 - 01)), true)
    });
    assert_eq!(links[0].target, workshop, "{links:?}");
    assert_eq!(links[0].relation, Relation::Delivered);
    assert!(links.len() <= MAX_LINKS);
}

#[test]
fn restatements_are_reaffirmed_and_later_documents_are_never_targets() {
    let mut index = CommitmentIndex::new();
    index.add(
        &terms("Increase vendor diversity in the 5G telecoms supply chain"),
        target(0, "telecoms", CommitmentKind::Continuing, None),
    );
    index.add(
        &terms("promote Open RAN vendor diversity in third countries"),
        target(5, "telecoms", CommitmentKind::Continuing, None),
    );
    for other in [
        "Exchange information on AI principles",
        "Support data protection regulators",
        "Build cyber skills",
        "Hold a semiconductor workshop",
        "Deepen collaboration on online safety",
        "Share best practice on digital identity",
        "Cooperate on quantum research",
        "Promote digital technical standards",
    ] {
        index.add(&terms(other), target(0, "general", CommitmentKind::Continuing, None));
    }
    let t = weighted(
        "confirmed their commitment to continue increasing vendor diversity in the 5G supply chain through Open RAN",
    );
    let links = index.link(&query(&t, "telecoms", None, false));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].target, 0);
    assert_eq!(links[0].relation, Relation::Reaffirmed);
}

/// A summit on AI safety does not deliver a commitment to cooperate ahead of an Internet
/// forum: a meeting is not any meeting, and sharing only "a meeting was held" links nothing.
#[test]
fn delivery_needs_the_same_kind_of_thing_on_the_same_topic() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let igf = "look forward to cooperating ahead of the 2023 UN Internet Governance Forum hosted by Japan";
    index.add(
        &terms(igf),
        Target { deliverables: kinds(igf), ..target(1, "internet-governance", CommitmentKind::OneOff, None) },
    );
    let summit = "welcomed the outcomes of the AI Safety Summit hosted by the UK in November 2023";
    let t = weighted(summit);
    let links = index
        .link(&Query { deliverables: kinds(summit), ..query(&t, "ai", Some(date!(2023 - 11 - 01)), true) });
    assert!(links.iter().all(|l| l.relation != Relation::Delivered), "{links:?}");

    let mut index = CommitmentIndex::new();
    others(&mut index);
    let workshop = "hold a semiconductor workshop in the first quarter of 2024";
    index.add(
        &terms(workshop),
        Target {
            deliverables: kinds(workshop),
            ..target(1, "semiconductors", CommitmentKind::OneOff, Some("2024-Q1"))
        },
    );
    let wtsa = "a workshop on standards was held ahead of WTSA in March 2024";
    let t = weighted(wtsa);
    let links = index.link(&Query {
        deliverables: kinds(wtsa),
        ..query(&t, "standards", Some(date!(2024 - 03 - 01)), true)
    });
    assert!(links.is_empty(), "only the kind of event is shared: {links:?}");
}

/// "The inaugural meeting of the Council was held" delivers the first meeting, not the
/// Council's annual meetings, nor its second.
#[test]
fn the_same_one_of_a_series_is_delivered() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let commitments = [
        ("the digital partnership council will meet annually", CommitmentKind::Governance),
        (
            "the first meeting of the digital partnership council will take place in 2023",
            CommitmentKind::OneOff,
        ),
        (
            "the second meeting of the digital partnership council will take place in 2024",
            CommitmentKind::OneOff,
        ),
    ];
    let ids: Vec<usize> = commitments
        .iter()
        .map(|&(text, kind)| {
            index.add(
                &terms(text),
                Target { deliverables: kinds(text), ..target(1, "governance", kind, None) },
            )
        })
        .collect();
    let held = "held the inaugural meeting of the digital partnership council in singapore";
    let t = weighted(held);
    let links = index.link(&Query {
        deliverables: kinds(held),
        ..query(&t, "general", Some(date!(2023 - 12 - 05)), true)
    });
    let first = links.first().expect("linked");
    assert_eq!((first.target, first.relation), (ids[1], Relation::Delivered), "{links:?}");
    assert!(links.iter().all(|l| l.target != ids[2] || l.relation != Relation::Delivered), "{links:?}");
    // The second meeting delivers the second, never the first.
    let second = "the second meeting of the digital partnership council took place in brussels";
    let t = weighted(second);
    let links = index.link(&Query {
        deliverables: kinds(second),
        ..query(&t, "general", Some(date!(2024 - 12 - 05)), true)
    });
    let delivered: Vec<usize> =
        links.iter().filter(|l| l.relation == Relation::Delivered).map(|l| l.target).collect();
    assert_eq!(delivered, [ids[2]], "{links:?}");
}

/// "The working groups held their inaugural meetings" delivers the working groups, not
/// every first meeting: one statement reports one occasion.
#[test]
fn one_occasion_is_delivered_once() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let groups = "working groups on telecommunications and on data will be set up in the first year";
    let officials = "the first meeting of the senior officials' group will take place in seoul";
    let ids: Vec<usize> = [groups, officials]
        .iter()
        .map(|text| {
            index.add(
                &terms(text),
                Target {
                    deliverables: kinds(text),
                    ..target(1, "general", CommitmentKind::OneOff, Some("2024"))
                },
            )
        })
        .collect();
    let held = "the two working groups on telecommunications and on data held their inaugural meetings";
    let t = weighted(held);
    let links = index.link(&Query {
        deliverables: kinds(held),
        ..query(&t, "general", Some(date!(2024 - 04 - 01)), true)
    });
    let delivered: Vec<usize> =
        links.iter().filter(|l| l.relation == Relation::Delivered).map(|l| l.target).collect();
    assert_eq!(delivered, [ids[0]], "{links:?}");
}

/// "The Working Group met for the first time" is not the first Strategic Dialogue: a
/// series is of one kind of thing.
#[test]
fn a_series_is_of_one_kind_of_thing() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let dialogue = "the first strategic dialogue is planned for early 2024 in new delhi";
    let target_id = index.add(
        &terms(dialogue),
        Target {
            deliverables: kinds(dialogue),
            ..target(1, "general", CommitmentKind::OneOff, Some("2024-H1"))
        },
    );
    let met = "the telecommunications working group met for the first time in new delhi";
    let t = weighted(met);
    let links = index
        .link(&Query { deliverables: kinds(met), ..query(&t, "general", Some(date!(2023 - 09 - 12)), true) });
    assert!(links.iter().all(|l| l.target != target_id), "{links:?}");
}

/// "The dialogue on AI policy was held" is no progress on the AI workshop: it may be
/// suggested, it does not count.
#[test]
fn another_kind_of_occasion_does_not_count_for_a_deliverable() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let workshop = "a joint workshop on generative ai in government will be held in seoul in 2024";
    let id = index.add(
        &terms(workshop),
        Target { deliverables: kinds(workshop), ..target(1, "ai", CommitmentKind::OneOff, Some("2024")) },
    );
    let held = "the first dialogue on ai policy in government was held in seoul on 12 march 2024";
    let t = weighted(held);
    let links = index
        .link(&Query { deliverables: kinds(held), ..query(&t, "ai", Some(date!(2024 - 03 - 12)), true) });
    let link = links.iter().find(|l| l.target == id).expect("suggested");
    assert!(link.score < COUNTS_FROM, "{links:?}");
}

/// A webinar on AI standards is progress on the standards work it fits best, not the
/// delivery of an AI workshop it fits less; a guide published delivers the guidance it
/// names even when it fits a regulators' dialogue better.
#[test]
fn below_the_best_link_only_the_thing_named_is_delivered() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let add = |index: &mut CommitmentIndex, text: &str, kind| {
        index
            .add(&terms(text), Target { deliverables: kinds(text), ..target(1, "ai", kind, Some("2024-H2")) })
    };
    add(
        &mut index,
        "work together on international standards for AI management systems",
        CommitmentKind::Continuing,
    );
    let workshop = add(&mut index, "hold a joint workshop on AI in Seoul", CommitmentKind::OneOff);
    let said = "co-hosted a webinar on standards for AI management systems in July 2024";
    let t = weighted(said);
    let links = index
        .link(&Query { deliverables: kinds(said), ..query(&t, "ai", Some(date!(2024 - 07 - 04)), true) });
    let to_workshop = links.iter().find(|l| l.target == workshop).expect("linked, below the best");
    assert_ne!(links[0].target, workshop);
    assert_eq!(to_workshop.relation, Relation::Progress, "{links:?}");

    let mut index = CommitmentIndex::new();
    others(&mut index);
    add(
        &mut index,
        "regulators will hold a dialogue on personal data for businesses in the UK and Korea",
        CommitmentKind::Continuing,
    );
    let guidance =
        add(&mut index, "publish joint guidance for businesses on personal data", CommitmentKind::OneOff);
    let said = "a practical guide for businesses on personal data in the UK and Korea was published in September 2024";
    let t = weighted(said);
    let links = index
        .link(&Query { deliverables: kinds(said), ..query(&t, "ai", Some(date!(2024 - 09 - 30)), true) });
    let to_guidance = links.iter().find(|l| l.target == guidance).expect("linked");
    assert_eq!(to_guidance.relation, Relation::Delivered, "{links:?}");
}

/// A report that the promised act was done delivers the promise, though it names no
/// deliverable word of the promise ("winners will be announced" / "the winners were announced").
#[test]
fn the_act_promised_and_done_delivers() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let add = |index: &mut CommitmentIndex, text: &str, kind| {
        index.add(&terms(text), Target { deliverables: kinds(text), ..target(1, "data", kind, None) })
    };
    add(
        &mut index,
        "cooperate on privacy-enhancing technologies through a joint prize",
        CommitmentKind::Continuing,
    );
    let winners = add(
        &mut index,
        "Winners of the privacy-enhancing technologies challenge will be announced at the next meeting",
        CommitmentKind::OneOff,
    );
    let said = "The winners of the privacy-enhancing technologies prize were announced today";
    let t = weighted(said);
    let links = index.link(&Query { deliverables: kinds(said), ..query(&t, "data", None, true) });
    let to_winners = links.iter().find(|l| l.target == winners).expect("linked");
    assert_eq!(to_winners.relation, Relation::Delivered, "{links:?}");

    // "after signature" promises no signing: a memorandum signed is no step of that meeting.
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let meeting = add(
        &mut index,
        "The first meeting of the cyber security group will be convened no later than twelve months after signature",
        CommitmentKind::OneOff,
    );
    let said = "The cyber security agencies signed a memorandum on cyber security on 18 April 2024";
    let t = weighted(said);
    let links = index.link(&Query { deliverables: kinds(said), ..query(&t, "data", None, true) });
    let to_meeting = links.iter().find(|l| l.target == meeting).expect("linked");
    assert_eq!(to_meeting.relation, Relation::Progress, "{links:?}");
}

/// The act done delivers only the same kind of thing: a guide published is no study published;
/// and a report that numbers nothing is of an earlier one than "a second call".
#[test]
fn another_thing_published_or_an_earlier_one_delivers_nothing() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let add = |index: &mut CommitmentIndex, text: &str| {
        index.add(
            &terms(text),
            Target { deliverables: kinds(text), ..target(1, "data", CommitmentKind::OneOff, None) },
        )
    };
    let study = add(
        &mut index,
        "A joint study comparing the rules on access to data sharing will be published by the end of 2024",
    );
    let said = "The joint guide for businesses on the data sharing rules was published on 30 September 2025";
    let t = weighted(said);
    let links = index.link(&Query { deliverables: kinds(said), ..query(&t, "data", None, true) });
    let to_study = links.iter().find(|l| l.target == study).expect("linked");
    assert_eq!(to_study.relation, Relation::Progress, "{links:?}");

    let mut index = CommitmentIndex::new();
    others(&mut index);
    let second = add(
        &mut index,
        "Building on the first call, both agencies intend to open a second coordinated research call in 2026",
    );
    let said = "The projects selected under the coordinated research call started work on 1 February 2025";
    let t = weighted(said);
    let links = index.link(&Query { deliverables: kinds(said), ..query(&t, "data", None, true) });
    let to_second = links.iter().find(|l| l.target == second).expect("linked");
    assert_eq!(to_second.relation, Relation::Progress, "{links:?}");
    let said = "The second coordinated research call was opened on 3 March 2026";
    let t = weighted(said);
    let links = index.link(&Query { deliverables: kinds(said), ..query(&t, "data", None, true) });
    assert_eq!(
        links.iter().find(|l| l.target == second).map(|l| l.relation),
        Some(Relation::Delivered),
        "{links:?}"
    );
}

/// Same-day launch material restates the framework: it is never evidence for it.
#[test]
fn evidence_comes_only_from_later_documents() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    index.add(
        &terms("Develop joint R&D initiatives on Open RAN vendor diversity"),
        Target {
            made: Some(date!(2022 - 12 - 07)),
            ..target(1, "telecoms", CommitmentKind::Continuing, None)
        },
    );
    let t = weighted("The partners launched joint R&D on Open RAN vendor diversity");
    let same_day =
        Query { document: 2, day: Some(date!(2022 - 12 - 07)), ..query(&t, "telecoms", None, true) };
    assert!(index.link(&same_day).is_empty(), "a press release of the same day");
    let later = Query { document: 3, day: Some(date!(2024 - 01 - 16)), ..query(&t, "telecoms", None, true) };
    assert_eq!(index.link(&later).len(), 1);
}

/// A general claim of progress names no event: it counts for its two best links at most.
#[test]
fn a_claim_of_progress_counts_for_its_closest_commitments_only() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    for text in [
        "promote telecoms supply chain diversification through Open RAN",
        "collaborate on telecoms diversification research and Open RAN trials",
        "share telecoms diversification policy and Open RAN security approaches",
    ] {
        index.add(&terms(text), target(1, "telecoms", CommitmentKind::Continuing, None));
    }
    let said = "Both have made significant progress on telecoms diversification and Open RAN";
    let t = weighted(said);
    let claim = Query { progress_claim: true, ..query(&t, "telecoms", None, false) };
    let links = index.link(&claim);
    assert_eq!(links.len(), 3, "{links:?}");
    let counting: Vec<bool> = links.iter().map(|l| l.score >= COUNTS_FROM).collect();
    assert_eq!(counting, [true, true, false], "{links:?}");
    assert!(links.iter().all(|l| l.relation == Relation::Progress));

    // What happened, reported concretely, counts wherever it fits.
    let held = Query { concrete: true, ..query(&t, "telecoms", None, true) };
    assert!(index.link(&held).iter().all(|l| l.score >= COUNTS_FROM), "{links:?}");
}

/// AI safety work reports on trustworthy AI, though the two share no word but "AI".
#[test]
fn ai_safety_testing_reports_on_trustworthy_ai() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let trustworthy = index.add(
        &terms("support trustworthy, human-centric and responsible development of AI"),
        target(1, "ai", CommitmentKind::Continuing, None),
    );
    let t = weighted("the AI Safety Institutes carried out joint safety testing of advanced models");
    let links = index.link(&query(&t, "ai", None, true));
    assert_eq!(links.first().map(|l| l.target), Some(trustworthy), "{links:?}");
}

/// A quote or one side's own plan is kept as context; nothing reports on it.
#[test]
fn context_is_never_linked() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let text = "The UK's semiconductor strategy sets out how the UK will grow its chip design sector";
    index.add(&terms(text), target(1, "semiconductors", CommitmentKind::Context, None));
    let t = weighted("The UK semiconductor strategy grew the chip design sector in 2024");
    assert!(index.link(&query(&t, "semiconductors", None, true)).is_empty());
}

#[test]
fn unrelated_statements_link_nowhere() {
    let mut index = CommitmentIndex::new();
    index.add(
        &terms("Increase vendor diversity in the 5G telecoms supply chain"),
        target(0, "telecoms", CommitmentKind::Continuing, None),
    );
    let t = weighted("The photo shows the minister in front of a screen");
    assert!(index.link(&query(&t, "general", None, true)).is_empty());
}

/// A concrete report naming the very thing a one-off promised ranks that promise above the
/// other work of the agencies it names.
#[test]
fn the_very_thing_reported_outranks_the_agencies_other_work() {
    let mut index = CommitmentIndex::new();
    others(&mut index);
    let exercise = "The Parties shall conduct a joint cybersecurity exercise within eighteen months";
    let promised = index.add(
        &terms(exercise),
        Target { deliverables: kinds(exercise), ..target(1, "cyber", CommitmentKind::OneOff, None) },
    );
    for work in [
        "KISA and CSA shall exchange information on cyber threats and incidents",
        "KISA and CSA shall deliver capacity-building programmes on cybersecurity",
    ] {
        index.add(&terms(work), target(1, "cyber", CommitmentKind::Continuing, None));
    }
    let said = "CSA and KISA conducted the joint cybersecurity exercise with infrastructure owners";
    let t = weighted(said);
    let links = index
        .link(&Query { deliverables: kinds(said), ..query(&t, "cyber", Some(date!(2025 - 11 - 18)), true) });
    assert_eq!(links[0].target, promised, "{links:?}");
    assert_eq!(links[0].relation, Relation::Delivered);
    // The same words told as a plan name nothing done: no lift.
    let planned = index
        .link(&Query { deliverables: kinds(said), ..query(&t, "cyber", Some(date!(2025 - 11 - 18)), false) });
    let score = |links: &[Proposal]| links.iter().find(|l| l.target == promised).map(|l| l.score).unwrap();
    assert!(score(&links) > score(&planned), "{links:?} {planned:?}");
}
