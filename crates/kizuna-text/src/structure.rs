//! Recovers a document's structure: headings, numbered paragraphs, nested list items and
//! footnotes, each with a stable anchor such as `24 / Telecoms Diversification / b.vi`.
//!
//! Real documents are messy: a list item continues after a footnote block, a sentence is cut by
//! a page break, a `##` area sits under a `###` pillar, a numbered title introduces an indented
//! paragraph. The parser works on those shapes, not on any particular file.

use std::collections::HashSet;
use std::ops::Range;

use crate::lines::{self, Line, Marker, MarkerKind};
use crate::markup;
use crate::sentences;

/// What a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `level` 1–6 from Markdown; 7 for headings recognised from the text (bold lines, short
    /// title lines, numbered titles). `pillar` marks a top grouping ("Pillar One: …").
    Heading {
        level: u8,
        pillar: bool,
    },
    Paragraph,
    Item(Marker),
    Footnote,
}

/// A block of the normalised text.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub anchor: String,
    /// The block's words in [`Document::text`] (without its list marker).
    pub span: Range<usize>,
    /// Bytes at the start of the content taken by a bold label ("Championing Data Flows: ").
    pub label_len: usize,
    /// The block this one hangs off: the lead-in of a list item.
    pub parent: Option<usize>,
    /// The innermost heading above the block.
    pub heading: Option<usize>,
    /// The pillar heading above the block, if any.
    pub pillar: Option<usize>,
}

/// A sentence of a body block.
#[derive(Clone, Debug)]
pub struct Segment {
    pub block: usize,
    pub span: Range<usize>,
    pub anchor: String,
    /// Position of the sentence within its block (0-based).
    pub index: usize,
}

/// A structured document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The normalised text: blocks separated by blank lines, footnotes at the end.
    pub text: String,
    pub blocks: Vec<Block>,
    pub segments: Vec<Segment>,
}

impl Document {
    pub fn content(&self, block: &Block) -> &str {
        &self.text[block.span.clone()]
    }

    pub fn segment_text(&self, segment: &Segment) -> &str {
        &self.text[segment.span.clone()]
    }

    /// The title of a heading block, without numbering or trailing punctuation.
    pub fn heading_title(&self, index: usize) -> &str {
        heading_title(self.content(&self.blocks[index]))
    }

    /// Headings from the outermost to `block`'s innermost (pillar first when there is one).
    pub fn heading_titles(&self, block: &Block) -> Vec<&str> {
        let mut titles = Vec::new();
        if let Some(p) = block.pillar {
            titles.push(self.heading_title(p));
        }
        if let Some(h) = block.heading
            && Some(h) != block.pillar
        {
            titles.push(self.heading_title(h));
        }
        titles
    }

    /// The first heading of the document, as a title.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .map(|i| self.heading_title(i))
    }
}

fn heading_title(s: &str) -> &str {
    s.trim().trim_end_matches([':', '.', '：', '。']).trim()
}

/// A block as the line pass builds it, before its context is known.
struct RawBlock {
    kind: RawKind,
    text: String,
    label_len: usize,
    all_bold: bool,
}

#[derive(PartialEq)]
enum RawKind {
    Heading(u8),
    Text,
    Item(Marker),
    Footnote(String),
}

/// Parses line-structured text (see [`crate::decode`]) into blocks and sentence segments.
pub fn parse(input: &str) -> Document {
    let lines: Vec<&str> = input.lines().collect();
    let wrapped = looks_hard_wrapped(&lines);
    let raw = raw_blocks(&lines, wrapped);
    let has_markdown_headings = raw.iter().any(|b| matches!(b.kind, RawKind::Heading(_)));
    let raw: Vec<RawBlock> = raw.into_iter().map(|b| promote_heading(b, has_markdown_headings)).collect();
    assemble(raw)
}

