//! Labels for an undertaking or a statement: its policy area, kind, strength and actors.

use std::borrow::Cow;
use std::sync::LazyLock;

use kizuna_core::{CommitmentKind, Strength};

use crate::lexicon;
use crate::tokens::{PhraseMatcher, fold};

static AREAS: LazyLock<PhraseMatcher> =
    LazyLock::new(|| PhraseMatcher::new(lexicon::AREAS.iter().map(|(_, w)| *w)));
static ONE_OFF: LazyLock<PhraseMatcher> = LazyLock::new(|| PhraseMatcher::new([lexicon::ONE_OFF_CUES]));
static ONE_OFF_THINGS: LazyLock<PhraseMatcher> =
    LazyLock::new(|| PhraseMatcher::new([lexicon::ONE_OFF_THINGS]));

/// Whether the undertaking makes a one-off: an act that is ("hold", "be launched"), or a thing
/// that is made, unless a preposition sets it as the scene ("ahead of the … Conference").
fn makes_a_one_off(folded: &str) -> bool {
    ONE_OFF.contains(folded)
        || ONE_OFF_THINGS.find_spans(folded).into_iter().any(|(_, span)| !in_a_setting(&folded[..span.start]))
}

/// Whether the noun phrase that ends at the end of `before` is the object of a preposition:
/// the words before it, back over its article and modifiers, meet "in", "of", "at"… first.
fn in_a_setting(before: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "in",
        "at",
        "of",
        "ahead",
        "within",
        "under",
        "during",
        "before",
        "after",
        "through",
        "via",
        "to",
        "on",
        "into",
        "from",
        "towards",
        "alongside",
        "margins",
    ];
    const ARTICLES: &[&str] = &["a", "an", "the", "this", "that", "its", "their", "each", "every"];
    for word in
        before.split(|c: char| !c.is_alphanumeric() && c != '-').rev().filter(|w| !w.is_empty()).take(6)
    {
        if PREPOSITIONS.contains(&word) {
            return true;
        }
        if ARTICLES.contains(&word) {
            continue;
        }
        // A title's words or an adjective carry on the noun phrase; a verb ends it.
        let verb = lexicon::BASE_VERBS.contains(&word)
            || matches!(
                word,
                "will" | "shall" | "be" | "been" | "is" | "are" | "was" | "were" | "would" | "may"
            )
            || (word.ends_with("ed") || word.ends_with("ing")) && word.len() > 4;
        if verb {
            return false;
        }
    }
    false
}
static GOVERNANCE: LazyLock<PhraseMatcher> = LazyLock::new(|| PhraseMatcher::new([lexicon::GOVERNANCE_CUES]));
static SOFT: LazyLock<PhraseMatcher> = LazyLock::new(|| PhraseMatcher::new([lexicon::SOFT_CUES]));

/// Words of something that happens again and again: never a one-off.
const RECURRING: &[&str] = &[
    "continu",
    "annual",
    "every year",
    "each year",
    "once a year",
    "twice a year",
    "times a year",
    "per year",
    "yearly",
    "quarterly",
    "biennial",
    "every two years",
    "at least once",
    // "a business forum on the occasion of each meeting of the Council"
    "each meeting",
    "every meeting",
    "each session",
    "every session",
    "regular",
    "ongoing",
    "毎年",
    "定期",
];

/// The text without "the second annual dialogue", "the third yearly forum": an ordinal names
/// one meeting of a recurring series, which is an occasion, not a recurrence.
fn one_of_a_series_aside(folded: &str) -> std::borrow::Cow<'_, str> {
    static NUMBERED: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"\b(?:first|second|third|fourth|fifth|sixth|next|inaugural)\s+(?:annual|yearly|biennial|regular)\b")
            .expect("static regex")
    });
    NUMBERED.replace_all(folded, "")
}

/// Words after which an undertaking gives examples of itself.
const EXAMPLES: &[&str] = &[", including", " including through", " such as ", ", for example", " e.g."];

/// Headings that organise a document rather than name a topic.
const GENERIC_HEADINGS: &[&str] = &[
    "summary",
    "background",
    "introduction",
    "overview",
    "governance",
    "joint actions",
    "annex",
    "outcome",
    "outcomes",
    "meeting",
    "council",
    "statement",
    "contents",
    "related",
    "contact",
    "reference",
    "main points",
    "conclusion",
    "next steps",
    "framework",
    "skip to",
];

