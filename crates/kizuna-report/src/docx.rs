//! A report as a Word document (docx-rs): real heading styles (so the navigation pane and a
//! table of contents work), tables, citations as links to the cited paragraph, and the chart as
//! a PNG picture. Meant to be edited: the secretariat's draft.
//!
//! The package has fixed timestamps (docx-rs writes the epoch, and its zip entries the DOS
//! epoch), so a report made twice by the same program is the same file.

use docx_rs::{
    AlignmentType, Docx, Hyperlink, HyperlinkType, Paragraph, Pic, Run, RunFonts, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

use crate::html::{preamble, title};
use crate::report::{CommitmentLine, Report, ReportError};
use crate::{Words, chart};

/// The chart's width on the page, in EMU (15 cm).
const CHART_WIDTH_EMU: u32 = 5_400_000;

/// The report as DOCX bytes; `fonts` are given to the chart (see [`chart::png`]).
pub fn document(report: &Report, words: &dyn Words, fonts: &[Vec<u8>]) -> Result<Vec<u8>, ReportError> {
    let east_asian = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").east_asia("Yu Gothic").cs("Calibri");
    let mut doc = Docx::new()
        .default_fonts(east_asian)
        .default_size(21)
        .add_style(heading("Heading1", "Heading 1", 0, 36))
        .add_style(heading("Heading2", "Heading 2", 1, 28))
        .add_style(heading("Heading3", "Heading 3", 2, 24))
        .add_style(heading("Heading4", "Heading 4", 3, 22))
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("0563C1")
                .underline("single"),
        )
        .add_paragraph(para(&title(report, words)).style("Heading1"));
    for p in preamble(report, words) {
        doc = doc.add_paragraph(para(&p));
    }
    doc = doc.add_paragraph(para(&words.t("report-summary")).style("Heading2"));
    let mut rows: Vec<TableRow> = report
        .totals
        .by_status()
        .iter()
        .map(|(key, n)| TableRow::new(vec![cell(&words.status(key)), cell(&n.to_string())]))
        .collect();
    rows.push(TableRow::new(vec![
        cell(&words.t("report-overdue")),
        cell(&report.totals.overdue.to_string()),
    ]));
    rows.push(TableRow::new(vec![
        bold_cell(&words.t("report-total")),
        bold_cell(&report.totals.total.to_string()),
    ]));
    rows.push(TableRow::new(vec![cell(&words.t("report-reviewed")), cell(&report.reviewed.to_string())]));
    doc = doc.add_table(Table::new(rows).width(5000, WidthType::Pct));

    let png = chart::png(&chart::svg(report, words), fonts)?;
    let (w, h) = png_size(&png).ok_or_else(|| ReportError::Chart("the chart is not a PNG".into()))?;
    let height_emu = (u64::from(CHART_WIDTH_EMU) * u64::from(h) / u64::from(w.max(1))) as u32;
    let pic = Pic::new_with_dimensions(png, w, h).size(CHART_WIDTH_EMU, height_emu);
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic))).add_paragraph(para(
        &format!("{} / {}", words.t("report-chart-status"), words.t("report-chart-evidence")),
    ));

    for (key, ids) in [
        ("report-new", &report.new),
        ("report-overdue", &report.overdue),
        ("report-never", &report.never_evidenced),
    ] {
        doc = doc.add_paragraph(para(&words.t(key)).style("Heading2"));
        if ids.is_empty() {
            doc = doc.add_paragraph(para(&words.t("report-none")));
        }
        for c in ids.iter().filter_map(|id| report.commitment(id)) {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("• "))
                    .add_hyperlink(link(&c.page, &c.text))
                    .add_run(Run::new().add_text(format!(
                        " ({} · {})",
                        words.area(&c.area),
                        words.status(c.status.as_str())
                    ))),
            );
        }
    }

    doc = doc.add_paragraph(para(&words.t("report-by-area")).style("Heading2"));
    // With pillars, each pillar is a heading and its areas one level below it.
    let area_style = if report.pillars.is_empty() { "Heading3" } else { "Heading4" };
    for (pillar, sections, total) in report.by_pillar() {
        if !report.pillars.is_empty() {
            doc = doc.add_paragraph(para(&format!("{} ({total})", words.pillar(pillar))).style("Heading3"));
        }
        for area in sections {
            doc = doc.add_paragraph(
                para(&format!("{} ({})", words.area(&area.area), area.counts.total)).style(area_style),
            );
            let mut rows = vec![TableRow::new(vec![
                bold_cell(&words.t("report-col-commitment")),
                bold_cell(&words.t("report-col-status")),
                bold_cell(&words.t("report-col-due")),
                bold_cell(&words.t("report-col-evidence")),
            ])];
            rows.extend(area.commitments.iter().map(|c| row(c, words)));
            doc = doc.add_table(
                Table::new(rows).width(5000, WidthType::Pct).set_grid(vec![3600, 1400, 1200, 3400]),
            );
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| ReportError::Docx(e.to_string()))?;
    sorted_relationships(&bytes.into_inner()).map_err(|e| ReportError::Docx(e.to_string()))
}

