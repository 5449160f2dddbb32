//! Finds the undertakings in a structured document (commitments) and the statements that
//! report on something (evidence candidates).
//!
//! An undertaking is a sentence whose participants bind themselves to a future act ("will",
//! "commit to", "agreed to", "concurred in", "decide to", "look to", 〜していく …), or a list
//! item governed by a lead-in that does ("both Participants will work together to: … vi. Develop
//! joint R&D initiatives"). Descriptions ("The global telecoms supply market has undergone…")
//! are not undertakings, whatever list they sit in.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use kizuna_core::{CommitmentKind, Period, Strength};
use regex::Regex;
use time::Date;

use crate::classify::{self, ActorNames, HeadingArea};
use crate::dates::{self, DateMention};
use crate::lexicon;
use crate::structure::{BlockKind, Document, Segment};
use crate::tokens::{PhraseMatcher, fold, whole_words};

mod cue;
use cue::{Cue, cue};

/// A commitment found in one document, before it gets its id.
#[derive(Clone, Debug)]
pub struct CommitmentDraft {
    pub segment: usize,
    pub span: Range<usize>,
    pub lead_in: Option<String>,
    pub area: String,
    pub kind: CommitmentKind,
    pub strength: Strength,
    pub actors: Vec<String>,
    pub due: Option<Period>,
}

/// A sentence that may report on earlier commitments.
#[derive(Clone, Debug)]
pub struct StatementDraft {
    pub segment: usize,
    pub area: String,
    /// The event's own date when the sentence states one.
    pub date: Option<Period>,
    /// Something happened (held, launched, signed…), as opposed to a restatement.
    pub concrete: bool,
    /// Claims progress without naming an event ("progress has been made").
    pub progress_claim: bool,
    /// Reaffirms, welcomes, recognises or "continues to": words of a restatement.
    pub restatement: bool,
    /// The sentence is also an undertaking.
    pub undertaking: bool,
}

/// What the extractor knows besides the text.
pub struct ExtractContext<'a> {
    pub date: Option<Date>,
    pub actors: &'a ActorNames,
    /// Each segment's text, [`fold`]ed once.
    pub folded: Vec<String>,
}

impl<'a> ExtractContext<'a> {
    pub fn new(doc: &Document, date: Option<Date>, actors: &'a ActorNames) -> ExtractContext<'a> {
        let folded = doc.segments.iter().map(|s| fold(doc.segment_text(s))).collect();
        ExtractContext { date, actors, folded }
    }
}

static EVENTS: LazyLock<PhraseMatcher> = LazyLock::new(|| PhraseMatcher::new([lexicon::EVENT_VERBS]));
static RESTATEMENTS: LazyLock<PhraseMatcher> =
    LazyLock::new(|| PhraseMatcher::new([lexicon::RESTATEMENT_CUES]));
/// Words of something that did not happen as planned: never a delivery.
static SETBACKS: LazyLock<PhraseMatcher> = LazyLock::new(|| {
    PhraseMatcher::new([&[
        "postponed",
        "delayed",
        "rescheduled",
        "cancelled",
        "canceled",
        "deferred",
        "suspended",
    ][..]])
});
static PROGRESS: LazyLock<PhraseMatcher> = LazyLock::new(|| PhraseMatcher::new([lexicon::PROGRESS_CUES]));
static ACTOR_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::ACTOR_WORDS.iter().copied().collect());
static BASE_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::BASE_VERBS.iter().copied().collect());

