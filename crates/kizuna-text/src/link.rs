//! Links a statement to the commitments it reports on: BM25 over the commitments' words and
//! concepts, raised where the statement sits under the same area, names the same entities, or
//! happened within a commitment's due period.
//!
//! The commitments are indexed (an inverted index), so linking costs grow with the postings a
//! statement's terms touch, not with the number of commitments: each term walks at most
//! [`MAX_POSTINGS`] of its most recent postings and a statement uses its [`MAX_QUERY_TERMS`] most
//! telling terms, which keeps a statement's cost bounded however large the record grows.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use kizuna_core::{CommitmentKind, Period, Relation};

use crate::classify::Deliverables;
use time::Date;

/// BM25 saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The length (in terms) BM25 normalises against: fixed rather than the index's running mean,
/// so that a commitment's weights do not depend on what was indexed before it.
const REFERENCE_LENGTH: f32 = 24.0;
/// Concept tokens (equivalence groups) count more than single words.
const CONCEPT_WEIGHT: f32 = 1.6;
/// Added when the statement and the commitment sit under the same area.
const AREA_BONUS: f32 = 1.8;
/// Added when a concrete statement's date falls in a commitment's due window.
const DUE_BONUS: f32 = 2.5;
/// Word evidence a link needs before the due window counts (and before it can be "delivered").
const MIN_LEXICAL_FOR_DUE: f32 = 3.0;
/// Word evidence strong enough for a delivery across areas.
const STRONG_LEXICAL: f32 = 6.0;
/// Raw scores map to 0..1 as raw / (raw + SCALE): fixed, so scores compare across runs.
const SCALE: f32 = 9.0;
/// Links below this score are not proposed.
pub const MIN_SCORE: f32 = 0.36;
/// Links from this score up count towards a status without review.
pub use kizuna_core::LINK_COUNTS_FROM as COUNTS_FROM;
/// A statement proposes at most this many links.
pub const MAX_LINKS: usize = 3;
/// Postings walked per query term (most recent first).
pub const MAX_POSTINGS: usize = 128;
/// Query terms used, the most telling (highest idf × weight) first.
pub const MAX_QUERY_TERMS: usize = 14;
/// Aims are broad and unverifiable: a statement rarely reports on one when an undertaking fits.
const AIM_FACTOR: f32 = 0.8;
/// Word evidence about the topic (what happened is not counted: "workshop", "held",
/// "cooperation") a link needs at all: sharing only "a workshop was held" is no link.
const MIN_TOPIC: f32 = 1.5;
/// Added when both name the same one of a series (the first meeting, the inaugural meeting).
const SERIES_BONUS: f32 = 1.0;
/// Added when a concrete report names the very thing a one-off promised ("conducted the joint
/// exercise" for "shall conduct a joint exercise"): it ranks that promise above the work of the
/// same agencies named in the report.
const NAMED_BONUS: f32 = 1.0;
/// Applied when both name one of a series and they differ.
const OTHER_IN_SERIES_FACTOR: f32 = 0.7;

/// A general claim of progress ("have made significant progress on future telecoms") names no
/// event: it counts for at most this many of its best links; the others are suggestions.
const A_CLAIM_COUNTS_FOR: usize = 2;

/// Terms that say what kind of thing happened or how partners work together, never what it
/// was about: they add to a link's score but cannot make a link alone.
static NOT_TOPICAL: LazyLock<HashSet<String>> = LazyLock::new(|| {
    const GENERIC: &[&str] = &[
        // Words of dates say when, not what.
        "early",
        "late",
        "mid",
        "half",
        "quarter",
        "year",
        "years",
        "month",
        "months",
        "annual",
        "stage",
        "cooperation",
        "cooperate",
        "collaboration",
        "collaborate",
        "joint",
        "jointly",
        "bilateral",
        "partnership",
        "partner",
        "digital",
        "both",
        "participants",
        "side",
        "first",
        "second",
        "third",
        "new",
        "further",
        "strengthen",
        "enhance",
        "promote",
        "continue",
        "share",
        "information",
        "discuss",
        "hold",
        "held",
        "work",
        "support",
        "including",
        "relevant",
        "area",
        "areas",
        "level",
        "countries",
        "country",
        "government",
        "governments",
        "ministerial",
        "ministers",
        "officials",
        "progress",
        "opportunities",
        "development",
        "develop",
        "international",
        "global",
        "expert",
        "experts",
        "stakeholders",
        "industry",
        "launch",
        "launched",
        "agreed",
        "take",
        "place",
    ];
    crate::lexicon::DELIVERABLE_KINDS
        .iter()
        .flat_map(|(_, words)| words.iter())
        .chain(GENERIC)
        .flat_map(|w| crate::tokens::terms(w))
        .collect()
});

