//! A report as Markdown (CommonMark with pipe tables): for pasting into a draft or a review.

use crate::Words;
use crate::html::{preamble, title};
use crate::report::Report;

/// Text from the record inside a table cell or link text: pipes, brackets and line breaks
/// would break the table or the link.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(['\n', '\r'], " ")
}

pub fn document(report: &Report, words: &dyn Words) -> String {
    let mut out = format!("# {}\n\n", title(report, words));
    for p in preamble(report, words) {
        out.push_str(&format!("{p}  \n"));
    }
    out.push_str(&format!("\n## {}\n\n| | |\n|---|---:|\n", words.t("report-summary")));
    for (key, n) in report.totals.by_status() {
        out.push_str(&format!("| {} | {n} |\n", words.status(key)));
    }
    out.push_str(&format!(
        "| {} | {} |\n| {} | {} |\n| {} | {} |\n\n",
        words.t("report-overdue"),
        report.totals.overdue,
        words.t("report-total"),
        report.totals.total,
        words.t("report-reviewed"),
        report.reviewed
    ));
    out.push_str(&format!(
        "| {} | {} |\n|---|---:|\n",
        words.t("report-chart-evidence"),
        words.t("report-col-count")
    ));
    for (quarter, n) in &report.evidence_by_quarter {
        out.push_str(&format!("| {quarter} | {n} |\n"));
    }
    for (key, ids) in [
        ("report-new", &report.new),
        ("report-overdue", &report.overdue),
        ("report-never", &report.never_evidenced),
    ] {
        out.push_str(&format!("\n## {}\n\n", words.t(key)));
        if ids.is_empty() {
            out.push_str(&format!("{}\n", words.t("report-none")));
        }
        for c in ids.iter().filter_map(|id| report.commitment(id)) {
            out.push_str(&format!(
                "- [{}]({}) ({} · {})\n",
                cell(&c.text),
                c.page,
                words.area(&c.area),
                words.status(c.status.as_str())
            ));
        }
    }
    out.push_str(&format!("\n## {}\n", words.t("report-by-area")));
    // With pillars, each pillar is a heading and its areas one level below it.
    let area_heading = if report.pillars.is_empty() { "###" } else { "####" };
    for (pillar, sections, total) in report.by_pillar() {
        if !report.pillars.is_empty() {
            out.push_str(&format!("\n### {} ({total})\n", words.pillar(pillar)));
        }
        for area in sections {
            out.push_str(&format!(
                "\n{area_heading} {} ({})\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n",
                words.area(&area.area),
                area.counts.total,
                words.t("report-col-commitment"),
                words.t("report-col-status"),
                words.t("report-col-due"),
                words.t("report-col-evidence"),
            ));
            for c in &area.commitments {
                let mut status = words.status(c.status.as_str());
                for (_, key) in c.tags() {
                    status.push_str(&format!(", {}", words.t(key)));
                }
                for v in &c.verdicts {
                    status.push_str(&format!("<br>{}", cell(&crate::verdict_line(v, words))));
                }
                let evidence: Vec<String> = c
                    .evidence_since
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {} ([{}, {}]({}))",
                            words.date(&e.date),
                            cell(&e.text),
                            cell(&e.document_title),
                            cell(&e.anchor),
                            e.href
                        )
                    })
                    .collect();
                out.push_str(&format!(
                    "| [{}]({}) ([{}, {}]({})) | {} | {} | {} |\n",
                    cell(&c.text),
                    c.page,
                    cell(&c.document_title),
                    cell(&c.anchor),
                    c.href,
                    status,
                    c.due.as_deref().map(|d| words.date(d)).unwrap_or_default(),
                    evidence.join("<br>"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;
    use crate::report::{Basis, tests::sample};
    use time::macros::date;

    #[test]
    fn markdown_has_a_row_per_commitment_and_cites_sources() {
        let report =
            Report::build(&sample(), &Basis::Day(date!(2024 - 02 - 01)), "https://k.example").unwrap();
        let md = document(&report, &Keys);
        assert!(md.starts_with("# A-B — report-title\n"));
        assert_eq!(md.matches("https://k.example/documents/d0#").count(), 3, "{md}");
        assert!(md.contains("(https://k.example/documents/d2#1)"), "evidence cites its paragraph");
        assert!(md.contains("| [Both sides will do later <& more>.](https://k.example/commitments/later) ("));
    }
}
