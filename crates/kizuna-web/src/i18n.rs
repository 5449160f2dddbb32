//! The interface language: English at `/…`, Japanese at `/ja/…`. Every UI string comes from a
//! Fluent catalogue (`locales/{en,ja}/kizuna.ftl`, compiled in); the record's own text (what the
//! documents say) is shown as written.

use std::sync::LazyLock;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use kizuna_core::Period;
use unic_langid::langid;

/// The interface language is the record's own notion of a language.
pub use kizuna_core::Language as Lang;

/// The language of a request path: `/ja` and `/ja/…` are Japanese.
pub fn lang_of_path(path: &str) -> Lang {
    if path == "/ja" || path.starts_with("/ja/") { Lang::Ja } else { Lang::En }
}

const CATALOGUE_EN: &str = include_str!("../locales/en/kizuna.ftl");
const CATALOGUE_JA: &str = include_str!("../locales/ja/kizuna.ftl");

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(langid!("en-GB"), CATALOGUE_EN), bundle(langid!("ja-JP"), CATALOGUE_JA)]);

fn bundle(lang: unic_langid::LanguageIdentifier, source: &str) -> FluentBundle<FluentResource> {
    // The catalogues are compiled in and checked by the tests below, so an error here is a
    // programming error caught before release.
    let resource = FluentResource::try_new(source.to_owned()).expect("the compiled-in catalogue parses");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Isolation marks around arguments help right-to-left scripts; here they would only show up
    // as stray characters in titles and copied text.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).expect("the compiled-in catalogue has no duplicate keys");
    bundle
}

/// A message of the catalogue of `lang`, with `args`; the key itself when it is missing (and a
/// warning in the log), so a forgotten translation shows up without breaking the page.
pub fn message(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = &BUNDLES[lang as usize];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = lang.code(), "missing UI message");
        return key.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
    if !errors.is_empty() {
        tracing::warn!(key, lang = lang.code(), ?errors, "UI message did not format cleanly");
    }
    text
}

/// A message of the catalogue of `lang` when it has one, without a warning when it has not.
pub fn message_if_any(lang: Lang, key: &str) -> Option<String> {
    BUNDLES[lang as usize].has_message(key).then(|| message(lang, key, None))
}

/// What a page needs to speak the visitor's language: the language and the path it was asked
/// for (to link to the same page in the other language).
#[derive(Clone, Debug)]
pub struct Ui {
    pub lang: Lang,
    /// The path and query without the language prefix, e.g. `/commitments/abc`.
    path: String,
    /// Who is signed in, for the header's sign-in/sign-out and for forms (their CSRF token).
    pub person: Option<crate::session::SignedIn>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ui {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let uri = parts.extensions.get::<OriginalUri>().map_or(&parts.uri, |o| &o.0);
        let mut ui = Ui::for_uri(uri.path(), uri.query());
        ui.person = parts.extensions.get::<crate::session::SignedIn>().cloned();
        Ok(ui)
    }
}

impl Ui {
    pub fn for_uri(path: &str, query: Option<&str>) -> Ui {
        let lang = lang_of_path(path);
        let bare = if lang == Lang::Ja { &path[3..] } else { path };
        let bare = if bare.is_empty() { "/" } else { bare };
        // A form's CSRF token is not part of the page: links made from this path never carry it.
        let query = query.map(|q| {
            if !q.contains("csrf=") {
                return q.to_owned();
            }
            let kept = form_pairs(q).into_iter().filter(|(k, _)| k != "csrf");
            form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish()
        });
        let path = match query {
            Some(q) if !q.is_empty() => format!("{bare}?{q}"),
            _ => bare.to_owned(),
        };
        Ui { lang, path, person: None }
    }

    /// A form action that changes something: `path` in this language. The form carries the
    /// session's CSRF token in a hidden field ([`Ui::csrf_field`]), never in the address, where
    /// logs and histories would keep it.
    pub fn action(&self, path: &str) -> String {
        self.href(path)
    }

