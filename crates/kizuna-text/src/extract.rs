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

/// Where an undertaking's cue ends in the folded sentence, and whether it is soft.
#[derive(Clone, Copy, Debug)]
struct Cue {
    start: usize,
    end: usize,
    soft: bool,
    /// "committed to", "agreed", "decided to": past forms that may report history.
    past: bool,
    aim: bool,
    japanese: bool,
}

static CUES: LazyLock<Vec<(Regex, bool, bool)>> = LazyLock::new(|| {
    // (pattern, soft, past)
    let list: &[(&str, bool, bool)] = &[
        (r"\b(?:will|shall)\b", false, false),
        (r"\bcommit(?:s)?\s+to\b", false, false),
        (r"\bcommitted\s+to\b", false, true),
        (r"\bconfirmed\s+(?:their\s+commitment|their\s+cooperation|to)\b", false, true),
        (
            r"\b(?:reaffirm(?:s|ed)?|confirm(?:s|ed)?|restated)\s+their\s+(?:shared\s+|joint\s+|strong\s+|continued\s+|mutual\s+)?(?:commitment|collaboration|cooperation|intention|determination|willingness|resolve)\s+to\b",
            false,
            true,
        ),
        (
            r"\b(?:tasked|instructed|mandated|asked|invited|requested|encouraged)\s+(?:[a-z'’-]+\s+){0,6}to\b",
            false,
            true,
        ),
        (
            // "their intention to", "the intent of both Participants to", "outlines their intent to"
            r"\b(?:their|the|its)\s+(?:intent|intention)s?\s+(?:of\s+(?:[a-z'’-]+\s+){1,6})?to\b",
            false,
            false,
        ),
        // "A workshop is planned for the first half of 2025", "is scheduled to take place", and
        // a new date for something put off: "It is now planned for March", "is now expected in".
        (
            r"\b(?:is|are)\s+(?:now\s+)?(?:planned|scheduled|foreseen|envisaged)\s+(?:for|to|in|at|on|by)\b|\b(?:is|are)\s+now\s+expected\s+(?:for|in|at|on|by)\b",
            false,
            false,
        ),
        // "A joint test plan is to be agreed by the end of 2023."
        (
            r"\b(?:is|are)\s+to\s+be\s+(?:[a-z]+(?:ed|en)|held|set|met|run|made|built|led|sent|begun)\b",
            false,
            false,
        ),
        (r"\bexpects?\s+to\b", false, false),
        // "The Participants are expected to share…", "The first Forum is expected to be held…":
        // bound like a modal (not "the market is expected to grow").
        (r"\b(?:is|are)\s+(?:now\s+|also\s+)?expected\s+to\b", false, false),
        // "agreed to", "decided instead to", "also agreed that".
        (
            r"\bagree(?:s|d)?\s+(?:with\s+[a-z]+(?:\s+[a-z]+)?\s+)?(?:(?:also|further|jointly|now|instead)\s+)?(?:to|on|that)\b",
            false,
            true,
        ),
        (r"\bconcur(?:s|red)?\s+(?:in|on|that|to)\b", false, true),
        (r"\bdecide(?:s|d)?\s+(?:on\s+the|that\s+there\s+is\s+a|there\s+is\s+a)\s+need\b", true, true),
        (
            r"\bdecide(?:s|d)?\s+(?:(?:also|further|jointly|now|instead|therefore)\s+)?(?:to|that)\b",
            false,
            true,
        ),
        // "It was decided that MeitY will publish…", "It was agreed to launch…": the meeting
        // decided, whoever acts.
        (r"\bit\s+was\s+(?:also\s+)?(?:decided|agreed)\s+(?:that|to)\b", false, true),
        // A scorecard's next steps: "Second Dialogue — scheduled to take place in Paris in March
        // 2026.", "— to be held in Paris on 18 November 2025."
        (
            r"(?:^|\s-\s)(?:(?:scheduled|planned|due|expected)\s+to\s+(?:take\s+place|be\s+[a-z]+)|to\s+be\s+(?:held|convened|launched|organised|organized|published|opened))\b",
            false,
            false,
        ),
        (r"\blooks?\s+(?:forward\s+)?to\b", true, false),
        (r"\b(?:aim|aims|seek|seeks|endeavour|endeavor|endeavours|strive|strives)\s+to\b", true, false),
        (
            r"\b(?:intend|intends|plan|plans|resolve|resolved|pledge|pledged|undertake|undertook)\s+to\b",
            false,
            false,
        ),
        (r"\b(?:is|are)\s+working\s+to\b", true, false),
        // "The Parties hereby establish a Joint Committee": the instrument does it as it is signed.
        (
            r"\bhereby\s+(?:establish|establishes|create|creates|set\s+up|sets\s+up|decide|decides)\b",
            false,
            false,
        ),
        // A new date for what was put off: "has been rescheduled to the second half of 2025".
        (
            r"\b(?:rescheduled|postponed|deferred|moved|pushed\s+back)\s+(?:again\s+)?(?:to|until)\b",
            false,
            false,
        ),
        // Minutes' action points: "Action: DSIT and IMDA to publish the mapping by June 2025."
        (
            r"^(?:agreed\s+)?(?:action|actions|action\s+point|follow-up|next\s+step)s?\s*:\s*[^.;:]{1,120}?\bto\b",
            false,
            false,
        ),
        (
            // Japanese outcome documents state what the sides will do in the plain non-past
            // (…を継続する。); "confirmed that they will hold" (開催することを確認した) is an
            // undertaking, "confirmed the progress" (進捗を確認した) is not.
            r"していく|を推進する|に取り組む|て取り組む|を目指す|することで一致した|で一致した|で合意した|ことに合意した|予定である|予定だ|を進める|ていく|することを確認した|ることを確認した|することとした|することとする|(?:を|に|へ|と)[^。、]{0,16}(?:する|立ち上げる|始める|進める|深める|強める|高める|設ける)。?$",
            false,
            false,
        ),
    ];
    list.iter().map(|(p, soft, past)| (Regex::new(p).expect("static cue regex"), *soft, *past)).collect()
});

