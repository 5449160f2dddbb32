//! From a file's bytes to text with light Markdown structure.
//!
//! Every format ends up as the same line-oriented text (`#` headings, `- ` / `a.` list items,
//! blank lines between blocks) so that one structure parser serves them all. This module decides
//! what is not a document at all (empty, binary, not UTF-8, too large, a PDF with no text layer)
//! and says so in words a person can act on.

use scraper::{ElementRef, Html, Node};

/// The formats Kizuna reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl Format {
    /// Guesses the format from the file name, then from the first bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "md" | "markdown" => return Format::Markdown,
            "html" | "htm" | "xhtml" => return Format::Html,
            "pdf" => return Format::Pdf,
            "txt" | "text" => return Format::Text,
            _ => {}
        }
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head = head.trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file looks like binary data, not a document (a NUL or control byte at offset {offset})")]
    Binary { offset: usize },
    #[error("the file is UTF-16 text; save it as UTF-8")]
    Utf16,
    #[error("the file is not valid UTF-8 (invalid byte at offset {offset})")]
    InvalidUtf8 { offset: usize },
    #[error("the PDF could not be read: {0}")]
    Pdf(String),
    #[error("the PDF has no text layer (a scan?); run OCR on it first")]
    NoTextLayer,
    #[error("the file holds no readable text")]
    NoText,
}

/// The default largest file accepted, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Decodes a file into line-structured text. `max_bytes` bounds the input.
pub fn decode(bytes: &[u8], format: Format, max_bytes: u64) -> Result<String, DecodeError> {
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(DecodeError::TooLarge { size, limit: max_bytes });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let text = match format {
        Format::Pdf => pdf_text(bytes)?,
        Format::Text | Format::Markdown | Format::Html => {
            let text = utf8_text(bytes)?;
            if format == Format::Html { html_to_text(text) } else { crate::tables::pipe_tables(text) }
        }
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::NoText);
    }
    Ok(crate::inline_lists::inline_lists(&text))
}

fn utf8_text(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) =
        bytes.iter().position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
    {
        return Err(DecodeError::Binary { offset });
    }
    std::str::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8 { offset: e.valid_up_to() })
}

fn pdf_text(bytes: &[u8]) -> Result<String, DecodeError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(DecodeError::Pdf("it does not start with a PDF header".into()));
    }
    // pdf-extract panics on some malformed files; a bad upload must not take the caller down.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return Err(DecodeError::Pdf(e.to_string())),
        Err(_) => return Err(DecodeError::Pdf("the file is malformed".into())),
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::NoTextLayer);
    }
    // Form feeds mark page breaks; the structure parser joins sentences across them.
    Ok(undouble(&text).replace('\u{0C}', "\n\n"))
}

/// Some PDF text layers come out with a blank line after every printed line, so a sentence
/// wrapped at "…of a high-standard" / "Agreement on…" looked like two paragraphs. When most
/// lines are so spaced, a blank line is kept only where a paragraph ends: after a line that
/// ends a sentence (or a heading) well short of the full line width.
fn undouble(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let spaced = filled.windows(2).filter(|w| w[1] == w[0] + 2 && lines[w[0] + 1].trim().is_empty()).count();
    if filled.len() < 6 || spaced * 10 < (filled.len() - 1) * 7 {
        return text.to_owned();
    }
    let mut widths: Vec<usize> = filled.iter().map(|&i| lines[i].trim_end().chars().count()).collect();
    widths.sort_unstable();
    let full = widths[widths.len() * 9 / 10];
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        let between = i > 0
            && i + 1 < lines.len()
            && !lines[i - 1].trim().is_empty()
            && !lines[i + 1].trim().is_empty();
        if blank && between {
            let before = lines[i - 1].trim_end();
            let short = before.chars().count() * 10 < full * 8;
            let ends = before.ends_with(['.', ':', ';', '!', '?'])
                || !before.ends_with([',', '-', '–', '—']) && short;
            if !(short && ends) {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Renders HTML as line-structured text, dropping scripts, styles and page furniture.
pub fn html_to_text(html: &str) -> String {
    if crate::html_flat::nesting_depth(html) > crate::html_flat::MAX_TREE_DEPTH {
        return crate::html_flat::flat_text(html);
    }
    let document = Html::parse_document(html);
    let mut out = String::new();
    let root = document
        .select(&scraper::Selector::parse("main, article").expect("static selector"))
        .next()
        .unwrap_or_else(|| document.root_element());
    render_children(root, &mut out, 0);
    out
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "button", "select",
    "textarea", "label", "canvas", "object", "embed",
];

/// A form is page furniture (search, sign-up, feedback) unless it wraps the page's text, as
/// ASP.NET and similar frameworks wrap a whole page in one `<form>`: then it has headings, a
/// main part or paragraphs of its own.
fn is_furniture_form(form: ElementRef<'_>) -> bool {
    static CONTENT: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
        scraper::Selector::parse("h1, h2, h3, main, article").expect("static selector")
    });
    static PARAGRAPH: std::sync::LazyLock<scraper::Selector> =
        std::sync::LazyLock::new(|| scraper::Selector::parse("p").expect("static selector"));
    form.select(&CONTENT).next().is_none() && form.select(&PARAGRAPH).nth(1).is_none()
}
pub(crate) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "pre",
    "address",
    "body",
    "html",
];