/// Whether a word says what a text is about ("semiconductors"), not what happened or how
/// ("workshop", "held", "cooperation").
pub fn is_topical(term: &str) -> bool {
    !NOT_TOPICAL.contains(term)
}

/// What the scorer needs to know of an indexed commitment.
#[derive(Clone, Debug)]
pub struct Target {
    pub document: usize,
    pub area: String,
    pub kind: CommitmentKind,
    pub due: Option<Period>,
    /// The date of the commitment's document.
    pub made: Option<Date>,
    /// What it delivers (`classify::deliverables`).
    pub deliverables: Deliverables,
}

/// What the scorer needs to know of the statement.
#[derive(Clone, Debug)]
pub struct Query<'a> {
    /// Terms with their weights (the sentence's own words weigh most).
    pub terms: &'a [(String, f32)],
    pub document: usize,
    /// The date of the statement's document: it reports only on commitments made before.
    pub day: Option<Date>,
    /// What deliverables it names (`classify::deliverables`).
    pub deliverables: Deliverables,
    pub area: &'a str,
    /// The event's date, else its document's date.
    pub date: Option<Date>,
    pub concrete: bool,
    pub progress_claim: bool,
    pub restatement: bool,
}

/// A proposed link.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub target: usize,
    pub score: f32,
    pub relation: Relation,
}

/// An inverted index of commitments.
#[derive(Default)]
pub struct CommitmentIndex {
    vocabulary: HashMap<String, u32>,
    /// Per term: (commitment, BM25 term-frequency factor), in the order commitments were added.
    postings: Vec<Vec<(u32, f32)>>,
    /// Per term: whether it says what a text is about (see [`NOT_TOPICAL`]).
    topical: Vec<bool>,
    targets: Vec<Target>,
    /// Per-commitment score accumulators (all words; topic words) reused across queries, and
    /// the entries they touched.
    scratch: Vec<f32>,
    topic_scratch: Vec<f32>,
    touched: Vec<u32>,
}

impl CommitmentIndex {
    pub fn new() -> CommitmentIndex {
        CommitmentIndex::default()
    }

