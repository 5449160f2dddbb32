//! Japanese documents, pattern by pattern: numbering, full-width characters, dates and periods,
//! the phrasing of undertakings and of reports, and actors named in either language. Each
//! document here is small and written the way the ministries publish outcomes.

use kizuna_core::{CommitmentKind, Period, Relation};
use kizuna_text::analysis::{Analysis, CommitmentOut as Commitment};
use kizuna_text::{Input, Options, analyze, dates};

fn input<'a>(name: &str, text: &'a str, date: &str) -> Input<'a> {
    Input { name: name.into(), bytes: text.as_bytes(), title: None, date: date.parse().ok(), language: None }
}

fn one(text: &str) -> Analysis {
    analyze(&[input("outcome.md", text, "2024-01-16")], &Options::default()).unwrap()
}

fn with<'a>(a: &'a Analysis, words: &str) -> &'a Commitment {
    a.commitments
        .iter()
        .find(|c| c.text.contains(words))
        .unwrap_or_else(|| panic!("no commitment with {words}: {:?}", a.commitments))
}

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

#[test]
fn japanese_numbering_gives_anchors() {
    // Sub-points nest the way the ministries number them: １． then （１） then ① then ア．
    let text = "# 成果文書\n\n\
        第１　デジタルインフラ\n\n\
        １．両国は、半導体分野での協力を推進する。\n\n\
        （１）両国は、半導体の共同研究に取り組む。\n\n\
        ①両国は、半導体人材の交流を継続する。\n\n\
        ア．両国は、半導体の国際標準化を目指す。\n\n\
        ２．両国は、通信分野の対話を継続する。\n";
    let a = one(text);
    let anchors: Vec<&str> = a.commitments.iter().map(|c| c.anchor.as_str()).collect();
    assert_eq!(anchors.len(), 5, "{anchors:?}");
    for pair in anchors[..4].windows(2) {
        assert!(pair[1].starts_with(pair[0]) && pair[1] != pair[0], "each sub-point nests: {anchors:?}");
    }
    assert!(anchors[3].ends_with('ア'), "{anchors:?}");
    assert!(!anchors[4].starts_with(anchors[0]), "the next numbered item is a sibling: {anchors:?}");
    assert_eq!(with(&a, "通信").area, "telecoms");
}

#[test]
fn full_width_characters_match_but_stay_verbatim() {
    let a = one("１．両国は、ＡＩの安全性に関するワークショップを２０２４年度内に開催する。\n");
    let c = with(&a, "ワークショップ");
    assert!(c.text.contains("ＡＩ") && c.text.contains("２０２４"), "kept as written: {}", c.text);
    assert_eq!(c.due, Some(period("FY2024")), "full-width digits are read as digits");
}

#[test]
fn japanese_dates_and_periods() {
    let reference = Some(time::macros::date!(2024 - 01 - 16));
    let found = |text: &str| -> Vec<String> {
        dates::find(text, reference).into_iter().map(|m| m.period.to_string()).collect()
    };
    assert_eq!(found("2024年1月16日に開催した"), ["2024-01-16"]);
    assert_eq!(found("令和6年1月16日に開催した"), ["2024-01-16"]);
    assert_eq!(found("令和６年度に実施する"), ["FY2024"]);
    assert_eq!(found("2024年第１四半期に開催する"), ["2024-Q1"]);
    assert_eq!(found("2024年上半期に開催する"), ["2024-H1"]);
    assert_eq!(found("年内に開催する"), ["2024"], "this year, from the document's date");
    assert_eq!(found("年度内に開催する"), ["FY2023"], "January 2024 is in fiscal year 2023");
}

