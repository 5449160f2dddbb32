//! A report as HTML: a standalone printable document (its own small stylesheet, print rules
//! included), or the fragment the website puts inside its own page. Text from the record is
//! escaped; nothing depends on the day it is made.

use crate::report::{AreaSection, CommitmentLine, Report};
use crate::{Words, chart, escape};

const STYLE: &str = "body{font-family:system-ui,'Noto Sans JP','Hiragino Sans','Yu Gothic',sans-serif;\
font-size:16px;line-height:1.5;max-width:960px;margin:2rem auto;padding:0 1rem;color:#0b0c0c}\
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #b1b4b6;\
text-align:left;vertical-align:top;padding:.4rem}.tag{display:inline-block;padding:0 .4rem;\
border:1px solid currentColor;font-size:.85em}.overdue{color:#d4351c}.meta{color:#505a5f}\
svg{max-width:100%;height:auto}\
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}\
h2,h3{break-after:avoid}tr,li,figure{break-inside:avoid}}";

/// A standalone HTML document.
pub fn document(report: &Report, words: &dyn Words) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        words.lang(),
        escape(&title(report, words)),
        fragment(report, words)
    )
}

/// The report's title: partnership and "progress report".
pub fn title(report: &Report, words: &dyn Words) -> String {
    format!("{} — {}", partnership_name(report, words), words.t("report-title"))
}

pub(crate) fn partnership_name(report: &Report, words: &dyn Words) -> String {
    match (&report.partnership.name_ja, words.lang()) {
        (Some(ja), "ja") if !ja.is_empty() => ja.clone(),
        _ => report.partnership.name.clone(),
    }
}

/// The sentences under the title: as of when, for which meeting, since when.
pub(crate) fn preamble(report: &Report, words: &dyn Words) -> Vec<String> {
    let mut out = vec![format!("{}: {}", words.t("report-as-of"), words.date(&report.as_of))];
    if let Some(current) = &report.current_to {
        out.push(format!("{}: {}", words.t("report-current-to"), words.date(current)));
    }
    if let Some(m) = &report.meeting {
        let title = words.name(&m.title, m.title_ja.as_deref());
        out.push(format!("{}: {title} ({})", words.t("report-for-meeting"), words.date(&m.date)));
    }
    out.push(match &report.previous_meeting {
        Some(p) => {
            let title = words.name(&p.title, p.title_ja.as_deref());
            format!("{}: {title} ({})", words.t("report-since"), words.date(&p.date))
        }
        None => words.t("report-since-start"),
    });
    out.push(words.t("report-basis"));
    if report.set_apart > 0 {
        out.push(format!("{}: {}", words.t("report-set-apart"), report.set_apart));
    }
    out
}

