//! The same deliverable promised again. A later one-off that restates an earlier one (a new
//! date for a postponed workshop, "The call will open in the first quarter of 2025" after the
//! framework's call) is the same promise: whatever delivers one delivers the other.
//!
//! A pair is recorded when the later commitment's own sentence, read as a statement, links to
//! the earlier one with a score that counts, both are one-off, and both name the same kind of
//! deliverable. "A second exercise" is another promise, never the first one again.

use kizuna_core::{CommitmentKind, Relation};

use crate::classify::Deliverables;
use crate::link::{COUNTS_FROM, Proposal};

/// What pairing needs to know of a commitment.
#[derive(Clone, Copy, Debug)]
pub struct Promise<'a> {
    pub kind: CommitmentKind,
    pub deliverables: Deliverables,
    /// Its folded sentence.
    pub folded: &'a str,
}

/// Whether `later`, whose sentence links to `earlier` through `link`, promises the same thing.
pub fn restates(later: &Promise<'_>, earlier: &Promise<'_>, link: &Proposal) -> bool {
    later.kind == CommitmentKind::OneOff
        && earlier.kind == CommitmentKind::OneOff
        && link.score >= COUNTS_FROM
        && later.deliverables.same_kind(earlier.deliverables)
        && match later.deliverables.same_in_series(earlier.deliverables) {
            // "their second joint exercise … is scheduled for October" after "a second exercise".
            Some(same) => same,
            None => !names_another(later.folded),
        }
}

/// "a second, larger exercise", "another call", "a further round": a new one of its kind; and
/// "Instead, they will develop guidance": what replaces the promise is not the promise.
fn names_another(folded: &str) -> bool {
    folded.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "second"
                | "third"
                | "fourth"
                | "fifth"
                | "another"
                | "further"
                | "additional"
                | "new"
                | "instead"
        )
    })
}

/// Commitments that are the same promise, by position in the ledger.
#[derive(Default)]
pub struct Restatements {
    partners: Vec<Vec<usize>>,
}

impl Restatements {
    /// Makes room for the commitment at the next position.
    pub fn push(&mut self) {
        self.partners.push(Vec::new());
    }

    pub fn pair(&mut self, later: usize, earlier: usize) {
        if !self.partners[later].contains(&earlier) {
            self.partners[later].push(earlier);
            self.partners[earlier].push(later);
        }
    }

    /// Every other commitment that is the same promise as `start`, through any chain of pairs
    /// (the framework's workshop, its first new date, its second).
    fn reach(&self, start: usize) -> Vec<usize> {
        let mut seen = vec![start];
        let mut next = 0;
        while next < seen.len() {
            for &p in &self.partners[seen[next]] {
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
            next += 1;
        }
        seen.split_off(1)
    }

    /// A statement that delivers one commitment delivers every restatement of it that it could
    /// report on (`reportable`: made before the statement).
    pub fn spread_deliveries(&self, proposals: &mut Vec<Proposal>, reportable: impl Fn(usize) -> bool) {
        let delivered: Vec<Proposal> =
            proposals.iter().filter(|p| p.relation == Relation::Delivered).cloned().collect();
        for delivery in delivered {
            for same in self.reach(delivery.target).into_iter().filter(|&t| reportable(t)) {
                match proposals.iter_mut().find(|p| p.target == same) {
                    Some(p) => {
                        p.relation = Relation::Delivered;
                        p.score = p.score.max(delivery.score);
                    }
                    None => proposals.push(Proposal { target: same, ..delivery.clone() }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(target: usize, score: f32, relation: Relation) -> Proposal {
        Proposal { target, score, relation }
    }

    #[test]
    fn a_new_date_is_the_same_promise_and_a_second_one_is_not() {
        let workshop = crate::classify::deliverables("a workshop");
        let call = crate::classify::deliverables("a call");
        let framework =
            Promise { kind: CommitmentKind::OneOff, deliverables: workshop, folded: "hold a workshop" };
        let new_date = Promise {
            kind: CommitmentKind::OneOff,
            deliverables: workshop,
            folded: "it is now planned for march",
        };
        let restating = link(0, 0.6, Relation::Reaffirmed);
        assert!(restates(&new_date, &framework, &restating));
        let second = Promise { folded: "they will hold a second workshop", ..new_date };
        assert!(!restates(&second, &framework, &restating), "another workshop");
        let instead = Promise { folded: "instead, they will hold a workshop on identity", ..new_date };
        assert!(!restates(&instead, &framework, &restating), "what replaces a promise is another");
        let call = Promise { deliverables: call, ..new_date };
        assert!(!restates(&call, &framework, &restating), "another kind of thing");
        let ongoing = Promise { kind: CommitmentKind::Continuing, ..framework };
        assert!(!restates(&new_date, &ongoing, &restating), "only deliverables are delivered");
        assert!(!restates(&new_date, &framework, &link(0, 0.3, Relation::Reaffirmed)), "a weak link");
        let numbered =
            |folded| Promise { deliverables: crate::classify::deliverables(folded), folded, ..new_date };
        let second_planned = numbered("they will hold a second workshop in 2025");
        let second_scheduled = numbered("their second workshop is scheduled for october");
        assert!(restates(&second_scheduled, &second_planned, &restating), "the same second one");
        assert!(!restates(&numbered("the third workshop is scheduled"), &second_planned, &restating));
    }

    #[test]
    fn a_delivery_reaches_every_restatement_made_before_it() {
        let mut same = Restatements::default();
        for _ in 0..4 {
            same.push();
        }
        same.pair(1, 0);
        same.pair(2, 1);
        let mut proposals = vec![link(2, 0.8, Relation::Delivered), link(3, 0.5, Relation::Progress)];
        same.spread_deliveries(&mut proposals, |t| t != 1);
        let reached: Vec<(usize, Relation)> = proposals.iter().map(|p| (p.target, p.relation)).collect();
        assert_eq!(reached, [(2, Relation::Delivered), (3, Relation::Progress), (0, Relation::Delivered)]);

        let mut progress = vec![link(0, 0.8, Relation::Progress)];
        same.spread_deliveries(&mut progress, |_| true);
        assert_eq!(progress.len(), 1, "progress stays where it was found");
    }
}