/// A document whose lines are cut mid-sentence (a PDF's text layer, an e-mail) rather than one
/// paragraph a line.
fn looks_hard_wrapped(lines: &[&str]) -> bool {
    let mut pairs = 0usize;
    let mut cut = 0usize;
    for w in lines.windows(2) {
        let (a, b) = (w[0].trim(), w[1].trim());
        if a.is_empty() || b.is_empty() || a.starts_with('#') {
            continue;
        }
        pairs += 1;
        if !ends_sentence(a) && a.split_whitespace().count() > 8 {
            cut += 1;
        }
    }
    cut >= 3 && cut * 10 >= pairs * 4
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['*', '_', '"', '”', '’', ')', '）', '」', ' ']);
    s.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '：'])
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().find(|c| !matches!(c, '*' | '_' | '"' | '“' | '(')).is_some_and(char::is_lowercase)
}

fn raw_blocks(lines: &[&str], wrapped: bool) -> Vec<RawBlock> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut open = false; // the last block may take continuation lines
    let mut in_footnotes = false;
    let mut hard_break = false; // Markdown's two trailing spaces: the next line continues
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let classified = lines::classify(line);
        let continues_after = line.ends_with("  ");
        let hard_break = std::mem::replace(&mut hard_break, continues_after);
        if in_footnotes {
            match classified {
                Line::Blank => continue,
                Line::FootnoteStart { number, text } => {
                    push(&mut blocks, RawKind::Footnote(number), text);
                    continue;
                }
                Line::Url => {
                    if let Some(last) = blocks.last_mut() {
                        let cleaned = markup::clean(line).text;
                        last.text.push(' ');
                        last.text.push_str(&cleaned);
                    }
                    continue;
                }
                _ => in_footnotes = false,
            }
        }
        match classified {
            Line::Blank => open = false,
            Line::Rule => {
                let next = lines[i..].iter().map(|l| lines::classify(l)).find(|l| *l != Line::Blank);
                if matches!(next, Some(Line::FootnoteStart { .. })) {
                    in_footnotes = true;
                }
                open = false;
            }
            Line::FootnoteStart { number, text } => {
                in_footnotes = true;
                push(&mut blocks, RawKind::Footnote(number), text);
                open = false;
            }
            Line::Contents => open = false,
            // Page furniture: the sentence it interrupted goes on after it.
            Line::PageNumber => {}
            Line::Heading { level, text } => {
                push(&mut blocks, RawKind::Heading(level), text);
                open = false;
            }
            Line::Item { marker, text } => {
                // "- redefining the way…" after a footnote block is the rest of a sentence; right
                // after another bullet it is the next item of a list written without full stops
                // ("- publish the mapping in June", "- open the second call in the autumn").
                let after_a_bullet = blocks
                    .last()
                    .is_some_and(|b| matches!(&b.kind, RawKind::Item(m) if m.kind == MarkerKind::Bullet));
                if marker.kind == MarkerKind::Bullet
                    && starts_lowercase(text)
                    && continues_last(&blocks)
                    && !after_a_bullet
                {
                    append(&mut blocks, text);
                } else {
                    push(&mut blocks, RawKind::Item(marker), text);
                }
                open = true;
            }
            Line::Url | Line::Text(_) => {
                let text = line.trim();
                let joins = match blocks.last() {
                    Some(last) if matches!(last.kind, RawKind::Text | RawKind::Item(_)) => {
                        (open
                            && (wrapped
                                || hard_break
                                || starts_lowercase(text)
                                || !ends_sentence(&last.text) && !looks_like_title(&last.text)))
                            || (starts_lowercase(text) && !ends_sentence(&last.text))
                    }
                    _ => false,
                };
                if joins {
                    append(&mut blocks, text);
                } else {
                    push(&mut blocks, RawKind::Text, text);
                }
                open = true;
            }
        }
    }
    blocks
}

/// A short line with no sentence punctuation: a title, not a sentence cut by a line break.
fn looks_like_title(s: &str) -> bool {
    !ends_sentence(s) && s.split_whitespace().count() <= 10
}