/// The report's body, for a page that has its own head: the executive summary (counts and
/// their change since the previous meeting, the main movements, what is overdue), the chart,
/// what is new and what never had evidence, a compact table per pillar and area, and the annex
/// with every commitment in full.
pub fn fragment(report: &Report, words: &dyn Words) -> String {
    let mut out = format!("<h1>{}</h1>\n", escape(&title(report, words)));
    for p in preamble(report, words) {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(&p)));
    }
    out.push_str(&format!(
        "<section class=\"summary\">\n<h2>{}</h2>\n",
        escape(&words.t("report-executive-summary"))
    ));
    out.push_str(&summary_table(report, words));
    out.push_str(&format!("<p>{}: {}</p>\n", escape(&words.t("report-reviewed")), report.reviewed));
    if report.previous_meeting.is_some() {
        out.push_str(&format!("<h3>{}</h3>\n", escape(&words.t("report-movements"))));
        if report.movements.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", escape(&words.t("report-no-movements"))));
        } else {
            out.push_str("<ul>\n");
            for (m, c) in report.movements.iter().filter_map(|m| Some((m, report.commitment(&m.id)?))) {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a> — {}</li>\n",
                    escape(&c.page),
                    escape(&c.title),
                    escape(&crate::movement_line(m, c, words))
                ));
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str(&format!("<h3>{}</h3>\n", escape(&words.t("report-overdue"))));
    out.push_str(&title_list(report, &report.overdue, words));
    out.push_str("</section>\n");
    out.push_str(&format!("<figure>\n{}</figure>\n", chart::svg(report, words)));
    for (key, ids) in [("report-new", &report.new), ("report-never", &report.never_evidenced)] {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&words.t(key))));
        out.push_str(&title_list(report, ids, words));
    }
    out.push_str(&format!("<h2>{}</h2>\n", escape(&words.t("report-by-area"))));
    // With pillars, each pillar is a heading and its areas one level below it.
    let area_level = if report.pillars.is_empty() { 3 } else { 4 };
    for (pillar, sections, total) in report.by_pillar() {
        if !report.pillars.is_empty() {
            out.push_str(&format!("<h3 class=\"pillar\">{} ({total})</h3>\n", escape(&words.pillar(pillar))));
        }
        for area in sections {
            out.push_str(&compact_table(area, area_level, words));
        }
    }
    out.push_str(&format!("<h2 class=\"annex\">{}</h2>\n", escape(&words.t("report-annex"))));
    for area in &report.areas {
        out.push_str(&area_table(area, 3, words));
    }
    out
}