/// Extracts the commitments of `doc`.
pub fn commitments(doc: &Document, cx: &ExtractContext<'_>) -> Vec<CommitmentDraft> {
    let parents: HashSet<usize> = doc.blocks.iter().filter_map(|b| b.parent).collect();
    let mut governing_cache: Vec<Option<Governs>> = vec![None; doc.blocks.len()];
    let mut areas = HeadingAreas::default();
    let mut out = Vec::new();
    for (si, seg) in doc.segments.iter().enumerate() {
        let block = &doc.blocks[seg.block];
        let sentence = doc.segment_text(seg);
        let folded = &cx.folded[si];
        let is_last = doc.segments.get(si + 1).is_none_or(|n| n.block != seg.block);
        // A lead-in ("…will work together on multiple fronts to:") is carried by its items, and
        // so is a short item that only names a group of them ("- Semiconductors" over its items).
        // Word counts mean nothing in Japanese, which writes no spaces.
        let short =
            sentence.split_whitespace().count() <= 5 && !sentence.chars().any(crate::structure::is_cjk);
        // "- Semiconductors" followed by "- Research and development:": a group over a group.
        let over_a_group = doc.blocks.get(seg.block + 1).is_some_and(|next| {
            matches!(next.kind, BlockKind::Item(_)) && doc.content(next).trim_end().ends_with(':')
        });
        let names_a_group = matches!(block.kind, BlockKind::Item(_))
            && short
            && ((parents.contains(&seg.block) || over_a_group)
                && !sentence.trim_end().ends_with(['.', ';', '。'])
                || sentence.trim_end().ends_with([':', '：']));
        if is_last && parents.contains(&seg.block) && sentence.trim_end().ends_with([':', '：'])
            || names_a_group
        {
            continue;
        }
        let governs = block.parent.map(|p| governs(doc, p, cx, &mut governing_cache)).unwrap_or(Governs::No);
        let continues = out.last().is_some_and(|c: &CommitmentDraft| {
            c.segment + 1 == si && doc.segments[c.segment].block == seg.block
        });
        let own = cue(folded, sentence, cx.actors, continues);
        // A work plan's measure, undertaken without a cue: the words of its timeline.
        let measure = if own.is_none() { measure_timeline(doc, seg) } else { None };
        if own.is_none()
            && (governs == Governs::No || !matches!(block.kind, BlockKind::Item(_)))
            && measure.is_none()
        {
            continue;
        }
        // Dates are found in the folded sentence so that their offsets compare with the cue's.
        let mentions = dates::find(folded, cx.date);
        let (soft_cue, aim, cue_end) = match own {
            Some(c)
                if c.past
                    && (reports_history(&mentions, c, cx.date)
                        || narrates_history(doc, si, &cx.folded, &mentions, cx.date)) =>
            {
                continue;
            }
            // Japanese puts the date before the verb: any date of the sentence may be its due.
            Some(c) if c.japanese => (c.soft, c.aim, None),
            Some(c) => (c.soft, c.aim, Some(c.end)),
            None => {
                let first = seg.index == 0 && matches!(block.kind, BlockKind::Item(_));
                let governed =
                    first && governs != Governs::No && reads_as_undertaking(doc, seg, block.label_len);
                if !governed && measure.is_none() {
                    continue;
                }
                (false, governs == Governs::Aim, None)
            }
        };
        // A work plan's measure takes its due date from its own "Timeline:" line.
        let due = match measure {
            Some(timeline) => {
                let timeline = fold(timeline);
                due_date(&timeline, &dates::find(&timeline, cx.date), None, cx.date)
            }
            None => due_date(folded, &mentions, cue_end, cx.date),
        };
        let kind = if is_context(doc, si, folded, own.map(|c| c.start)) {
            CommitmentKind::Context
        } else {
            classify::kind(sentence, due.is_some(), aim)
        };
        // Only a deliverable has a deadline: continuing work is never overdue.
        let due = due.filter(|_| kind == CommitmentKind::OneOff);
        let context_text = block.parent.map(|p| doc.content(&doc.blocks[p])).unwrap_or("");
        let area = areas.of(doc, seg.block).area(&format!("{folded} {}", fold(context_text)));
        let lead_in = lead_in_text(doc, block.parent);
        let actors = {
            let own = classify::actors(sentence, cx.actors);
            if own.is_empty() { classify::actors(lead_in.unwrap_or(""), cx.actors) } else { own }
        };
        out.push(CommitmentDraft {
            segment: si,
            span: seg.span.clone(),
            lead_in: lead_in.map(str::to_owned),
            area,
            kind,
            strength: classify::strength(sentence, soft_cue),
            actors,
            due,
        });
    }
    out
}

