//! Full-text search over the record: commitments, evidence and document passages, in English
//! and Japanese.
//!
//! The index is derived data: it is built from records handed to it (by whoever read the
//! store) and can be thrown away and rebuilt at any time. Japanese needs no word spaces: runs
//! of Japanese characters are indexed as overlapping character pairs (bigrams), and a query is
//! cut the same way, so "半導体" finds "半導体の協力". English words are lower-cased and stemmed.
//!
//! Restricted records are indexed too, marked as such: a search leaves them out unless it asks
//! for them ([`SearchQuery::include_restricted`]), so one index serves the public and the roles
//! that may see restricted records. What a public search can observe — hits, totals, the words
//! `similar` picks — never depends on them; only the relevance scores (which count words over
//! the whole index) do, which is why the web also keeps an index of the public records alone
//! for the public to search.

mod shared;
mod tokenizer;

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, Stemmer, TextAnalyzer};
use tantivy::{Index, IndexReader, TantivyDocument, Term, doc};

pub use shared::shared_words;
pub use tokenizer::MixedTokenizer;

const ANALYZER: &str = "kizuna";
/// The values of the `handling` field.
const PUBLIC: &str = "public";
const RESTRICTED: &str = "restricted";
/// How many of a text's rarest words `similar` looks for.
const SIMILAR_WORDS: usize = 12;
/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// What a query's words together, in order, add to a hit's score (a commitment adds 2).
const PHRASE_SCORE: f32 = 3.0;

/// One thing to find.
#[derive(Clone, Debug)]
pub struct SearchDoc {
    pub id: String,
    pub partnership: String,
    /// `commitment`, `evidence` or `passage`.
    pub kind: String,
    pub text: String,
    /// Other words that find it without being shown: a commitment's other language versions.
    pub also: String,
    pub title: String,
    pub area: String,
    pub document_id: String,
    pub anchor: String,
    pub date: String,
    /// The first day of `date` as a Julian day number, for date filters.
    pub day: Option<i32>,
    /// Restricted: only found by searches that include restricted records.
    pub restricted: bool,
}

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    pub partnership: Option<String>,
    pub kind: Option<String>,
    pub area: Option<String>,
    pub document_id: Option<String>,
    /// Only things dated on or after this Julian day.
    pub from_day: Option<i32>,
    /// Only things dated on or before this Julian day.
    pub to_day: Option<i32>,
    /// Only these ids (e.g. the commitments with a given status).
    pub ids: Option<Vec<String>>,
    /// Find restricted records too (only for roles that may see them); public ones only when
    /// false, the default.
    pub include_restricted: bool,
    /// Hits to skip (the earlier pages).
    pub offset: usize,
    pub limit: usize,
}

/// A page of hits and how many there are in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A result, best first, with the matching words of its text marked.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hit {
    pub id: String,
    pub partnership: String,
    /// `commitment`, `evidence` or `passage`.
    pub kind: String,
    pub score: f32,
    /// The title of the document it comes from.
    pub title: String,
    pub area: String,
    pub document_id: String,
    pub anchor: String,
    pub date: String,
    /// The text with matches between `<mark>` and `</mark>`; everything else HTML-escaped.
    pub snippet_html: String,
    /// A restricted record (only found when restricted records were asked for).
    pub restricted: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search query is empty")]
    Empty,
    #[error("the search query is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

struct Fields {
    id: Field,
    partnership: Field,
    kind: Field,
    text: Field,
    also: Field,
    title: Field,
    area: Field,
    document_id: Field,
    anchor: Field,
    date: Field,
    day: Field,
    /// `public` or `restricted`.
    handling: Field,
}

/// An in-memory index of a record.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(MixedTokenizer)
        .filter(LowerCaser)
        .filter(Stemmer::new(tantivy::tokenizer::Language::English))
        .build()
}