#[test]
fn undertaking_phrasing() {
    let text = "# 成果文書\n\n\
        １．両国は、デジタル人材の交流を拡大していく。\n\n\
        ２．両国は、半導体分野での協力を推進する。\n\n\
        ３．両国は、通信サプライヤーの多様化に取り組む。\n\n\
        ４．両国は、信頼性のある自由なデータ流通の実現を目指す。\n\n\
        ５．両国は、2024年第1四半期にワークショップを開催することで一致した。\n\n\
        ６．両国は、サイバー対話を年内に開催することで合意した。\n\n\
        ７．両国は、次回の評議会を2025年に開催することを確認した。\n";
    let a = one(text);
    for words in ["人材", "半導体", "サプライヤー", "データ流通", "ワークショップ", "サイバー対話", "評議会"]
    {
        with(&a, words);
    }
    assert_eq!(a.commitments.len(), 7, "{:?}", a.commitments.iter().map(|c| &c.text).collect::<Vec<_>>());
    assert_eq!(with(&a, "ワークショップ").due, Some(period("2024-Q1")));
    assert_eq!(with(&a, "ワークショップ").kind, CommitmentKind::OneOff);
    assert_eq!(with(&a, "サイバー対話").due, Some(period("2024")));
    assert_eq!(with(&a, "評議会").due, Some(period("2025")));
    assert!(a.evidence.is_empty(), "nothing here reports on anything: {:?}", a.evidence);
}

#[test]
fn report_phrasing_is_evidence_and_welcoming_is_a_restatement() {
    let framework = "# 日英デジタルパートナーシップ\n\n\
        １．両国は、2024年に半導体ワークショップを開催する。\n\n\
        ２．両国は、サイバーセキュリティに関する協力覚書に署名する。\n\n\
        ３．両国は、データ分野の作業部会を立ち上げる。\n\n\
        ４．両国は、オープンRANの共同実証を実施する。\n\n\
        ５．両国は、AIの安全性に関する協力を推進する。\n";
    let outcome = "# 第２回評議会の結果\n\n\
        2024年3月に、半導体ワークショップを東京で開催した。\n\n\
        2024年4月に、両国はサイバーセキュリティに関する協力覚書に署名した。\n\n\
        2024年5月に、データ分野の作業部会を立ち上げた。\n\n\
        2024年6月に、オープンRANの共同実証を実施した。\n\n\
        両国は、AIの安全性に関する協力の進展を歓迎した。\n";
    let a = analyze(
        &[input("framework.md", framework, "2023-12-01"), input("outcome.md", outcome, "2024-07-01")],
        &Options::default(),
    )
    .unwrap();
    for (report, promise, month) in [
        ("開催した", "ワークショップ", "2024-03"),
        ("署名した", "覚書", "2024-04"),
        ("立ち上げた", "作業部会", "2024-05"),
        ("実施した", "共同実証", "2024-06"),
    ] {
        let e = a
            .evidence
            .iter()
            .find(|e| e.text.contains(report))
            .unwrap_or_else(|| panic!("{report} is evidence"));
        assert!(e.concrete, "{report} reports an event");
        assert_eq!(e.date, Some(period(month)), "{report}");
        assert_eq!(
            e.links.first().map(|l| l.commitment.as_str()),
            Some(with(&a, promise).id.as_str()),
            "{report}"
        );
        assert_ne!(e.links[0].relation, Relation::Reaffirmed, "{report} is progress or delivery");
    }
    let welcomed = a.evidence.iter().find(|e| e.text.contains("歓迎した")).expect("a welcome is evidence");
    assert_eq!(welcomed.links[0].commitment, with(&a, "AIの安全性").id);
    assert_eq!(welcomed.links[0].relation, Relation::Reaffirmed, "welcoming is not progress");
}

#[test]
fn actors_are_named_in_either_language() {
    let options = Options {
        organisations: vec![
            ("MIC".into(), vec!["Ministry of Internal Affairs and Communications".into(), "総務省".into()]),
            ("METI".into(), vec!["Ministry of Economy, Trade and Industry".into(), "経済産業省".into()]),
            ("Digital Agency".into(), vec!["デジタル庁".into()]),
            (
                "DSIT".into(),
                vec![
                    "Department for Science, Innovation and Technology".into(),
                    "英国科学・イノベーション・技術省".into(),
                ],
            ),
        ],
        ..Options::default()
    };
    let text = "# 成果文書\n\n\
        １．総務省及び英国科学・イノベーション・技術省は、通信分野の共同研究に取り組む。\n\n\
        ２．経済産業省は、半導体分野での協力を推進する。\n\n\
        ３．デジタル庁は、デジタルIDの相互運用性の検討を進める。\n";
    let a = analyze(&[input("outcome.md", text, "2024-01-16")], &options).unwrap();
    assert_eq!(with(&a, "通信").actors, ["MIC", "DSIT"]);
    assert_eq!(with(&a, "半導体").actors, ["METI"]);
    assert_eq!(with(&a, "デジタルID").actors, ["Digital Agency"]);
}