/// A measure of a work plan written as a record — its words, then "Lead: …" and "Timeline: …"
/// — is an undertaking whatever its grammar ("To develop a joint reference paper…", "Two pilot
/// projects on…"): the words of its timeline, when this is the record's first sentence.
fn measure_timeline<'d>(doc: &'d Document, seg: &Segment) -> Option<&'d str> {
    const LEAD: &[&str] = &["lead:", "leads:", "lead organisations:", "lead agencies:", "responsible:"];
    const TIMELINE: &[&str] = &["timeline:", "timeframe:", "time frame:", "deadline:"];
    if seg.index != 0 {
        return None;
    }
    // The record's fields may share the measure's paragraph or stand as lines of their own.
    let fields = |block: usize| -> Option<&'d str> {
        let text = doc.content(doc.blocks.get(block)?);
        let lower = text.to_lowercase();
        let field = LEAD.iter().chain(TIMELINE).any(|k| lower.trim_start().starts_with(k));
        (block == seg.block || field).then_some(text)
    };
    let own = doc.content(&doc.blocks[seg.block]).to_lowercase();
    if LEAD.iter().chain(TIMELINE).any(|k| own.trim_start().starts_with(k)) {
        return None; // a field of the record, not the measure
    }
    let record: Vec<&str> = (seg.block..seg.block + 3).map_while(fields).collect();
    let lower: Vec<String> = record.iter().map(|t| t.to_lowercase()).collect();
    let led = lower.iter().any(|t| LEAD.iter().any(|k| t.contains(k)));
    let (text, at) = record.iter().zip(&lower).find_map(|(text, lower)| {
        TIMELINE.iter().find_map(|k| lower.find(k).map(|at| (*text, at + k.len())))
    })?;
    (led && text.is_char_boundary(at)).then(|| &text[at..])
}

/// [`HeadingArea`]s by the (pillar, heading) a block sits under.
#[derive(Default)]
struct HeadingAreas(rustc_hash::FxHashMap<(Option<usize>, Option<usize>), HeadingArea>);