    /// Adds a commitment; returns its index.
    pub fn add(&mut self, terms: &[String], target: Target) -> usize {
        let id = self.targets.len() as u32;
        let mut counts: HashMap<u32, u16> = HashMap::default();
        for t in terms {
            let next = self.vocabulary.len() as u32;
            let term = *self.vocabulary.entry(t.clone()).or_insert(next);
            if term as usize == self.postings.len() {
                self.postings.push(Vec::new());
                self.topical.push(is_topical(t));
            }
            *counts.entry(term).or_default() += 1;
        }
        let mut counts: Vec<(u32, u16)> = counts.into_iter().collect();
        counts.sort_unstable();
        let len = terms.len() as f32;
        for (term, tf) in counts {
            let tf = f32::from(tf);
            let factor = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / REFERENCE_LENGTH));
            self.postings[term as usize].push((id, factor));
        }
        self.targets.push(target);
        self.scratch.push(0.0);
        self.topic_scratch.push(0.0);
        id as usize
    }

    /// The best links for a statement, best first.
    pub fn link(&mut self, query: &Query<'_>) -> Vec<Proposal> {
        let n = self.targets.len();
        if n == 0 {
            return Vec::new();
        }

        // Each distinct term once, at the highest weight it was given, with its idf.
        let mut weighted: Vec<(u32, f32, f32, &str)> = Vec::new();
        for (t, w) in query.terms {
            let Some(&term) = self.vocabulary.get(t) else { continue };
            let w = w * if t.starts_with('#') { CONCEPT_WEIGHT } else { 1.0 };
            match weighted.iter_mut().find(|(x, _, _, _)| *x == term) {
                Some(entry) => entry.1 = entry.1.max(w),
                None => {
                    let df = self.postings[term as usize].len() as f32;
                    let idf = ((n as f32 - df + 0.5) / (df + 0.5) + 1.0).ln();
                    weighted.push((term, w, idf, t.as_str()));
                }
            }
        }
        // Ties broken by the term itself, not by when it was first indexed: the terms kept must
        // not depend on the order the commitments came in.
        weighted.sort_by(|a, b| (b.1 * b.2).total_cmp(&(a.1 * a.2)).then(a.3.cmp(b.3)));
        weighted.truncate(MAX_QUERY_TERMS);
        for (term, weight, idf, _) in weighted {
            let postings = &self.postings[term as usize];
            let term_weight = weight * idf;
            let topical = self.topical[term as usize];
            for &(doc, factor) in postings.iter().rev().take(MAX_POSTINGS) {
                let slot = &mut self.scratch[doc as usize];
                if *slot == 0.0 {
                    self.touched.push(doc);
                }
                *slot += term_weight * factor;
                if topical {
                    self.topic_scratch[doc as usize] += term_weight * factor;
                }
            }
        }
        let mut ranked: Vec<(Proposal, Fit)> = Vec::with_capacity(MAX_LINKS + 1);
        for doc in std::mem::take(&mut self.touched) {
            let lexical = std::mem::replace(&mut self.scratch[doc as usize], 0.0);
            let topic = std::mem::replace(&mut self.topic_scratch[doc as usize], 0.0);
            let target = &self.targets[doc as usize];
            // The very thing, by its name or by the act that makes it ("winners were announced"
            // for "winners will be announced").
            let named = target.deliverables.same_word(query.deliverables)
                || target.kind == CommitmentKind::OneOff
                    && target.deliverables.act_done_on_it(query.deliverables);
            let same_one = target.deliverables.same_in_series(query.deliverables);
            // Quotes, one side's own plans and sentences about the document are not undertakings:
            // nothing reports on them. Generic words alone make no link, unless both name the
            // same one of a series of the same thing ("the inaugural meeting of the Council",
            // "its first meeting").
            let about_it = topic >= MIN_TOPIC || named && same_one == Some(true);
            if target.kind == CommitmentKind::Context || !reported_later(target, query) || !about_it {
                continue;
            }
            let mut raw = lexical;
            let same_area = query.area != "general" && target.area == query.area;
            if same_area {
                raw += AREA_BONUS;
            }
            // "The second Ministerial Dialogue was hosted…" reports the second, not the first.
            // Only of the same kind of thing: "the first session" is "the first meeting".
            match same_one.filter(|_| target.deliverables.same_kind(query.deliverables)) {
                Some(true) => raw += SERIES_BONUS,
                Some(false) => raw *= OTHER_IN_SERIES_FACTOR,
                None => {}
            }
            // A date in the due window supports a link the words already suggest; it does not
            // make one.
            if named && query.concrete && target.kind == CommitmentKind::OneOff {
                raw += NAMED_BONUS;
            }
            let in_window = lexical >= MIN_LEXICAL_FOR_DUE && due_window(target, query.date);
            if query.concrete && in_window {
                raw += DUE_BONUS;
            }
            if target.kind == CommitmentKind::Aim {
                raw *= AIM_FACTOR;
            }
            let score = raw / (raw + SCALE);
            let worst = if ranked.len() == MAX_LINKS { ranked[MAX_LINKS - 1].0.score } else { MIN_SCORE };
            if score < worst || (score == worst && ranked.len() == MAX_LINKS) {
                continue;
            }
            let proposal = Proposal { target: doc as usize, score, relation: Relation::Reaffirmed };
            let fit =
                Fit { close: same_area || topic >= STRONG_LEXICAL, named, same_one: same_one == Some(true) };
            ranked.push((proposal, fit));
            ranked.sort_by(|(a, _), (b, _)| b.score.total_cmp(&a.score).then(a.target.cmp(&b.target)));
            ranked.truncate(MAX_LINKS);
        }
        let mut best_delivered = false;
        ranked
            .into_iter()
            .enumerate()
            .map(|(rank, (mut p, Fit { close, named, same_one }))| {
                let target = &self.targets[p.target];
                // The best link names the very thing ("contact points were designated" for "name
                // a contact point") wherever the statement sits. A statement that fits another
                // commitment better delivers this one only when it names the very thing (a
                // webinar on AI standards is progress on standards, not the AI workshop), and
                // sits where it does or, when the best link delivers nothing, names the same one
                // of a series ("the second meeting of the Dialogue" below the Dialogue's founding
                // article). One statement reports one occasion: "the working groups held their
                // inaugural meetings" delivers the working groups, not every first meeting.
                let placed =
                    if rank == 0 { close || named } else { named && (close || same_one && !best_delivered) };
                p.relation = relation(target, query, placed);
                best_delivered |= rank == 0 && p.relation == Relation::Delivered;
                // "The dialogue on AI policy was held" is no step towards the AI workshop: an
                // occasion of another kind than a deliverable's is a suggestion, not progress.
                let another_occasion = target.kind == CommitmentKind::OneOff
                    && query.concrete
                    && query.deliverables.names_an_occasion()
                    && !target.deliverables.is_empty()
                    && !target.deliverables.same_kind(query.deliverables);
                let claimed_beyond_reach =
                    rank >= A_CLAIM_COUNTS_FOR && !query.concrete && p.relation == Relation::Progress;
                if another_occasion || claimed_beyond_reach {
                    p.score = p.score.min(COUNTS_FROM - 0.01);
                }
                p.score = (p.score * 1000.0).round() / 1000.0;
                p
            })
            .collect()
    }
}