impl SearchIndex {
    /// Indexes `docs`.
    pub fn build(docs: impl IntoIterator<Item = SearchDoc>) -> Result<SearchIndex, SearchError> {
        let mut schema = Schema::builder();
        let text_options = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let fields = Fields {
            id: schema.add_text_field("id", STRING | STORED),
            partnership: schema.add_text_field("partnership", STRING | STORED),
            kind: schema.add_text_field("kind", STRING | STORED),
            text: schema.add_text_field("text", text_options.clone()),
            also: schema.add_text_field(
                "also",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(ANALYZER)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                ),
            ),
            title: schema.add_text_field("title", text_options),
            area: schema.add_text_field("area", STRING | STORED),
            document_id: schema.add_text_field("document_id", STRING | STORED),
            anchor: schema.add_text_field("anchor", STORED),
            date: schema.add_text_field("date", STORED),
            day: schema.add_i64_field("day", INDEXED | FAST),
            handling: schema.add_text_field("handling", STRING | STORED),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, analyzer());
        let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
        for d in docs {
            writer.add_document(doc!(
                fields.id => d.id,
                fields.partnership => d.partnership,
                fields.kind => d.kind,
                fields.text => d.text,
                fields.also => d.also,
                fields.title => d.title,
                fields.area => d.area,
                fields.document_id => d.document_id,
                fields.anchor => d.anchor,
                fields.date => d.date,
                // Undated things fall outside every date filter.
                fields.day => d.day.map_or(i64::MIN, i64::from),
                fields.handling => if d.restricted { RESTRICTED } else { PUBLIC },
            ))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex { index, reader, fields })
    }

    /// Number of indexed things.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finds `q`: one page of hits, best first (commitments rank above evidence and passages of
    /// equal match), and how many there are in all.
    pub fn search(&self, q: &SearchQuery) -> Result<Found, SearchError> {
        let text = q.text.trim();
        if text.is_empty() {
            return Err(SearchError::Empty);
        }
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong);
        }
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.text, f.title, f.also]);
        parser.set_field_boost(f.title, 0.3);
        parser.set_field_boost(f.also, 0.8);
        // Words are optional (OR) but each helps; a query never fails on syntax.
        let (parsed, _errors) = parser.parse_query_lenient(&escape(text));
        let mut clauses = self.filters(q);
        clauses.push((Occur::Must, parsed));
        // "Open RAN": the words together, in order, rank above the same words apart ("open
        // societies … the RAN").
        if text.split_whitespace().nth(1).is_some() {
            let phrase = format!("\"{}\"", escape(text));
            let (together, _errors) = parser.parse_query_lenient(&phrase);
            // A constant, not the phrase's own frequency: a passage that repeats the phrase must
            // not pass the commitment that states it once.
            clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(together, PHRASE_SCORE))));
        }
        let commitment = Term::from_field_text(f.kind, "commitment");
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(TermQuery::new(commitment, IndexRecordOption::Basic)), 2.0)),
        ));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let limit = q.limit.clamp(1, 200);
        // Two passes, each cheap alone: the best hits with pruning (only documents that can
        // still make the page are scored), then a count that scores nothing. Together in one
        // pass every match would be scored.
        let top = searcher.search(&query, &TopDocs::with_limit(limit).and_offset(q.offset))?;
        let total = searcher.search(&query, &Count)?;
        // Snippets are the costly part: made only for the page asked for.
        let mut snippets = SnippetGenerator::create(&searcher, &query, f.text)?;
        snippets.set_max_num_chars(400);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let snippet = snippets.snippet_from_doc(&d);
            let snippet_html = if snippet.fragment().is_empty() {
                html_escape(&self.get(&d, f.text))
            } else {
                mark(&snippet)
            };
            hits.push(self.hit(&d, score, snippet_html));
        }
        Ok(Found { total, hits })
    }

    /// The things of `kind` in `partnership` whose words are closest to `text` (by the rarer
    /// words they share), best first, without snippets; restricted ones only when
    /// `include_restricted`.
    pub fn similar(
        &self,
        text: &str,
        kind: &str,
        partnership: &str,
        limit: usize,
        include_restricted: bool,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        // The rarest words of `text` (fewest things hold them), ties by the word itself, so
        // the same text always asks the same question of the same record.
        let mut words: Vec<String> = Vec::new();
        let mut tokens = analyzer();
        let mut stream = tokens.token_stream(text);
        while stream.advance() {
            words.push(stream.token().text.clone());
        }
        words.sort();
        words.dedup();
        // How rare a word is counts only the records this search may see, so that what is
        // restricted cannot change the question asked for the public.
        let public = Term::from_field_text(f.handling, PUBLIC);
        let visible = if include_restricted { searcher.num_docs() } else { searcher.doc_freq(&public)? };
        let doc_freq = |term: &Term| -> Result<u64, SearchError> {
            if include_restricted {
                return Ok(searcher.doc_freq(term)?);
            }
            let both = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)) as Box<dyn Query>,
                ),
                (Occur::Must, Box::new(TermQuery::new(public.clone(), IndexRecordOption::Basic))),
            ]);
            Ok(searcher.search(&both, &Count)? as u64)
        };
        // Words in more than a tenth of a large record say nothing about likeness.
        let common = (visible / 10).max(50);
        let mut rare: Vec<(u64, Term)> = Vec::new();
        for word in words {
            let term = Term::from_field_text(f.text, &word);
            let n = doc_freq(&term)?;
            if n > 0 && n <= common {
                rare.push((n, term));
            }
        }
        rare.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        rare.truncate(SIMILAR_WORDS);
        if rare.is_empty() {
            return Ok(Vec::new());
        }
        let like = BooleanQuery::new(
            rare.into_iter()
                .map(|(_, term)| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let mut clauses = vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (
                Occur::Must,
                Box::new(TermQuery::new(Term::from_field_text(f.kind, kind), IndexRecordOption::Basic)),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.partnership, partnership),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        if !include_restricted {
            clauses.push((Occur::Must, Box::new(TermQuery::new(public, IndexRecordOption::Basic))));
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.clamp(1, 50)))?;
        top.into_iter()
            .map(|(score, address)| {
                let d: TantivyDocument = searcher.doc(address)?;
                Ok(self.hit(&d, score, String::new()))
            })
            .collect()
    }

    /// The clauses every filter of `q` adds.
    fn filters(&self, q: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let filters = [
            (f.partnership, &q.partnership),
            (f.kind, &q.kind),
            (f.area, &q.area),
            (f.document_id, &q.document_id),
        ];
        for (field, value) in filters {
            if let Some(value) = value {
                let term = Term::from_field_text(field, value);
                clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        }
        if !q.include_restricted {
            let public = Term::from_field_text(f.handling, PUBLIC);
            clauses.push((Occur::Must, Box::new(TermQuery::new(public, IndexRecordOption::Basic))));
        }
        if let Some(ids) = &q.ids {
            let terms = ids.iter().map(|id| Term::from_field_text(f.id, id));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if q.from_day.is_some() || q.to_day.is_some() {
            let lower = match q.from_day {
                Some(d) => Bound::Included(Term::from_field_i64(f.day, i64::from(d))),
                // Undated things are stored as i64::MIN: a lower bound above it leaves them out.
                None => Bound::Excluded(Term::from_field_i64(f.day, i64::MIN)),
            };
            let upper = q
                .to_day
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.day, i64::from(d))));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        clauses
    }

    fn get(&self, d: &TantivyDocument, field: Field) -> String {
        d.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_owned()
    }

    fn hit(&self, d: &TantivyDocument, score: f32, snippet_html: String) -> Hit {
        let f = &self.fields;
        Hit {
            id: self.get(d, f.id),
            partnership: self.get(d, f.partnership),
            kind: self.get(d, f.kind),
            score,
            title: self.get(d, f.title),
            area: self.get(d, f.area),
            document_id: self.get(d, f.document_id),
            anchor: self.get(d, f.anchor),
            date: self.get(d, f.date),
            snippet_html,
            restricted: self.get(d, f.handling) != PUBLIC,
        }
    }
}

/// Query syntax characters are searched as words, not obeyed.
fn escape(text: &str) -> String {
    text.chars().map(|c| if "+-&|!(){}[]^\"~*?:\\/'".contains(c) { ' ' } else { c }).collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The snippet with its highlighted ranges in `<mark>`. Overlapping ranges (Japanese bigrams:
/// 半導 and 導体 of 半導体) are marked as one.
fn mark(snippet: &tantivy::snippet::Snippet) -> String {
    let fragment = snippet.fragment();
    let mut ranges: Vec<std::ops::Range<usize>> = snippet
        .highlighted()
        .iter()
        .filter(|r| r.start < r.end && r.end <= fragment.len())
        .cloned()
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for range in merged {
        out.push_str(&html_escape(&fragment[at..range.start]));
        out.push_str("<mark>");
        out.push_str(&html_escape(&fragment[range.start..range.end]));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&html_escape(&fragment[at..]));
    out
}

#[cfg(test)]
mod tests;
