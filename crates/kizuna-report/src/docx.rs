//! A report as a Word document (docx-rs), laid out as a Council briefing: page 1 the title and
//! the executive summary, page 2 a table of contents, then the chart, the lists, a compact table
//! per pillar and area, and the annex with every commitment in full. Real heading styles (kept
//! with the text that follows), a header with the title and the day, page numbers in the
//! footer, table header rows repeated on each page, document properties, and hyperlinks only on
//! citations. Meant to be edited: the secretariat's draft.
//!
//! The package has fixed timestamps (the report's own day in its properties, the DOS epoch on
//! its zip entries), so a report made twice by the same program is the same file.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, Hyperlink, HyperlinkType, InstrPAGEREF, InstrText,
    NumPages, PageNum, Paragraph, Pic, Run, RunFonts, Style, StyleType, Tab, TabLeaderType, TabValueType,
    Table, TableCell, TableRow, WidthType,
};

use crate::html::{preamble, title};
use crate::report::{AreaSection, CommitmentLine, EvidenceLine, Report, ReportError};
use crate::{Words, chart, escape};

/// The chart's width on the page, in EMU (15 cm).
const CHART_WIDTH_EMU: u32 = 5_400_000;
/// Where the contents' page numbers stand (right-aligned), in twentieths of a point: the right
/// margin of an A4 page with docx-rs's margins (11,906 wide, 1,701 each side).
const CONTENTS_TAB: usize = 8490;
/// Citations: quiet grey, dotted, so a printed page does not read as a web page.
const LINK_COLOUR: &str = "505A5F";

/// The report as DOCX bytes; `fonts` are given to the chart (see [`chart::png`]); `author` goes
/// into the document's properties.
pub fn document(
    report: &Report,
    words: &dyn Words,
    fonts: &[Vec<u8>],
    author: &str,
) -> Result<Vec<u8>, ReportError> {
    let heading_text = title(report, words);
    let mut body = Body::default();
    body.paragraph(para(&heading_text).style("Title"));
    for p in preamble(report, words) {
        body.paragraph(para(&p).size(18));
    }
    summary(&mut body, report, words);
    let page_one = body.parts.len();

    let png = chart::png(&chart::svg(report, words), fonts)?;
    let (w, h) = png_size(&png).ok_or_else(|| ReportError::Chart("the chart is not a PNG".into()))?;
    let height_emu = (u64::from(CHART_WIDTH_EMU) * u64::from(h) / u64::from(w.max(1))) as u32;
    let pic = Pic::new_with_dimensions(png, w, h).size(CHART_WIDTH_EMU, height_emu);
    body.heading(&words.t("report-chart-status"), 2, true);
    body.paragraph(Paragraph::new().add_run(Run::new().add_image(pic)));
    body.paragraph(para(&format!(
        "{} / {}",
        words.t("report-chart-status"),
        words.t("report-chart-evidence")
    )));
    for (key, ids) in [("report-new", &report.new), ("report-never", &report.never_evidenced)] {
        body.heading(&words.t(key), 2, false);
        title_list(&mut body, report, ids, words);
    }

    body.heading(&words.t("report-by-area"), 2, true);
    // With pillars, each pillar is a heading and its areas one level below it.
    let area_level = if report.pillars.is_empty() { 3 } else { 4 };
    for (pillar, sections, total) in report.by_pillar() {
        if !report.pillars.is_empty() {
            body.heading(&format!("{} ({total})", words.pillar(pillar)), 3, false);
        }
        for area in sections {
            body.heading(&format!("{} ({})", words.area(&area.area), area.counts.total), area_level, false);
            body.table(compact_table(area, words));
        }
    }
    body.heading(&words.t("report-annex"), 2, true);
    for area in &report.areas {
        body.heading(&format!("{} ({})", words.area(&area.area), area.counts.total), 3, false);
        body.table(annex_table(area, words));
    }

    // Page 1 the summary, page 2 the contents of all, then the rest.
    let contents = contents_page(&words.t("report-contents"), &body.headings);
    let rest = body.parts.split_off(page_one);
    let doc = styled(Docx::new())
        .header(
            Header::new().add_paragraph(
                para(&format!("{heading_text} — {} {}", words.t("report-as-of"), words.date(&report.as_of)))
                    .size(16),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" / "))
                    .add_num_pages(NumPages::new()),
            ),
        );
    let doc = [body.parts, contents, rest].into_iter().flatten().fold(doc, |doc, part| match part {
        Part::Paragraph(p) => doc.add_paragraph(*p),
        Part::Table(t) => doc.add_table(*t),
    });

    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| ReportError::Docx(e.to_string()))?;
    let properties =
        core_properties(&heading_text, &words.t("report-executive-summary"), author, report, words);
    finished(&bytes.into_inner(), &properties).map_err(|e| ReportError::Docx(e.to_string()))
}

enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// The document's paragraphs and tables in order, with the headings the contents list: (level,
/// text, bookmark). Bookmarks are numbered by the report, not by docx-rs's process-wide
/// counters, so the same report is the same file.
#[derive(Default)]
struct Body {
    parts: Vec<Part>,
    headings: Vec<(usize, String, String)>,
}

/// Headings down to this level are listed in the contents.
const CONTENTS_DEPTH: usize = 3;

impl Body {
    fn paragraph(&mut self, p: Paragraph) {
        self.parts.push(Part::Paragraph(Box::new(p)));
    }

    fn table(&mut self, t: Table) {
        self.parts.push(Part::Table(Box::new(t)));
    }

    /// A heading at `level` (2 for Heading2), kept on the page of what follows it; `new_page`
    /// starts a page with it.
    fn heading(&mut self, text: &str, level: usize, new_page: bool) {
        let mut p = para(text).style(&format!("Heading{level}")).keep_next(true).page_break_before(new_page);
        if level <= CONTENTS_DEPTH {
            let id = self.headings.len() + 1;
            let name = format!("kizuna_{id}");
            p = p.add_bookmark_start(id, &name).add_bookmark_end(id);
            self.headings.push((level, text.to_owned(), name));
        }
        self.paragraph(p);
    }
}

/// The contents: each heading with its page number, a `PAGEREF` field to its bookmark (Word
/// and LibreOffice fill page numbers in as they lay the document out).
fn contents_page(title: &str, headings: &[(usize, String, String)]) -> Vec<Part> {
    let mut parts = vec![Part::Paragraph(Box::new(para(title).style("Heading1").page_break_before(true)))];
    for (level, text, bookmark) in headings {
        let p = Paragraph::new()
            .indent(Some(((level - 2) * 360) as i32), None, None, None)
            .add_tab(Tab::new().val(TabValueType::Right).leader(TabLeaderType::Dot).pos(CONTENTS_TAB))
            .add_run(Run::new().add_text(text))
            .add_run(Run::new().add_tab())
            .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
            .add_run(Run::new().add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(bookmark).hyperlink())))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
            .add_run(Run::new().add_text("·"))
            .add_run(Run::new().add_field_char(FieldCharType::End, false));
        parts.push(Part::Paragraph(Box::new(p)));
    }
    parts
}

fn styled(doc: Docx) -> Docx {
    let east_asian = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").east_asia("Yu Gothic").cs("Calibri");
    doc.default_fonts(east_asian)
        .default_size(21)
        .add_style(heading_style("Title", "Title", 0, 40))
        .add_style(heading_style("Heading1", "Heading 1", 0, 36))
        .add_style(heading_style("Heading2", "Heading 2", 1, 28))
        .add_style(heading_style("Heading3", "Heading 3", 2, 24))
        .add_style(heading_style("Heading4", "Heading 4", 3, 22))
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color(LINK_COLOUR)
                .underline("dotted"),
        )
}