/// For each of [`CUES`], words one of which its matches always contain: a cheap test before
/// the regex runs.
const CUE_TRIGGERS: &[&[&str]] = &[
    &["will", "shall"],
    &["commit"],
    &["committed"],
    &["confirmed"],
    &["reaffirm", "confirm", "restated"],
    &["tasked", "instructed", "mandated", "asked", "invited", "requested", "encouraged"],
    &["intent"],
    &["planned", "scheduled", "foreseen", "envisaged", "now expected"],
    &["to be"],
    &["expect"],
    &["expected to"],
    &["agree"],
    &["concur"],
    &["decide"],
    &["decide"],
    &["decided", "agreed"],
    &["scheduled", "planned", "due", "expected", "to be"],
    &["look"],
    &["aim", "seek", "endeavo", "strive"],
    &["intend", "plan", "resolve", "pledge", "undert"],
    &["working"],
    &["hereby"],
    &["rescheduled", "postponed", "deferred", "moved", "pushed back"],
    &["action", "follow-up", "next step"],
    &["して", "推進", "取り組", "目指", "一致", "合意", "予定", "進め", "ていく", "確認", "する", "る。"],
];
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

/// Finds the undertaking cue of a folded sentence, if it has one that binds an actor.
/// `continues` says the sentence before, in the same paragraph, is an undertaking: its subject
/// is who "It" or "They" is ("The Group will meet twice a year. It shall report to…").
fn cue(folded: &str, original: &str, actors: &ActorNames, continues: bool) -> Option<Cue> {
    let mut best: Option<Cue> = None;
    for (i, (re, soft, past)) in CUES.iter().enumerate() {
        if !CUE_TRIGGERS[i].iter().any(|t| folded.contains(t)) {
            continue;
        }
        for m in re.find_iter(folded) {
            if !binds_actor(folded, original, m.start(), m.end(), actors, continues) {
                continue;
            }
            let matched = &folded[m.start()..m.end()];
            let aim = matched.starts_with("aim") || matched.ends_with("need");
            let japanese = matched.chars().any(crate::structure::is_cjk);
            let candidate = Cue { start: m.start(), end: m.end(), soft: *soft, past: *past, aim, japanese };
            if best.is_none_or(|b| m.end() < b.end) {
                best = Some(candidate);
            }
            break;
        }
    }
    best.map(|mut c| {
        // "will look to explore": the soft words after the modal decide.
        let rest = &folded[c.end..];
        let window: String = rest.chars().take(40).collect();
        if ["look to", "look forward", "explore", "endeavour", "seek to", "consider", "scope"]
            .iter()
            .any(|w| window.contains(w))
        {
            c.soft = true;
        }
        c
    })
}

