//! The audit chain: every change to the record is an event whose hash covers the event and the
//! hash of the event before it, so that editing or deleting any stored event breaks the chain
//! from that point on. The store keeps the events and the head (last sequence number and hash);
//! this module owns the rule and its check, so it can be tested without a database.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// 1, 2, 3, … without gaps.
    pub seq: i64,
    /// RFC 3339 time of the change.
    pub at: String,
    /// Who: a user id, or `cli` for the command line.
    pub actor: String,
    /// What kind of change (`assess`, `link.accept`, `user.add`, …).
    pub action: String,
    /// What was changed (`commitment:<id>`, `user:<id>`, …).
    pub entity: String,
    /// The entity's state before and after, as JSON; `None` where there was none.
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    /// The hash of the event's content chained to `prev_hash`. Fields are length-prefixed so
    /// that no two different events serialise to the same bytes.
    pub fn compute_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.seq.to_be_bytes());
        for field in [
            Some(self.at.as_str()),
            Some(self.actor.as_str()),
            Some(self.action.as_str()),
            Some(self.entity.as_str()),
            self.before.as_deref(),
            self.after.as_deref(),
            Some(self.prev_hash.as_str()),
        ] {
            match field {
                Some(text) => {
                    hasher.update([1u8]);
                    hasher.update((text.len() as u64).to_be_bytes());
                    hasher.update(text.as_bytes());
                }
                None => hasher.update([0u8]),
            }
        }
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Fills `prev_hash` and `hash` for an event that follows `prev_hash`.
    pub fn sealed(mut self, prev_hash: &str) -> AuditEvent {
        self.prev_hash = prev_hash.to_owned();
        self.hash = self.compute_hash();
        self
    }
}

/// Where a chain is broken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("event {seq} was expected but {found} came next: events are missing")]
    Gap { seq: i64, found: i64 },
    #[error("event {seq} does not follow the event before it (its previous hash differs)")]
    Unlinked { seq: i64 },
    #[error("event {seq} was changed after it was written (its hash does not match its content)")]
    Altered { seq: i64 },
    #[error("the chain ends at event {last} but the head says {head}: events at the end are missing")]
    Truncated { last: i64, head: i64 },
    #[error("the last event's hash differs from the head's")]
    HeadMismatch,
}

/// Checks a chain one event at a time, so a long chain need not be held in memory.
#[derive(Clone, Debug)]
pub struct ChainCheck {
    expected_seq: i64,
    prev: String,
}

impl Default for ChainCheck {
    fn default() -> ChainCheck {
        ChainCheck { expected_seq: 1, prev: GENESIS.to_owned() }
    }
}

impl ChainCheck {
    /// The next event, in sequence order.
    pub fn push(&mut self, event: &AuditEvent) -> Result<(), ChainBreak> {
        if event.seq != self.expected_seq {
            return Err(ChainBreak::Gap { seq: self.expected_seq, found: event.seq });
        }
        if event.prev_hash != self.prev {
            return Err(ChainBreak::Unlinked { seq: event.seq });
        }
        if event.compute_hash() != event.hash {
            return Err(ChainBreak::Altered { seq: event.seq });
        }
        self.prev.clone_from(&event.hash);
        self.expected_seq += 1;
        Ok(())
    }

    /// Compares the end of the chain with the head the store keeps; returns the number of
    /// events checked.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
        if last != head_seq {
            return Err(ChainBreak::Truncated { last, head: head_seq });
        }
        if self.prev != head_hash {
            return Err(ChainBreak::HeadMismatch);
        }
        Ok(last)
    }
}

/// Checks events (in sequence order) against the head the store keeps (`head_seq`,
/// `head_hash`). Returns the number of events checked.
pub fn verify<'a>(
    events: impl IntoIterator<Item = &'a AuditEvent>,
    head_seq: i64,
    head_hash: &str,
) -> Result<i64, ChainBreak> {
    let mut check = ChainCheck::default();
    for event in events {
        check.push(event)?;
    }
    check.finish(head_seq, head_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let e = AuditEvent {
                    seq,
                    at: format!("2025-01-{seq:02}T00:00:00Z"),
                    actor: "alice".into(),
                    action: "assess".into(),
                    entity: format!("commitment:{seq}"),
                    before: None,
                    after: Some(format!("{{\"status\":\"delivered\",\"n\":{seq}}}")),
                    prev_hash: String::new(),
                    hash: String::new(),
                }
                .sealed(&prev);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn head(events: &[AuditEvent]) -> (i64, String) {
        events.last().map(|e| (e.seq, e.hash.clone())).unwrap_or((0, GENESIS.into()))
    }

    #[test]
    fn an_intact_chain_verifies() {
        let events = chain(5);
        let (seq, hash) = head(&events);
        assert_eq!(verify(&events, seq, &hash), Ok(5));
        assert_eq!(verify(&[], 0, GENESIS), Ok(0));
    }

    #[test]
    fn an_edited_event_is_detected() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        events[2].after = Some("{\"status\":\"dropped\"}".into());
        assert_eq!(verify(&events, seq, &hash), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn an_edited_and_rehashed_event_breaks_the_next_link() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        events[2].actor = "mallory".into();
        events[2].hash = events[2].compute_hash();
        assert_eq!(verify(&events, seq, &hash), Err(ChainBreak::Unlinked { seq: 4 }));
    }

    #[test]
    fn deleted_events_are_detected_in_the_middle_and_at_the_end() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        let mut middle = events.clone();
        middle.remove(1);
        assert_eq!(verify(&middle, seq, &hash), Err(ChainBreak::Gap { seq: 2, found: 3 }));
        events.pop();
        assert_eq!(verify(&events, seq, &hash), Err(ChainBreak::Truncated { last: 4, head: 5 }));
    }

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let [a] = <[AuditEvent; 1]>::try_from(chain(1)).unwrap();
        let mut b = a.clone();
        b.before = Some(String::new());
        assert_ne!(a.compute_hash(), b.compute_hash());
    }
}
