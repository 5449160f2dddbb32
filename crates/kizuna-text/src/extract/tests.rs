use super::*;
use crate::structure::parse;
use time::macros::date;

fn found(text: &str, doc_date: Option<Date>) -> Vec<(String, CommitmentDraft)> {
    let doc = parse(text);
    let actors =
        ActorNames::new(vec![("GDS".into(), vec!["GDS".into(), "Government Digital Service".into()])]);
    let cx = ExtractContext::new(&doc, doc_date, &actors);
    commitments(&doc, &cx)
        .into_iter()
        .map(|c| (doc.segment_text(&doc.segments[c.segment]).to_owned(), c))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    found(text, Some(date!(2024 - 01 - 16))).into_iter().map(|(t, _)| t).collect()
}

/// Whether each statement of `text`, in a document dated `day`, reports something that happened.
fn concrete_flags(text: &str, day: Date) -> Vec<bool> {
    let doc = parse(text);
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(day), &actors);
    statements(&doc, &[], &cx).iter().map(|s| s.concrete).collect()
}

/// A work plan's measures: written as records with "Lead:" and "Timeline:" lines (taking their
/// due date from the timeline), or as nouns after "the following measures are envisaged:".
#[test]
fn work_plan_measures_are_undertakings() {
    let got = found(
        "#### 1.1 Open networks\n\n**1.1.1** To develop a joint reference paper on Open RAN security.\n\
         Lead: BMDV, MIC\nTimeline: Q2 2025\n\n**1.1.2** Two pilot projects on data spaces.\nLead: BMWK\n\
         Timeline: continuous\n\n## Measures\n\nIn particular, the following measures are envisaged:\n\n\
         a. Establishment of a joint working group on semiconductors;\n",
        Some(date!(2024 - 07 - 09)),
    );
    let shown: Vec<(&str, Option<String>)> =
        got.iter().map(|(text, c)| (text.as_str(), c.due.map(|d| d.to_string()))).collect();
    assert_eq!(
        shown,
        [
            ("1.1.1 To develop a joint reference paper on Open RAN security.", Some("2025-Q2".to_string())),
            ("1.1.2 Two pilot projects on data spaces.", None),
            ("Establishment of a joint working group on semiconductors;", None),
        ]
    );
}

/// An item that only names a group of items ("- Research and development:") is no undertaking.
#[test]
fn an_item_naming_a_group_is_no_undertaking() {
    let got = texts(
        "## Article 2\n\nThe Participants will cooperate in the following areas:\n\n\
         - Semiconductors\n\n\
         - Research and development:\n\n\
         - launch a joint call for research on semiconductor materials in 2023;\n",
    );
    assert_eq!(got, ["launch a joint call for research on semiconductor materials in 2023;"]);
}

/// A noun phrase under "shall cooperate on matters including:" is a thing to do.
#[test]
fn noun_phrase_items_of_a_cooperation_list_are_commitments() {
    let got = texts(
        "## Research\n\nThe Parties shall cooperate on matters including:\n\n\
         (a) exchanges of researchers in the fields of AI; and\n\n\
         (b) a digital skills exchange programme for young professionals.\n",
    );
    assert_eq!(
        got,
        [
            "exchanges of researchers in the fields of AI; and",
            "a digital skills exchange programme for young professionals."
        ]
    );
}

#[test]
fn items_under_an_undertaking_lead_in_are_commitments_but_descriptions_are_not() {
    let got = texts(
        "## Telecoms\n\n- a. The global supply market has undergone a sustained period of consolidation.\n\
         - b. Both Participants will work together on multiple fronts to:\n  - i. Share information on research;\n  \
         - ii. Develop joint R&D initiatives such as Open RAN; and\n  - iii. Supplier diversity and testing labs.\n",
    );
    assert_eq!(
        got,
        [
            "Share information on research;",
            "Develop joint R&D initiatives such as Open RAN; and",
            "Supplier diversity and testing labs."
        ]
    );
}

