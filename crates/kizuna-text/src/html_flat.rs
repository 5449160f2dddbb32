//! HTML too deeply nested for a tree: read as a flat stream of tokens instead.
//!
//! html5ever's tree builder checks element scope by walking the stack of open elements, so its
//! time grows with the square of the nesting depth, and any walk of the resulting tree that
//! recurses overflows the stack. No real publication nests more than a few dozen elements, so
//! a page nested deeper than [`MAX_TREE_DEPTH`] is not built as a tree: its tokens are read in
//! one pass (linear time, no recursion) and turned into blocks of text, keeping headings, list
//! items and paragraph breaks but not list numbering or tables.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The deepest nesting read as a tree; deeper pages are read flat.
pub const MAX_TREE_DEPTH: usize = 256;

/// Elements whose end tag may be left out (the tree builder closes them): they never count
/// towards the estimated depth, so `<p>a<p>b<p>c…` is not mistaken for nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
    "rp", "rt", "html", "head", "body",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];
/// Elements whose text is never the document's.
const RAW_SKIPPED: &[&str] = &["script", "style", "noscript", "template", "svg", "head", "nav", "button"];

/// The greatest nesting depth of the page's elements, estimated in one pass over the bytes
/// (script and style content skipped), without building anything.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end =
            bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| start + n);
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let Some(close) = bytes[end..].iter().position(|&b| b == b'>') else { break };
        let self_closing = bytes[end + close - 1] == b'/';
        i = end + close + 1;
        if closing {
            if !OPTIONAL_END.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if name == "script" || name == "style" {
            let needle = format!("</{name}");
            let rest = html[i..].to_ascii_lowercase();
            i += rest.find(&needle).unwrap_or(rest.len());
        } else if !self_closing && !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The page's text as blocks, read token by token.
pub fn flat_text(html: &str) -> String {
    let sink = FlatSink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let FlatSink { state } = tokenizer.sink;
    let mut out = state.into_inner().out;
    while out.ends_with(['\n', ' ']) {
        out.pop();
    }
    out
}

#[derive(Default)]
struct FlatSink {
    state: RefCell<FlatState>,
}

#[derive(Default)]
struct FlatState {
    out: String,
    /// How many skipped elements (scripts, navigation…) are open around the current text.
    skipping: usize,
}

impl TokenSink for FlatSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) if state.skipping == 0 => {
                super::decode::push_inline(&mut state.out, &text)
            }
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if RAW_SKIPPED.contains(&name) {
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => state.skipping += 1,
                        TagKind::EndTag => state.skipping = state.skipping.saturating_sub(1),
                        TagKind::StartTag => {}
                    }
                } else if state.skipping == 0 {
                    open_or_close(&mut state.out, name, tag.kind);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn open_or_close(out: &mut String, name: &str, kind: TagKind) {
    let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    match (name, kind) {
        ("br", _) => out.push('\n'),
        ("li", TagKind::StartTag) => {
            super::decode::new_block(out);
            out.push_str("- ");
        }
        (_, TagKind::StartTag) if heading => {
            super::decode::new_block(out);
            out.push_str(&"#".repeat(usize::from(name.as_bytes()[1] - b'0')));
            out.push(' ');
        }
        _ if heading
            || name == "li"
            || name == "ul"
            || name == "ol"
            || super::decode::BLOCKS.contains(&name) =>
        {
            super::decode::new_block(out)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_elements_not_optional_or_void_ones() {
        assert_eq!(nesting_depth("<div><span>a</span><br><img src=x/></div>"), 2);
        assert_eq!(nesting_depth("<p>a<p>b<p>c<li>d<li>e"), 0);
        assert_eq!(nesting_depth("<script>for(i=0;i<n;i++){a<b}</script><div></div>"), 1);
        assert_eq!(nesting_depth(&"<span>".repeat(10_000)), 10_000);
        assert_eq!(nesting_depth("a < b and <"), 0);
    }

    #[test]
    fn flat_text_keeps_blocks_headings_and_items_and_drops_scripts() {
        let html = "<html><head><title>T</title></head><body><nav>Menu</nav><h2>Telecoms</h2>\
                    <div><p>The Participants will hold a workshop.</p><ul><li>Open RAN</li>\
                    <li>Standards</li></ul></div><script>var a = '<p>no</p>';</script></body></html>";
        assert_eq!(
            flat_text(html),
            "## Telecoms\n\nThe Participants will hold a workshop.\n\n- Open RAN\n\n- Standards"
        );
    }

    #[test]
    fn flat_text_reads_a_page_nested_beyond_any_tree() {
        let html =
            format!("{}The Participants will meet.{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
        assert_eq!(flat_text(&html), "The Participants will meet.");
    }
}
