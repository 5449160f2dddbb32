//! Kizuna's publications: progress reports (HTML, Markdown, DOCX) with charts, open-data exports
//! (CSV, JSON, XLSX with a Frictionless `datapackage.json`) and their import, and feeds (Atom,
//! iCalendar).
//!
//! It takes plain data — a [`Record`] the caller read from the store with restricted records
//! left out — and returns strings and bytes. It does no I/O: no SQL, no HTTP, no files, no clock
//! (every date is given), so the same record and date always give the same bytes. Statuses come
//! from `kizuna_core`'s rules only. Words of the interface come from the caller through
//! [`Words`] (the web's Fluent catalogues), so reports and pages say things the same way.

pub mod chart;
pub mod docx;
pub mod export;
pub mod feeds;
pub mod html;
pub mod markdown;
mod pillars;
pub mod record;
pub mod report;
pub mod schema;

pub use record::Record;
pub use report::{Report, ReportError};

/// The words of the interface in one language.
pub trait Words {
    /// `en` or `ja`.
    fn lang(&self) -> &'static str;
    /// A message of the catalogue.
    fn t(&self, key: &str) -> String;
    /// A stored date or period as people read it in this language.
    fn date(&self, stored: &str) -> String;
    /// The name of an area key.
    fn area(&self, key: &str) -> String;
    /// The name of a status (`in-progress`).
    fn status(&self, status: &str) -> String {
        self.t(&format!("status-{status}"))
    }
    /// A name in this language: the Japanese one on Japanese pages when there is one.
    fn name(&self, english: &str, japanese: Option<&str>) -> String {
        match japanese {
            Some(ja) if self.lang() == "ja" && !ja.is_empty() => ja.to_owned(),
            _ => english.to_owned(),
        }
    }
    /// A pillar's heading: its name, or what the areas under none are called.
    fn pillar(&self, pillar: Option<&crate::report::PillarSection>) -> String {
        pillar.map_or_else(|| self.t("areas-under-no-pillar"), |p| self.name(&p.name, p.name_ja.as_deref()))
    }
}

/// Every catalogue message reports ask for besides `status-*` (the web's tests check that both
/// catalogues have them).
pub const MESSAGES: &[&str] = &[
    "areas-under-no-pillar",
    "report-title",
    "report-as-of",
    "report-for-meeting",
    "report-since",
    "report-since-start",
    "report-basis",
    "report-summary",
    "report-chart-status",
    "report-chart-evidence",
    "report-by-area",
    "report-col-area",
    "report-col-commitment",
    "report-col-status",
    "report-col-due",
    "report-col-count",
    "report-col-evidence",
    "report-new",
    "report-overdue",
    "report-never",
    "report-none",
    "report-total",
    "report-overdue-tag",
    "report-new-tag",
    "report-reviewed",
    "machine-reading",
    "report-source",
    "report-verdict",
    "report-verdict-both",
    "report-contents",
    "report-executive-summary",
    "report-col-now",
    "report-col-then",
    "report-col-change",
    "report-movements",
    "report-col-latest",
    "report-annex",
    "report-no-movements",
    "report-feed-title",
    "report-feed-document",
    "report-feed-evidence",
    "report-feed-status",
];

/// Words for tests: keys as they are, dates as stored, areas as keys.
#[cfg(test)]
pub(crate) struct Keys;

#[cfg(test)]
impl Words for Keys {
    fn lang(&self) -> &'static str {
        "en"
    }
    fn t(&self, key: &str) -> String {
        key.to_owned()
    }
    fn date(&self, stored: &str) -> String {
        stored.to_owned()
    }
    fn area(&self, key: &str) -> String {
        key.to_owned()
    }
}

/// "Verdict (UK, 1 March 2025): Delivered — the workshop was held." in the reader's words.
pub(crate) fn verdict_line(v: &report::Verdict, words: &dyn Words) -> String {
    let side = v.side.clone().unwrap_or_else(|| words.t("report-verdict-both"));
    format!(
        "{} ({side}, {}): {} — {}",
        words.t("report-verdict"),
        words.date(&v.made_on),
        words.status(v.status.as_str()),
        v.rationale
    )
}

/// A count's change since the previous meeting: "+2", "−1", "0".
pub(crate) fn change(now: usize, then: usize) -> String {
    match now.cmp(&then) {
        std::cmp::Ordering::Greater => format!("+{}", now - then),
        std::cmp::Ordering::Less => format!("−{}", then - now),
        std::cmp::Ordering::Equal => "0".into(),
    }
}

/// What a list says beside a commitment's title: "Data · No evidence · Due H1 2024".
pub(crate) fn line_facts(c: &report::CommitmentLine, words: &dyn Words) -> String {
    let mut out = format!("{} · {}", words.area(&c.area), words.status(c.status.as_str()));
    if let Some(due) = c.due.as_deref() {
        out.push_str(&format!(" · {} {}", words.t("report-col-due"), words.date(due)));
    }
    out
}

/// "In progress → Delivered (evidence of March 2024)" in the reader's words.
pub(crate) fn movement_line(
    m: &report::Movement,
    line: &report::CommitmentLine,
    words: &dyn Words,
) -> String {
    let mut out = format!("{} → {}", words.status(m.from.as_str()), words.status(m.to.as_str()));
    if let Some(latest) = &line.latest {
        out.push_str(&format!(" ({}: {})", words.t("report-col-latest"), words.date(&latest.date)));
    }
    out
}

/// Escapes text for HTML and XML (element content and quoted attributes).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids would make the feed unreadable; they carry no meaning.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}