impl HeadingAreas {
    fn of(&mut self, doc: &Document, block: usize) -> &HeadingArea {
        let b = &doc.blocks[block];
        self.0.entry((b.pillar, b.heading)).or_insert_with(|| HeadingArea::of(&doc.heading_titles(b)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Governs {
    No,
    Undertaking,
    Aim,
}

/// Whether a lead-in block makes its items undertakings: its last sentence ends with a colon
/// and binds the participants, or it is itself governed.
fn governs(
    doc: &Document,
    block: usize,
    cx: &ExtractContext<'_>,
    cache: &mut Vec<Option<Governs>>,
) -> Governs {
    if let Some(g) = cache[block] {
        return g;
    }
    cache[block] = Some(Governs::No); // guards against cycles
    let result = if let Some(last) = lead_in_text(doc, Some(block)) {
        let folded = fold(last);
        // The header of a table of actions (a work plan), laid out as a lead-in by the reader.
        let cells: Vec<&str> = last
            .trim_end()
            .trim_end_matches(':')
            .split('—')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let action_table = last.contains('—') && crate::tables::lists_actions(&cells);
        // "In particular, the following measures are envisaged:": what follows is to be done.
        let envisaged =
            ["measures", "actions", "activities", "steps", "initiatives"].iter().any(|w| folded.contains(w))
                && ["envisaged", "planned", "foreseen", "will be taken", "will be undertaken"]
                    .iter()
                    .any(|w| folded.contains(w));
        if cue(&folded, last, cx.actors, false).is_some() || action_table || envisaged {
            Governs::Undertaking
        } else if ["aims", "objectives", "goals", "aim of", "目的", "目標"].iter().any(|w| folded.contains(w))
        {
            Governs::Aim
        } else {
            match doc.blocks[block].parent {
                Some(p) => governs(doc, p, cx, cache),
                None => Governs::No,
            }
        }
    } else {
        Governs::No
    };
    cache[block] = Some(result);
    result
}

/// A governed list item reads as an undertaking when it is imperative ("Maintain, expand…"), a
/// gerund ("Building cyber skills…") or a short noun phrase ("Digital procurement reform"), not
/// a description with its own finite verb ("Cyber resilience is the ability…").
/// The words after a run-in label ("Electronic invoicing – promote …", "Trust services: explore
/// …"); the whole text when there is none.
fn run_in_body(text: &str) -> &str {
    for separator in [" – ", " — ", " - ", ": "] {
        if let Some(at) = text.find(separator) {
            let label = &text[..at];
            if (1..=6).contains(&label.split_whitespace().count()) && !label.contains(',') {
                return &text[at + separator.len()..];
            }
        }
    }
    text
}

fn reads_as_undertaking(doc: &Document, seg: &Segment, label_len: usize) -> bool {
    let text = doc.segment_text(seg);
    let body = if label_len > 0 && label_len < text.len() { &text[label_len..] } else { run_in_body(text) };
    let folded = fold(body);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return false };
    if BASE_VERBS.contains(first) || (first.ends_with("ing") && first.len() > 4) {
        return true;
    }
    // "a digital skills exchange programme for young professionals" is a thing to do; "The
    // market has consolidated" (a finite verb, below) describes.
    if matches!(*first, "this" | "these" | "it" | "its" | "as" | "there" | "new") {
        return false;
    }
    let finite = words.iter().any(|w| {
        matches!(
            *w,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "can"
                | "concerns"
                | "underpin"
                | "hold"
                | "holds"
        )
    });
    !finite && words.len() <= 20
}

/// A past-tense undertaking dated before the document ("in March 2022 both Participants
/// decided…", "committed to the … group in May 2024") is history, not a new commitment. Only
/// dates before the cue or just after it count: a date deep in a relative clause dates
/// something else.
fn reports_history(mentions: &[DateMention], cue: Cue, doc_date: Option<Date>) -> bool {
    let Some(doc_date) = doc_date else { return false };
    let near = |m: &&DateMention| m.span.start < cue.start || m.span.start <= cue.end + 60;
    let near: Vec<&DateMention> = mentions.iter().filter(near).collect();
    near.iter().any(|m| m.period.end() < doc_date) && !mentions.iter().any(|m| m.period.end() >= doc_date)
}

/// A past undertaking that continues a sentence about events well before the document ("In
/// March 2022 both Participants decided … This included a working group within which both
/// Participants committed to …") is background, unless the sentence itself looks ahead.
fn narrates_history(
    doc: &Document,
    segment: usize,
    folded: &[String],
    mentions: &[DateMention],
    doc_date: Option<Date>,
) -> bool {
    let Some(doc_date) = doc_date else { return false };
    if doc.segments[segment].index == 0 || mentions.iter().any(|m| m.period.end() >= doc_date) {
        return false;
    }
    let refers_back = ["this ", "these ", "that ", "which "].iter().any(|w| folded[segment].starts_with(w));
    let long_ago = doc_date - time::Duration::days(90);
    refers_back && dates::find(&folded[segment - 1], Some(doc_date)).iter().any(|m| m.period.end() < long_ago)
}

/// The due period: a date after the cue (or any date in a governed item), or a relative one
/// ("in the coming year") anywhere; never one that ended before the document, and only one
/// worded as a deadline.
fn due_date(
    folded: &str,
    mentions: &[DateMention],
    cue_end: Option<usize>,
    doc_date: Option<Date>,
) -> Option<Period> {
    mentions
        .iter()
        .filter(|m| doc_date.is_none_or(|d| m.period.end() >= d))
        .filter(|m| sets_a_deadline(folded, m))
        .find(|m| {
            cue_end.is_none_or(|end| m.span.start >= end)
                || m.relative && looks_ahead(&folded[m.span.clone()])
        })
        .map(|m| m.period)
}

/// A date sets a deadline ("in the first quarter of 2024", "by 2025", "in early 2024") unless
/// it names something else: a period that starts then ("the study period commencing 2023",
/// "from 2024"), a thing of that date ("the 2023 UN IGF", "this year's Digital Strategy").
fn sets_a_deadline(folded: &str, m: &DateMention) -> bool {
    let expression = &folded[m.span.clone()];
    if expression.chars().any(crate::structure::is_cjk) {
        return true;
    }
    let after = &folded[m.span.end..];
    if after.starts_with("'s") || after.starts_with("’s") || after.starts_with("s'") {
        return false;
    }
    if expression.starts_with("this year") || expression.starts_with("last year") {
        return false;
    }
    let before = folded[..m.span.start].trim_end();
    let last = before.rsplit(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
    // "the 2023 UN IGF": a bare date after an article names a thing; "the first quarter of
    // 2024" is a period.
    let names_a_thing = matches!(last, "the" | "this" | "that" | "its" | "their" | "a" | "an")
        && expression.starts_with(|c: char| c.is_ascii_digit());
    let starts_then =
        matches!(last, "commencing" | "starting" | "beginning" | "since" | "from" | "after" | "following");
    // "the World Radiocommunication Conference 2027", "… Conference of 2027", "Expo 2025": the
    // year is part of an event's name.
    let event_named = |w: &str| {
        matches!(
            w,
            "conference"
                | "summit"
                | "expo"
                | "exposition"
                | "games"
                | "assembly"
                | "congress"
                | "cup"
                | "olympics"
        )
    };
    let mut words = before.rsplit(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty());
    let in_a_name = expression.starts_with(|c: char| c.is_ascii_digit())
        && match words.next() {
            Some("of") => words.next().is_some_and(event_named),
            Some(w) => event_named(w),
            None => false,
        };
    !names_a_thing && !starts_then && !in_a_name
}

/// Words that read like an undertaking but bind nobody to the partnership: a quotation (or a
/// person speaking in the first person), one side's account of its own plans ("The UK's
/// Semiconductor Strategy sets out how the Government will…"), and sentences about the
/// partnership document itself ("This Partnership will provide a general framework…").
fn is_context(doc: &Document, segment: usize, folded: &str, cue_start: Option<usize>) -> bool {
    let before = &folded[..cue_start.unwrap_or(0).min(folded.len())];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let first_person = speaks_in_first_person(doc.segment_text(&doc.segments[segment]));
    let describes_a_plan = [
        "sets out how",
        "set out how",
        "outlines how",
        "describes how",
        "explains how",
        "details how",
        "sets out what",
        "outlines what",
    ]
    .iter()
    .any(|p| before.contains(p))
        || own_plan_subject(&words(before));
    let about_the_document = {
        let w = words(before);
        let subject = w.iter().rev().take(3).map(String::as_str).collect::<Vec<_>>();
        let predicate = |verbs: &[&str]| {
            verbs.iter().any(|p| {
                folded[cue_start.unwrap_or(0)..].split_once(' ').is_some_and(|(_, rest)| rest.starts_with(p))
            })
        };
        const DESCRIBES: &[&str] = &[
            "provide",
            "serve",
            "set out",
            "outline",
            "describe",
            "form",
            "constitute",
            "cover",
            "complement",
            "build on",
        ];
        // "This Partnership will provide…", "This statement will be…"; and of the instrument by
        // its name, "The MoC will provide an institutional framework…" (not "The arrangement
        // will be signed…", nor "The roadmap will be published…").
        let this_text = w.first().is_some_and(|f| f == "this")
            && subject.iter().any(|x| DOCUMENT_WORDS.contains(x))
            && (predicate(DESCRIBES) || predicate(&["be "]));
        let the_instrument = w.first().is_some_and(|f| f == "the")
            && w.len() <= 3
            && subject.iter().any(|x| INSTRUMENT_WORDS.contains(x))
            && predicate(DESCRIBES);
        this_text || the_instrument
    };
    first_person || describes_a_plan || about_the_document || in_quotation(doc, segment)
}

/// "I look forward", "my colleagues": a person speaks. A capital I that numbers something
/// ("I.1 The Sides will…", "(i)", "under Pillar I") is a label, and a capital "My" inside a
/// sentence starts a name ("the My Number Card"), not a speaker.
fn speaks_in_first_person(sentence: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut previous = String::new();
    let mut rest = sentence;
    let mut first = true;
    while let Some(start) = rest.find(is_word) {
        let len = rest[start..].find(|c: char| !is_word(c)).unwrap_or(rest.len() - start);
        let (before, written, after) = (&rest[..start], &rest[start..start + len], &rest[start + len..]);
        let word = written.to_lowercase();
        let numbering = before.ends_with('(')
            || after.starts_with(')')
            || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_alphanumeric())
            || matches!(
                previous.as_str(),
                "pillar" | "part" | "section" | "chapter" | "annex" | "article" | "title" | "phase"
            );
        match word.as_str() {
            "my" if first || written == "my" => return true,
            "i'm" | "i’m" => return true,
            "i" if !numbering => return true,
            _ => {}
        }
        first = false;
        previous = word;
        rest = after;
    }
    false
}

const DOCUMENT_WORDS: &[&str] = &[
    "partnership",
    "framework",
    "document",
    "statement",
    "memorandum",
    "moc",
    "mou",
    "arrangement",
    "agreement",
    "declaration",
    "note",
    "factsheet",
    "roadmap",
];

/// The instrument a framework is: "the MoC", "the Partnership", "the Memorandum".
const INSTRUMENT_WORDS: &[&str] =
    &["partnership", "framework", "memorandum", "moc", "mou", "arrangement", "agreement", "declaration"];

/// "India's Digital India programme aims to…", "The UK's AI Opportunities Action Plan will…":
/// a plan owned by someone other than the partnership.
fn own_plan_subject(words: &[String]) -> bool {
    let plan = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "strategy" | "plan" | "programme" | "program" | "budget" | "act" | "policy" | "mission"
        )
    });
    let owner = words.iter().find_map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")));
    plan && owner
        .is_some_and(|o| !matches!(o, "partnership" | "council" | "group" | "dialogue" | "initiative"))
}