/// Page 1 after the title: the counts now, at the previous meeting and their change; the main
/// movements; what is overdue.
fn summary(body: &mut Body, report: &Report, words: &dyn Words) {
    body.heading(&words.t("report-executive-summary"), 2, false);
    let compared = report.previous_totals.is_some();
    let mut head = vec![words.t("report-col-status"), words.t("report-col-now")];
    if compared {
        head.extend([words.t("report-col-then"), words.t("report-col-change")]);
    }
    let mut rows = vec![header_row(&head)];
    for (key, now, then) in report.summary() {
        let mut cells = vec![cell(&words.t(&key)), cell(&now.to_string())];
        if let Some(then) = then {
            cells.extend([cell(&then.to_string()), cell(&crate::change(now, then))]);
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    body.table(Table::new(rows).width(5000, WidthType::Pct));
    body.paragraph(para(&format!("{}: {}", words.t("report-reviewed"), report.reviewed)));
    if report.previous_meeting.is_some() {
        body.heading(&words.t("report-movements"), 3, false);
        if report.movements.is_empty() {
            body.paragraph(para(&words.t("report-no-movements")));
        }
        for (m, c) in report.movements.iter().filter_map(|m| Some((m, report.commitment(&m.id)?))) {
            body.paragraph(para(&format!("• {} — {}", c.title, crate::movement_line(m, c, words))));
        }
    }
    body.heading(&words.t("report-overdue"), 3, false);
    title_list(body, report, &report.overdue, words);
}

/// Commitments by their short titles: plain text, as a printed list is read.
fn title_list(body: &mut Body, report: &Report, ids: &[String], words: &dyn Words) {
    if ids.is_empty() {
        body.paragraph(para(&words.t("report-none")));
    }
    for c in ids.iter().filter_map(|id| report.commitment(id)) {
        body.paragraph(para(&format!("• {} ({})", c.title, crate::line_facts(c, words))));
    }
}

fn compact_table(area: &AreaSection, words: &dyn Words) -> Table {
    let mut rows = vec![header_row(&[
        words.t("report-col-commitment"),
        words.t("report-col-status"),
        words.t("report-col-latest"),
        words.t("report-verdict"),
    ])];
    for c in &area.commitments {
        let mut latest = TableCell::new();
        latest = match &c.latest {
            Some(e) => latest.add_paragraph(cited(e, words)),
            None => latest.add_paragraph(Paragraph::new()),
        };
        let mut verdicts = TableCell::new().add_paragraph(Paragraph::new());
        for v in &c.verdicts {
            verdicts = verdicts.add_paragraph(para(&crate::verdict_line(v, words)).size(18));
        }
        rows.push(
            TableRow::new(vec![cell(&c.title), cell(&status(c, words)), latest, verdicts]).cant_split(),
        );
    }
    Table::new(rows).width(5000, WidthType::Pct).set_grid(vec![2600, 1500, 3700, 1800])
}

fn annex_table(area: &AreaSection, words: &dyn Words) -> Table {
    let mut rows = vec![header_row(&[
        words.t("report-col-commitment"),
        words.t("report-col-status"),
        words.t("report-col-due"),
        words.t("report-col-evidence"),
    ])];
    rows.extend(area.commitments.iter().map(|c| annex_row(c, words)));
    Table::new(rows).width(5000, WidthType::Pct).set_grid(vec![3600, 1400, 1200, 3400])
}

fn annex_row(c: &CommitmentLine, words: &dyn Words) -> TableRow {
    let commitment = TableCell::new().add_paragraph(para(&c.text)).add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{}: ", words.t("report-source"))).size(16))
            .add_hyperlink(link(&c.href, &format!("{}, {}", c.document_title, c.anchor))),
    );
    let mut evidence = TableCell::new();
    if c.evidence_since.is_empty() {
        evidence = evidence.add_paragraph(Paragraph::new());
    }
    for e in &c.evidence_since {
        evidence = evidence.add_paragraph(cited(e, words));
    }
    let mut judged = cell(&status(c, words));
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

/// "March 2024: the workshop was held. (Joint statement, ¶3)" with the citation linked.
fn cited(e: &EvidenceLine, words: &dyn Words) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{}: {} ", words.date(&e.date), e.text)))
        .add_hyperlink(link(&e.href, &format!("{}, {}", e.document_title, e.anchor)))
}

fn status(c: &CommitmentLine, words: &dyn Words) -> String {
    let mut status = words.status(c.status.as_str());
    for (_, key) in c.tags() {
        status.push_str(&format!(" ({})", words.t(key)));
    }
    status
}

/// The document's properties: its title and subject, who made it, and the report's day as
/// the day it was made (the same report is the same file, whenever it is generated).
fn core_properties(title: &str, subject: &str, author: &str, report: &Report, words: &dyn Words) -> String {
    let day = format!("{}T00:00:00Z", report.as_of);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{day}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{day}</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>",
        escape(title),
        escape(subject),
        escape(author),
        escape(author),
        words.lang()
    )
}