/// The area key of a text under the given headings (innermost last): the innermost heading
/// that names a known area, else the text's own words, else the innermost topical heading as
/// a slug, else `general`.
pub fn area(headings: &[&str], text: &str) -> String {
    HeadingArea::of(headings).area(&fold(text))
}

/// What the headings above a text say of its area, worked out once per heading.
#[derive(Clone, Debug, Default)]
pub struct HeadingArea {
    /// The innermost heading's known area.
    known: Option<&'static str>,
    /// The innermost topical heading, as a slug.
    slug: Option<String>,
}

impl HeadingArea {
    pub fn of(headings: &[&str]) -> HeadingArea {
        let known = headings.iter().rev().find_map(|t| known_area(&fold(t)));
        let slug = headings.iter().rev().find(|t| is_topical(t)).map(|t| slug(t)).filter(|s| !s.is_empty());
        HeadingArea { known, slug }
    }

    /// The area of a text (already [`fold`]ed) under these headings.
    pub fn area(&self, folded: &str) -> String {
        self.known
            .or_else(|| known_area(folded))
            .map(str::to_owned)
            .or_else(|| self.slug.clone())
            .unwrap_or_else(|| "general".to_owned())
    }
}

/// The first area (in the lexicon's order of specificity) whose words occur in `folded`.
pub fn known_area(folded: &str) -> Option<&'static str> {
    let found = AREAS.find(folded);
    found.iter().map(|&(g, _)| g).min().map(|g| lexicon::AREAS[g].0)
}

fn is_topical(title: &str) -> bool {
    let lower = title.to_lowercase();
    let dated: usize = crate::dates::find(&lower, None).iter().map(|m| m.span.len()).sum();
    let dateline = dated * 2 >= lower.len();
    let shouting = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    !shouting
        && !dateline
        && title.split_whitespace().count() <= 8
        && !GENERIC_HEADINGS.iter().any(|g| lower.contains(g))
        && !lower.starts_with("pillar")
}

/// `Digital Government Transformation:` → `digital-government-transformation`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(6) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// One-off, continuing, aim or governance.
pub fn kind(text: &str, has_due: bool, aim: bool) -> CommitmentKind {
    let whole = fold(text);
    // "Connect the start-up ecosystems, including through a business mission": what follows
    // "including" is an example of the undertaking, not what kind of undertaking it is.
    let folded = EXAMPLES
        .iter()
        .filter_map(|w| whole.find(w))
        .min()
        .map_or(whole.as_str(), |at| &whole[..at])
        .to_owned();
    let recurring = RECURRING.iter().any(|w| one_of_a_series_aside(&folded).contains(w));
    // "aim to launch a fellowship programme in 2025" is a dated deliverable, not an aim.
    if aim && !(has_due && makes_a_one_off(&folded)) {
        CommitmentKind::Aim
    } else if !recurring && (has_due || assigns_a_product(&folded) || makes_a_publication(&folded)) {
        CommitmentKind::OneOff
    } else if GOVERNANCE.contains(&folded) {
        CommitmentKind::Governance
    } else if !recurring && makes_a_one_off(&folded) {
        CommitmentKind::OneOff
    } else {
        CommitmentKind::Continuing
    }
}

/// "Ministers tasked the Working Group to present a draft to the next Council": a body of the
/// partnership given a product to make is a deliverable, not governance.
fn assigns_a_product(folded: &str) -> bool {
    const TASKED: &[&str] = &["tasked", "instructed", "mandated", "asked", "requested", "invited"];
    const TO_MAKE: &[&str] =
        &["to prepare", "to present", "to draft", "to develop", "to submit", "to deliver", "to produce"];
    TASKED.iter().any(|w| folded.contains(w)) && TO_MAKE.iter().any(|w| folded.contains(w))
}

/// "The Council will adopt a Joint Work Programme at its first meeting": a body of the
/// partnership that is to adopt or publish a text makes a deliverable, not governance.
fn makes_a_publication(folded: &str) -> bool {
    static MAKES: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"\b(?:will|shall|to)\s+(?:adopt|publish|prepare|draft|produce|issue|submit)\s+(?:a|an|the|its|their)\s",
        )
        .expect("static regex")
    });
    MAKES.find_iter(folded).any(|m| {
        let object: Vec<&str> = folded[m.end()..].split_whitespace().take(4).collect();
        deliverables(&object.join(" ")).kinds & *PUBLICATIONS != 0
    })
}

