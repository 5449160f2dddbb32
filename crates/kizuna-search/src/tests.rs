use super::*;

fn doc(id: &str, kind: &str, text: &str, area: &str) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        partnership: "p".into(),
        kind: kind.into(),
        text: text.into(),
        also: String::new(),
        title: "Framework".into(),
        area: area.into(),
        document_id: "d1".into(),
        anchor: "1".into(),
        date: "2022-12-07".into(),
        day: Some(2_459_921),
        restricted: false,
    }
}

fn index() -> SearchIndex {
    SearchIndex::build([
        doc("c1", "commitment", "Develop joint R&D initiatives to support interoperable technologies, such as Open RAN and vRAN;", "telecoms"),
        doc("c2", "commitment", "They discussed an industry-academia-government workshop and concurred in holding the semiconductor workshop in the first quarter of 2024.", "semiconductors"),
        doc("c3", "commitment", "Share information on ongoing and upcoming policy and research;", "telecoms"),
        doc("e1", "evidence", "Progress has been made in integrating Open RAN solutions at the UK Telecoms Lab.", "telecoms"),
        doc("c4", "commitment", "両国は、半導体分野における協力を推進する。", "semiconductors"),
        doc("e2", "evidence", "The first Semiconductor Partnership Stakeholder Roundtable was held in March 2024.", "semiconductors"),
    ])
    .unwrap()
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn search(index: &SearchIndex, text: &str) -> Vec<Hit> {
    index.search(&SearchQuery { text: text.into(), limit: 10, ..Default::default() }).unwrap().hits
}

#[test]
fn relevant_commitments_come_first() {
    let index = index();
    assert_eq!(ids(&search(&index, "Open RAN"))[..2], ["c1", "e1"]);
    assert_eq!(ids(&search(&index, "semiconductor workshop"))[0], "c2");
    assert_eq!(ids(&search(&index, "workshops"))[0], "c2", "stems match");
}

#[test]
fn the_words_together_rank_above_the_words_apart() {
    let index = SearchIndex::build([
        doc(
            "apart",
            "evidence",
            "Open markets, open societies and an open Internet ran through the talks on open data.",
            "general",
        ),
        doc("together", "evidence", "Operators began Open RAN trials in Tokyo.", "telecoms"),
    ])
    .unwrap();
    assert_eq!(ids(&search(&index, "Open RAN")), ["together", "apart"]);
}

#[test]
fn japanese_needs_no_word_spaces() {
    let index = index();
    let hits = search(&index, "半導体");
    assert_eq!(ids(&hits), ["c4"]);
    assert!(
        hits[0].snippet_html.contains("<mark>半導体</mark>"),
        "the whole word is marked: {}",
        hits[0].snippet_html
    );
    assert_eq!(ids(&search(&index, "協力")), ["c4"]);
    assert!(search(&index, "導体協").is_empty(), "bigrams must be contiguous");
}

#[test]
fn snippets_mark_matches_and_escape_the_rest() {
    let index = index();
    let hit = &search(&index, "R&D initiatives")[0];
    assert_eq!(hit.id, "c1");
    assert!(hit.snippet_html.contains("<mark>initiatives</mark>"), "{}", hit.snippet_html);
    assert!(hit.snippet_html.contains("&amp;"), "{}", hit.snippet_html);
}

#[test]
fn filters_and_bad_queries() {
    let index = index();
    let only_evidence = index
        .search(&SearchQuery {
            text: "Open RAN".into(),
            kind: Some("evidence".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .hits;
    assert_eq!(ids(&only_evidence), ["e1"]);
    let by_area = index
        .search(&SearchQuery {
            text: "2024".into(),
            area: Some("semiconductors".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .hits;
    assert!(by_area.iter().all(|h| h.area == "semiconductors") && !by_area.is_empty());
    assert!(matches!(
        index.search(&SearchQuery { text: "  ".into(), limit: 5, ..Default::default() }),
        Err(SearchError::Empty)
    ));
    let long = "a".repeat(MAX_QUERY_CHARS + 1);
    assert!(matches!(
        index.search(&SearchQuery { text: long, limit: 5, ..Default::default() }),
        Err(SearchError::TooLong)
    ));
    assert!(search(&index, "((( \"unbalanced AND OR NOT:").len() <= 10, "syntax never fails");
}

#[test]
fn date_filters_keep_what_falls_between_and_leave_out_the_undated() {
    let mut dated = doc("late", "evidence", "The semiconductor workshop was held.", "");
    dated.day = Some(2_460_400);
    let mut undated = doc("none", "evidence", "A semiconductor workshop without a date.", "");
    undated.day = None;
    let index =
        SearchIndex::build([doc("early", "evidence", "A semiconductor workshop.", ""), dated, undated])
            .unwrap();
    let ids = |from: Option<i32>, to: Option<i32>| -> Vec<String> {
        let q = SearchQuery {
            text: "semiconductor".into(),
            from_day: from,
            to_day: to,
            limit: 10,
            ..Default::default()
        };
        let mut ids: Vec<String> = index.search(&q).unwrap().hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(None, None), ["early", "late", "none"]);
    assert_eq!(ids(Some(2_460_000), None), ["late"]);
    assert_eq!(ids(None, Some(2_460_000)), ["early"]);
    assert_eq!(ids(Some(2_459_921), Some(2_459_921)), ["early"]);
}

#[test]
fn pages_count_everything_and_id_sets_restrict() {
    let index = index();
    let page = |offset, limit| {
        index
            .search(&SearchQuery {
                text: "semiconductor Open RAN".into(),
                offset,
                limit,
                ..Default::default()
            })
            .unwrap()
    };
    let all = page(0, 10);
    assert_eq!(all.total, all.hits.len());
    let second = page(1, 1);
    assert_eq!(second.total, all.total, "the total does not depend on the page");
    assert_eq!(ids(&second.hits), [all.hits[1].id.as_str()]);
    let only = SearchQuery {
        text: "semiconductor Open RAN".into(),
        ids: Some(vec!["e1".into(), "c2".into()]),
        limit: 10,
        ..Default::default()
    };
    let mut found =
        ids(&index.search(&only).unwrap().hits).into_iter().map(str::to_owned).collect::<Vec<_>>();
    found.sort();
    assert_eq!(found, ["c2", "e1"]);
}

#[test]
fn similar_things_share_rarer_words() {
    let index = index();
    let like = index
        .similar("Joint research on Open RAN and vRAN interoperability", "commitment", "p", 3, false)
        .unwrap();
    assert_eq!(like[0].id, "c1", "{like:?}");
    assert!(like.iter().all(|h| h.kind == "commitment"));
    assert!(
        index.similar("Open RAN", "commitment", "elsewhere", 3, false).unwrap().is_empty(),
        "other partnerships"
    );
}

#[test]
fn other_language_versions_find_a_commitment() {
    let mut english =
        doc("c9", "commitment", "Both sides will promote cooperation on semiconductors.", "semiconductors");
    english.also = "両国は、半導体分野での協力を推進する。".into();
    let index =
        SearchIndex::build([english, doc("c1", "commitment", "Open RAN research.", "telecoms")]).unwrap();
    let hits = search(&index, "半導体");
    assert_eq!(ids(&hits), ["c9"], "found by its Japanese version");
    assert!(
        hits[0].snippet_html.contains("semiconductors"),
        "shown in its own words: {}",
        hits[0].snippet_html
    );
}

#[test]
fn restricted_records_are_found_only_when_asked_for() {
    let mut secret = doc("c8", "commitment", "Both sides will exchange quantum sensing roadmaps.", "quantum");
    secret.restricted = true;
    let mut secret_evidence = doc("e8", "evidence", "The quantum roadmaps were exchanged in private.", "");
    secret_evidence.restricted = true;
    let open = doc("c7", "commitment", "Both sides will publish a quantum strategy.", "quantum");
    let index = SearchIndex::build([secret, secret_evidence, open]).unwrap();
    let find = |include_restricted: bool| {
        let q = SearchQuery {
            text: "quantum roadmaps".into(),
            limit: 10,
            include_restricted,
            ..Default::default()
        };
        index.search(&q).unwrap()
    };
    let public = find(false);
    assert_eq!((ids(&public.hits), public.total), (vec!["c7"], 1), "the total counts public ones only");
    assert!(!public.hits[0].restricted);
    let all = find(true);
    assert_eq!(all.total, 3);
    assert!(all.hits.iter().any(|h| h.id == "c8" && h.restricted));
    let by_id =
        SearchQuery { text: "quantum".into(), ids: Some(vec!["c8".into()]), limit: 10, ..Default::default() };
    assert!(index.search(&by_id).unwrap().hits.is_empty(), "not even by its id");

    let like = |include_restricted| {
        let hits =
            index.similar("quantum sensing roadmaps", "commitment", "p", 5, include_restricted).unwrap();
        hits.into_iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert!(!like(false).contains(&"c8".to_owned()), "{:?}", like(false));
    assert_eq!(like(true)[0], "c8");
}
