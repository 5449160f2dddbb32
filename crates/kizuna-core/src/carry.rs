//! Which passage of a new reading of a document an old one became, so that people's decisions
//! follow the words they were made about when a new engine re-reads a document. Ids come from
//! the document and the anchor, so an anchor that moves or a sentence boundary that shifts gives
//! the same words a new id (or, worse, gives an old id to other words): the words decide, the id
//! only breaks ties.

use std::collections::{BTreeMap, HashSet};

/// One commitment or evidence item of one reading.
#[derive(Clone, Copy, Debug)]
pub struct Passage<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub anchor: &'a str,
    pub text: &'a str,
}

/// Share of the shorter text's words the other must hold for a reworded or re-cut passage to
/// be the same one (a sentence split in two, or joined to its neighbour, keeps all its words).
const SAME_WORDS: f64 = 0.8;

/// For each old passage that has a place in the new reading, the id of that place. Passages are
/// only carried within their own document, in this order of preference: the same words (at the
/// same anchor first), then the passage holding most of the old one's words (or held by it),
/// with the most words in common, the same id breaking ties. An old
/// passage with none is left out: whatever was decided about it must be shown to a person.
pub fn carry(old: &[Passage], new: &[Passage]) -> BTreeMap<String, String> {
    let mut carried = BTreeMap::new();
    let mut taken: HashSet<&str> = HashSet::new();
    // Identical words first, so that a passage which merely moved is never claimed by a
    // neighbour that shares most of its words.
    for o in old {
        let same = new
            .iter()
            .filter(|n| {
                n.document == o.document && !taken.contains(n.id) && squeeze(n.text) == squeeze(o.text)
            })
            .min_by_key(|n| (n.anchor != o.anchor, n.id != o.id));
        if let Some(n) = same {
            taken.insert(n.id);
            carried.insert(o.id.to_owned(), n.id.to_owned());
        }
    }
    for o in old {
        if carried.contains_key(o.id) {
            continue;
        }
        let words = word_set(o.text);
        let best = new
            .iter()
            .filter(|n| n.document == o.document)
            .filter_map(|n| {
                let theirs = word_set(n.text);
                let shared = words.intersection(&theirs).count();
                let shorter = words.len().min(theirs.len()).max(1);
                let share = shared as f64 / shorter as f64;
                (share >= SAME_WORDS).then_some((n, shared))
            })
            .max_by_key(|(n, shared)| (*shared, n.id == o.id, n.anchor == o.anchor));
        if let Some((n, _)) = best {
            carried.insert(o.id.to_owned(), n.id.to_owned());
        }
    }
    carried
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p<'a>(id: &'a str, anchor: &'a str, text: &'a str) -> Passage<'a> {
        Passage { id, document: "d", anchor, text }
    }

    #[test]
    fn the_same_words_are_carried_wherever_their_anchor_went() {
        let old = [
            p("c1", "1 / a", "Both sides will hold a workshop."),
            p("c2", "1 / b", "Both sides will map skills."),
        ];
        // The anchors shifted by one: "1 / b" now holds the workshop, so the id c2 names other words.
        let new = [
            p("c2", "1 / b", "Both sides will hold a workshop."),
            p("c3", "1 / c", "Both sides will map skills."),
        ];
        let carried = carry(&old, &new);
        assert_eq!(carried["c1"], "c2");
        assert_eq!(carried["c2"], "c3");
    }

    #[test]
    fn a_split_or_joined_sentence_goes_to_the_part_with_most_of_its_words() {
        let old = [p(
            "c1",
            "4",
            "The UK and Japan will hold an annual dialogue on data and will publish a joint report on cloud security.",
        )];
        let new = [
            p("c7", "4.1", "The UK and Japan will hold an annual dialogue on data."),
            p("c8", "4.2", "They will publish a joint report on cloud security."),
        ];
        assert_eq!(
            carry(&old, &new)["c1"],
            "c7",
            "both halves are whole parts of it; c7 holds more of its words"
        );
        let joined =
            [p("c9", "4", "The UK and Japan will hold an annual dialogue on data, and more besides.")];
        assert_eq!(carry(&new[..1], &joined)["c7"], "c9");
    }

    #[test]
    fn words_that_are_gone_are_not_carried_and_other_documents_are_never_used() {
        let old = [p("c1", "2", "Both sides will set up a semiconductor working group.")];
        let new = [p("c1", "2", "The Council noted the report of the Group.")];
        assert!(carry(&old, &new).is_empty(), "the same id with other words is not the same passage");
        let boilerplate = [p("c1", "2", "Both sides will publish a roadmap.")];
        assert!(carry(&old, &boilerplate).is_empty(), "\"both sides will\" is no likeness");
        let elsewhere = [Passage {
            document: "e",
            ..p("c5", "2", "Both sides will set up a semiconductor working group.")
        }];
        assert!(carry(&old, &elsewhere).is_empty());
    }
}
