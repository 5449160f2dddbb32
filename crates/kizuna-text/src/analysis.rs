//! The `analyze` pipeline: documents in chronological order → commitments, evidence and links,
//! in the shape of the stable JSON contract (see DESIGN.md, "The `analyze` contract").

use kizuna_core::{CommitmentKind, Language, Period, Relation, Strength};
use regex::Regex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use time::Date;

use crate::classify::{ActorNames, Deliverables};
use crate::decode::{self, DecodeError, Format};
use crate::extract::{self, CommitmentDraft, ExtractContext};
use crate::link::{CommitmentIndex, Query, Target};
use crate::restated::{self, Promise, Restatements};
use crate::structure::{self, is_cjk};
use crate::tokens::{fold, terms_of};

/// One file to analyse, with what the manifest knows of it.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// How the file is named in messages and output (usually its path).
    pub name: String,
    pub bytes: &'a [u8],
    pub title: Option<String>,
    pub date: Option<Period>,
    pub language: Option<Language>,
}

/// Settings of an analysis run.
#[derive(Clone, Debug)]
pub struct Options {
    pub max_bytes: u64,
    /// Organisations as (canonical name, every name it goes by), from the manifest.
    pub organisations: Vec<(String, Vec<String>)>,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: decode::DEFAULT_MAX_BYTES, organisations: Vec::new() }
    }
}

/// A file that could not be analysed, named.
#[derive(Debug, thiserror::Error)]
#[error("{input}: {source}")]
pub struct AnalyzeError {
    pub input: String,
    #[source]
    pub source: DecodeError,
}