    /// [`Ui::action`] of a path made of pieces, like [`Ui::path`].
    pub fn action_path(&self, head: &str, id: &str, tail: &str) -> String {
        self.action(&format!("{head}{id}{tail}"))
    }

    /// The hidden field with the session's CSRF token, for every form that changes something
    /// (checked by `session::guard` before any handler runs). The token is hex: nothing to escape.
    pub fn csrf_field(&self) -> String {
        let csrf = self.person.as_ref().map_or("", |p| p.csrf.as_str());
        format!("<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">")
    }

    /// An upload's form action: a multipart body the guard does not read, so the token travels
    /// in the address for this one form.
    pub fn upload_action(&self, head: &str, id: &str, tail: &str) -> String {
        let csrf = self.person.as_ref().map_or("", |p| p.csrf.as_str());
        format!("{}?csrf={csrf}", self.path(head, id, tail))
    }

    /// ` selected` when an option's value is the current one.
    pub fn selected(&self, value: &str, current: &str) -> &'static str {
        if value == current { " selected" } else { "" }
    }

    /// This page's path and query in this language: where a form sends the person back to.
    pub fn here(&self) -> String {
        self.href(&self.path)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// A UI message.
    pub fn t(&self, key: &str) -> String {
        message(self.lang, key, None)
    }

    /// A UI message with a number `$count`.
    pub fn tn(&self, key: &str, count: impl std::borrow::Borrow<usize>) -> String {
        let mut args = FluentArgs::new();
        args.set("count", *count.borrow());
        message(self.lang, key, Some(&args))
    }

    /// A UI message with a share: `$part` of `$whole`.
    pub fn share(
        &self,
        key: &str,
        part: impl std::borrow::Borrow<usize>,
        whole: impl std::borrow::Borrow<usize>,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set("part", *part.borrow());
        args.set("whole", *whole.borrow());
        message(self.lang, key, Some(&args))
    }

    /// A UI message with a text `$name`.
    pub fn ts(&self, key: &str, name: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("name", name);
        message(self.lang, key, Some(&args))
    }

    /// What the record is current to, in a sentence: "Record current to 22 January 2025 (22
    /// months ago)", or, when the partnership has fallen silent, "No reports since …".
    pub fn currency(&self, c: &kizuna_core::Currency) -> String {
        let Some(day) = c.current_to else { return self.t("record-undated") };
        let mut args = FluentArgs::new();
        args.set("date", self.date(&day.to_string()));
        args.set("months", c.months_ago);
        message(self.lang, if c.silent { "no-reports-since" } else { "record-current-to" }, Some(&args))
    }

    /// A record's name in this language: its Japanese name on Japanese pages when it has one.
    pub fn name(&self, english: &str, japanese: &Option<String>) -> String {
        match (self.lang, japanese) {
            (Lang::Ja, Some(ja)) if !ja.is_empty() => ja.clone(),
            _ => english.to_owned(),
        }
    }

    /// A site path in this language made of pieces: `path("/p/", id, "/governance")`.
    pub fn path(&self, head: &str, id: &str, tail: &str) -> String {
        self.href(&format!("{head}{id}{tail}"))
    }

    /// The page of an area of a partnership.
    pub fn area_path(&self, partnership: &str, area: &str) -> String {
        self.href(&format!("/p/{partnership}/areas/{area}"))
    }

    /// A UI message whose key ends in a value: `tk("sort-", "due")` is `t("sort-due")`.
    pub fn tk(&self, prefix: &str, value: &str) -> String {
        self.t(&format!("{prefix}{value}"))
    }

    /// A site path in this language: `/commitments/x` → `/ja/commitments/x` in Japanese.
    pub fn href(&self, path: &str) -> String {
        match self.lang {
            Lang::En => path.to_owned(),
            Lang::Ja if path == "/" => "/ja".to_owned(),
            Lang::Ja => format!("/ja{path}"),
        }
    }

    /// This page in the other language.
    pub fn switch_href(&self) -> String {
        // `/ja//evil.example` is this site's page; its English twin must not read as another
        // host (`//evil.example`).
        let path = format!("/{}", self.path.trim_start_matches('/'));
        match self.lang {
            Lang::En if path == "/" => "/ja".to_owned(),
            Lang::En => format!("/ja{path}"),
            Lang::Ja => path,
        }
    }

    /// The name of the other language, in that language.
    pub fn switch_label(&self) -> &'static str {
        match self.lang {
            Lang::En => "日本語",
            Lang::Ja => "English",
        }
    }