fn render_children(element: ElementRef<'_>, out: &mut String, depth: usize) {
    let mut ordinal = 0usize;
    for child in element.children() {
        match child.value() {
            Node::Text(text) => push_inline(out, text),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let name = child.value().name();
                if name == "li" {
                    ordinal += 1;
                    let marker = list_marker(element, ordinal);
                    new_block(out);
                    out.push_str(&"  ".repeat(depth));
                    out.push_str(&marker);
                    render_children(child, out, depth + 1);
                    new_block(out);
                } else {
                    render_element(child, out, depth);
                }
            }
            _ => {}
        }
    }
}

fn render_element(element: ElementRef<'_>, out: &mut String, depth: usize) {
    let name = element.value().name();
    if SKIPPED.contains(&name)
        || element.value().attr("hidden").is_some()
        || (name == "form" && is_furniture_form(element))
    {
        return;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            new_block(out);
            let level = usize::from(name.as_bytes()[1] - b'0');
            out.push_str(&"#".repeat(level));
            out.push(' ');
            render_children(element, out, depth);
            new_block(out);
        }
        "br" => out.push('\n'),
        "sup" => {
            let text: String = element.text().collect();
            // A footnote reference is a number; "8<sup>th</sup>" is part of the word.
            if !text.trim().chars().all(|c| c.is_ascii_digit() || c == '[' || c == ']') {
                out.push_str(&text);
            }
        }
        "ul" | "ol" => {
            new_block(out);
            render_children(element, out, depth);
            new_block(out);
        }
        "table" if render_action_table(element, out) => {}
        // A row's cells are joined by " — ", as a Markdown table's are (`tables`); an empty
        // cell adds nothing.
        "td" | "th" => {
            let before = out.len();
            if out.rsplit('\n').next().is_some_and(|line| !line.trim().is_empty()) {
                out.push_str(" — ");
            }
            let cell_start = out.len();
            render_children(element, out, depth);
            if out[cell_start..].trim().is_empty() {
                out.truncate(before);
            }
        }
        _ if BLOCKS.contains(&name) => {
            new_block(out);
            render_children(element, out, depth);
            new_block(out);
        }
        _ => render_children(element, out, depth),
    }
}