/// Whether the sentence is someone's quoted words: it opens a quotation, is said ("…," said
/// the Minister; the Minister said: "…"), or sits after an opening mark still unclosed in its
/// paragraph. A quoted title inside a sentence ("establish a \"Digital Council\"") is not.
fn in_quotation(doc: &Document, segment: usize) -> bool {
    let seg = &doc.segments[segment];
    let block = &doc.blocks[seg.block];
    let is_mark = |c: char| matches!(c, '"' | '“' | '”' | '「' | '」');
    let start = block.span.start.min(seg.span.start);
    let open_before = doc.text[start..seg.span.start].chars().filter(|c| is_mark(*c)).count() % 2 == 1;
    let text = doc.segment_text(seg).trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let opens = text.starts_with(is_mark);
    let said = |w: &str| {
        ["said", "says", "added", "commented", "stated", "noted"]
            .iter()
            .any(|v| w.trim_matches(|c: char| !c.is_alphanumeric()).eq_ignore_ascii_case(v))
    };
    let spoken = text.chars().any(is_mark) && text.split_whitespace().any(said);
    open_before || opens || spoken
}

/// "in the coming year", "next year", "within twelve months": relative dates that point forward
/// wherever they sit in the sentence ("In the coming year, both will…").
fn looks_ahead(expression: &str) -> bool {
    ["next", "coming", "ahead", "following", "within", "来年"].iter().any(|w| expression.contains(w))
}