/// The result, serialised as the `analyze` JSON contract.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Analysis {
    pub documents: Vec<DocumentOut>,
    pub commitments: Vec<CommitmentOut>,
    pub evidence: Vec<EvidenceOut>,
    /// The structured documents, for callers that store or render them.
    #[serde(skip)]
    pub structured: Vec<structure::Document>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentOut {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<Period>,
    pub language: Language,
    /// SHA-256 of the file's bytes: the document's identity across runs.
    pub sha256: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CommitmentOut {
    pub id: String,
    pub document: String,
    pub anchor: String,
    pub text: String,
    pub area: String,
    pub kind: CommitmentKind,
    pub strength: Strength,
    pub due: Option<Period>,
    /// The sentence that introduces the list this item belongs to.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lead_in: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    /// Byte range of `text` in the document's normalised text.
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EvidenceOut {
    pub id: String,
    pub document: String,
    pub anchor: String,
    pub text: String,
    pub date: Option<Period>,
    pub concrete: bool,
    pub links: Vec<LinkOut>,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LinkOut {
    pub commitment: String,
    pub score: f32,
    pub relation: Relation,
}

/// Analyses `inputs`, oldest first. Fails on the first file that is not a readable document,
/// naming it.
pub fn analyze(inputs: &[Input<'_>], options: &Options) -> Result<Analysis, AnalyzeError> {
    let actors = ActorNames::new(options.organisations.clone());
    let mut analysis = Analysis {
        documents: Vec::new(),
        commitments: Vec::new(),
        evidence: Vec::new(),
        structured: Vec::new(),
    };
    let mut ledger = Ledger::default();
    for (di, input) in inputs.iter().enumerate() {
        let format = Format::detect(&input.name, input.bytes);
        let text = decode::decode(input.bytes, format, options.max_bytes)
            .map_err(|source| AnalyzeError { input: input.name.clone(), source })?;
        let doc = structure::parse(&text);
        let sha = hex(&Sha256::digest(input.bytes));
        let doc_id = format!("d{}", di + 1);
        let date = input.date.or_else(|| inferred_date(&doc));
        let day = date.map(|p| p.start());
        let language = input.language.unwrap_or_else(|| detect_language(&doc.text));
        analysis.documents.push(DocumentOut {
            id: doc_id.clone(),
            path: input.name.clone(),
            title: input
                .title
                .clone()
                .or_else(|| doc.title().map(str::to_owned))
                .unwrap_or_else(|| input.name.clone()),
            date,
            language,
            sha256: sha.clone(),
        });
        let cx = ExtractContext::new(&doc, day, &actors);
        let mut terms_cache = TermsCache::default();
        let drafts = extract::commitments(&doc, &cx);
        let statements = extract::statements(&doc, &drafts, &cx);
        // Walk the document in order so that a statement sees the commitments before it,
        // including earlier ones of its own document.
        let mut drafts = drafts.into_iter().peekable();
        for statement in statements {
            while let Some(draft) = drafts.next_if(|d| d.segment <= statement.segment) {
                ledger.record(draft, &doc, di, &doc_id, &sha, day, &cx, &mut terms_cache);
            }
            let seg = &doc.segments[statement.segment];
            let text = doc.segment_text(seg);
            let words = statement_terms(&doc, statement.segment, &cx, &mut terms_cache);
            let query = Query {
                terms: &words,
                document: di,
                day,
                deliverables: named_deliverables(&doc, statement.segment, &cx),
                area: &statement.area,
                date: statement.date.map(|p| p.start()).or(day),
                concrete: statement.concrete,
                progress_claim: statement.progress_claim,
                restatement: statement.restatement,
            };
            let own_id = content_id("c", &sha, &seg.anchor);
            let mut proposals: Vec<_> = ledger
                .index
                .link(&query)
                .into_iter()
                .filter(|p| ledger.commitments[p.target].id != own_id)
                .collect();
            if ledger.commitments.last().is_some_and(|c| c.id == own_id) {
                ledger.pair_restatements(
                    ledger.commitments.len() - 1,
                    &proposals,
                    &cx.folded[statement.segment],
                );
            }
            ledger.restated.spread_deliveries(&mut proposals, |t| {
                ledger.documents[t] < di && ledger.made[t].zip(day).is_none_or(|(made, day)| made < day)
            });
            let Some(best) = proposals.first() else { continue };
            // The sentence's date is the event's only when it is not before the commitment it
            // reports on: an earlier date belongs to something else it mentions.
            let made = ledger.made[best.target];
            let links: Vec<LinkOut> = proposals
                .iter()
                .map(|p| LinkOut {
                    commitment: ledger.commitments[p.target].id.clone(),
                    score: p.score,
                    relation: p.relation,
                })
                .collect();
            let date = statement.date.filter(|d| made.is_none_or(|m| d.end() >= m));
            analysis.evidence.push(EvidenceOut {
                id: content_id("e", &sha, &seg.anchor),
                document: doc_id.clone(),
                anchor: seg.anchor.clone(),
                text: text.to_owned(),
                date,
                concrete: statement.concrete,
                links,
                span: [seg.span.start, seg.span.end],
            });
        }
        for draft in drafts {
            ledger.record(draft, &doc, di, &doc_id, &sha, day, &cx, &mut terms_cache);
        }
        analysis.structured.push(doc);
    }
    analysis.commitments = ledger.commitments;
    Ok(analysis)
}

/// The commitments found so far, in order, and their index for linking (the index position of
/// a commitment is its position here).
#[derive(Default)]
struct Ledger {
    index: CommitmentIndex,
    commitments: Vec<CommitmentOut>,
    /// The date each commitment was made (its document's), by position.
    made: Vec<Option<Date>>,
    /// The position of each commitment's document, and what kinds of thing it delivers.
    documents: Vec<usize>,
    deliverables: Vec<Deliverables>,
    /// One-offs that are the same promise made again.
    restated: Restatements,
}

impl Ledger {
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        draft: CommitmentDraft,
        doc: &structure::Document,
        di: usize,
        doc_id: &str,
        sha: &str,
        day: Option<Date>,
        cx: &ExtractContext<'_>,
        cache: &mut TermsCache,
    ) {
        let seg = &doc.segments[draft.segment];
        let text = doc.segment_text(seg).to_owned();
        let words = commitment_terms(doc, draft.segment, draft.lead_in.as_deref(), cx, cache);
        let deliverables = named_deliverables(doc, draft.segment, cx);
        self.index.add(
            &words,
            Target {
                document: di,
                area: draft.area.clone(),
                kind: draft.kind,
                due: draft.due,
                made: day,
                deliverables,
            },
        );
        self.made.push(day);
        self.documents.push(di);
        self.deliverables.push(deliverables);
        self.restated.push();
        self.commitments.push(CommitmentOut {
            id: content_id("c", sha, &seg.anchor),
            document: doc_id.to_owned(),
            anchor: seg.anchor.clone(),
            text,
            area: draft.area,
            kind: draft.kind,
            strength: draft.strength,
            due: draft.due,
            lead_in: draft.lead_in,
            actors: draft.actors,
            span: [draft.span.start, draft.span.end],
        });
    }
}

impl Ledger {
    /// Records which earlier one-off the commitment at `own` promises again, from the links its
    /// own sentence proposes (`folded`).
    fn pair_restatements(&mut self, own: usize, proposals: &[crate::link::Proposal], folded: &str) {
        // Only the best link: a sentence promises again at most the one thing it most resembles.
        let Some(best) = proposals.first() else { return };
        if restated::restates(&self.promise(own, folded), &self.promise(best.target, ""), best) {
            self.restated.pair(own, best.target);
        }
    }

    fn promise<'a>(&self, i: usize, folded: &'a str) -> Promise<'a> {
        Promise { kind: self.commitments[i].kind, deliverables: self.deliverables[i], folded }
    }
}

/// Topic terms of a document's segments and headings, each computed once.
#[derive(Default)]
struct TermsCache {
    segments: rustc_hash::FxHashMap<usize, Vec<String>>,
    headings: rustc_hash::FxHashMap<String, Vec<String>>,
}

impl TermsCache {
    fn segment(&mut self, doc: &structure::Document, segment: usize, cx: &ExtractContext<'_>) -> &[String] {
        self.segments
            .entry(segment)
            .or_insert_with(|| terms_of(doc.segment_text(&doc.segments[segment]), &cx.folded[segment]))
    }

    fn text(&mut self, text: &str) -> &[String] {
        if !self.headings.contains_key(text) {
            let words = terms_of(text, &fold(text));
            self.headings.insert(text.to_owned(), words);
        }
        &self.headings[text]
    }
}

/// What a commitment is about, for linking: its words, its lead-in's, its headings', and the
/// opening of its list item when it is a later sentence of it (the item's bold label).
fn commitment_terms(
    doc: &structure::Document,
    segment: usize,
    lead_in: Option<&str>,
    cx: &ExtractContext<'_>,
    cache: &mut TermsCache,
) -> Vec<String> {
    let seg = &doc.segments[segment];
    let block = &doc.blocks[seg.block];
    let mut words = cache.segment(doc, segment, cx).to_vec();
    // "A joint test plan is to be agreed by the end of 2023.": a sentence of generic words
    // names its topic in the sentence before, or points back to it ("It will now take place
    // in Daejeon.").
    let untopical = words.iter().filter(|t| crate::link::is_topical(t)).count() < 2;
    if seg.index > 0 && (untopical || refers_back(&cx.folded[segment], &cx.folded[segment - 1])) {
        words.extend(cache.segment(doc, segment - 1, cx).to_vec());
    }
    if let Some(lead) = lead_in {
        words.extend_from_slice(cache.text(lead));
    }
    for title in doc.heading_titles(block) {
        words.extend_from_slice(cache.text(title));
    }
    if seg.index > 0 && block.label_len > 0 {
        words.extend_from_slice(cache.text(&doc.content(block)[..block.label_len]));
    }
    words
}

/// What kinds of thing a sentence names: those it names itself, and those of the sentence before
/// when it points back to it ("It will be held in Osaka in 2025" after "…a workshop on skills";
/// "It is scheduled for October" after "their second joint exercise").
fn named_deliverables(doc: &structure::Document, segment: usize, cx: &ExtractContext<'_>) -> Deliverables {
    let named = |folded: &str| {
        crate::classify::deliverables(&crate::classify::without_reference_times(&cx.actors.blanked(folded)))
    };
    let own = named(&cx.folded[segment]);
    let seg = &doc.segments[segment];
    if seg.index > 0 && refers_back(&cx.folded[segment], &cx.folded[segment - 1]) {
        own | named(&cx.folded[segment - 1])
    } else {
        own
    }
}

/// Whether a sentence's subject is a pronoun or a definite noun the sentence before named, or
/// what it undertakes is a pronoun ("The centres will now hold it in Vancouver in June 2025",
/// "remain on track to sign it before the end of 2024").
fn refers_back(folded: &str, before: &str) -> bool {
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:will|shall|to)\s+(?:now\s+|also\s+|then\s+)?[a-z]+\s+(?:it|them)(?:\s+(?:in|on|at|by|before|during|from|within|later|again|next|once)\b|\s*[.,;]|\s*$)")
            .expect("static regex")
    });
    // Most sentences hold no object pronoun: the regex only for those that may.
    if (folded.contains(" it") || folded.contains(" them")) && OBJECT.is_match(folded) {
        return true;
    }
    let mut words = folded.split_whitespace();
    match (words.next(), words.next()) {
        (Some("it" | "its" | "this" | "these" | "they" | "such"), _) => true,
        (Some("the"), Some(noun)) if noun.len() > 3 => {
            let noun = noun.trim_end_matches(|c: char| !c.is_alphanumeric());
            before.split(|c: char| !c.is_alphanumeric()).any(|w| w == noun)
        }
        _ => false,
    }
}