/// The subject before a modal must be a participant ("both Participants will…", "The UK and
/// Japan will…"), not a thing ("Stimulating a … market will increase…") or a relative clause.
fn binds_actor(
    folded: &str,
    original: &str,
    start: usize,
    end: usize,
    actors: &ActorNames,
    continues: bool,
) -> bool {
    let cue_text = &folded[start..end];
    if cue_text.chars().any(crate::structure::is_cjk) {
        return true;
    }
    // "will now be organised", "will also take place": an adverb does not change the verb.
    let after = folded[end..].trim_start();
    let after = ["now ", "also ", "further ", "jointly ", "again ", "then ", "soon ", "subsequently "]
        .iter()
        .find_map(|adverb| after.strip_prefix(adverb))
        .unwrap_or(after);
    let modal = cue_text == "will" || cue_text == "shall" || cue_text.ends_with("expected to");
    if modal && after.starts_with("not")
        || is_instrument_clause(folded)
        || addresses_the_reader(folded, start)
    {
        return false;
    }
    if modal
        && ["next step:", "next steps:", "action:", "follow-up:"]
            .iter()
            .any(|l| folded.trim_start().starts_with(l))
    {
        // A report's "Next step: The first students will begin…": the field says it is to be done.
        return true;
    }
    if modal && after.starts_with("be ") {
        // "will be held / discussed / reviewed …": an act undertaken in the passive, whoever
        // the subject.
        return binds_passive(&after[3..]);
    }
    if modal && EVENT_PREDICATES.iter().any(|p| after.starts_with(p)) {
        // "It will now take place in Daejeon", "The symposium will take place in Oulu": a
        // meeting of the partnership's own, whatever names it.
        return true;
    }
    let new_date =
        ["rescheduled", "postponed", "deferred", "moved", "pushed"].iter().any(|w| cue_text.starts_with(w));
    if new_date {
        // "postponed to allow operators to take part" gives a reason, not a date; ", rescheduled
        // to June 2025," is the background of what the sentence reports.
        let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let purpose =
            BASE_VERBS.contains(next) || matches!(next, "allow" | "enable" | "let" | "permit" | "ensure");
        return !purpose && !folded[..start].trim_end().ends_with(',');
    }
    if !modal
        && (cue_text.starts_with("it was")
            || cue_text.trim_start().starts_with("- ")
            || cue_text.starts_with("scheduled")
            || cue_text.starts_with("to be")
            || cue_text.starts_with("planned")
            || cue_text.starts_with("due")
            || cue_text.starts_with("expected"))
    {
        // "It was decided that…", "— scheduled to take place…": the act, whoever the subject.
        return true;
    }
    if !modal && cue_text.starts_with("hereby") {
        // "hereby establish", "has been rescheduled to": the act itself, whoever the subject.
        return true;
    }
    if !modal && cue_text.contains(':') {
        // "Action: DSIT and IMDA to publish…": the minutes say who acts, and that they will.
        return true;
    }
    if !modal && (cue_text.starts_with("is ") || cue_text.starts_with("are ")) {
        // "… is planned for 2024", "… is to be agreed": the passive again.
        return true;
    }
    if !modal && cue_text.split_whitespace().any(|w| ACTOR_WORDS.contains(w)) {
        // "the intent of both Participants to": the cue names who acts.
        return true;
    }
    let split_words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let clause_start = folded[..start].rfind([',', ';', ':']).map_or(0, |p| p + 1);
    let mut subject = &folded[clause_start..start];
    // "A senior officials' meeting, led by …, will prepare": the subject is before the aside.
    if split_words(subject).is_empty() {
        subject = &folded[..start];
    }
    let owned = split_words(subject);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    if modal && continues && clause_start == 0 && matches!(words[..], ["it"] | ["they"]) {
        return true;
    }
    if words.iter().any(|w| {
        matches!(*w, "which" | "that" | "who" | "what" | "how" | "whether" | "it" | "this" | "there")
    }) && !words.iter().any(|w| ACTOR_WORDS.contains(w))
    {
        return false;
    }
    // "Neither Party shall require…": an obligation not to act binds both, as trade agreements
    // write it; "Neither Participant shall be bound…", "Nothing in this MoU shall…" bind nobody.
    const FORBIDDEN_ACTS: &[&str] =
        &["require", "impose", "adopt", "maintain", "prevent", "restrict", "prohibit", "deny"];
    let forbids = modal
        && words.first() == Some(&"neither")
        && FORBIDDEN_ACTS.iter().any(|verb| after.starts_with(verb));
    if words.first().is_some_and(|w| matches!(*w, "nothing" | "no" | "neither")) && !forbids {
        return false;
    }
    if !modal {
        // "agreed to", "look forward to": the verb itself says who acts, when anyone is named.
        return !words.is_empty() || clause_start == 0;
    }
    if after.starts_with("continue") || after.starts_with("also continue") {
        return true;
    }
    words.iter().any(|w| ACTOR_WORDS.contains(w))
        || !classify::actors(subject, actors).is_empty()
        || is_acronym_subject(subject)
        || names_a_proper_noun(original, &words)
}