fn lead_in_text(doc: &Document, parent: Option<usize>) -> Option<&str> {
    let text = doc.content(&doc.blocks[parent?]);
    let last = crate::sentences::split(text).pop().map(|r| &text[r])?;
    last.trim_end().ends_with([':', '：']).then_some(last)
}

/// Every body sentence that may report on something, with its date and character.
pub fn statements(
    doc: &Document,
    commitments: &[CommitmentDraft],
    cx: &ExtractContext<'_>,
) -> Vec<StatementDraft> {
    let undertakings: HashSet<usize> = commitments.iter().map(|c| c.segment).collect();
    let mut areas = HeadingAreas::default();
    let mut out = Vec::new();
    for (si, seg) in doc.segments.iter().enumerate() {
        let sentence = doc.segment_text(seg);
        if sentence.trim_end().ends_with([':', '：'])
            || sentence.split_whitespace().count() < 5 && !sentence.chars().any(crate::structure::is_cjk)
            || lists_names(sentence) && !EVENTS.contains(&cx.folded[si])
            || describes_itself(&cx.folded[si])
        {
            continue;
        }
        let folded = &cx.folded[si];
        let mentions = dates::find(folded, cx.date);
        let undertaking = undertakings.contains(&si);
        let concrete =
            reports_an_event(folded) && !reports_a_setback(folded) || dated_act(folded, &mentions, cx.date);
        let progress_claim = PROGRESS.contains(folded) || reports_work_done(folded) || reports_a_part(folded);
        let restatement = RESTATEMENTS.contains(folded);
        out.push(StatementDraft {
            segment: si,
            area: areas.of(doc, seg.block).area(folded),
            date: event_date(folded, &mentions, cx.date),
            concrete,
            progress_claim,
            restatement,
            undertaking,
        });
    }
    out
}

/// Whether what the sentence reports was put off or called off. A setback told in an aside is
/// the history of what the sentence reports ("The Forum, postponed twice, was finally held in
/// Milan"; "The workshop, which had been delayed, took place in May"), not the news.
fn reports_a_setback(folded: &str) -> bool {
    if !SETBACKS.contains(folded) {
        return false;
    }
    let mut news = String::with_capacity(folded.len());
    let mut parts = folded.split(", ").peekable();
    let mut first = true;
    while let Some(part) = parts.next() {
        // A middle part (with a comma on each side) that holds the setback is an aside.
        let aside = !first && parts.peek().is_some() && SETBACKS.contains(part);
        if !aside {
            news.push_str(part);
            news.push(' ');
        }
        first = false;
    }
    SETBACKS.contains(&news)
}

