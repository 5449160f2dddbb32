//! What the `query` fuzz target asserts, as a plain function that the target calls and that
//! `crates/kizuna-web/tests/fuzz_corpus.rs` replays over `fuzz/kept/query` on each `cargo test`.
//!
//! The web's query-string parsers (the filters of commitment lists and of search) on arbitrary
//! query strings, decoded as the `Pairs` extractor decodes them. Never panics; what is refused
//! is a 400 naming one of the query's parameters; what is accepted stays in bounds, reads back
//! the same from its canonical query string, and shows every parameter given a value there
//! (none is ignored); an unknown parameter added to it is refused by name.

use kizuna_web::WebError;
use kizuna_web::query::{CommitmentFilter, SearchFilter};

const UNKNOWN: &str = "not-a-parameter";

fn pairs(query: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(query).into_owned().collect()
}

/// `key=value&…` as a link would carry it, read back as a request would.
fn round_trip(canonical: &[(&str, String)]) -> Vec<(String, String)> {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(canonical).finish();
    pairs(query.as_bytes())
}

/// A refusal is a 400 whose message names one of the parameters it was given.
fn assert_refusal_names_a_parameter(e: &WebError, given: &[(String, String)]) {
    let WebError::BadRequest(message) = e else { panic!("a refusal that is not a 400: {e:?}") };
    assert!(
        given.iter().any(|(name, _)| message.starts_with(&format!("query parameter `{name}`: "))),
        "the refusal names none of the parameters given: {message}"
    );
}

/// Every parameter given a value (not blank, and not given again later) shows in the canonical
/// form under its name or the name it stands for: nothing given is silently ignored.
fn assert_none_ignored(given: &[(String, String)], canonical: &[(&str, String)], aliases: &[(&str, &str)]) {
    for (i, (name, value)) in given.iter().enumerate() {
        if value.trim().is_empty() || given[i + 1..].iter().any(|(later, _)| later == name) {
            continue;
        }
        let name = aliases.iter().find(|(alias, _)| alias == name).map_or(name.as_str(), |(_, n)| n);
        assert!(canonical.iter().any(|(n, _)| *n == name), "`{name}` was ignored: {canonical:?}");
    }
}

fn with_unknown(given: &[(String, String)]) -> Vec<(String, String)> {
    let mut more = given.to_vec();
    more.push((UNKNOWN.to_owned(), "1".to_owned()));
    more
}

fn assert_unknown_refused(e: Result<impl std::fmt::Debug, WebError>) {
    match e {
        Ok(f) => panic!("`{UNKNOWN}` was ignored: {f:?}"),
        Err(WebError::BadRequest(m)) => {
            assert!(m.starts_with(&format!("query parameter `{UNKNOWN}`: ")), "{m}")
        }
        Err(e) => panic!("a refusal that is not a 400: {e:?}"),
    }
}

fn text_ok(v: &Option<String>) -> bool {
    v.as_ref().is_none_or(|v| !v.is_empty() && v.trim() == v && v.chars().count() <= 256)
}

fn commitments(given: &[(String, String)]) {
    let f = match CommitmentFilter::parse(given) {
        Ok(f) => f,
        Err(e) => return assert_refusal_names_a_parameter(&e, given),
    };
    // Exhaustive, so that a new field fails to compile here until the target knows it.
    let CommitmentFilter {
        area,
        pillar,
        actor,
        status,
        kind,
        document,
        overdue,
        q,
        sort,
        descending,
        page,
        per_page,
    } = &f;
    assert!((1..=1_000_000).contains(page) && (1..=500).contains(per_page), "{f:?}");
    assert!([area, pillar, actor, document, q].into_iter().all(text_ok), "{f:?}");
    // Paging arithmetic (the list itself does not matter for it).
    let shown = f.apply(&[]);
    assert_eq!((shown.total, shown.pages, shown.page), (0, 1, *page));

    let mut canonical: Vec<(&str, String)> = Vec::new();
    for (name, value) in [
        ("area", area),
        ("pillar", pillar),
        ("actor", actor),
        ("status", status),
        ("kind", kind),
        ("document", document),
        ("q", q),
    ] {
        if let Some(v) = value {
            canonical.push((name, v.clone()));
        }
    }
    if let Some(o) = overdue {
        canonical.push(("overdue", o.to_string()));
    }
    canonical.push(("sort", sort.clone()));
    canonical.push(("order", if *descending { "desc" } else { "asc" }.to_owned()));
    canonical.push(("page", page.to_string()));
    canonical.push(("per_page", per_page.to_string()));
    let again = CommitmentFilter::parse(&round_trip(&canonical))
        .unwrap_or_else(|e| panic!("the canonical form of {f:?} is refused: {e}"));
    assert_eq!(again, f);
    assert_none_ignored(given, &canonical, &[]);

    assert_unknown_refused(CommitmentFilter::parse(&with_unknown(given)));
}

fn search(given: &[(String, String)]) {
    let f = match SearchFilter::parse(given) {
        Ok(f) => f,
        Err(e) => return assert_refusal_names_a_parameter(&e, given),
    };
    let SearchFilter { q, partnership, kind, area, status, document, from, to, page, per_page } = &f;
    assert!((1..=100).contains(page) && (1..=200).contains(per_page), "{f:?}");
    for date in [from, to].into_iter().flatten() {
        let period = date.parse::<kizuna_core::Period>();
        assert!(period.is_ok(), "{f:?}: `{date}` accepted as a date");
    }

    let mut canonical: Vec<(&str, String)> = Vec::new();
    if !q.is_empty() {
        canonical.push(("q", q.clone()));
    }
    for (name, value) in [
        ("partnership", partnership),
        ("kind", kind),
        ("area", area),
        ("status", status),
        ("document", document),
        ("from", from),
        ("to", to),
    ] {
        if let Some(v) = value {
            assert!(!v.is_empty() && v.trim() == v, "{f:?}");
            canonical.push((name, v.clone()));
        }
    }
    canonical.push(("page", page.to_string()));
    canonical.push(("per_page", per_page.to_string()));
    let again = SearchFilter::parse(&round_trip(&canonical))
        .unwrap_or_else(|e| panic!("the canonical form of {f:?} is refused: {e}"));
    assert_eq!(format!("{again:?}"), format!("{f:?}"));
    assert_none_ignored(given, &canonical, &[("limit", "per_page")]);

    assert_unknown_refused(SearchFilter::parse(&with_unknown(given)));
}

pub fn query(data: &[u8]) {
    let given = pairs(data);
    commitments(&given);
    search(&given);
}