/// How a candidate sits with the statement, for deciding its relation once ranked.
#[derive(Clone, Copy)]
struct Fit {
    /// In the statement's area, or sharing much of its wording: delivery is a strong claim.
    close: bool,
    /// Both name the very deliverable ("contact points" for "a contact point").
    named: bool,
    /// Both name the same one of a series ("the inaugural meeting", "the first meeting").
    same_one: bool,
}

/// Evidence comes from later documents: a statement reports only on commitments of documents
/// before its own, and dated before its own where both are dated (same-day launch material
/// restates the framework; it never proves progress on it).
fn reported_later(target: &Target, query: &Query<'_>) -> bool {
    target.document < query.document && target.made.zip(query.day).is_none_or(|(made, day)| made < day)
}

/// Whether `date` falls between the commitment being made and a quarter after its due period.
fn due_window(target: &Target, date: Option<Date>) -> bool {
    let (Some(due), Some(date)) = (target.due, date) else { return false };
    let opens = target.made.unwrap_or(Date::MIN);
    let closes = due.end().saturating_add(time::Duration::days(92));
    opens <= date && date <= closes
}

/// Delivered when a concrete statement names the same kind of thing as a one-off commitment
/// (a roundtable for a workshop) on its topic; progress when something happened; else a
/// restatement.
fn relation(target: &Target, query: &Query<'_>, close: bool) -> Relation {
    if query.concrete {
        let one_off = target.kind == CommitmentKind::OneOff;
        let same_thing = target.deliverables.same_thing(query.deliverables);
        // "The coordinated call was launched" reports the first call, not "a second call".
        let an_earlier_one = target.deliverables.names_a_later_one()
            && query.deliverables.same_in_series(target.deliverables).is_none();
        let another_occasion = target.deliverables.another_occasion(query.deliverables);
        // A late delivery is still a delivery: the due window only raises the score.
        if one_off && same_thing && close && !an_earlier_one && !another_occasion && !query.progress_claim {
            Relation::Delivered
        } else {
            Relation::Progress
        }
    } else if query.progress_claim && !query.restatement {
        Relation::Progress
    } else {
        Relation::Reaffirmed
    }
}

#[cfg(test)]
mod tests;