/// The deliverable words with their plurals ("seven projects were selected" names projects),
/// each word a group of its own; [`WORD_KIND`] maps a word's group to its kind.
static DELIVERABLES: LazyLock<PhraseMatcher> = LazyLock::new(|| {
    let groups: Vec<[String; 2]> = lexicon::DELIVERABLE_KINDS
        .iter()
        .flat_map(|(_, words)| words.iter().map(|w| [w.to_string(), plural(w)]))
        .collect();
    let groups: Vec<[&str; 2]> = groups.iter().map(|[w, p]| [w.as_str(), p.as_str()]).collect();
    PhraseMatcher::new(groups.iter().map(|g| &g[..]))
});

/// Each act of [`lexicon::ONE_OFF_ACTS`] as promised ("will sign", "to sign", "be signed"), one
/// group per act; a bare "signature" ("twelve months after signature") promises nothing.
static PROMISED_ACTS: LazyLock<PhraseMatcher> = LazyLock::new(|| {
    let groups: Vec<Vec<String>> = lexicon::ONE_OFF_ACTS
        .iter()
        .map(|(verb, done)| {
            vec![format!("will {verb}"), format!("shall {verb}"), format!("to {verb}"), format!("be {done}")]
        })
        .collect();
    let groups: Vec<Vec<&str>> = groups.iter().map(|g| g.iter().map(String::as_str).collect()).collect();
    PhraseMatcher::new(groups.iter().map(Vec::as_slice))
});

/// Each act of [`lexicon::ONE_OFF_ACTS`] as done ("signed"), one group per act.
static DONE_ACTS: LazyLock<PhraseMatcher> = LazyLock::new(|| {
    PhraseMatcher::new(lexicon::ONE_OFF_ACTS.iter().map(|(_, done)| std::slice::from_ref(done)))
});

static WORD_KIND: LazyLock<Vec<usize>> = LazyLock::new(|| {
    lexicon::DELIVERABLE_KINDS
        .iter()
        .enumerate()
        .flat_map(|(kind, (_, words))| words.iter().map(move |_| kind))
        .collect()
});

/// Each deliverable word's name: the first word of the list that begins with the same four
/// letters, so that a guide is guidance and memoranda a memorandum, but a webinar no workshop.
static WORD_NAME: LazyLock<Vec<usize>> = LazyLock::new(|| {
    let words: Vec<&str> =
        lexicon::DELIVERABLE_KINDS.iter().flat_map(|(_, words)| words.iter().copied()).collect();
    let stem = |w: &str| w.chars().take(4).collect::<String>();
    words.iter().map(|w| words.iter().position(|o| stem(o) == stem(w)).unwrap_or(0)).collect()
});

/// What deliverables a text names: their kinds ([`lexicon::DELIVERABLE_KINDS`]), the words
/// themselves, one bit each, and which of a series they are ("the second meeting": bit 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deliverables {
    kinds: u16,
    words: u128,
    ordinals: u8,
    /// One bit per act of [`lexicon::ONE_OFF_ACTS`] the text promises ("will be announced").
    promised: u16,
    /// One bit per act the text says was done ("were announced").
    done: u16,
}

impl Deliverables {
    /// The same kind of thing: a roundtable for a workshop.
    pub fn same_kind(self, other: Deliverables) -> bool {
        self.kinds & other.kinds != 0
    }

    /// The same thing by name: a dialogue for a dialogue, not a webinar for a workshop.
    pub fn same_word(self, other: Deliverables) -> bool {
        self.words & other.words != 0
    }

    /// The act this promises is one `report` says was done ("winners will be announced",
    /// "the winners were announced").
    pub fn act_done_in(self, report: Deliverables) -> bool {
        self.promised & report.done != 0
    }

    /// Whether both name one of a series and it is the same one (`Some(true)`: the first
    /// meeting and the inaugural meeting) or another (`Some(false)`: the first and the third
    /// Council); `None` when either names none.
    pub fn same_in_series(self, other: Deliverables) -> Option<bool> {
        (self.ordinals != 0 && other.ordinals != 0).then_some(self.ordinals & other.ordinals != 0)
    }

    /// Whether it numbers only later ones of a series ("a second call", "building on the first
    /// call, a second call"): a report that numbers none is of an earlier one.
    pub fn names_a_later_one(self) -> bool {
        self.ordinals & !1 != 0
    }

    /// The act this promises is done in `report` to the same thing ("the study will be
    /// published" is not delivered by "the guide was published").
    pub fn act_done_on_it(self, report: Deliverables) -> bool {
        self.act_done_in(report) && !self.another_publication(report)
    }