/// docx-rs lists the hyperlinks' relationships in hash order, which changes from run to run;
/// sorted, the same report is the same file. Every other part is copied as it is.
fn sorted_relationships(package: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    const RELS: &str = "word/_rels/document.xml.rels";
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        if file.name() != RELS {
            out.raw_copy_file(file)?;
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut file, &mut xml)?;
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .unix_permissions(0o755);
        out.start_file(RELS, options)?;
        std::io::Write::write_all(&mut out, sort_relationships(&xml).as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

fn sort_relationships(xml: &str) -> String {
    let (Some(first), Some(end)) = (xml.find("<Relationship "), xml.rfind("</Relationships>")) else {
        return xml.to_owned();
    };
    let mut items: Vec<String> = xml[first..end]
        .split("<Relationship ")
        .filter(|s| !s.trim().is_empty())
        .map(|s| format!("<Relationship {}", s.trim_end()))
        .collect();
    items.sort();
    format!("{}{}{}", &xml[..first], items.concat(), &xml[end..])
}

fn heading(id: &str, name: &str, level: usize, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .outline_lvl(level)
        .size(size)
        .bold()
        .align(AlignmentType::Left)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

fn bold_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).bold()))
}

fn link(href: &str, text: &str) -> Hyperlink {
    Hyperlink::new(href, HyperlinkType::External).add_run(Run::new().add_text(text).style("Hyperlink"))
}

fn row(c: &CommitmentLine, words: &dyn Words) -> TableRow {
    let commitment = TableCell::new().add_paragraph(para(&c.text)).add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{}: ", words.t("report-source"))).size(16))
            .add_hyperlink(link(&c.href, &format!("{}, {}", c.document_title, c.anchor))),
    );
    let mut status = words.status(c.status.as_str());
    for (_, key) in c.tags() {
        status.push_str(&format!(" ({})", words.t(key)));
    }
    let mut evidence = TableCell::new();
    if c.evidence_since.is_empty() {
        evidence = evidence.add_paragraph(Paragraph::new());
    }
    for e in &c.evidence_since {
        evidence = evidence.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}: {} ", words.date(&e.date), e.text)))
                .add_hyperlink(link(&e.href, &format!("{}, {}", e.document_title, e.anchor))),
        );
    }
    let mut judged = cell(&status);
    for v in &c.verdicts {
        judged = judged.add_paragraph(para(&crate::verdict_line(v, words)));
    }
    TableRow::new(vec![
        commitment,
        judged,
        cell(&c.due.as_deref().map(|d| words.date(d)).unwrap_or_default()),
        evidence,
    ])
}

/// Width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;
    use crate::report::{Basis, tests::sample};
    use time::macros::date;

    #[test]
    fn the_docx_reads_back_with_headings_tables_links_and_the_chart() {
        let report =
            Report::build(&sample(), &Basis::Day(date!(2024 - 02 - 01)), "https://k.example").unwrap();
        let bytes = document(&report, &Keys, &[]).unwrap();
        let docx = docx_rs::read_docx(&bytes).expect("docx-rs reads it back");
        let json = docx.json();
        assert!(json.contains("Heading1") && json.contains("Heading3"));
        assert!(json.contains("https://k.example/documents/d2#1"), "evidence cited by link");
        assert!(json.contains("Both sides will do later <& more>."));
        assert_eq!(docx.images.len(), 1, "the chart");
    }
}
