//! A report as Markdown (CommonMark with pipe tables): for pasting into a draft or a review.

use crate::Words;
use crate::html::{preamble, title};
use crate::report::{AreaSection, CommitmentLine, EvidenceLine, Report};

/// Text from the record inside a table cell or link text: pipes, brackets and line breaks
/// would break the table or the link.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(['\n', '\r'], " ")
}

/// The report in Markdown, in the order of the HTML one: summary, lists, a compact table per
/// pillar and area, then the annex.
pub fn document(report: &Report, words: &dyn Words) -> String {
    let mut out = format!("# {}\n\n", title(report, words));
    for p in preamble(report, words) {
        out.push_str(&format!("{p}  \n"));
    }
    out.push_str(&format!("\n## {}\n\n", words.t("report-executive-summary")));
    out.push_str(&summary_table(report, words));
    out.push_str(&format!("\n{}: {}\n", words.t("report-reviewed"), report.reviewed));
    if report.previous_meeting.is_some() {
        out.push_str(&format!("\n### {}\n\n", words.t("report-movements")));
        if report.movements.is_empty() {
            out.push_str(&format!("{}\n", words.t("report-no-movements")));
        }
        for (m, c) in report.movements.iter().filter_map(|m| Some((m, report.commitment(&m.id)?))) {
            out.push_str(&format!(
                "- [{}]({}) — {}\n",
                cell(&c.title),
                c.page,
                crate::movement_line(m, c, words)
            ));
        }
    }
    out.push_str(&format!("\n### {}\n\n", words.t("report-overdue")));
    out.push_str(&title_list(report, &report.overdue, words));
    out.push_str(&format!(
        "\n| {} | {} |\n|---|---:|\n",
        words.t("report-chart-evidence"),
        words.t("report-col-count")
    ));
    for (quarter, n) in &report.evidence_by_quarter {
        out.push_str(&format!("| {quarter} | {n} |\n"));
    }
    for (key, ids) in [("report-new", &report.new), ("report-never", &report.never_evidenced)] {
        out.push_str(&format!("\n## {}\n\n", words.t(key)));
        out.push_str(&title_list(report, ids, words));
    }
    out.push_str(&format!("\n## {}\n", words.t("report-by-area")));
    // With pillars, each pillar is a heading and its areas one level below it.
    let area_heading = if report.pillars.is_empty() { "###" } else { "####" };
    for (pillar, sections, total) in report.by_pillar() {
        if !report.pillars.is_empty() {
            out.push_str(&format!("\n### {} ({total})\n", words.pillar(pillar)));
        }
        for area in sections {
            out.push_str(&compact_table(area, area_heading, words));
        }
    }
    out.push_str(&format!("\n## {}\n", words.t("report-annex")));
    for area in &report.areas {
        out.push_str(&annex_table(area, words));
    }
    out
}

fn summary_table(report: &Report, words: &dyn Words) -> String {
    let compared = report.previous_totals.is_some();
    let mut out = format!("| {} | {} |", words.t("report-col-status"), words.t("report-col-now"));
    if compared {
        out.push_str(&format!(" {} | {} |", words.t("report-col-then"), words.t("report-col-change")));
    }
    out.push_str(if compared { "\n|---|---:|---:|---:|\n" } else { "\n|---|---:|\n" });
    for (key, now, then) in report.summary() {
        out.push_str(&format!("| {} | {now} |", words.t(&key)));
        if let Some(then) = then {
            out.push_str(&format!(" {then} | {} |", crate::change(now, then)));
        }
        out.push('\n');
    }
    out
}

fn title_list(report: &Report, ids: &[String], words: &dyn Words) -> String {
    if ids.is_empty() {
        return format!("{}\n", words.t("report-none"));
    }
    let mut out = String::new();
    for c in ids.iter().filter_map(|id| report.commitment(id)) {
        out.push_str(&format!("- [{}]({}) ({})\n", cell(&c.title), c.page, crate::line_facts(c, words)));
    }
    out
}

fn status_cell(c: &CommitmentLine, words: &dyn Words) -> String {
    let mut status = words.status(c.status.as_str());
    for (_, key) in c.tags() {
        status.push_str(&format!(", {}", words.t(key)));
    }
    status
}

fn citation(e: &EvidenceLine, words: &dyn Words) -> String {
    format!(
        "{}: {} ([{}, {}]({}))",
        words.date(&e.date),
        cell(&e.text),
        cell(&e.document_title),
        cell(&e.anchor),
        e.href
    )
}

fn compact_table(area: &AreaSection, heading: &str, words: &dyn Words) -> String {
    let mut out = format!(
        "\n{heading} {} ({})\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n",
        words.area(&area.area),
        area.counts.total,
        words.t("report-col-commitment"),
        words.t("report-col-status"),
        words.t("report-col-latest"),
        words.t("report-verdict"),
    );
    for c in &area.commitments {
        let verdicts: Vec<String> = c.verdicts.iter().map(|v| cell(&crate::verdict_line(v, words))).collect();
        out.push_str(&format!(
            "| [{}]({}) | {} | {} | {} |\n",
            cell(&c.title),
            c.page,
            status_cell(c, words),
            c.latest.as_ref().map(|e| citation(e, words)).unwrap_or_default(),
            verdicts.join("<br>"),
        ));
    }
    out
}

fn annex_table(area: &AreaSection, words: &dyn Words) -> String {
    let mut out = format!(
        "\n### {} ({})\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n",
        words.area(&area.area),
        area.counts.total,
        words.t("report-col-commitment"),
        words.t("report-col-status"),
        words.t("report-col-due"),
        words.t("report-col-evidence"),
    );
    for c in &area.commitments {
        let evidence: Vec<String> = c.evidence_since.iter().map(|e| citation(e, words)).collect();
        out.push_str(&format!(
            "| {} ([{}, {}]({})) | {} | {} | {} |\n",
            cell(&c.text),
            cell(&c.document_title),
            cell(&c.anchor),
            c.href,
            status_cell(c, words),
            c.due.as_deref().map(|d| words.date(d)).unwrap_or_default(),
            evidence.join("<br>"),
        ));
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
        assert_eq!(md.matches("https://k.example/documents/d0#").count(), 3, "each source cited once: {md}");
        assert!(md.contains("(https://k.example/documents/d2#1)"), "evidence cites its paragraph");
        assert!(
            md.contains("| [Do later <& more>](https://k.example/commitments/later) |"),
            "named once: {md}"
        );
        assert!(
            md.contains("| Both sides will do later <& more>. ([Document d2, later / s1]"),
            "in full in the annex: {md}"
        );
        assert!(md.contains("| status-delivered | 1 | 0 | +1 |"), "change since the previous meeting: {md}");
    }
}