    /// Whether `report` tells of the thing this names being made or held: the same kind of
    /// thing (a roundtable for a workshop) or the act promised, but never another publication.
    pub fn same_thing(self, report: Deliverables) -> bool {
        (self.same_kind(report) || self.act_done_in(report)) && !self.another_publication(report)
    }

    /// Both name publications, and not the same one: a guide is no study, a roadmap no report.
    /// (Events, meetings, agreements, calls and projects stand in for each other; writings
    /// do not.)
    fn another_publication(self, report: Deliverables) -> bool {
        self.kinds & report.kinds & *PUBLICATIONS != 0 && !self.same_word(report)
    }

    /// Whether it names an occasion, something held: an event or a meeting.
    pub fn names_an_occasion(self) -> bool {
        self.kinds & *OCCASIONS != 0
    }

    /// Both name occasions, and none of the same kind: the projects' kick-off meeting is not
    /// the symposium the projects' results are to be presented at.
    pub fn another_occasion(self, report: Deliverables) -> bool {
        self.names_an_occasion() && report.names_an_occasion() && self.kinds & report.kinds & *OCCASIONS == 0
    }

    pub fn is_empty(self) -> bool {
        self.kinds == 0
    }
}

static PUBLICATIONS: LazyLock<u16> = LazyLock::new(|| {
    lexicon::DELIVERABLE_KINDS.iter().position(|(name, _)| *name == "publication").map_or(0, |kind| 1 << kind)
});

/// The kinds of deliverable that are held rather than made.
static OCCASIONS: LazyLock<u16> = LazyLock::new(|| {
    lexicon::DELIVERABLE_KINDS
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| matches!(*name, "event" | "meeting"))
        .fold(0, |mask, (kind, _)| mask | 1 << kind)
});

impl std::ops::BitOr for Deliverables {
    type Output = Deliverables;
    fn bitor(self, other: Deliverables) -> Deliverables {
        Deliverables {
            kinds: self.kinds | other.kinds,
            words: self.words | other.words,
            ordinals: self.ordinals | other.ordinals,
            promised: self.promised | other.promised,
            done: self.done | other.done,
        }
    }
}