/// Each status, overdue and the total: now, at the previous meeting and the change.
fn summary_table(report: &Report, words: &dyn Words) -> String {
    let compared = report.previous_totals.is_some();
    let mut out = format!(
        "<table class=\"counts\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        escape(&words.t("report-col-status")),
        escape(&words.t("report-col-now"))
    );
    if compared {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            escape(&words.t("report-col-then")),
            escape(&words.t("report-col-change"))
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (key, now, then) in report.summary() {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th><td>{now}</td>", escape(&words.t(&key))));
        if let Some(then) = then {
            out.push_str(&format!("<td>{then}</td><td>{}</td>", crate::change(now, then)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Commitments by their short titles, each linked to its page.
fn title_list(report: &Report, ids: &[String], words: &dyn Words) -> String {
    if ids.is_empty() {
        return format!("<p>{}</p>\n", escape(&words.t("report-none")));
    }
    let mut out = String::from("<ul>\n");
    for c in ids.iter().filter_map(|id| report.commitment(id)) {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">({})</span></li>\n",
            escape(&c.page),
            escape(&c.title),
            escape(&crate::line_facts(c, words))
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// An area in the briefing: each commitment named once, its status, its latest evidence and the
/// verdicts people gave.
fn compact_table(area: &AreaSection, level: u8, words: &dyn Words) -> String {
    let mut out = format!(
        "<h{level} id=\"{}\">{} ({})</h{level}>\n<table class=\"compact\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        escape(&area.anchor),
        escape(&words.area(&area.area)),
        area.counts.total,
        escape(&words.t("report-col-commitment")),
        escape(&words.t("report-col-status")),
        escape(&words.t("report-col-latest")),
        escape(&words.t("report-verdict")),
    );
    for c in &area.commitments {
        let latest = c
            .latest
            .as_ref()
            .map(|e| {
                format!(
                    "{} — {} <a href=\"{}\">{}, {}</a>",
                    escape(&words.date(&e.date)),
                    escape(&e.text),
                    escape(&e.href),
                    escape(&e.document_title),
                    escape(&e.anchor)
                )
            })
            .unwrap_or_default();
        let verdicts: Vec<String> =
            c.verdicts.iter().map(|v| escape(&crate::verdict_line(v, words))).collect();
        out.push_str(&format!(
            "<tr data-commitment=\"{}\"><td><a href=\"{}\">{}</a></td><td>{}</td><td>{latest}</td><td>{}</td></tr>\n",
            escape(&c.id),
            escape(&c.page),
            escape(&c.title),
            status_tags(c, words),
            verdicts.join("<br>")
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn status_tags(c: &CommitmentLine, words: &dyn Words) -> String {
    let mut status = format!(
        "<span class=\"tag {}\">{}</span>",
        c.status.as_str(),
        escape(&words.status(c.status.as_str()))
    );
    for (class, key) in c.tags() {
        status.push_str(&format!(" <span class=\"tag {class}\">{}</span>", escape(&words.t(key))));
    }
    status
}

fn area_table(area: &AreaSection, level: u8, words: &dyn Words) -> String {
    let mut out = format!(
        "<h{level} id=\"annex-{}\">{} ({})</h{level}>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        escape(&area.anchor),
        escape(&words.area(&area.area)),
        area.counts.total,
        escape(&words.t("report-col-commitment")),
        escape(&words.t("report-col-status")),
        escape(&words.t("report-col-due")),
        escape(&words.t("report-col-evidence")),
    );
    for c in &area.commitments {
        out.push_str(&row(c, words));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn row(c: &CommitmentLine, words: &dyn Words) -> String {
    let mut status = status_tags(c, words);
    for v in &c.verdicts {
        status.push_str(&format!("<p class=\"verdict\">{}</p>", escape(&crate::verdict_line(v, words))));
    }
    let evidence: String = c
        .evidence_since
        .iter()
        .map(|e| {
            format!(
                "<li data-evidence=\"{}\">{} — {} <a href=\"{}\">{}, {}</a></li>",
                escape(&e.id),
                escape(&words.date(&e.date)),
                escape(&e.text),
                escape(&e.href),
                escape(&e.document_title),
                escape(&e.anchor)
            )
        })
        .collect();
    format!(
        "<tr id=\"c-{}\"><td>{}<br><span class=\"meta\">{}: <a href=\"{}\">{}, {}</a></span></td><td>{status}</td><td>{}</td><td>{}</td></tr>\n",
        escape(&c.id),
        escape(&c.text),
        escape(&words.t("report-source")),
        escape(&c.href),
        escape(&c.document_title),
        escape(&c.anchor),
        c.due.as_deref().map(|d| escape(&words.date(d))).unwrap_or_default(),
        if evidence.is_empty() { String::new() } else { format!("<ul>{evidence}</ul>") },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;
    use crate::report::{Basis, tests::sample};
    use time::macros::date;

    #[test]
    fn html_escapes_the_record_and_lists_every_commitment() {
        let report = Report::build(&sample(), &Basis::Day(date!(2024 - 02 - 01)), "").unwrap();
        let html = document(&report, &Keys);
        assert!(html.contains("Both sides will do workshop &lt;&amp; more&gt;."), "escaped");
        assert!(!html.contains("<& more>"));
        for id in ["workshop", "research", "idle", "later"] {
            assert!(html.contains(&format!("id=\"c-{id}\"")), "{id}");
        }
        assert!(html.contains("@media print"));
        assert!(html.contains("<svg"));
        assert_eq!(html, document(&report, &Keys), "the same report gives the same bytes");
    }

    #[test]
    fn verdicts_are_shown_with_their_side_and_reason() {
        let mut record = sample();
        record.assessments.push(crate::record::Assessment {
            id: "a1".into(),
            commitment_id: "idle".into(),
            side_id: None,
            status: "dropped".into(),
            rationale: "Overtaken by <the> G7 work.".into(),
            made_on: "2024-01-01".into(),
            made_by: "x".into(),
            recorded_at: "2024-01-01T00:00:00Z".into(),
        });
        let report = Report::build(&record, &Basis::Day(date!(2024 - 02 - 01)), "").unwrap();
        let html = document(&report, &Keys);
        let line = "report-verdict (report-verdict-both, 2024-01-01): status-dropped — Overtaken by &lt;the&gt; G7 work.";
        assert!(html.contains(&format!("<p class=\"verdict\">{line}</p>")), "{html}");
        let markdown = crate::markdown::document(&report, &Keys);
        assert!(
            markdown.contains("report-verdict (report-verdict-both, 2024-01-01): status-dropped"),
            "{markdown}"
        );
    }
}