fn continues_last(blocks: &[RawBlock]) -> bool {
    blocks
        .iter()
        .rev()
        .find(|b| !matches!(b.kind, RawKind::Footnote(_)))
        .is_some_and(|b| matches!(b.kind, RawKind::Text | RawKind::Item(_)) && !ends_sentence(&b.text))
}

fn push(blocks: &mut Vec<RawBlock>, kind: RawKind, text: &str) {
    let clean = markup::clean(text);
    blocks.push(RawBlock { kind, text: clean.text, label_len: clean.label_len, all_bold: clean.all_bold });
}

/// Appends a continuation to the last body block (skipping footnotes it was split by).
fn append(blocks: &mut [RawBlock], text: &str) {
    let clean = markup::clean(text);
    if let Some(last) = blocks.iter_mut().rev().find(|b| !matches!(b.kind, RawKind::Footnote(_))) {
        if last.all_bold {
            last.all_bold = false;
        }
        if !last.text.is_empty() && !ends_with_cjk(&last.text) {
            last.text.push(' ');
        }
        last.text.push_str(&clean.text);
    }
}

fn ends_with_cjk(s: &str) -> bool {
    s.chars().last().is_some_and(is_cjk)
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Turns text that reads as a heading into one: a whole bold line, a numbered short title
/// ("1. Vendor Diversification"), or — in a document with no Markdown headings — a short line
/// with no sentence punctuation.
fn promote_heading(mut b: RawBlock, has_markdown_headings: bool) -> RawBlock {
    let words = b.text.split_whitespace().count();
    let title_like = !ends_sentence(&b.text) && words > 0 && words <= 10 && !starts_lowercase(&b.text);
    let promote = match &b.kind {
        RawKind::Text if b.all_bold => true,
        RawKind::Text => !has_markdown_headings && title_like && !has_modal(&b.text),
        RawKind::Item(m) if m.kind == MarkerKind::Number || m.kind == MarkerKind::ParenNumber => {
            title_like && !has_modal(&b.text) && b.text.chars().count() <= 80
        }
        _ => false,
    };
    if promote {
        b.kind = RawKind::Heading(7);
        b.label_len = 0;
    }
    b
}

fn has_modal(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| ["will", "shall", "should", "must"].iter().any(|m| w.eq_ignore_ascii_case(m)))
}

fn is_pillar(title: &str) -> bool {
    let lower = title.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let rest = lower[first.len()..].trim_start();
    matches!(first, "pillar" | "part" | "chapter" | "theme" | "strand" | "workstream" | "section")
        && rest.chars().next().is_some_and(|c| c.is_alphanumeric())
        || title.starts_with("第") && title.contains("の柱")
}

/// One level of an open list.
struct ListLevel {
    kind: MarkerKind,
    value: String,
    ordinal: u32,
    block: usize,
    /// The lead-in of the whole list level.
    parent: Option<usize>,
}

/// Context while blocks are placed.
#[derive(Default)]
struct Context {
    headings: Vec<(u8, usize)>,
    /// The open pillar and the level of the heading that contains it.
    pillar: Option<(usize, u8)>,
    /// The open numbered paragraph: its number, block, and whether it leads in (ends with ':').
    paragraph: Option<(String, usize, bool)>,
    /// The innermost heading seen since the numbered paragraph opened.
    heading_in_paragraph: Option<usize>,
    lists: Vec<ListLevel>,
    last_body: Option<usize>,
    ordinal: u32,
}