/// "This outcome document outlines the progress made…", "This factsheet summarises…", "This
/// joint statement was adopted in English and Korean": a sentence about the text it stands in
/// reports on nothing the partners did.
fn describes_itself(folded: &str) -> bool {
    const THE_TEXT: &[&str] =
        &["document", "statement", "factsheet", "report", "note", "website", "page", "communique", "summary"];
    let mut words = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    words.next() == Some("this") && words.take(3).any(|w| THE_TEXT.contains(&w))
}

/// A list of people and offices ("Japan was represented by Mr. … , State Minister of …"), a
/// caption or an attendance line: mostly capitalised words, reporting nothing.
fn lists_names(sentence: &str) -> bool {
    let words: Vec<&str> =
        sentence.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 2).collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
        .count();
    words.len() >= 8 && capitalised * 100 > words.len() * 65
}

/// Whether the sentence reports something that happened ("was held", "launched", "the
/// establishment of which was endorsed"), not one still to come ("will be held", "agreed to
/// hold a workshop to be launched").
fn reports_an_event(folded: &str) -> bool {
    EVENTS.find_spans(folded).into_iter().any(|(_, span)| {
        // "The Working Group concluded in January that a study would add little", "reported
        // that": a judgement or an account, not the act itself ("signed in May an agreement
        // that…" is the act).
        let says = matches!(&folded[span.start..span.end], "concluded" | "reported" | "announced");
        let judged = says
            && folded[span.end..]
                .split_whitespace()
                .take(6)
                .take_while(|w| !matches!(*w, "the" | "a" | "an" | "its" | "their" | "and"))
                .any(|w| w == "that");
        if judged {
            return false;
        }
        let before = folded[..span.start].trim_end();
        // "The selected projects are expected to start": a participle after an article names
        // a thing; it reports nothing.
        let adjective = folded[span.start..span.end].ends_with("ed")
            && ["the", "a", "an", "its", "their", "these", "those"]
                .iter()
                .any(|w| before.ends_with(w) && word_ends(before, w));
        if adjective {
            return false;
        }
        // Still to come, under way or denied: "will be held", "is being finalised", "has not
        // yet started", "never met".
        let to_come = ["will be", "to be", "shall be", "would be", "will", "to", "be", "being"];
        let denied = ["not", "not yet", "never", "not been", "not yet been"];
        !to_come.iter().chain(&denied).any(|w| before.ends_with(w) && word_ends(before, w))
    })
}

/// "The two sides coordinated closely at the ITU Council", "Experts continued to coordinate
/// their contributions": work the participants did, told in the past, is progress on what they
/// undertook, though nothing was held or launched. "A coordinated call" is a thing, and work
/// still to come ("will be coordinated") has not been done.
/// "have finalised two of the four modules": a count of parts done is progress towards the
/// whole, never its delivery; so is a progress table's row whose status cell says the work
/// goes on ("Open RAN testing — ongoing — Test campaigns took place…").
fn reports_a_part(folded: &str) -> bool {
    static PART: LazyLock<Regex> = LazyLock::new(|| {
        let n = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)";
        Regex::new(&format!(r"\b{n}\s+of\s+(?:the|its|their)\s+{n}\b")).expect("static regex")
    });
    static UNFINISHED: LazyLock<Regex> = LazyLock::new(|| {
        // Folded text has the cells' " — " as " - ".
        Regex::new(r" - (?:ongoing|on-going|delayed|in progress|under way|underway|not started|partly completed|partially completed|postponed) - ")
            .expect("static regex")
    });
    PART.is_match(folded) || UNFINISHED.is_match(folded)
}