/// The package docx-rs wrote, finished: the hyperlinks' relationships sorted (docx-rs lists
/// them in hash order, which changes from run to run), every table's first row marked to repeat
/// on each page (docx-rs cannot say so), Word asked to update the contents' page numbers when it
/// opens the file, and the document's properties replaced by `properties`. Every other part is
/// copied as it is.
fn finished(package: &[u8], properties: &str) -> zip::result::ZipResult<Vec<u8>> {
    const RELS: &str = "word/_rels/document.xml.rels";
    const DOCUMENT: &str = "word/document.xml";
    const CORE: &str = "docProps/core.xml";
    const SETTINGS: &str = "word/settings.xml";
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_owned();
        if ![RELS, DOCUMENT, CORE, SETTINGS].contains(&name.as_str()) {
            out.raw_copy_file(file)?;
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut file, &mut xml)?;
        let xml = match name.as_str() {
            RELS => sort_relationships(&xml),
            DOCUMENT => repeat_header_rows(&xml),
            SETTINGS => xml.replacen("</w:settings>", "<w:updateFields w:val=\"true\" /></w:settings>", 1),
            _ => properties.to_owned(),
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644);
        out.start_file(name, options)?;
        std::io::Write::write_all(&mut out, xml.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

/// Marks the first row of every table as a header row (`w:tblHeader`), repeated at the top of
/// each page the table runs onto. Every row this module writes cannot split, so each has a
/// `w:cantSplit` to put the mark beside.
fn repeat_header_rows(xml: &str) -> String {
    const ROW_MARK: &str = "<w:cantSplit />";
    let mut parts = xml.split("<w:tbl>");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for table in parts {
        out.push_str("<w:tbl>");
        out.push_str(&table.replacen(ROW_MARK, "<w:cantSplit /><w:tblHeader />", 1));
    }
    out
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

fn heading_style(id: &str, name: &str, level: usize, size: usize) -> Style {
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

fn header_row(labels: &[String]) -> TableRow {
    TableRow::new(labels.iter().map(|l| bold_cell(l)).collect()).cant_split()
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
        let bytes = document(&report, &Keys, &[], "Secretariat").unwrap();
        let docx = docx_rs::read_docx(&bytes).expect("docx-rs reads it back");
        let json = docx.json();
        assert!(json.contains("Heading2") && json.contains("Heading3"));
        assert!(json.contains("https://k.example/documents/d2#1"), "evidence cited by link");
        assert!(!json.contains("https://k.example/commitments/"), "only citations are links");
        assert!(json.contains("Both sides will do later <& more>."), "in full in the annex");
        assert!(json.contains("Do later <& more>"), "by its short title in the lists");
        assert_eq!(docx.images.len(), 1, "the chart");
    }

    #[test]
    fn the_docx_has_page_numbers_contents_repeated_headers_and_properties() {
        let report = Report::build(&sample(), &Basis::Day(date!(2024 - 02 - 01)), "").unwrap();
        let bytes = document(&report, &Keys, &[], "Secretariat & Co").unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let body = archive_part(&mut archive, "word/document.xml").unwrap();
        assert_eq!(body.matches("<w:tbl>").count(), body.matches("<w:tblHeader />").count(), "every table");
        assert!(body.contains("PAGEREF kizuna_1 \\h"), "the contents give each heading's page");
        assert!(body.contains("<w:bookmarkStart w:id=\"1\" w:name=\"kizuna_1\" />"), "{body}");
        let footers: String =
            (1..=3).filter_map(|i| archive_part(&mut archive, &format!("word/footer{i}.xml"))).collect();
        assert!(footers.contains("PAGE") && footers.contains("NUMPAGES"), "{footers}");
        let core = archive_part(&mut archive, "docProps/core.xml").unwrap();
        assert!(core.contains("<dc:title>A-B — report-title</dc:title>"), "{core}");
        assert!(core.contains("<dc:creator>Secretariat &amp; Co</dc:creator>"));
        assert!(core.contains(">2024-02-01T00:00:00Z</dcterms:created>"), "created on the report's day");
    }

    fn archive_part(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Option<String> {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).ok()?, &mut xml).ok()?;
        Some(xml)
    }

    #[test]
    fn only_the_first_row_of_each_table_repeats() {
        let xml = "<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl></w:body>";
        let marked = repeat_header_rows(xml);
        assert_eq!(marked.matches("<w:tblHeader />").count(), 2);
        assert!(marked.starts_with("<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr>"));
    }
}