fn assemble(raw: Vec<RawBlock>) -> Document {
    let mut doc = Document::default();
    let mut cx = Context::default();
    let mut anchors: HashSet<String> = HashSet::new();
    let mut footnotes = Vec::new();
    for b in raw {
        if let RawKind::Footnote(n) = b.kind {
            footnotes.push((n, b.text));
            continue;
        }
        let index = doc.blocks.len();
        let (kind, parent, anchor) = match b.kind {
            RawKind::Heading(level) => {
                let title = heading_title(&b.text).to_owned();
                let pillar = is_pillar(&title);
                place_heading(&mut cx, level, pillar, index, &b.text);
                (BlockKind::Heading { level, pillar }, None, title)
            }
            RawKind::Item(marker) if marker.kind == MarkerKind::Number => {
                cx.lists.clear();
                cx.paragraph = Some((marker.value.clone(), index, b.text.trim_end().ends_with([':', '：'])));
                cx.heading_in_paragraph = None;
                cx.last_body = Some(index);
                let anchor = marker.value.clone();
                (BlockKind::Item(marker), None, anchor)
            }
            RawKind::Item(mut marker) => {
                let (parent, path) = place_item(&mut cx, &mut marker, index, &doc);
                cx.last_body = Some(index);
                let anchor = join_anchor(&cx, &doc, Some(path));
                (BlockKind::Item(marker), parent, anchor)
            }
            RawKind::Text | RawKind::Footnote(_) => {
                cx.lists.clear();
                cx.ordinal += 1;
                let parent = cx.paragraph.as_ref().filter(|p| p.2).map(|p| p.1);
                cx.last_body = Some(index);
                let anchor = join_anchor(&cx, &doc, Some(format!("¶{}", cx.ordinal)));
                (BlockKind::Paragraph, parent, anchor)
            }
        };
        let heading = if matches!(kind, BlockKind::Heading { .. }) {
            cx.headings.iter().rev().nth(1).map(|h| h.1)
        } else {
            cx.headings.last().map(|h| h.1)
        };
        let pillar = cx.pillar.map(|p| p.0).filter(|&p| p != index);
        let anchor = unique(anchor, &mut anchors);
        let marker_text = match &kind {
            BlockKind::Item(m) if m.kind == MarkerKind::Bullet => "- ".to_owned(),
            BlockKind::Item(m) => format!("{}. ", m.value),
            _ => String::new(),
        };
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        doc.text.push_str(&marker_text);
        let start = doc.text.len();
        doc.text.push_str(&b.text);
        let span = start..doc.text.len();
        doc.blocks.push(Block { kind, anchor, span, label_len: b.label_len, parent, heading, pillar });
    }
    for (number, text) in footnotes {
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        doc.text.push_str(&format!("[{number}] "));
        let start = doc.text.len();
        doc.text.push_str(&text);
        let anchor = unique(format!("fn{number}"), &mut anchors);
        doc.blocks.push(Block {
            kind: BlockKind::Footnote,
            anchor,
            span: start..doc.text.len(),
            label_len: 0,
            parent: None,
            heading: None,
            pillar: None,
        });
    }
    doc.segments = segments(&doc);
    doc
}

fn place_heading(cx: &mut Context, level: u8, pillar: bool, index: usize, text: &str) {
    while cx.headings.last().is_some_and(|&(l, _)| l >= level) {
        cx.headings.pop();
    }
    let shouting = text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    if pillar {
        let floor = cx.headings.last().map_or(0, |h| h.0);
        cx.pillar = Some((index, floor));
    } else if let Some((_, floor)) = cx.pillar
        && (level < floor || (level <= floor.max(1) && shouting))
    {
        cx.pillar = None;
    }
    // A `##` area under a `###` pillar: keep the pillar on the stack above it.
    if let Some((p, _)) = cx.pillar
        && !pillar
        && !cx.headings.iter().any(|h| h.1 == p)
    {
        cx.headings.push((level.saturating_sub(1), p));
    }
    cx.headings.push((level, index));
    if cx.paragraph.as_ref().is_some_and(|p| !p.2) {
        cx.paragraph = None;
    }
    if cx.paragraph.is_some() {
        cx.heading_in_paragraph = Some(index);
    }
    cx.lists.clear();
    cx.last_body = None;
    cx.ordinal = 0;
}

