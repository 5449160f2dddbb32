//! The report's chart as SVG: commitments by status per area (stacked bars), and evidence items
//! per quarter. The same SVG goes into the HTML as it is and into the DOCX as a PNG drawn by
//! resvg (pure Rust); fonts are the caller's to give, since this crate reads no files.

use std::sync::Arc;

use crate::report::{Report, ReportError};
use crate::{Words, escape};

const WIDTH: f32 = 640.0;
const ROW: f32 = 22.0;
/// The area names' column: as wide as the longest name needs, within these bounds; a name
/// wider than the most is shortened with "…" (its whole name stays in the bar's title).
const LABEL_MIN: f32 = 120.0;
const LABEL_MAX: f32 = 300.0;
/// The narrowest slot a quarter's label fits in ("2024-Q1" at 10 px); narrower, every n-th.
const QUARTER_LABEL: f32 = 48.0;

/// Fills per status; each bar also carries its word in the legend, so colour is never the only
/// signal.
const COLOURS: [(&str, &str); 6] = [
    ("delivered", "#00703c"),
    ("ongoing", "#1d70b8"),
    ("in-progress", "#5694ca"),
    ("stalled", "#f47738"),
    ("no-evidence", "#b1b4b6"),
    ("dropped", "#6f777b"),
];

/// The chart of `report` in the language of `words`.
pub fn svg(report: &Report, words: &dyn Words) -> String {
    let areas = &report.areas;
    let max_total = areas.iter().map(|a| a.counts.total).max().unwrap_or(1).max(1) as f32;
    let bars_top = 40.0;
    let legend_top = bars_top + areas.len() as f32 * ROW + 10.0;
    let quarters_title = legend_top + 50.0;
    let quarters_top = quarters_title + 20.0;
    let quarter_height = 100.0;
    let height = quarters_top + quarter_height + 40.0;
    let names: Vec<String> = areas.iter().map(|a| words.area(&a.area)).collect();
    let label = (names.iter().map(|n| text_width(n)).fold(0.0, f32::max) + 16.0).clamp(LABEL_MIN, LABEL_MAX);
    let scale = (WIDTH - label - 40.0) / max_total;
    let font = "font-family=\"'Noto Sans JP','IPAGothic','IPAexGothic','DejaVu Sans',sans-serif\"";
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"chart-title\" {font} font-size=\"12\">\n\
         <title id=\"chart-title\">{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"0\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        escape(&format!("{} / {}", words.t("report-chart-status"), words.t("report-chart-evidence"))),
        escape(&words.t("report-chart-status")),
    );
    for (i, (area, name)) in areas.iter().zip(&names).enumerate() {
        let y = bars_top + i as f32 * ROW;
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            label - 8.0,
            y + 14.0,
            escape(&fitted(name, label - 12.0))
        ));
        let mut x = label;
        for ((key, n), (_, colour)) in area.counts.by_status().iter().zip(COLOURS) {
            if *n == 0 {
                continue;
            }
            let w = *n as f32 * scale;
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"><title>{}: {n}</title></rect>\n",
                ROW - 6.0,
                escape(&words.status(key)),
            ));
            x += w;
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\">{}</text>\n",
            x + 4.0,
            y + 14.0,
            area.counts.total
        ));
    }
    let mut x = 0.0;
    for (i, (key, colour)) in COLOURS.iter().enumerate() {
        let y = legend_top + if i < 3 { 0.0 } else { 20.0 };
        if i == 3 {
            x = 0.0;
        }
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
            x + 16.0,
            y + 11.0,
            escape(&words.status(key))
        ));
        x += 200.0;
    }
    out.push_str(&format!(
        "<text x=\"0\" y=\"{quarters_title}\" font-size=\"14\" font-weight=\"bold\">{}</text>\n",
        escape(&words.t("report-chart-evidence"))
    ));
    let quarters = &report.evidence_by_quarter;
    let max_q = quarters.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f32;
    let slot = if quarters.is_empty() { WIDTH } else { (WIDTH - 20.0) / quarters.len() as f32 };
    let bar = (slot * 0.6).min(40.0);
    let label_every = (QUARTER_LABEL / slot).ceil().max(1.0) as usize;
    for (i, (quarter, n)) in quarters.iter().enumerate() {
        let h = *n as f32 / max_q * quarter_height;
        let x = 10.0 + i as f32 * slot + (slot - bar) / 2.0;
        let y = quarters_top + quarter_height - h;
        // An empty quarter keeps its place on the axis, with no bar (a bar of no height is no
        // shape at all to SVG renderers).
        if *n > 0 {
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"#1d70b8\"><title>{}: {n}</title></rect>\n\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>\n",
                escape(quarter),
                x + bar / 2.0,
                y - 4.0
            ));
        }
        if i % label_every == 0 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n",
                x + bar / 2.0,
                quarters_top + quarter_height + 14.0,
                escape(quarter),
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}

/// About how wide `text` is at 12 px: CJK characters are square, others about half as wide.
fn text_width(text: &str) -> f32 {
    text.chars().map(|c| if c as u32 >= 0x2E80 { 12.0 } else { 6.8 }).sum()
}

/// `text`, shortened with "…" to fit `width`.
fn fitted(text: &str, width: f32) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for c in text.chars() {
        used += text_width(&c.to_string());
        if used > width {
            break;
        }
        out.push(c);
    }
    out.trim_end().to_owned() + "…"
}

/// The chart drawn as a PNG at twice its size (legible when printed), with `fonts` (TrueType or
/// OpenType files' bytes) for its words. Without fonts the bars are drawn and the words left out.
pub fn png(svg: &str, fonts: &[Vec<u8>]) -> Result<Vec<u8>, ReportError> {
    let mut db = resvg::usvg::fontdb::Database::new();
    for font in fonts {
        db.load_font_data(font.clone());
    }
    let options = resvg::usvg::Options { fontdb: Arc::new(db), ..Default::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| ReportError::Chart(e.to_string()))?;
    let size =
        tree.size().to_int_size().scale_by(2.0).ok_or_else(|| ReportError::Chart("empty chart".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ReportError::Chart("the chart has no area".into()))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(2.0, 2.0), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ReportError::Chart(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;
    use crate::report::{Basis, tests::sample};
    use time::macros::date;

    #[test]
    fn the_chart_is_svg_with_a_bar_per_area_and_quarter_and_draws_as_png() {
        let report = Report::build(&sample(), &Basis::Day(date!(2024 - 02 - 01)), "").unwrap();
        let svg = svg(&report, &Keys);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let labels: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        assert!(labels.contains(&"ai") && labels.contains(&"data"), "{labels:?}");
        assert!(labels.contains(&"2023-Q2") && labels.contains(&"2023-Q4"), "empty quarters too: {labels:?}");
        let png = png(&svg, &[]).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn long_area_names_fit_their_column() {
        assert_eq!(fitted("Governance of the partnership", 300.0), "Governance of the partnership");
        let short = fitted("Governance of the partnership and of everything around it, at length", 200.0);
        assert!(
            short.starts_with("Governance of") && short.ends_with('…') && text_width(&short) <= 200.0,
            "{short}"
        );
        assert!(text_width("半導体") > text_width("abc"));
    }
}