/// What a statement reports on: its words and its headings', and for a short sentence ("The
/// latest exchange took place in October 2024.") the sentence before it.
fn statement_terms(
    doc: &structure::Document,
    segment: usize,
    cx: &ExtractContext<'_>,
    cache: &mut TermsCache,
) -> Vec<(String, f32)> {
    let seg = &doc.segments[segment];
    let block = &doc.blocks[seg.block];
    let own = cache.segment(doc, segment, cx);
    let short = own.len() < 10;
    let mut words: Vec<(String, f32)> = own.iter().map(|t| (t.clone(), 1.0)).collect();
    if short && seg.index > 0 {
        words.extend(cache.segment(doc, segment - 1, cx).iter().map(|t| (t.clone(), CONTEXT_WEIGHT)));
    }
    for title in doc.heading_titles(block) {
        words.extend(cache.text(title).iter().map(|t| (t.clone(), HEADING_WEIGHT)));
    }
    words
}

/// Weight of a heading's words in a statement's query: they say where it sits, not what it says.
const HEADING_WEIGHT: f32 = 0.35;
/// Weight of the sentence before a short statement.
const CONTEXT_WEIGHT: f32 = 0.5;

/// `c-` + 16 hex digits of SHA-256(document hash, anchor): stable while the file is unchanged.
fn content_id(prefix: &str, document_sha: &str, anchor: &str) -> String {
    let mut h = Sha256::new();
    h.update(document_sha.as_bytes());
    h.update([0]);
    h.update(anchor.as_bytes());
    format!("{prefix}-{}", &hex(&h.finalize())[..16])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// The document's own date when the manifest gives none: a dateline ("October 7, 2022" alone
/// on a line) near the top, or the opening report of the meeting ("On January 16, 2024, … held",
/// "… took place on 22 January 2025").
fn inferred_date(doc: &structure::Document) -> Option<Period> {
    let day =
        |text: &str| crate::dates::find(text, None).into_iter().find(|m| matches!(m.period, Period::Day(_)));
    let dateline = doc.blocks.iter().take(12).find_map(|b| {
        let text = doc.content(b).trim();
        day(text).filter(|m| m.span.len() * 10 >= text.len() * 8).map(|m| m.period)
    });
    dateline.or_else(|| {
        doc.segments.iter().take(8).find_map(|seg| {
            let text = doc.segment_text(seg);
            let lower = text.to_lowercase();
            let reports = ["held", "took place", "met ", "convened", "launched", "signed", "issued", "開催"]
                .iter()
                .any(|w| lower.contains(w));
            let m = day(text)?;
            let introduced =
                lower[..m.span.start.min(lower.len())].trim_end().ends_with("on") || m.span.start < 4;
            (reports && introduced).then_some(m.period)
        })
    })
}

fn detect_language(text: &str) -> Language {
    let (mut cjk, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphanumeric()).take(20_000) {
        total += 1;
        if is_cjk(c) {
            cjk += 1;
        }
    }
    if total > 0 && cjk * 5 >= total { Language::Ja } else { Language::En }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(name: &str, text: &'a str, date: &str) -> Input<'a> {
        Input {
            name: name.into(),
            bytes: text.as_bytes(),
            title: None,
            date: date.parse().ok(),
            language: None,
        }
    }

    /// The agencies a commitment names say what it is about: a later statement that the same two
    /// agencies signed their arrangement reports on it, though the names are the manifest's
    /// organisations (rare names weigh much; names on every line weigh little).
    #[test]
    fn the_agencies_named_say_what_is_reported() {
        let framework = "# Framework\n\n## Cybersecurity\n\n\
            1. The Participants intend to conclude a working arrangement between ENISA and NISC within twelve months.\n\n\
            2. The Participants will share threat information on ransomware.\n\n\
            3. The Participants will cooperate on the security of undersea cables.\n";
        let statement =
            "# Council\n\nENISA and NISC signed their working arrangement in Brussels on 10 June 2024.\n";
        let options = Options {
            organisations: vec![
                ("ENISA".into(), vec!["ENISA".into(), "European Union Agency for Cybersecurity".into()]),
                ("NISC".into(), vec!["NISC".into()]),
            ],
            ..Options::default()
        };
        let a = analyze(
            &[input("framework.md", framework, "2023-05-16"), input("council.md", statement, "2024-06-11")],
            &options,
        )
        .unwrap();
        let arrangement = a.commitments.iter().find(|c| c.text.contains("working arrangement")).unwrap();
        let signed = a.evidence.iter().find(|e| e.text.contains("signed")).expect("the signing is evidence");
        assert_eq!(signed.links.first().map(|l| &l.commitment), Some(&arrangement.id), "{:?}", signed.links);
    }

    /// A deliverable is delivered by the statement that it happened, though the undertaking names
    /// it only by a pronoun ("It will be held…" after the workshop) or calls it a mechanism.
    #[test]
    fn deliveries_of_what_a_pronoun_or_a_mechanism_names() {
        let council = "# Council\n\n## Skills\n\n\
            Both sides agreed to organise a joint workshop on digital skills for universities. \
            It will be held in Osaka in the first half of 2025.\n\n\
            ## Chips\n\n\
            Ministers decided to set up an early-warning mechanism on chip supply chains by the end of 2024.\n";
        let note = "# Progress note\n\n## Skills\n\n\
            The joint workshop on digital skills took place in Osaka on 4 March 2025.\n\n\
            ## Chips\n\n\
            The early-warning mechanism on chip supply chains became operational on 2 December 2024.\n";
        let a = analyze(
            &[input("council.md", council, "2024-06-11"), input("note.md", note, "2025-06-24")],
            &Options::default(),
        )
        .unwrap();
        for (undertaking, report) in
            [("It will be held", "took place in Osaka"), ("early-warning mechanism", "became operational")]
        {
            let c = a.commitments.iter().find(|c| c.text.contains(undertaking)).unwrap();
            let e = a.evidence.iter().find(|e| e.text.contains(report)).expect("the report is evidence");
            let link = e.links.iter().find(|l| l.commitment == c.id);
            assert_eq!(link.map(|l| l.relation), Some(Relation::Delivered), "{report}: {:?}", e.links);
        }
    }

    /// "will now hold it in Vancouver": what is undertaken is what the sentence before named.
    #[test]
    fn an_undertaking_whose_object_is_a_pronoun_points_back() {
        let before = "the tabletop exercise on ransomware did not take place.";
        assert!(refers_back("the centres will now hold it in vancouver in june 2025.", before));
        assert!(refers_back("both institutes remain on track to sign it before the end of 2024.", before));
        assert!(!refers_back("the guide will make it easier for firms to comply.", before));
        let council = "# Council\n\n## Cyber\n\n\
            The joint tabletop exercise on ransomware planned for 2024 did not take place. \
            Both sides will now hold it in Vancouver in June 2025.\n\n\
            ## Data\n\nBoth sides will cooperate on privacy-enhancing technologies.\n\n\
            ## Skills\n\nBoth sides will promote exchanges of students in digital fields.\n";
        let note = "# Review\n\n## Cyber\n\n\
            The two centres held the tabletop exercise on ransomware in Vancouver on 24 June 2025.\n";
        let a = analyze(
            &[input("council.md", council, "2025-03-04"), input("note.md", note, "2026-03-10")],
            &Options::default(),
        )
        .unwrap();
        let c = a.commitments.iter().find(|c| c.text.contains("hold it")).unwrap();
        let e = a.evidence.iter().find(|e| e.text.contains("held the")).unwrap();
        let link = e.links.iter().find(|l| l.commitment == c.id);
        assert_eq!(link.map(|l| l.relation), Some(Relation::Delivered), "{:?}", e.links);
    }

    /// "It is scheduled for October" after "their second joint exercise" promises that second
    /// exercise again: the report that it took place delivers both promises.
    #[test]
    fn a_numbered_deliverable_promised_again_is_delivered_once_for_both() {
        let council = "# Council\n\n## Cyber\n\n\
            The two agencies will run a second joint cyber exercise with operators of energy networks in 2025.\n\n\
            Both sides will share threat information on ransomware.\n\n\
            ## Data\n\nBoth sides will cooperate on privacy-enhancing technologies.\n\n\
            ## Skills\n\nBoth sides will promote exchanges of students in digital fields.\n";
        let later = "# Dialogue\n\n## Cyber\n\n\
            The agencies are preparing their second joint cyber exercise with energy operators. \
            It is scheduled for October 2025.\n";
        let note = "# Fact sheet\n\n## Cyber\n\n\
            The second joint cyber exercise of the agencies took place in Seoul on 14 October 2025.\n";
        let a = analyze(
            &[
                input("council.md", council, "2024-10-29"),
                input("dialogue.md", later, "2025-07-15"),
                input("note.md", note, "2025-11-20"),
            ],
            &Options::default(),
        )
        .unwrap();
        let report =
            a.evidence.iter().find(|e| e.text.contains("took place")).expect("the report is evidence");
        for undertaking in ["will run a second", "It is scheduled"] {
            let c = a.commitments.iter().find(|c| c.text.contains(undertaking)).expect(undertaking);
            let link = report.links.iter().find(|l| l.commitment == c.id);
            assert_eq!(
                link.map(|l| l.relation),
                Some(Relation::Delivered),
                "{undertaking}: {:?}",
                report.links
            );
        }
    }

    /// "Its launch is now planned for September" promises again the pilot of the sentence
    /// before: the report of the pilot's launch delivers it too.
    #[test]
    fn a_promise_that_points_back_with_its_is_the_same_promise() {
        let framework = "# Framework\n\n## Identity\n\n\
            The Participants intend to launch a pilot on the cross-border use of digital identity wallets in 2025.\n\n\
            ## Data\n\nBoth sides will cooperate on privacy-enhancing technologies.\n";
        let later = "# Council\n\n## Identity\n\n\
            The pilot on digital identity wallets has not yet been launched, as bank participation is still under discussion. \
            Its launch for the cross-border use of digital identity wallets is now planned for September 2025.\n";
        let note = "# Fact sheet\n\n## Identity\n\n\
            The cross-border pilot on digital identity wallets was launched on 15 September 2025.\n";
        let a = analyze(
            &[
                input("framework.md", framework, "2024-06-01"),
                input("council.md", later, "2025-06-24"),
                input("note.md", note, "2025-11-20"),
            ],
            &Options::default(),
        )
        .unwrap();
        let report = a.evidence.iter().find(|e| e.text.contains("was launched on")).expect("evidence");
        let again = a.commitments.iter().find(|c| c.text.starts_with("Its launch")).expect("a promise");
        let link = report.links.iter().find(|l| l.commitment == again.id);
        assert_eq!(link.map(|l| l.relation), Some(Relation::Delivered), "{:?}", report.links);
    }

    /// A Japanese framework and a Japanese outcome, written the way the ministries publish them.
    #[test]
    fn japanese_undertakings_and_progress_are_found_and_linked() {
        let framework = "# 日英デジタルパートナーシップ\n\n## 半導体\n\n\
            （１）両国は、半導体サプライチェーンの強靱化に向けた協力を推進する。\n\n\
            （２）両国は、2024年第1四半期に産学官ワークショップを開催することで一致した。\n\n\
            ## 通信\n\n（１）両国は、オープンRANの展開に向けた共同研究開発に取り組む。\n";
        let outcome = "# 第2回日英デジタル評議会の結果\n\n## 半導体\n\n\
            2024年3月に、第1回日英半導体産学官ワークショップを東京で開催した。\n\n\
            ## 通信\n\n両国は、オープンRANに関する共同研究開発の進展を歓迎した。\n";
        let a = analyze(
            &[input("framework.md", framework, "2023-12-01"), input("outcome.md", outcome, "2024-06-01")],
            &Options::default(),
        )
        .unwrap();
        assert_eq!(a.documents[0].language, Language::Ja);
        let texts: Vec<&str> = a.commitments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        let workshop = a.commitments.iter().find(|c| c.text.contains("ワークショップ")).unwrap();
        assert_eq!(workshop.due.map(|d| d.to_string()).as_deref(), Some("2024-Q1"));
        assert_eq!(workshop.area, "semiconductors");
        assert_eq!(workshop.actors, ["both"]);

        let held = a.evidence.iter().find(|e| e.text.contains("開催した")).expect("the workshop is evidence");
        assert_eq!(held.date.map(|d| d.to_string()).as_deref(), Some("2024-03"));
        assert!(held.concrete);
        assert_eq!(held.links[0].commitment, workshop.id);
        assert_eq!(held.links[0].relation, Relation::Delivered);

        let welcomed =
            a.evidence.iter().find(|e| e.text.contains("歓迎した")).expect("the welcome is evidence");
        let open_ran = a.commitments.iter().find(|c| c.text.contains("オープンRAN")).unwrap();
        assert_eq!(welcomed.links[0].commitment, open_ran.id);
        assert_eq!(welcomed.links[0].relation, Relation::Reaffirmed);
    }
}
