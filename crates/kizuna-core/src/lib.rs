//! Kizuna's domain: the vocabulary of commitments and evidence, calendar periods, the status
//! rules, the partnership manifest and an injectable clock.
//!
//! This crate owns meaning, not mechanics: it does no I/O (no files, network or database) and
//! depends on nothing heavy, so every other crate can build on it and it can be tested alone.

pub mod access;
pub mod audit;
pub mod carry;
pub mod citation;
pub mod clock;
pub mod manifest;
pub mod model;
pub mod period;
pub mod status;
pub mod stored;
pub mod title;
pub mod versions;

pub use access::{Handling, Permission, Role};
pub use audit::{AuditEvent, ChainBreak, ChainCheck};
pub use clock::{Clock, FixedClock, SystemClock};
pub use manifest::{Manifest, ManifestError, Pillar};
pub use model::{CommitmentKind, Language, Relation, Strength};
pub use period::{Period, PeriodParseError};
pub use status::{
    Assessment, Currency, EvidenceFact, LINK_COUNTS_FROM, Status, StatusAt, headline_day, link_counts,
    status_at,
};
pub use stored::{StoredCommitment, assessment_counts_from, day_of, from_made, latest_report, stored_fact};
pub use title::{meeting_number, meeting_title_ja, short_title};
pub use versions::version_groups;