    pub fn switch_code(&self) -> &'static str {
        match self.lang {
            Lang::En => "ja",
            Lang::Ja => "en",
        }
    }

    /// This page's path (in this language) with `key=value` set in its query string and the
    /// page number reset: for sort and filter links.
    pub fn with_param(&self, key: &str, value: &str) -> String {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let mut pairs: Vec<(String, String)> = form_pairs(query)
            .into_iter()
            .filter(|(k, _)| k != key && (k != "page" || key == "page"))
            .collect();
        if !value.is_empty() {
            pairs.push((key.to_owned(), value.to_owned()));
        }
        let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
        let path = self.href(path);
        if query.is_empty() { path } else { format!("{path}?{query}") }
    }

    /// A stored date or period in this language: `2025-01-22` → `22 January 2025` or
    /// `2025年1月22日`; `2024-Q1` → `Q1 2024` or `2024年第1四半期`. Anything else (a timestamp,
    /// a date we cannot read) is shown by its first ten characters or as it is.
    pub fn date(&self, stored: &str) -> String {
        match stored.parse::<Period>() {
            Ok(period) => format_period(self.lang, period),
            Err(_) => match stored.get(..10).map(str::parse::<Period>) {
                Some(Ok(period)) => format_period(self.lang, period),
                _ => stored.to_owned(),
            },
        }
    }

    /// A date or period when there is one, else the word for "undated".
    pub fn date_or_undated(&self, stored: &Option<String>) -> String {
        stored.as_deref().map_or_else(|| self.t("undated"), |d| self.date(d))
    }

    /// The name of a status (`delivered`, `in-progress`, …).
    pub fn status(&self, status: &str) -> String {
        self.t(&format!("status-{status}"))
    }

    /// The name of an area key; the key made readable when the catalogue has no name for it.
    pub fn area(&self, key: &str) -> String {
        let id = format!("area-{key}");
        if BUNDLES[self.lang as usize].has_message(&id) { self.t(&id) } else { readable_key(key) }
    }

    /// The word for a controlled value: `kind-action`, `strength-will`, `relation-delivered`.
    pub fn term(&self, group: &str, value: &str) -> String {
        let id = format!("{group}-{value}");
        if BUNDLES[self.lang as usize].has_message(&id) { self.t(&id) } else { value.to_owned() }
    }
}