/// A table of actions (a work plan: "No. | Action | Lead | Timeframe") laid out as its header's
/// items, with a row that spans the table ("Pillar 1: Digital trade") as a heading over the
/// rows below it; `false` (nothing written) for any other table.
fn render_action_table(table: ElementRef<'_>, out: &mut String) -> bool {
    static ROWS: std::sync::LazyLock<scraper::Selector> =
        std::sync::LazyLock::new(|| scraper::Selector::parse("tr").expect("static selector"));
    static CAPTION: std::sync::LazyLock<scraper::Selector> =
        std::sync::LazyLock::new(|| scraper::Selector::parse("caption").expect("static selector"));
    let cells = |row: ElementRef<'_>| -> Vec<String> {
        row.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .map(|c| c.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let rows: Vec<ElementRef<'_>> = table.select(&ROWS).collect();
    let Some(header) = rows.first().map(|r| cells(*r)) else { return false };
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    if header.len() < 2 || !crate::tables::lists_actions(&header) {
        return false;
    }
    let lead_in = crate::tables::action_lead_in(&header);
    if let Some(caption) = table.select(&CAPTION).next() {
        new_block(out);
        push_inline(out, &caption.text().collect::<String>());
        new_block(out);
    }
    new_block(out);
    out.push_str(&lead_in);
    new_block(out);
    for row in &rows[1..] {
        let all = cells(*row);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let filled: Vec<&str> = if all.iter().filter(|c| !c.is_empty()).count() == 1 {
            all.into_iter().filter(|c| !c.is_empty()).collect()
        } else {
            crate::tables::action_row(&header, &all)
        };
        match filled.len() {
            0 => {}
            1 => {
                new_block(out);
                out.push_str("#### ");
                out.push_str(filled[0]);
                new_block(out);
                out.push_str(&lead_in);
                new_block(out);
            }
            _ => {
                out.push_str("- ");
                out.push_str(&filled.join(" — "));
                out.push('\n');
            }
        }
    }
    new_block(out);
    true
}

fn list_marker(list: ElementRef<'_>, ordinal: usize) -> String {
    if list.value().name() != "ol" {
        return "- ".into();
    }
    let start: usize = list.value().attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
    let n = start + ordinal - 1;
    match list.value().attr("type") {
        Some("a") => format!("{}. ", alpha(n)),
        Some("i") => format!("{}. ", roman(n)),
        _ => format!("{n}. "),
    }
}

fn alpha(n: usize) -> String {
    let n = n.clamp(1, 26);
    char::from(b'a' + (n - 1) as u8).to_string()
}

fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

pub(crate) fn push_inline(out: &mut String, text: &str) {
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

pub(crate) fn new_block(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_document() {
        assert_eq!(decode(b"", Format::Text, 100), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t", Format::Text, 100), Err(DecodeError::Empty));
        assert_eq!(decode(b"abc\0def", Format::Text, 100), Err(DecodeError::Binary { offset: 3 }));
        assert_eq!(decode(b"ok \xff\xfe", Format::Text, 100), Err(DecodeError::InvalidUtf8 { offset: 3 }));
        assert_eq!(decode(b"\xff\xfea\0b\0", Format::Text, 100), Err(DecodeError::Utf16));
        assert_eq!(
            decode(&[b'a'; 101], Format::Text, 100),
            Err(DecodeError::TooLarge { size: 101, limit: 100 })
        );
        assert_eq!(decode(b"---- ...", Format::Text, 100), Err(DecodeError::NoText));
        assert!(matches!(decode(b"%PDF-1.4 junk", Format::Pdf, 100), Err(DecodeError::Pdf(_))));
        assert!(matches!(decode(b"not a pdf", Format::Pdf, 100), Err(DecodeError::Pdf(_))));
    }

    #[test]
    fn html_keeps_structure_and_drops_scripts() {
        let html = r#"<html><head><title>t</title><script>var will = 1;</script></head>
            <body><nav>Home | News</nav><h2>Semiconductors</h2>
            <p>Both sides <b>will</b> hold a workshop.<sup>1</sup></p>
            <ol type="a"><li>First item</li><li>Second <script>alert(1)</script>item</li></ol>
            <p>On the 8<sup>th</sup> day</p></body></html>"#;
        let text = html_to_text(html);
        assert!(text.contains("## Semiconductors"), "{text}");
        assert!(text.contains("Both sides will hold a workshop."), "{text}");
        assert!(text.contains("a. First item") && text.contains("b. Second item"), "{text}");
        assert!(text.contains("8th day"), "{text}");
        assert!(!text.contains("alert") && !text.contains("var will") && !text.contains("Home |"), "{text}");
    }

    #[test]
    fn a_page_wrapped_in_one_form_keeps_its_text_and_a_search_form_goes() {
        let html = r#"<html><body><form method="post" action="./Page.aspx">
            <input type="hidden" name="__VIEWSTATE" value="x">
            <form role="search"><label>Search</label><input name="q"><button>Go</button></form>
            <h2>Ministers ink a memorandum</h2>
            <p>Both sides will hold a workshop in 2025.</p><p>The MoC was signed today.</p>
            <form><p>Sign up for our newsletter</p><input name="email"></form>
            </form></body></html>"#;
        let text = html_to_text(html);
        assert!(text.contains("## Ministers ink a memorandum"), "{text}");
        assert!(text.contains("Both sides will hold a workshop in 2025."), "{text}");
        assert!(!text.contains("Search") && !text.contains("newsletter") && !text.contains("Go"), "{text}");
    }

    #[test]
    fn a_work_plan_table_lists_its_actions_under_its_header() {
        let html = r#"<html><body><h2>Annex</h2><table><caption>Joint Work Plan</caption>
            <thead><tr><th>No.</th><th>Action</th><th>Lead agencies</th><th>Timeframe</th></tr></thead>
            <tbody><tr><th colspan="4" scope="rowgroup">Pillar 1: Digital trade</th></tr>
            <tr><td>1.1</td><td>Pilot mutual recognition of e-certificates</td><td>DFAT / METI</td><td>By mid-2024</td></tr>
            <tr><td>1.2</td><td>Publish a joint guide</td><td>DISR</td><td>Within 12 months</td></tr></tbody></table>
            <table><tr><th>For Australia</th><th>For Japan</th></tr><tr><td>A. Minister</td><td>B. Minister</td></tr></table>
            </body></html>"#;
        let text = html_to_text(html);
        let expected = "No. — Action — Lead agencies — Timeframe:\n\n#### Pillar 1: Digital trade\n\nNo. — Action — Lead agencies — Timeframe:\n\n- Pilot mutual recognition of e-certificates — DFAT / METI — By mid-2024\n- Publish a joint guide — DISR — Within 12 months\n";
        assert!(text.contains(expected), "{text}");
        assert!(text.contains("A. Minister — B. Minister"), "another table keeps its rows: {text}");
    }

    #[test]
    fn a_text_layer_with_a_blank_line_after_every_line_is_rejoined() {
        let layer = "FIRST MEETING\n\nMinisters reviewed the implementation of the work plan on the basis\n\nof the first report. The Working Group met in Canberra on 28 November\n\n2023 and in Tokyo on 4 June 2024.\n\nThey will continue to work for the early conclusion of a high-standard\n\nAgreement on Electronic Commerce among WTO members.\n\nNEXT STEPS\n\nThe third meeting will be held in 2026.\n";
        let text = undouble(layer);
        assert!(text.contains("high-standard\nAgreement on Electronic Commerce"), "{text}");
        assert!(text.contains("the basis\nof the first report"), "{text}");
        assert!(text.contains("4 June 2024.\n\nThey will"), "a paragraph's end stays: {text}");
        assert!(text.contains("FIRST MEETING\n\nMinisters"), "{text}");
        let single = "One line.\nAnother line.\n\nA paragraph.\n";
        assert_eq!(undouble(single), single, "ordinary spacing is left alone");
    }

    #[test]
    fn detects_formats() {
        assert_eq!(Format::detect("a.MD", b""), Format::Markdown);
        assert_eq!(Format::detect("x", b"%PDF-1.7"), Format::Pdf);
        assert_eq!(Format::detect("x", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::detect("notes", b"hello"), Format::Text);
    }
}

#[cfg(test)]
mod pdf_tests {
    use super::*;

    /// A one-page PDF with a text layer, its cross-reference table computed.
    pub(crate) fn pdf_with_text(lines: &[&str]) -> Vec<u8> {
        let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!("({}) Tj T*\n", line.replace('(', "\\(").replace(')', "\\)")));
        }
        content.push_str("ET");
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).into_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
                .into_bytes(),
        );
        out
    }

    #[test]
    fn reads_a_pdf_text_layer() {
        let pdf =
            pdf_with_text(&["1. Both Participants will hold a workshop", "in the first quarter of 2024."]);
        let text = decode(&pdf, Format::Pdf, 1 << 20).expect("the text layer is read");
        assert!(text.contains("Both Participants will hold a workshop"), "{text:?}");
    }

    #[test]
    fn a_pdf_is_analysed_like_any_document() {
        let pdf =
            pdf_with_text(&["1. Both Participants will hold a workshop", "in the first quarter of 2024."]);
        let input =
            crate::Input { name: "outcome.pdf".into(), bytes: &pdf, title: None, date: None, language: None };
        let analysis = crate::analyze(&[input], &crate::Options::default()).expect("the PDF analyses");
        let c = &analysis.commitments[0];
        assert_eq!(c.text, "Both Participants will hold a workshop in the first quarter of 2024.");
        assert_eq!(c.due.map(|d| d.to_string()).as_deref(), Some("2024-Q1"));
    }

    #[test]
    fn a_pdf_without_text_is_named_as_such() {
        let pdf = pdf_with_text(&[]);
        assert_eq!(decode(&pdf, Format::Pdf, 1 << 20), Err(DecodeError::NoTextLayer));
    }
}