/// Finds the list level of an item and its lead-in; returns the parent block and list path.
fn place_item(
    cx: &mut Context,
    marker: &mut Marker,
    index: usize,
    doc: &Document,
) -> (Option<usize>, String) {
    let kind = resolve_kind(cx, marker);
    marker.kind = kind;
    let level = cx.lists.iter().position(|l| l.kind == kind);
    let ordinal = match level {
        Some(at) => {
            cx.lists.truncate(at + 1);
            let l = &mut cx.lists[at];
            l.ordinal += 1;
            l.ordinal
        }
        None => 1,
    };
    let value = if kind == MarkerKind::Bullet { ordinal.to_string() } else { marker.value.clone() };
    let parent = match level {
        Some(at) => {
            cx.lists[at].value = value;
            cx.lists[at].block = index;
            cx.lists[at].parent
        }
        None => {
            let parent = match cx.lists.last() {
                Some(outer) => Some(outer.block),
                // The paragraph just before the list, when it leads in; else the numbered paragraph.
                None => cx
                    .last_body
                    .filter(|&b| doc.content(&doc.blocks[b]).trim_end().ends_with([':', '：']))
                    .or_else(|| cx.paragraph.as_ref().map(|p| p.1)),
            };
            cx.lists.push(ListLevel { kind, value, ordinal, block: index, parent });
            parent
        }
    };
    let path = cx.lists.iter().map(|l| l.value.as_str()).collect::<Vec<_>>().join(".");
    (parent, path)
}

/// Decides whether a single-letter marker like `i`, `v` or `x` is a letter or a numeral.
fn resolve_kind(cx: &Context, marker: &Marker) -> MarkerKind {
    let (alpha, roman) = match marker.kind {
        MarkerKind::Alpha => (MarkerKind::Alpha, MarkerKind::Roman),
        MarkerKind::AlphaUpper => (MarkerKind::AlphaUpper, MarkerKind::RomanUpper),
        other => return other,
    };
    let Some(value) = lines::roman_value(&marker.value) else { return alpha };
    let letter = marker.value.chars().next().unwrap_or('a').to_ascii_lowercase();
    let roman_open = cx.lists.iter().find(|l| l.kind == roman);
    if let Some(r) = roman_open
        && lines::roman_value(&r.value).is_some_and(|v| v + 1 == value)
    {
        return roman;
    }
    let alpha_open = cx.lists.iter().find(|l| l.kind == alpha);
    let follows_letter = alpha_open.is_some_and(|a| {
        a.value.chars().next().is_some_and(|c| (c.to_ascii_lowercase() as u8) + 1 == letter as u8)
    });
    if follows_letter {
        alpha
    } else if value == 1 {
        roman
    } else {
        alpha
    }
}

/// `24 / Telecoms Diversification / b.vi`: the numbered paragraph, the heading under it (or the
/// heading alone when no paragraph is open) and the local part.
fn join_anchor(cx: &Context, doc: &Document, local: Option<String>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let heading = match &cx.paragraph {
        Some((n, _, _)) => {
            parts.push(n.clone());
            cx.heading_in_paragraph
        }
        None => cx.headings.last().map(|h| h.1),
    };
    if let Some(h) = heading {
        parts.push(doc.heading_title(h).to_owned());
    }
    parts.extend(local);
    parts.join(" / ")
}

fn unique(anchor: String, seen: &mut HashSet<String>) -> String {
    if seen.insert(anchor.clone()) {
        return anchor;
    }
    (2..).map(|k| format!("{anchor} #{k}")).find(|a| seen.insert(a.clone())).unwrap_or(anchor)
}

fn segments(doc: &Document) -> Vec<Segment> {
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item(_)) {
            continue;
        }
        let content = doc.content(block);
        let ranges = sentences::split(content);
        let many = ranges.len() > 1;
        for (si, r) in ranges.into_iter().enumerate() {
            let anchor = if many { format!("{} / s{}", block.anchor, si + 1) } else { block.anchor.clone() };
            out.push(Segment {
                block: bi,
                span: block.span.start + r.start..block.span.start + r.end,
                anchor,
                index: si,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