#[test]
fn sentences_with_an_actor_and_a_cue_are_commitments() {
    let got = texts(
        "## AI\n\nBoth Participants will work closely on AI safety. It is vital that measures are balanced. \
         Stimulating a diverse market will increase resilience. The UK and Japan will strengthen trade. \
         Nothing in this Partnership will alter existing agreements. This Partnership will not be deemed a treaty.\n",
    );
    assert_eq!(
        got,
        ["Both Participants will work closely on AI safety.", "The UK and Japan will strengthen trade."]
    );
}

#[test]
fn outcome_phrasings_are_commitments_with_due_periods() {
    let got = found(
        "## Semiconductors\n\nThey discussed a workshop and concurred in holding the workshop in the first quarter of 2024.\n\n\
         ## Data\n\nThey have also confirmed to launch a joint bilateral project in early 2024.\n\n\
         ## Standards\n\nBoth Participants will share approaches through a workshop in 2025.\n\n\
         ## Transformation\n\nGDS is working to advance plans in 2025 to send an expert mission to Japan.\n",
        Some(date!(2024 - 01 - 16)),
    );
    let summary: Vec<(Option<String>, CommitmentKind, Strength, Vec<String>)> =
        found_summary(&found_vec(&got));
    assert_eq!(summary[0], (Some("2024-Q1".into()), CommitmentKind::OneOff, Strength::Firm, vec![]));
    assert_eq!(summary[1].0.as_deref(), Some("2024-H1"));
    assert_eq!(summary[2].0.as_deref(), Some("2025"));
    assert_eq!(
        summary[3],
        (Some("2025".into()), CommitmentKind::OneOff, Strength::Soft, vec!["GDS".to_string()])
    );
    assert_eq!(got[0].1.area, "semiconductors");
}

fn found_vec(v: &[(String, CommitmentDraft)]) -> Vec<&CommitmentDraft> {
    v.iter().map(|(_, c)| c).collect()
}

fn found_summary(v: &[&CommitmentDraft]) -> Vec<(Option<String>, CommitmentKind, Strength, Vec<String>)> {
    v.iter().map(|c| (c.due.map(|d| d.to_string()), c.kind, c.strength, c.actors.clone())).collect()
}

#[test]
fn past_undertakings_narrated_as_background_are_not_new_commitments() {
    let got = texts(
        "13. In March 2022 both Participants decided to pursue closer cooperation. This included a working group within \
         which both Participants committed to share information.\n\n\
         ## AI\n\nBoth Participants committed to the Hiroshima AI Process Friends group in May 2023. \
         They also agreed to promote the Hiroshima AI Process.\n",
    );
    assert_eq!(got, ["They also agreed to promote the Hiroshima AI Process."]);
}

#[test]
fn soft_strength_and_aims() {
    let got = found(
        "23. The core aims of this Partnership are to:\n\n- a. Share policy knowledge;\n\n\
         ## Online Safety\n\n- c. In particular, both Participants will look to explore opportunities for deeper engagement.\n\
         - d. Both Participants decide on the need to maintain an open Internet.\n",
        None,
    );
    let kinds: Vec<(CommitmentKind, Strength)> = got.iter().map(|(_, c)| (c.kind, c.strength)).collect();
    assert_eq!(
        kinds,
        [
            (CommitmentKind::Aim, Strength::Firm),
            (CommitmentKind::Continuing, Strength::Soft),
            (CommitmentKind::Aim, Strength::Soft)
        ]
    );
}

#[test]
fn japanese_undertakings() {
    let got = found(
        "## 半導体\n\n両国は、2024年度内にワークショップを開催することで一致した。半導体の現状について説明があった。\n",
        Some(date!(2024 - 01 - 16)),
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.due.map(|d| d.to_string()).as_deref(), Some("FY2024"));
    assert_eq!(got[0].1.actors, ["both"]);
}

