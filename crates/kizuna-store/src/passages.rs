//! Passages of a partnership's documents that a person may link as evidence for a commitment:
//! the paragraphs and list items of the documents that came after the commitment's own. A
//! passage is named by its document and block anchor, and its words are read from the stored
//! normalised text, so the record cites it down to the paragraph.

use serde::Serialize;

use crate::{Store, StoreError, on_pool};

/// A paragraph or item of a later document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageRow {
    pub document_id: String,
    pub document_title: String,
    pub document_date: Option<String>,
    pub anchor: String,
    pub text: String,
}

/// Whether a document reports after a commitment's document: later in the partnership's order
/// and, where both are dated, dated later (same-day launch material restates; it never proves
/// progress). One SQL expression over `d` (the passage's document) and `cd` (the commitment's).
const LATER: &str = "d.position > cd.position AND (d.date IS NULL OR cd.date IS NULL OR d.date > cd.date)";

/// The passage `$3` of document `$2` as an edit linking it to commitment `$1` needs it:
/// (partnership, date, handling, normalised text, span start, span end, later than the commitment).
pub(crate) fn passage_sql() -> String {
    format!(
        "SELECT d.partnership_id, d.date, d.handling, d.normalised, b.span_start, b.span_end,
                CAST(CASE WHEN d.partnership_id = cd.partnership_id AND {LATER} THEN 1 ELSE 0 END AS BIGINT)
         FROM commitments c JOIN documents cd ON cd.id = c.document_id, documents d
         JOIN blocks b ON b.document_id = d.id
         WHERE c.id = $1 AND d.id = $2 AND b.anchor = $3 AND b.kind <> 'heading'"
    )
}

pub(crate) type PassageFacts = (String, Option<String>, String, String, i64, i64, i64);

/// A paragraph or item of document `$1` with anchor `$2`, as an edit adding a commitment from it
/// needs it: (partnership, handling, normalised text, span start, span end).
pub(crate) const BLOCK_SQL: &str =
    "SELECT d.partnership_id, d.handling, d.normalised, b.span_start, b.span_end
     FROM documents d JOIN blocks b ON b.document_id = d.id
     WHERE d.id = $1 AND b.anchor = $2 AND b.kind <> 'heading'";

pub(crate) type BlockFacts = (String, String, String, i64, i64);

/// `text` with its white space made single: how the words of records are compared.
pub fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with its white space made single, when it stands word for word in `passage` (already
/// made single by [`block_text`]); `None` otherwise.
pub(crate) fn words_of(passage: &str, text: &str) -> Option<String> {
    let words = single_spaced(text);
    (!words.is_empty() && passage.contains(&words)).then_some(words)
}

/// The words of a block, from its document's normalised text (byte offsets); `None` when the
/// offsets do not fall on the text's characters.
pub(crate) fn block_text(normalised: &str, start: i64, end: i64) -> Option<String> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let words = single_spaced(normalised.get(start..end)?);
    (!words.is_empty()).then_some(words)
}

/// Where `words` (white space made single) stand in `normalised[start..end]`, whatever white
/// space the text has between them: the byte span in the whole text.
pub(crate) fn span_of(normalised: &str, start: i64, end: i64, words: &str) -> Option<(i64, i64)> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let block = normalised.get(start..end)?;
    let tokens: Vec<&str> = words.split(' ').collect();
    block.match_indices(tokens[0]).find_map(|(first, _)| {
        let mut at = first + tokens[0].len();
        for token in &tokens[1..] {
            let rest = &block[at..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 || !rest[skipped..].starts_with(token) {
                return None;
            }
            at += skipped + token.len();
        }
        Some(((start + first) as i64, (start + at) as i64))
    })
}

impl Store {
    /// Every paragraph and item of the documents after `commitment`'s own, in the order of the
    /// documents and of their text (restricted documents too: the edit page is for editors).
    pub async fn later_passages(&self, commitment: &str) -> Result<Vec<PassageRow>, StoreError> {
        // Each document's text once, then its blocks: not the whole text again for every block.
        let documents_sql = format!(
            "SELECT d.id, d.title, d.date, d.normalised
             FROM commitments c JOIN documents cd ON cd.id = c.document_id
             JOIN documents d ON d.partnership_id = cd.partnership_id AND {LATER}
             WHERE c.id = $1 ORDER BY d.position"
        );
        let blocks_sql = "SELECT anchor, span_start, span_end FROM blocks
                          WHERE document_id = $1 AND kind <> 'heading' ORDER BY position";
        type Document = (String, String, Option<String>, String);
        let documents: Vec<Document> =
            on_pool!(self, pool => sqlx::query_as(&documents_sql).bind(commitment).fetch_all(pool).await?);
        let mut passages = Vec::new();
        for (document_id, document_title, document_date, normalised) in documents {
            let blocks: Vec<(String, i64, i64)> =
                on_pool!(self, pool => sqlx::query_as(blocks_sql).bind(&document_id).fetch_all(pool).await?);
            passages.extend(blocks.into_iter().filter_map(|(anchor, start, end)| {
                Some(PassageRow {
                    text: block_text(&normalised, start, end)?,
                    document_id: document_id.clone(),
                    document_title: document_title.clone(),
                    document_date: document_date.clone(),
                    anchor,
                })
            }));
        }
        Ok(passages)
    }

    /// The words of paragraph `anchor` of document `document` (white space made single), as an
    /// undertaking added from it must quote them; `None` when it has no such paragraph.
    pub async fn passage_words(&self, document: &str, anchor: &str) -> Result<Option<String>, StoreError> {
        let facts: Option<BlockFacts> = on_pool!(self, pool => sqlx::query_as(BLOCK_SQL).bind(document).bind(anchor).fetch_optional(pool).await?);
        Ok(facts.and_then(|(_, _, normalised, start, end)| block_text(&normalised, start, end)))
    }
}

#[cfg(test)]
mod tests {
    use super::block_text;

    #[test]
    fn a_new_commitment_quotes_its_passage_word_for_word() {
        let passage = "The workshop was held. Both sides will hold a second one in 2026.";
        let sentence = "Both sides will hold\n a second one in 2026.";
        assert_eq!(
            super::words_of(passage, sentence).as_deref(),
            Some("Both sides will hold a second one in 2026.")
        );
        assert_eq!(super::words_of(passage, "Both sides will hold a third one."), None);
        assert_eq!(super::words_of(passage, "  "), None);
        let text = "Title\n\nThe workshop was held. Both sides will\n   hold a second one.";
        let (s, e) =
            super::span_of(text, 7, text.len() as i64, "Both sides will hold a second one.").unwrap();
        assert_eq!(&text[s as usize..e as usize], "Both sides will\n   hold a second one.");
        assert_eq!(super::span_of(text, 7, text.len() as i64, "Both sides will hold a third one."), None);
    }

    #[test]
    fn block_words_are_read_from_the_text_and_bad_offsets_give_none() {
        let text = "Plan\n\nThe  workshop\nwas held. 会合";
        assert_eq!(block_text(text, 6, 29).as_deref(), Some("The workshop was held."));
        assert_eq!(block_text(text, 0, 400), None);
        assert_eq!(block_text(text, -1, 3), None);
        assert_eq!(block_text(text, 31, 32), None, "not on a character boundary");
        assert_eq!(block_text(text, 4, 6), None, "only white space");
    }
}