/// `digital-government` → `Digital government`.
pub fn readable_key(key: &str) -> String {
    let words = key.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn format_period(lang: Lang, period: Period) -> String {
    let month_name = |m: u8| MONTHS.get(usize::from(m).saturating_sub(1)).copied().unwrap_or("?");
    match (lang, period) {
        (Lang::En, Period::Day(d)) => format!("{} {} {}", d.day(), month_name(d.month() as u8), d.year()),
        (Lang::Ja, Period::Day(d)) => format!("{}年{}月{}日", d.year(), d.month() as u8, d.day()),
        (Lang::En, Period::Month { year, month }) => format!("{} {year}", month_name(month)),
        (Lang::Ja, Period::Month { year, month }) => format!("{year}年{month}月"),
        (Lang::En, Period::Quarter { year, quarter }) => format!("Q{quarter} {year}"),
        (Lang::Ja, Period::Quarter { year, quarter }) => format!("{year}年第{quarter}四半期"),
        (Lang::En, Period::Half { year, half }) => format!("H{half} {year}"),
        (Lang::Ja, Period::Half { year, half: 1 }) => format!("{year}年上半期"),
        (Lang::Ja, Period::Half { year, .. }) => format!("{year}年下半期"),
        (Lang::En, Period::Year(year)) => year.to_string(),
        (Lang::Ja, Period::Year(year)) => format!("{year}年"),
        (Lang::En, Period::FiscalYear(year)) => format!("Japanese fiscal year {year}"),
        (Lang::Ja, Period::FiscalYear(year)) => format!("{year}年度"),
    }
}

/// The `key=value` pairs of a query string, decoded.
fn form_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(catalogue: &str) -> Vec<&str> {
        catalogue
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .collect()
    }

    #[test]
    fn catalogues_parse_and_have_the_same_keys() {
        for (name, source) in [("en", CATALOGUE_EN), ("ja", CATALOGUE_JA)] {
            FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{name} catalogue: {errors:?}"));
        }
        let (mut en, mut ja) = (keys(CATALOGUE_EN), keys(CATALOGUE_JA));
        en.sort();
        ja.sort();
        let only_en: Vec<_> = en.iter().filter(|k| !ja.contains(k)).collect();
        let only_ja: Vec<_> = ja.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty() && only_ja.is_empty(), "only in en: {only_en:?}; only in ja: {only_ja:?}");
    }

    /// Every message a template asks for exists in both catalogues.
    #[test]
    fn templates_use_only_known_messages() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["ui.t(\"", "ui.tn(\"", "ui.ts(\""] {
                for piece in text.split(call).skip(1) {
                    let key = piece.split('"').next().unwrap();
                    for lang in [Lang::En, Lang::Ja] {
                        if !BUNDLES[lang as usize].has_message(key) {
                            missing.push(format!("{} in {}: {key}", lang.code(), path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing messages: {missing:#?}");
    }

    #[test]
    fn messages_take_arguments() {
        let en = Ui::for_uri("/p/x", None);
        let ja = Ui::for_uri("/ja/p/x", None);
        assert_eq!(en.tn("commitments-count", 1), "1 commitment");
        assert_eq!(en.tn("commitments-count", 3), "3 commitments");
        assert_eq!(ja.tn("commitments-count", 3), "3件のコミットメント");
    }

    #[test]
    fn dates_in_each_language() {
        let en = Ui::for_uri("/", None);
        let ja = Ui::for_uri("/ja", None);
        assert_eq!(en.date("2025-01-22"), "22 January 2025");
        assert_eq!(ja.date("2025-01-22"), "2025年1月22日");
        assert_eq!(ja.date("2024-Q1"), "2024年第1四半期");
        assert_eq!(ja.date("FY2025"), "2025年度");
        assert_eq!(ja.date("2024-H2"), "2024年下半期");
        assert_eq!(en.date("2024-03"), "March 2024");
        assert_eq!(ja.date("2026-11-23T10:00:00Z"), "2026年11月23日");
        assert_eq!(en.date("soon"), "soon");
    }

    #[test]
    fn paths_and_switching() {
        let en = Ui::for_uri("/commitments/abc", Some("x=1"));
        assert_eq!(en.lang, Lang::En);
        assert_eq!(en.href("/search"), "/search");
        assert_eq!(en.switch_href(), "/ja/commitments/abc?x=1");
        let ja = Ui::for_uri("/ja/commitments/abc", None);
        assert_eq!(ja.lang, Lang::Ja);
        assert_eq!(ja.href("/search"), "/ja/search");
        assert_eq!(ja.href("/"), "/ja");
        assert_eq!(ja.switch_href(), "/commitments/abc");
        assert_eq!(Ui::for_uri("/ja", None).switch_href(), "/");
        assert_eq!(lang_of_path("/japan"), Lang::En);
    }

    #[test]
    fn query_links_keep_filters_and_reset_the_page() {
        let ui = Ui::for_uri("/ja/p/x/commitments", Some("status=delivered&page=3&q=open+RAN"));
        assert_eq!(ui.with_param("sort", "due"), "/ja/p/x/commitments?status=delivered&q=open+RAN&sort=due");
        assert_eq!(ui.with_param("page", "4"), "/ja/p/x/commitments?status=delivered&q=open+RAN&page=4");
        assert_eq!(ui.with_param("status", ""), "/ja/p/x/commitments?q=open+RAN");
    }
}