/// Sentences about the instrument itself — when it takes effect, costs, laws, amendment — are
/// legal provisions, not undertakings.
fn is_instrument_clause(folded: &str) -> bool {
    // "Each Side will implement the Partnership within the limits of its budget and its laws":
    // how the whole is carried out, not something to do.
    let carries_out_the_whole = [
        "implement the partnership",
        "carry out the activities",
        "partnership will be carried out",
        "implement this memorandum",
        "cooperation under it will be carried out",
        "cooperation under this",
    ]
    .iter()
    .any(|p| folded.contains(p))
        && ["laws", "budget", "resources", "funds"].iter().any(|p| folded.contains(p));
    carries_out_the_whole
        || [
            "take effect",
            "remain in effect",
            "in accordance with its applicable laws",
            "in accordance with their applicable laws",
            "subject to the availability of",
            "bear its own costs",
            "bear their own costs",
            "legally binding",
            "by mutual written consent",
            "written notice",
            "may be amended",
            "will enter into force",
            "shall enter into force",
        ]
        .iter()
        .any(|p| folded.contains(p))
}

/// What a modal says that makes the sentence a meeting or event, whatever its subject.
/// "A joint call will open in the first quarter", "The programme will open for applications":
/// a call or programme opening on a date is the partnership's own act ("will open new
/// opportunities" is not).
const EVENT_PREDICATES: &[&str] = &[
    "take place",
    "now take place",
    "meet ",
    "convene",
    "be held",
    "be convened",
    "open for ",
    "open in ",
    "open on ",
];

/// "will be held / explored / undertaken …": an act the participants undertake, in the
/// passive. Any past participle will do but the few that describe rather than act ("will be
/// based on", "will be needed").
fn binds_passive(after_be: &str) -> bool {
    let next = after_be.split_whitespace().next().unwrap_or("");
    const IRREGULAR: &[&str] = &[
        "able",
        "held",
        "set",
        "undertaken",
        "taken",
        "done",
        "made",
        "drawn",
        "built",
        "given",
        "sought",
        "run",
        "led",
        "begun",
        "brought",
        "met",
        "kept",
        "shown",
        "written",
        "chosen",
        "put",
        "spent",
    ];
    const DESCRIBING: &[&str] = &[
        "based",
        "needed",
        "required",
        "pleased",
        "interested",
        "concerned",
        "related",
        "limited",
        "exposed",
        "affected",
        "used",
        "subjected",
        "expected",
        // Who sits on a body ("will be co-chaired by…", "shall be composed of…") describes
        // it; the body's work is undertaken elsewhere.
        "chaired",
        "co-chaired",
        "composed",
        "comprised",
    ];
    IRREGULAR.contains(&next) || next.len() > 4 && next.ends_with("ed") && !DESCRIBING.contains(&next)
}

/// "By continuing to browse, you agree to our use of cookies": the page speaks to its reader.
fn addresses_the_reader(folded: &str, cue_start: usize) -> bool {
    let before = &folded[..cue_start];
    before.split(|c: char| !c.is_alphanumeric()).any(|w| w == "you")
}

/// A subject that names someone: capitalised words ("Canada and Korea", "The Working Group")
/// other than the sentence's capitalised first word alone.
fn names_a_proper_noun(original: &str, words: &[&str]) -> bool {
    let capitalised = |w: &str| {
        original.split(|c: char| !c.is_alphanumeric() && c != '-').any(|o| {
            o.len() == w.len()
                && o.chars().next().is_some_and(char::is_uppercase)
                && o.eq_ignore_ascii_case(w)
        })
    };
    let first = original.split_whitespace().next().unwrap_or("").to_lowercase();
    let proper: Vec<&&str> = words
        .iter()
        .filter(|w| w.len() > 1 && !w.ends_with("ing") && !lexicon::STOP_WORDS.contains(w) && capitalised(w))
        .collect();
    proper.iter().any(|w| **w != first) || proper.len() >= 2
}

fn is_acronym_subject(subject: &str) -> bool {
    // Folded text is lower case; an acronym subject like "gds" is short and alone.
    let words: Vec<&str> = subject.split_whitespace().collect();
    words.len() == 1 && (2..=6).contains(&words[0].len())
}

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
        if own.is_none()
            && (governs == Governs::No || !matches!(block.kind, BlockKind::Item(_)))
            && measure_timeline(doc, seg).is_none()
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
                if !governed && measure_timeline(doc, seg).is_none() {
                    continue;
                }
                (false, governs == Governs::Aim, None)
            }
        };
        // A work plan's measure takes its due date from its own "Timeline:" line.
        let due = match measure_timeline(doc, seg).filter(|_| own.is_none()) {
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
            reports_an_event(folded) && !SETBACKS.contains(folded) || dated_act(folded, &mentions, cx.date);
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
        let before = folded[..span.start].trim_end();
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
        && !SETBACKS.contains(folded)
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