/// The regular English plural of a noun (a Japanese word is its own plural).
fn plural(word: &str) -> String {
    if !word.is_ascii() {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix("sis") {
        format!("{stem}ses")
    } else if word.ends_with(['s', 'x']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if let Some(stem) = word.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

/// Verbs that make a deliverable, with the noun that names it: a work plan's "Map the paperless
/// trade systems" promises the mapping a later report says was completed.
const MAKING_VERBS: &[(&str, &str)] = &[
    ("map", "mapping"),
    ("compare", "comparison"),
    ("assess", "assessment"),
    ("analyse", "analysis"),
    ("analyze", "analysis"),
];

/// The deliverables a folded text names.
pub fn deliverables(folded: &str) -> Deliverables {
    let nouns: String = MAKING_VERBS
        .iter()
        .filter(|(verb, _)| crate::tokens::whole_words(folded, verb).next().is_some())
        .map(|(_, noun)| format!(" · {noun}"))
        .collect();
    let with_nouns = (!nouns.is_empty()).then(|| format!("{folded}{nouns}"));
    let folded = with_nouns.as_deref().unwrap_or(folded);
    // "visited Canberra to study the platform": a deliverable's word straight after "to" is
    // a verb, not the thing.
    let found: Vec<(usize, usize)> =
        DELIVERABLES.find(folded).into_iter().filter(|&(_, at)| !folded[..at].ends_with("to ")).collect();
    let ordinals = series_ordinals(folded, &found);
    let acts =
        |matcher: &PhraseMatcher| matcher.find(folded).into_iter().fold(0, |acts, (act, _)| acts | 1 << act);
    let (promised, done) = (acts(&PROMISED_ACTS), acts(&DONE_ACTS));
    let start = Deliverables { ordinals, promised, done, ..Deliverables::default() };
    found.into_iter().fold(start, |found, (word, _)| Deliverables {
        kinds: found.kinds | 1 << WORD_KIND[word],
        words: found.words | 1 << (WORD_NAME[word] % 128),
        ..found
    })
}

/// A statement's words without the times it refers to ("since the first meeting of the Council",
/// "ahead of the second Dialogue", "in preparation for the summit"), up to the end of their
/// clause: "They welcomed the progress achieved since the first meeting of the Council" reports
/// progress, not the first meeting.
pub fn without_reference_times(folded: &str) -> Cow<'_, str> {
    const CUES: &[&str] =
        &["since", "ahead of", "in preparation for", "in the run-up to", "in the run up to"];
    // Most sentences refer to no time: no copy for them.
    if !CUES.iter().any(|cue| folded.contains(cue)) {
        return Cow::Borrowed(folded);
    }
    let mut out = folded.to_owned();
    while let Some(start) = CUES.iter().flat_map(|cue| crate::tokens::whole_words(&out, cue).next()).min() {
        let end = out[start..].find([',', ';', '.', ':']).map_or(out.len(), |i| start + i);
        out.replace_range(start..end, "");
    }
    Cow::Owned(out)
}

/// Which of a series the text's deliverables are: an ordinal a few words before a deliverable
/// ("the inaugural meeting", "the second Ministerial Dialogue", "its third session") or of a
/// time ("will meet for the second time"). "The first quarter" and "a first step" number no
/// deliverable.
fn series_ordinals(folded: &str, found: &[(usize, usize)]) -> u8 {
    const ORDINALS: &[(&str, u8)] = &[
        ("first", 0),
        ("inaugural", 0),
        ("1st", 0),
        ("second", 1),
        ("2nd", 1),
        ("third", 2),
        ("3rd", 2),
        ("fourth", 3),
        ("4th", 3),
        ("fifth", 4),
        ("5th", 4),
        ("sixth", 5),
        ("6th", 5),
    ];
    let mut bits = 0u8;
    for &(word, bit) in ORDINALS {
        for start in crate::tokens::whole_words(folded, word) {
            let end = start + word.len();
            // Within the next four words.
            let window_end = folded[end..]
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .nth(4)
                .map_or(folded.len(), |(i, _)| end + i);
            let numbers_a_deliverable = found.iter().any(|&(_, pos)| pos > end && pos < window_end);
            if numbers_a_deliverable || folded[end..].starts_with(" time") {
                bits |= 1 << bit;
            }
        }
    }
    bits
}

/// Soft when the undertaking only looks, explores or aims.
pub fn strength(text: &str, soft_cue: bool) -> Strength {
    if soft_cue || SOFT.contains(&fold(text)) { Strength::Soft } else { Strength::Firm }
}

/// The actors named in `text`: known organisation names first, then the partnership's
/// participants as a whole.
pub fn actors(text: &str, names: &ActorNames) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = Vec::new();
    if let Some(m) = &names.matcher {
        for (g, _) in m.find(&folded) {
            let name = &names.canonical[g];
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    if out.is_empty() {
        let both = [
            "both participants",
            "both sides",
            "the two sides",
            "the two countries",
            "both countries",
            "both governments",
            "the participants",
            "両国",
            "日英",
        ];
        if both.iter().any(|b| folded.contains(b)) {
            out.push("both".to_owned());
        }
    }
    out
}

/// Organisation names from the manifest, each group mapped to one canonical name.
#[derive(Default)]
pub struct ActorNames {
    matcher: Option<PhraseMatcher>,
    canonical: Vec<String>,
}

impl ActorNames {
    /// `groups`: for each organisation, its canonical name (the acronym when it has one) and
    /// every name it goes by.
    pub fn new(groups: Vec<(String, Vec<String>)>) -> ActorNames {
        let groups: Vec<(String, Vec<String>)> = groups.into_iter().filter(|(_, n)| !n.is_empty()).collect();
        if groups.is_empty() {
            return ActorNames::default();
        }
        let canonical = groups.iter().map(|(c, _)| c.clone()).collect();
        let owned: Vec<Vec<&str>> =
            groups.iter().map(|(_, names)| names.iter().map(String::as_str).collect()).collect();
        let matcher = PhraseMatcher::new(owned.iter().map(Vec::as_slice));
        ActorNames { matcher: Some(matcher), canonical }
    }

    /// The folded text with the organisations' names blanked out (as many spaces, so offsets
    /// hold): "the India Semiconductor Mission" names no mission, "the AI Safety Institute" no
    /// institute to set up.
    pub fn blanked<'t>(&self, folded: &'t str) -> Cow<'t, str> {
        let Some(matcher) = &self.matcher else { return Cow::Borrowed(folded) };
        let spans = matcher.find_spans(folded);
        if spans.is_empty() {
            return Cow::Borrowed(folded);
        }
        let mut out = folded.to_owned();
        for (_, span) in spans {
            if out.is_char_boundary(span.start) && out.is_char_boundary(span.end) {
                let blank = " ".repeat(span.len());
                out.replace_range(span, &blank);
            }
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_prefers_headings_then_words() {
        assert_eq!(
            area(&["Pillar One: Digital Infrastructure", "Semiconductors"], "Both will meet"),
            "semiconductors"
        );
        assert_eq!(area(&["Pillar Two: Data"], "Support collaboration between regulators"), "data");
        assert_eq!(area(&["SUMMARY"], "cooperate on Open RAN"), "telecoms");
        assert_eq!(area(&["Quantum Technologies"], "Both will meet"), "quantum-technologies");
        assert_eq!(area(&["BACKGROUND"], "Both will meet"), "general");
        assert_eq!(area(&[], "data centres and the cloud"), "data-infrastructure");
    }

    #[test]
    fn deliverables_are_told_apart_by_kind() {
        let roundtable = deliverables(&fold("The first Semiconductor Stakeholder Roundtable was held"));
        let workshop = deliverables(&fold("hold a semiconductor workshop in the first quarter"));
        let memorandum = deliverables(&fold("sign a memorandum of cooperation"));
        assert!(roundtable.same_kind(workshop), "a roundtable is a workshop's kind of thing");
        assert!(!roundtable.same_word(workshop), "by another name");
        let guide = deliverables(&fold("a practical guide for businesses was published"));
        assert!(guide.same_word(deliverables(&fold("publish joint guidance for businesses"))));
        assert!(!memorandum.same_kind(workshop));
        let dialogue = deliverables(&fold("the first dialogue on AI policy was held in London"));
        assert!(!dialogue.same_kind(workshop), "a standing body's meeting is not a workshop");
        let council = deliverables(&fold("the first meeting of the Council will take place in 2023"));
        assert!(dialogue.same_kind(council));
        assert!(deliverables(&fold("share information on policy")).is_empty());
        let words: usize = lexicon::DELIVERABLE_KINDS.iter().map(|(_, w)| w.len()).sum();
        assert!(words <= 128, "each deliverable word has a bit of its own");
    }

    /// "Seven projects were selected", "contact points were designated": plurals name the
    /// same kind of thing as the singular undertaking.
    #[test]
    fn plurals_name_deliverables() {
        for (plural, singular) in [
            ("seven joint projects were selected", "joint projects will be selected"),
            ("contact points were designated", "each side will name a contact point"),
            ("two analyses were presented", "present a comparative analysis"),
            ("the registries were connected", "build a shared registry"),
            ("both workshops took place", "hold a workshop"),
        ] {
            let (p, s) = (deliverables(&fold(plural)), deliverables(&fold(singular)));
            assert!(p.same_kind(s) && p.same_word(s), "{plural} / {singular}");
        }
        assert_eq!(plural("analysis"), "analyses");
        assert_eq!(plural("registry"), "registries");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("box"), "boxes");
    }

    /// A thing made is a one-off; the same thing as the scene of continuing work is not.
    #[test]
    fn a_meeting_is_numbered_by_the_ordinal_before_it() {
        let first = deliverables("the first meeting of the dialogue will be convened in seoul");
        let inaugural = deliverables("held the inaugural meeting of the council on 5 december");
        let second = deliverables("the dialogue will meet for the second time in london");
        let second_dialogue = deliverables("the second ministerial dialogue was hosted by canada");
        assert_eq!(first.same_in_series(inaugural), Some(true));
        assert_eq!(second.same_in_series(second_dialogue), Some(true));
        assert_eq!(first.same_in_series(second), Some(false));
        let quarter = deliverables("a workshop in the first quarter of 2024");
        assert_eq!(quarter.same_in_series(first), None, "a quarter is no meeting");
        assert_eq!(deliverables("as a first step, officials will meet").same_in_series(first), None);
    }

    #[test]
    fn a_body_tasked_to_make_something_makes_a_deliverable() {
        let tasked = "Ministers tasked the Working Group to present a draft vision to the next meeting of the Council.";
        assert_eq!(kind(tasked, false, false), CommitmentKind::OneOff);
        let governs = "The Working Group will report to the Council.";
        assert_eq!(kind(governs, false, false), CommitmentKind::Governance);
        let keeps = "Ministers tasked the Working Group to continue its work on standards.";
        assert_ne!(kind(keeps, false, false), CommitmentKind::OneOff);
        let adopts = "The Council will adopt a Joint Work Programme at its first meeting.";
        assert_eq!(kind(adopts, false, false), CommitmentKind::OneOff);
        let every = "The two countries intend to hold a Business Forum on the occasion of each meeting of the Council.";
        assert_eq!(kind(every, false, false), CommitmentKind::Continuing);
        let adopts_rules = "The Council will adopt its rules of procedure.";
        assert_ne!(kind(adopts_rules, false, false), CommitmentKind::OneOff);
    }

    #[test]
    fn channels_and_hotlines_are_deliverables() {
        let promise =
            deliverables(&fold("The centres will establish a secure channel for sharing threat information"));
        assert!(
            promise.same_thing(deliverables(&fold("The centres set up a secure channel in August 2024")))
        );
        assert!(!deliverables(&fold("a hotline between the two centres")).is_empty());
    }

    #[test]
    fn acts_promised_and_acts_done() {
        let of = |text: &str| deliverables(&fold(text));
        let promise = of("Each Participant will designate a point of contact");
        assert!(promise.act_done_in(of("ISED and MSIT have each designated a coordinator")));
        assert!(of("Winners will be announced next year").act_done_in(of("the winners were announced")));
        // A promise is not a report, and "after signature" promises no signing.
        assert!(!promise.act_done_in(of("Each Participant will designate a point of contact")));
        assert!(!of("within twelve months after signature").act_done_in(of("the memorandum was signed")));
        // "Experts visited the Service" is the visit promised.
        assert!(of("A return visit by experts is planned").same_word(of("experts visited the Service")));
    }

    #[test]
    fn things_made_not_things_acted_in() {
        for made in [
            "In May both sides will hold a joint workshop on chips",
            "A joint cyber incident response exercise will be conducted before the first Dialogue",
            "The Sides will establish a joint Open RAN interoperability programme",
            "Winners will be announced at the next meeting of the Dialogue",
        ] {
            assert_eq!(kind(made, false, false), CommitmentKind::OneOff, "{made}");
        }
        for setting in [
            "The Sides will coordinate their positions in the ITU, including ahead of the World Radiocommunication Conference",
            "Both sides shall seek to coordinate their positions in the negotiations of the Joint Statement Initiative",
            "Both sides will contribute to the work of the summit",
        ] {
            assert_eq!(kind(setting, false, false), CommitmentKind::Continuing, "{setting}");
        }
    }

    #[test]
    fn kinds_and_strengths() {
        assert_eq!(kind("hold a workshop", false, false), CommitmentKind::OneOff);
        assert_eq!(kind("share information on policy", false, false), CommitmentKind::Continuing);
        assert_eq!(
            kind("establish a new annual Ministerial Group (Japan-UK Digital Council)", false, false),
            CommitmentKind::Governance
        );
        assert_eq!(kind("anything", true, false), CommitmentKind::OneOff);
        assert_eq!(strength("will look to explore opportunities", false), Strength::Soft);
        assert_eq!(strength("will enhance their cooperation", false), Strength::Firm);
    }

    /// Founding acts in the passive are one-off; a body set up to oversee the work, or working
    /// groups, are governance.
    #[test]
    fn passive_founding_acts_and_bodies_that_oversee() {
        let one_off = "A joint research fellowship scheme will be launched by the two institutes";
        assert_eq!(kind(one_off, false, false), CommitmentKind::OneOff);
        assert_eq!(kind("A factsheet will be published", false, false), CommitmentKind::OneOff);
        let body =
            "A ministerial-level dialogue will be established to oversee the implementation of the plan";
        assert_eq!(kind(body, false, false), CommitmentKind::Governance);
        let dialogue = "The Sides will set up a Digital Partnership Dialogue meeting at ministerial level";
        assert_eq!(kind(dialogue, false, false), CommitmentKind::Governance);
        let groups = "Joint working groups will be constituted on telecoms and minerals";
        assert_eq!(kind(groups, false, false), CommitmentKind::Governance);
        assert_eq!(kind("Exchanges will be held regularly", false, false), CommitmentKind::Continuing);
        for deliverable in [
            "ENISA and CSA will conclude a working arrangement",
            "Each Participant will designate a point of contact",
            "In 2025, the agencies will deliver a second training course",
            "They will present a comparative analysis of the two regimes to the Council",
        ] {
            assert_eq!(kind(deliverable, false, false), CommitmentKind::OneOff, "{deliverable}");
        }
        let examples = "connect the start-up ecosystems, including through a business mission to Singapore";
        assert_eq!(kind(examples, false, false), CommitmentKind::Continuing, "the mission is an example");
        assert_eq!(kind("hold a workshop, including on chips", false, false), CommitmentKind::OneOff);
        let yearly = "METI and DG CONNECT will hold a policy dialogue on chips at least once a year";
        assert_eq!(kind(yearly, false, false), CommitmentKind::Continuing);
        assert!(!deliverables(&fold("publish a fact sheet")).is_empty(), "a fact sheet is a publication");
        for thing in ["present a comparative analysis", "set up a joint portal", "build a shared registry"] {
            assert!(!deliverables(&fold(thing)).is_empty(), "{thing} names a deliverable");
        }
    }

    #[test]
    fn actors_from_names_or_both() {
        let names = ActorNames::new(vec![
            ("DSIT".into(), vec!["Department for Science, Innovation and Technology".into(), "DSIT".into()]),
            ("METI".into(), vec!["METI".into(), "Ministry of Economy, Trade and Industry".into()]),
        ]);
        assert_eq!(actors("METI and DSIT held several policy exchanges", &names), ["METI", "DSIT"]);
        assert_eq!(actors("Both Participants will", &names), ["both"]);
        assert!(actors("The market grew", &names).is_empty());
    }

    #[test]
    fn times_a_statement_refers_to_are_not_what_it_reports() {
        let said = without_reference_times(
            "they welcomed the progress achieved since the first meeting of the council in brussels, and the second forum",
        );
        assert_eq!(said, "they welcomed the progress achieved , and the second forum");
        assert_eq!(deliverables(&said).ordinals, 1 << 1, "the second forum is still reported");
        assert_eq!(
            without_reference_times("a workshop was held ahead of the summit."),
            "a workshop was held ."
        );
    }

    #[test]
    fn organisations_name_no_deliverable_and_occasions_of_other_kinds_differ() {
        let names = ActorNames::new(vec![("ISM".into(), vec!["India Semiconductor Mission".into()])]);
        let folded = fold("Officials of the India Semiconductor Mission also attended.");
        let blanked = names.blanked(&folded);
        assert_eq!(blanked.len(), folded.len(), "offsets hold");
        assert!(!deliverables(&folded).is_empty(), "\"mission\" names a mission");
        assert!(deliverables(&blanked).is_empty(), "{blanked}");
        let symposium =
            deliverables(&fold("the results will be presented at a Beyond 5G Symposium in Tokyo"));
        let kick_off =
            deliverables(&fold("the joint research projects held their kick-off meeting in Tokyo"));
        assert!(symposium.another_occasion(kick_off));
        let held = deliverables(&fold("the Beyond 5G Symposium took place in Tokyo"));
        assert!(!symposium.another_occasion(held));
    }

    #[test]
    fn one_meeting_of_an_annual_series_is_an_occasion_and_consultations_and_comparisons_are_things() {
        let planned =
            "The second annual regulatory dialogue between the two authorities is planned for June 2025.";
        assert_eq!(kind(planned, true, false), CommitmentKind::OneOff);
        assert_ne!(kind("The dialogue will meet annually.", false, false), CommitmentKind::OneOff);
        let promised = deliverables(&fold("will hold their first consultations on cyber diplomacy"));
        let held = deliverables(&fold("held their first consultations on cyber diplomacy in Ottawa"));
        assert!(promised.same_thing(held));
        let comparison =
            deliverables(&fold("a technical comparison of the two frameworks will be completed"));
        let completed = deliverables(&fold("the technical comparison of the two frameworks was completed"));
        assert!(comparison.same_thing(completed));
        assert!(!comparison.same_thing(deliverables(&fold("the joint guide was published"))));
        let school = deliverables(&fold("will hold a joint summer school on AI in 2025"));
        assert!(school.same_thing(deliverables(&fold("the first joint summer school, held in July 2025"))));
        let course = deliverables(&fold("to deliver a second course for ASEAN officials"));
        assert!(course.names_an_occasion() && deliverables(&fold("in the course of 2025")).is_empty());
        assert!(!deliverables(&fold("will launch a Digital Trade Sandbox")).is_empty());
        // A work plan's verb promises the thing a report names.
        let map = deliverables(&fold("Map the paperless trade systems of both countries"));
        assert!(
            map.same_thing(deliverables(&fold("The mapping of the paperless trade systems was completed")))
        );
        let study = deliverables(&fold("Conduct a joint feasibility study on digital identity"));
        let visit = deliverables(&fold("experts visited Canberra to study the platform"));
        assert!(!study.same_thing(visit), "\"to study\" is a verb");
        let compare = deliverables(&fold("Compare regulatory approaches to age assurance"));
        assert!(compare.same_thing(deliverables(&fold("the comparison of approaches was published"))));
    }
}