fn reports_work_done(folded: &str) -> bool {
    const DONE: &[&str] = &[
        "coordinated",
        "cooperated",
        "collaborated",
        "worked",
        "continued to",
        // "Work on the arrangement continued at expert level."
        "continued",
        "carried out",
        "co-delivered",
        "trained",
        "engaged with",
        // "A team studied the once-only system with Commission experts", "experts exchanged
        // views on …": learning from each other, done.
        "studied",
        "exchanged",
    ];
    const NOT_A_VERB_AFTER: &[&str] =
        &["a", "an", "the", "their", "its", "this", "these", "our", "well", "be", "been"];
    if ["will", "shall", "intend", "plan to", "to be"].iter().any(|w| whole_words(folded, w).next().is_some())
    {
        return false;
    }
    DONE.iter().any(|verb| {
        whole_words(folded, verb).any(|at| {
            let before = folded[..at].trim_end();
            let previous = before.rsplit(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
            !previous.is_empty() && !NOT_A_VERB_AFTER.contains(&previous)
        })
    })
}

/// Whether `w`, which `text` ends with, is a whole word there ("not", not "cannot").
fn word_ends(text: &str, w: &str) -> bool {
    text[..text.len() - w.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// "Both Participants committed to the Friends group in May 2024": a past act the sentence
/// dates is something that happened, whatever its verb.
fn dated_act(folded: &str, mentions: &[DateMention], doc_date: Option<Date>) -> bool {
    const ACTS: &[&str] = &[
        "committed to",
        "signed",
        "agreed",
        "decided",
        "concluded",
        "extended",
        "expanded",
        "renewed",
        "approved",
        "discussed",
    ];
    let acted = ACTS.iter().any(|w| folded.contains(w));
    acted
        && !reports_a_setback(folded)
        && mentions.iter().any(|m| {
            doc_date.is_some_and(|d| m.period.end() <= d)
                && !m.relative
                && !in_background(folded, m.span.start)
        })
}

/// Whether a date at `at` sits in a clause that tells the background of what the sentence
/// reports, not the event itself: an aside or relative clause (", signed in 2022,", "which was
/// signed in 2022"), a reduced relative ("the MoC signed in 2022"), or a time it refers back
/// to ("since the first Council on 12 September 2023", "originally planned for 2024").
fn in_background(folded: &str, at: usize) -> bool {
    let clause_start = folded[..at].rfind([',', ';', '(', '—', '–']).map_or(0, |p| p + 1);
    let clause: Vec<&str> = folded[clause_start..at].split_whitespace().collect();
    let participle = |w: &str| {
        w.len() > 4 && w.ends_with("ed") || matches!(w, "held" | "made" | "set" | "built" | "taken")
    };
    let auxiliary =
        |w: &str| matches!(w, "was" | "were" | "is" | "are" | "been" | "be" | "has" | "have" | "had");
    // ", signed in 2022," is an aside; ", Yoon Jae-hyeok, held the first meeting … on 29
    // October 2024" is the main verb after a name: it takes an object.
    let takes_an_object =
        matches!(clause.get(1), Some(&("the" | "a" | "an" | "their" | "its" | "his" | "her")));
    let opens_aside = clause_start > 0
        && clause.first().is_some_and(|w| {
            participle(w) && !takes_an_object || matches!(*w, "which" | "that" | "who" | "whose" | "where")
        });
    let relative = clause.iter().any(|w| matches!(*w, "which" | "whose"));
    let refers_back = clause
        .iter()
        .rev()
        .take(6)
        .any(|w| matches!(*w, "since" | "originally" | "previously" | "initially"))
        || folded[..at].trim_end().ends_with("planned for");
    // "the MoC signed in 2022": a participle straight after a noun, no auxiliary before it.
    let reduced_relative = clause.len() >= 3 && {
        let n = clause.len();
        matches!(clause[n - 1], "in" | "on" | "at")
            && participle(clause[n - 2])
            && !auxiliary(clause[n - 3])
            && !matches!(
                clause[n - 3],
                "both"
                    | "participants"
                    | "sides"
                    | "they"
                    | "we"
                    | "ministers"
                    | "jointly"
                    | "successfully"
                    | "also"
            )
    };
    opens_aside || relative || refers_back || reduced_relative
}

/// The event's date: the most precise stated date that is not in the document's future, nor
/// in a clause about the background.
fn event_date(folded: &str, mentions: &[DateMention], doc_date: Option<Date>) -> Option<Period> {
    // A bare year names the event's time after "in", "during" or "since"; "the 2021 reform"
    // dates something else.
    let dates_the_event = |m: &&DateMention| {
        (!matches!(m.period, Period::Year(_))
            || m.relative
            || ["in ", "during ", "until ", "by "].iter().any(|w| folded[..m.span.start].ends_with(w)))
            && !in_background(folded, m.span.start)
    };
    let past: Vec<&DateMention> = mentions
        .iter()
        .filter(|m| doc_date.is_none_or(|d| m.period.start() <= d))
        .filter(dates_the_event)
        .collect();
    past.iter()
        .find(|m| matches!(m.period, Period::Day(_) | Period::Month { .. }))
        .or_else(|| past.first())
        .map(|m| m.period)
}

#[cfg(test)]
mod tests;