#[test]
fn statements_carry_event_dates_and_character() {
    let doc = parse(
        "## Semiconductors\n\nThe first Stakeholder Roundtable was held in March 2024, and SMEs attended SEMICON.\n\n\
         Both Participants reaffirmed their collaboration on supply chains.\n\nProgress has been made in installing Open RAN at the lab.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2025 - 01 - 22)), &actors);
    let st = statements(&doc, &commitments(&doc, &cx), &cx);
    assert_eq!(st.len(), 3);
    assert_eq!(st[0].date.map(|d| d.to_string()).as_deref(), Some("2024-03"));
    assert!(st[0].concrete && !st[1].concrete && st[1].restatement);
    assert!(st[2].progress_claim);
}

/// Undertakings as drafters of other partnerships write them: passive acts, plans, nominal
/// intents, "expect to", bodies of the partnership as subjects, meetings that "take place".
#[test]
fn undertakings_in_the_passive_nominal_and_by_bodies_are_found() {
    let kinds = |text: &str| -> Vec<(String, CommitmentKind)> {
        found(text, Some(date!(2024 - 01 - 16))).into_iter().map(|(t, c)| (t, c.kind)).collect()
    };
    let got = texts(
        "## Quantum\n\nCooperation on quantum sensing will be explored with industry in both countries. \
         A joint test plan is to be agreed by the end of 2024. \
         A workshop on quantum-safe cryptography is planned for the first half of 2025. \
         It is the intent of both parties to build resilient supply chains for critical minerals. \
         Both sides expect to explore collaboration on quantum communications. \
         The task force will hold its first meeting before the end of 2024. \
         The symposium will take place in Oulu in September 2025.\n",
    );
    assert_eq!(got.len(), 7, "{got:#?}");
    let planned = kinds(
        "## Quantum\n\nA workshop on quantum-safe cryptography is planned for the first half of 2025.\n",
    );
    assert_eq!(planned[0].1, CommitmentKind::OneOff);
}

#[test]
fn descriptions_in_the_passive_and_words_to_the_reader_are_not_undertakings() {
    let got = texts(
        "## AI\n\nDemand for chips will be needed in many sectors. \
         By continuing to browse, you agree to our use of cookies. \
         The new rules will be based on existing law.\n",
    );
    assert!(got.is_empty(), "{got:?}");
}

/// Quotes, one side's own plans and sentences about the document are kept as context.
#[test]
fn quotes_domestic_plans_and_the_document_itself_are_context() {
    let kind_of = |text: &str| found(text, Some(date!(2024 - 01 - 16)))[0].1.kind;
    assert_eq!(
        kind_of("## AI\n\n\"Both countries will lead the world in AI,\" said the Minister.\n"),
        CommitmentKind::Context
    );
    assert_eq!(
        kind_of("## AI\n\nI look forward to deepening our relationship with Japan.\n"),
        CommitmentKind::Context
    );
    assert_eq!(
        kind_of("## AI\n\nThe UK's AI Action Plan outlines how the UK Government will invest in compute.\n"),
        CommitmentKind::Context
    );
    assert_eq!(
        kind_of("## General\n\nThis Partnership will provide a general framework for cooperation.\n"),
        CommitmentKind::Context
    );
    assert_ne!(
        kind_of("## Governance\n\nBoth sides will establish a \"Digital Council\" meeting annually.\n"),
        CommitmentKind::Context,
        "a quoted name is no quotation"
    );
    assert_eq!(
        kind_of(
            "## General\n\nThe MoC will provide an institutional framework for cooperation between the ministries.\n"
        ),
        CommitmentKind::Context,
        "the instrument by its name"
    );
    for undertaking in
        ["The arrangement will be signed in 2025.", "The roadmap will be published by the end of 2025."]
    {
        assert_ne!(kind_of(&format!("## Data\n\n{undertaking}\n")), CommitmentKind::Context, "{undertaking}");
    }
}

/// Undertakings as drafters write them with an adverb in the way ("will now be organised",
/// "decided instead to"), as an expectation of the participants or of a meeting, or as a
/// minutes' action point ("Action: DSIT and IMDA to publish…"), an obligation not to act, an
/// institution made by the text itself, a new date for what was put off.
#[test]
fn adverbs_and_expectations_do_not_hide_an_undertaking() {
    let got = texts(
        "## AI\n\nThe seminar was postponed. It will now be organised in New Delhi in February 2026.\n\n\
         They decided instead to launch a joint online portal by March 2026.\n\n\
         The Participants are expected to share information on their policies.\n\n\
         The first Forum is expected to be held in Tokyo in the second half of 2024.\n\n\
         The market is expected to grow by five per cent a year.\n\n\
         **Action:** DSIT and IMDA to publish the mapping by June 2025.\n\n\
         IMDA reported that the sandbox had opened to applicants.\n\n\
         Testing of the remaining two models is now expected to be completed by mid-2026.\n\n\
         Ministers tasked the Senior Officials' Working Group to update the Joint Work Plan by March 2025.\n\n\
         We welcome the intention of the eSafety Commissioner and MIC to hold a regulatory exchange every year.\n\n\
         Neither Party shall require the transfer of source code as a condition for its import.\n\n\
         Neither Participant shall be bound by this paragraph.\n\n\
         The Joint Committee shall be co-chaired by senior officials of both sides.\n\n\
         Each Side will implement the Partnership within the limits of its budget and its laws.\n\n\
         The Agreement will enter into force after both countries complete their procedures.\n\n\
         The Parties hereby establish a Joint Committee of senior officials.\n\n\
         The workshop has been rescheduled to the second half of 2025.\n\n\
         The exercise has been postponed to allow operators to take part.\n\n\
         The second Forum is to be held in Busan in November 2025.\n\n\
         We have agreed with Korea to complete the roadmap by the end of 2026.\n\n\
         It was decided that MeitY and the DGE will publish a compendium by the end of 2024.\n\n\
         Second Digital Dialogue — scheduled to take place in Paris in March 2026.\n\n\
         The coordinators will hold a videoconference every month from July 2024.\n\n\
         Next step: The first students will begin their studies in September 2024.\n",
    );
    assert_eq!(
        got,
        [
            "It will now be organised in New Delhi in February 2026.",
            "They decided instead to launch a joint online portal by March 2026.",
            "The Participants are expected to share information on their policies.",
            "The first Forum is expected to be held in Tokyo in the second half of 2024.",
            "Action: DSIT and IMDA to publish the mapping by June 2025.",
            "Testing of the remaining two models is now expected to be completed by mid-2026.",
            "Ministers tasked the Senior Officials' Working Group to update the Joint Work Plan by March 2025.",
            "We welcome the intention of the eSafety Commissioner and MIC to hold a regulatory exchange every year.",
            "Neither Party shall require the transfer of source code as a condition for its import.",
            "The Parties hereby establish a Joint Committee of senior officials.",
            "The workshop has been rescheduled to the second half of 2025.",
            "The second Forum is to be held in Busan in November 2025.",
            "We have agreed with Korea to complete the roadmap by the end of 2026.",
            "It was decided that MeitY and the DGE will publish a compendium by the end of 2024.",
            "Second Digital Dialogue — scheduled to take place in Paris in March 2026.",
            "The coordinators will hold a videoconference every month from July 2024.",
            "Next step: The first students will begin their studies in September 2024.",
        ]
    );
}

/// New dates for things put off, calls that open on a date, a body's duties in a second
/// sentence, shared commitments reaffirmed and dated aims are undertakings too.
#[test]
fn rescheduled_opening_pronoun_and_dated_aim_undertakings() {
    let got = texts(
        "## Cyber\n\nThe exercise had to be deferred. It is now planned for March 2025 in Seoul.\n\n\
         ## Telecoms\n\nPublication of the results is now expected in the first quarter of 2025.\n\n\
         ## Quantum\n\nA joint call for quantum projects will open in the first quarter of 2026. \
         The fellowship will open for applications in January 2025.\n\n\
         ## Governance\n\nThe Senior Officials' Group will meet twice a year. It shall submit a progress report to each Dialogue.\n\n\
         ## Data\n\nMinisters reaffirmed their shared commitment to promoting trusted data flows.\n",
    );
    assert_eq!(got.len(), 7, "{got:#?}");
    assert!(texts("## AI\n\nIt will take years to see results. It will be a challenge.\n").is_empty());
    assert!(texts("## Trade\n\nThe programme will open new opportunities for firms.\n").is_empty());
    let dated_aim = found(
        "## Skills\n\nUKRI and NRF aim to launch a joint fellowship programme in 2025.\n",
        Some(date!(2024 - 01 - 16)),
    );
    assert_eq!(dated_aim[0].1.kind, CommitmentKind::OneOff);
    assert_eq!(dated_aim[0].1.strength, Strength::Soft);
}

/// A Roman numeral that numbers a paragraph or a pillar is no person speaking.
#[test]
fn numbering_in_roman_numerals_is_not_a_speaker() {
    let kind_of = |text: &str| found(text, Some(date!(2024 - 01 - 16)))[0].1.kind;
    for text in [
        "## Telecoms\n\nI.1 The Sides will work together to diversify telecoms supply chains.\n",
        "## Telecoms\n\nThe Sides will report on the actions under Pillar I every year.\n",
        "## Telecoms\n\nThe Sides will (i) share threat data and (ii) train staff.\n",
    ] {
        assert_ne!(kind_of(text), CommitmentKind::Context, "{text}");
    }
    assert_eq!(kind_of("## AI\n\nAs I said, both sides will work on AI.\n"), CommitmentKind::Context);
    let card =
        "## ID\n\nThe Participants will explore the interoperability of wallets with the My Number Card.\n";
    assert_ne!(kind_of(card), CommitmentKind::Context, "a name, not a speaker");
    assert_eq!(
        kind_of("## AI\n\nBoth sides will, in my view, deepen work on AI.\n"),
        CommitmentKind::Context
    );
}

/// Only a deliverable with deadline wording has a due date; references are not deadlines.
#[test]
fn due_dates_come_from_deadlines_not_references() {
    let due = |text: &str| found(text, Some(date!(2023 - 01 - 16)))[0].1.due.map(|d| d.to_string());
    assert_eq!(due("## T\n\nBoth sides will hold a workshop by the end of 2024.\n").as_deref(), Some("2024"));
    assert_eq!(due("## T\n\nBoth sides will hold a workshop in early 2024.\n").as_deref(), Some("2024-H1"));
    assert_eq!(
        due("## T\n\nBoth sides will cooperate in the ITU for the study period commencing 2025.\n"),
        None
    );
    assert_eq!(due("## T\n\nBoth sides will cooperate ahead of the 2024 UN IGF.\n"), None);
    assert_eq!(due("## T\n\nBoth sides will coordinate ahead of the Radio Conference 2027.\n"), None);
    assert_eq!(due("## T\n\nBoth sides will coordinate in view of the Radio Conference of 2027.\n"), None);
    assert_eq!(
        due("## T\n\nBoth sides will hold a workshop at the conference in 2025.\n").as_deref(),
        Some("2025"),
        "a date after 'in' is when"
    );
    assert_eq!(
        due("## T\n\nBoth sides will deliver the goals set out in this year's Digital Strategy.\n"),
        None
    );
    assert_eq!(
        due("## T\n\nBoth sides will continue to share information on standards in 2024.\n"),
        None,
        "continuing work has no deadline"
    );
}

/// A date in a clause about the background dates something else; the event the sentence
/// reports keeps its date.
#[test]
fn background_clauses_do_not_date_the_report() {
    let date_of = |text: &str| {
        let folded = fold(text);
        let mentions = dates::find(&folded, Some(date!(2024 - 06 - 01)));
        event_date(&folded, &mentions, Some(date!(2024 - 06 - 01))).map(|p| p.to_string())
    };
    assert_eq!(
        date_of("Building on a memorandum, signed in 2022, both sides exchanged views.").as_deref(),
        None
    );
    assert_eq!(
        date_of("Under the memorandum, which was signed in March 2022, both sides met.").as_deref(),
        None
    );
    assert_eq!(date_of("Work on the charter agreed in May 2023 has continued.").as_deref(), None);
    assert_eq!(date_of("Ministers took stock since the first council on 12 May 2023.").as_deref(), None);
    assert_eq!(date_of("The first roundtable was held in March 2024.").as_deref(), Some("2024-03"));
    assert_eq!(
        date_of("The Minister, Jane Roe, held the first meeting of the Council in Seoul on 29 May 2024.")
            .as_deref(),
        Some("2024-05-29"),
        "a verb with an object after a name is the main verb, not an aside"
    );
}

/// What happened is an event, what is still to come is not, and a dated past act is one
/// whatever its verb.
#[test]
fn events_reported_are_told_from_events_to_come() {
    assert!(reports_an_event(&fold("The expert group was established and met twice.")));
    assert!(reports_an_event(&fold("The agencies granted the first joint allocation of computing time.")));
    assert!(reports_an_event(&fold("Both sides submitted a joint contribution to the ITU.")));
    assert!(!reports_an_event(&fold("A steering committee will be established.")));
    assert!(!reports_an_event(&fold("Both sides agreed to a workshop to be launched next year.")));
    let act = |text: &str| {
        let folded = fold(text);
        let mentions = dates::find(&folded, Some(date!(2025 - 01 - 22)));
        dated_act(&folded, &mentions, Some(date!(2025 - 01 - 22)))
    };
    assert!(act("Both sides committed to the outreach group in May 2024."));
    assert!(!act("Both sides committed to the outreach group."), "undated: a restatement");
    assert!(!act("The workshop agreed in May 2024 was postponed."), "a setback is no act");
    assert!(act("The alert mechanism was extended to rare metals on 3 March 2024."));
    assert!(act("Investors discussed the findings of the study at a roundtable on 9 October 2024."));
    assert!(!act("Ministers discussed the findings of the study."), "undated: no event");
    assert!(reports_an_event(&fold(
        "Ministers welcomed the endorsement of the principles by trade ministers."
    )));
}

/// A part or a draft of a deliverable is reported as progress, so it never delivers it.
#[test]
fn interim_and_draft_products_are_progress() {
    let doc = parse(
        "## Minerals\n\nAn interim mapping of the two ecosystems was presented to the ministers in May 2024.\n\n\
         The draft roadmap was shared with industry in June 2024.\n\n\
         The text of the joint call on chips was agreed by both agencies in August 2024.\n\n\
         The final mapping was completed in July 2024.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2024 - 09 - 01)), &actors);
    let st = statements(&doc, &commitments(&doc, &cx), &cx);
    let claims: Vec<bool> = st.iter().map(|s| s.progress_claim).collect();
    assert_eq!(claims, [true, true, true, false]);
}

/// Work done, told in the past, is progress; a thing named by a participle, and work still to
/// come, are not.
#[test]
fn work_done_in_the_past_is_progress() {
    for done in [
        "The two sides coordinated closely at the session of the ITU Council in July 2024.",
        "Experts of both sides continued to coordinate their contributions to 6G standards.",
        "Canadian and Korean experts have also coordinated their contributions to the new committee.",
        "The two sides co-delivered a course on incident response for officials of island states.",
        "Work on the arrangement for the mutual recognition of trust services continued at expert level.",
    ] {
        assert!(reports_work_done(&fold(done)), "{done}");
    }
    for not_done in [
        "The Sides intend to launch a coordinated call for joint research on 6G.",
        "Positions will be coordinated ahead of the World Radiocommunication Conference.",
        "The well coordinated approach of both sides is a model for others.",
    ] {
        assert!(!reports_work_done(&fold(not_done)), "{not_done}");
    }
    let doc = parse(
        "## Data\n\nMinisters welcomed the start, in March 2024, of a pilot connecting two data spaces.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2024 - 09 - 01)), &actors);
    let st = statements(&doc, &commitments(&doc, &cx), &cx);
    assert!(st[0].concrete && st[0].progress_claim, "a start welcomed happened, and is progress");
}

/// A count of parts done ("two of the four modules") and work begun are progress, never the
/// delivery of the whole.
#[test]
fn parts_done_and_work_begun_are_progress() {
    let doc = parse(
        "## Cyber\n\nC-DAC and IPA have finalised two of the four modules of the joint training programme.\n\n\
         Work on the joint mapping of supply chains has commenced, with a first exchange of data in July 2025.\n\n\
         DSIT and GovTech have started to scope the pilot on digital identity.\n\n\
         Interoperability testing — ongoing — Test campaigns took place in Berlin in February 2025.\n\n\
         The joint training programme was completed in May 2026.\n\n\
         RVO and MOTIE opened the joint call for research on advanced packaging on 4 September 2023.\n\n\
         Work on the joint guidance note is well advanced.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2026 - 06 - 01)), &actors);
    let claims: Vec<bool> = statements(&doc, &[], &cx).iter().map(|s| s.progress_claim).collect();
    assert_eq!(
        claims,
        [true, true, true, true, false, false, true],
        "\"advanced packaging\" is a technology"
    );
}

/// An item of what the ministers welcomed, told as a noun ("the completion in August 2025 of
/// the comparison…;"), reports an event.
#[test]
fn a_welcomed_result_told_as_a_noun_is_an_event() {
    let concrete = concrete_flags(
        "## Cyber\n\nThe Committee welcomed the following results:\n\n\
         - the completion in August 2025 of the comparison of the two schemes;\n\n\
         - the publication on 2 July 2025 of the joint mapping of AI frameworks;\n",
        date!(2026 - 03 - 05),
    );
    assert_eq!(concrete, [true, true]);
}

/// Work under way on a deliverable ("is being designed", "still being finalised", "experts are
/// drafting") is progress on it.
#[test]
fn work_under_way_is_progress() {
    let doc = parse(
        "## Data\n\nThe energy data portability pilot is being designed with three suppliers from each country.\n\n\
         Experts are drafting the roadmap towards the mutual recognition of digital identities.\n\n\
         The pilot has not yet started, as the technical specifications are still being finalised.\n\n\
         The roadmap towards the mutual recognition of digital identities will guide both sides.\n\n\
         Officials have begun scoping a joint study on a digital trade arrangement.\n\n\
         A first version of the joint mapping of AI terminology was shared with stakeholders.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2025 - 11 - 20)), &actors);
    let st = statements(&doc, &[], &cx);
    let claims: Vec<bool> = st.iter().map(|s| s.progress_claim).collect();
    assert_eq!(claims, [true, true, true, false, true, true]);
}

/// What the work has shown or built so far is progress, though no event is named.
#[test]
fn what_the_work_has_shown_or_built_is_progress() {
    let doc = parse(
        "## AI\n\nThe two AI institutes have built a strong relationship that has facilitated exchange on AI safety.\n\n\
         Both sides have demonstrated commitment to cooperation on chip supply chains through the G7.\n\n\
         Both sides recognise the importance of cooperation on chip supply chains.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2025 - 01 - 22)), &actors);
    let claims: Vec<bool> = statements(&doc, &[], &cx).iter().map(|s| s.progress_claim).collect();
    assert_eq!(claims, [true, true, false]);
}

/// A sentence about the text it stands in reports on nothing; learning from each other is work
/// done.
#[test]
fn the_text_describing_itself_is_no_statement() {
    let doc = parse(
        "## Overview\n\nThis outcome document outlines the progress made since the launch of the partnership.\n\n\
         This joint statement was adopted in English and Korean on the same day.\n\n\
         This meeting reaffirmed joint objectives on advancing future telecoms technologies.\n\n\
         In October 2024, a team from the agency studied the once-only system with Commission experts.\n",
    );
    let actors = ActorNames::default();
    let cx = ExtractContext::new(&doc, Some(date!(2025 - 01 - 22)), &actors);
    let st = statements(&doc, &[], &cx);
    let texts: Vec<&str> = st.iter().map(|s| doc.segment_text(&doc.segments[s.segment])).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("This meeting"), "{texts:?}");
    assert!(st[1].progress_claim, "studied with experts: work done");
}

/// A mechanism or a law that "became operational" or "entered into force" on a day happened.
#[test]
fn coming_into_operation_is_an_event() {
    for sentence in [
        "The early-warning mechanism on chip supply chains became operational on 2 December 2024.",
        "The mutual recognition arrangement entered into force on 1 March 2025.",
    ] {
        assert!(reports_an_event(&crate::tokens::fold(sentence)), "{sentence}");
    }
    assert!(!reports_an_event(&crate::tokens::fold("The mechanism will become operational in 2025.")));
    for denied in [
        "The pilot has not yet started, as the specifications are not ready.",
        "The group never met.",
        "The specifications are still being finalised.",
    ] {
        assert!(!reports_an_event(&crate::tokens::fold(denied)), "{denied}");
    }
    let devices =
        "The Participants reaffirmed their commitment to cooperating on the security of connected devices.";
    assert!(!reports_an_event(&crate::tokens::fold(devices)), "connected devices are not an event");
}

/// A setback told in an aside is history: "The Forum, postponed twice, was finally held" reports
/// the Forum held. Told as the news, it is no event; nor is a judgement ("concluded that").
#[test]
fn a_setback_in_an_aside_does_not_undo_the_event() {
    let concrete = concrete_flags(
        "## Semiconductors\n\nThe first Forum, postponed twice, was finally held in Milan on 21 October 2025.\n\n\
         The workshop, which had been delayed, took place in Osaka in May 2025.\n\n\
         The exercise planned for June was postponed again because of the elections.\n\n\
         The Working Group concluded in January 2025 that a full comparative study would add little.\n\n\
         The institutes ran the joint red-teaming exercise in Montreal in November 2025.\n",
        date!(2026 - 02 - 17),
    );
    assert_eq!(concrete, [true, true, false, false, true]);
}

/// A date kept ("remains on schedule to", "remain on track to"), a deliverable set to start
/// ("The selected projects will start on…", "is expected to become operational"), and a body
/// with a long name tasked: undertakings. Prices starting to rise are not.
#[test]
fn dates_kept_starts_and_long_tasked_bodies_are_undertakings() {
    let got = texts(
        "## Data\n\nThe study remains on schedule to be completed by the end of 2025.\n\n\
         Both institutes remain on track to sign it before the end of 2024.\n\n\
         The selected projects will start on 1 April 2026.\n\n\
         The mechanism is now expected to become operational in the first quarter of 2025.\n\n\
         Ministers asked the Working Group on Trusted Data Flows to promote the joint guide among small firms.\n\n\
         The market is expected to start to grow in 2025.\n\n\
         The new rules will start in 2025.\n\n\
         Publication of the study remains planned for December 2025.\n\n\
         The Ministers welcomed the plans of JETRO to bring a delegation of start-ups to Barcelona in March 2025.\n",
    );
    assert_eq!(
        got,
        [
            "The study remains on schedule to be completed by the end of 2025.",
            "Both institutes remain on track to sign it before the end of 2024.",
            "The selected projects will start on 1 April 2026.",
            "The mechanism is now expected to become operational in the first quarter of 2025.",
            "Ministers asked the Working Group on Trusted Data Flows to promote the joint guide among small firms.",
            "Publication of the study remains planned for December 2025.",
            "The Ministers welcomed the plans of JETRO to bring a delegation of start-ups to Barcelona in March 2025.",
        ]
    );
}

/// "The selected projects are expected to start": a participle after an article names a thing.
#[test]
fn a_participle_naming_a_thing_reports_nothing() {
    let concrete = concrete_flags(
        "## AI\n\nThe selected projects are expected to start in early 2026 in both countries.\n\n\
         The agencies selected seven joint research projects on 12 December 2025.\n",
        date!(2026 - 02 - 17),
    );
    assert_eq!(concrete, [false, true]);
}

/// Leading a mission and paying a visit are things that happened.
#[test]
fn leading_a_mission_and_paying_a_visit_are_events() {
    let concrete = concrete_flags(
        "## Start-ups\n\nThe two agencies led a mission of 31 start-ups to Jakarta in October 2025.\n\n\
         A delegation of experts paid a return visit to The Hague in September 2024.\n",
        date!(2026 - 02 - 17),
    );
    assert_eq!(concrete, [true, true]);
}
