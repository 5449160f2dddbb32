//! Which words make a sentence an undertaking: the cues ("will", "agreed to", "is planned
//! for", "Action: X to…", 〜していく …) and whether the one found binds a participant of the
//! partnership rather than a thing, a reader or the instrument itself.

use std::sync::LazyLock;

use regex::Regex;

use super::{ACTOR_WORDS, BASE_VERBS};
use crate::classify::{self, ActorNames};
use crate::lexicon;

/// Where an undertaking's cue ends in the folded sentence, and whether it is soft.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cue {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) soft: bool,
    /// "committed to", "agreed", "decided to": past forms that may report history.
    pub(super) past: bool,
    pub(super) aim: bool,
    pub(super) japanese: bool,
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
            // A body's name may be long: "asked the Working Group on Trusted Data Flows to".
            r"\b(?:tasked|instructed|mandated|asked|invited|requested|encouraged)\s+(?:[a-z'’-]+\s+){0,9}to\b",
            false,
            true,
        ),
        (
            // "their intention to", "the intent of both Participants to", "outlines their intent to",
            // "welcomed the plans of JETRO to bring a delegation"
            r"\b(?:their|the|its)\s+(?:intent|intention|plan)s?\s+(?:of\s+(?:[a-z'’-]+\s+){1,6})?to\b",
            false,
            false,
        ),
        // "A workshop is planned for the first half of 2025", "is scheduled to take place", and
        // a new date for something put off: "It is now planned for March", "is now expected in".
        (
            // "remains planned for December 2025": the date kept.
            r"\b(?:is|are|remains?)\s+(?:now\s+|still\s+)?(?:planned|scheduled|foreseen|envisaged)\s+(?:for|to|in|at|on|by)\b|\b(?:is|are)\s+now\s+expected\s+(?:for|in|at|on|by)\b",
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
        // "The study remains on schedule to be completed by the end of 2025", "Both institutes
        // remain on track to sign it": a date kept, bound like a modal.
        (r"\bremains?\s+on\s+(?:schedule|track|course)\s+to\b", false, false),
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
    &["intent", "plan"],
    &["planned", "scheduled", "foreseen", "envisaged", "now expected"],
    &["to be"],
    &["expect"],
    &["expected to"],
    &["remain"],
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
/// Finds the undertaking cue of a folded sentence, if it has one that binds an actor.
/// `continues` says the sentence before, in the same paragraph, is an undertaking: its subject
/// is who "It" or "They" is ("The Group will meet twice a year. It shall report to…").
pub(super) fn cue(folded: &str, original: &str, actors: &ActorNames, continues: bool) -> Option<Cue> {
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
    let modal = cue_text == "will"
        || cue_text == "shall"
        || cue_text.ends_with("expected to")
        || cue_text.starts_with("remain") && cue_text.ends_with(" to");
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
    if !modal
        && (cue_text.starts_with("is ") || cue_text.starts_with("are ") || cue_text.starts_with("remain"))
    {
        // "… is planned for 2024", "… is to be agreed", "remains planned for": the passive again.
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
        || starts_a_deliverable(subject, after)
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
/// "The selected projects will start on 1 April 2026", "The mechanism is expected to become
/// operational in 2025": a deliverable of the partnership set to start, whatever names it (not
/// "prices will start to rise").
fn starts_a_deliverable(subject: &str, after: &str) -> bool {
    const STARTS: &[&str] = &[
        "start on ",
        "start in ",
        "start at ",
        "start by ",
        "start from ",
        "begin on ",
        "begin in ",
        "begin at ",
        "begin by ",
        "begin its ",
        "begin their ",
        "commence ",
        "become operational",
        "go live",
        "enter into operation",
    ];
    STARTS.iter().any(|p| after.starts_with(p)) && !classify::deliverables(subject).is_empty()
}

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
pub(super) fn binds_passive(after_be: &str) -> bool {
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
