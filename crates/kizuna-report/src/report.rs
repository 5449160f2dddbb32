//! A progress report as data: for a meeting (or a day), per area, each commitment with its status
//! on the day, the evidence since the previous meeting of the same body, what is new, what is
//! overdue and what has never had evidence. The formats (HTML, Markdown, DOCX) only lay it out.
//!
//! "As of" is exact: the record is first cut to what was known on the day
//! ([`Record::known_on`]), so a report regenerated later is byte-identical.

use std::collections::{BTreeMap, HashSet};

use kizuna_core::citation::cite;
use kizuna_core::{Status, day_of};
use serde::Serialize;
use time::Date;

pub use crate::pillars::PillarSection;
use crate::record::{Judged, Meeting, Partnership, Record};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("there is no meeting `{0}` in the record of this partnership")]
    UnknownMeeting(String),
    #[error("meeting `{0}` has no date, so there is nothing to report as of it")]
    UndatedMeeting(String),
    #[error("the chart could not be drawn: {0}")]
    Chart(String),
    #[error("the DOCX file could not be written: {0}")]
    Docx(String),
}

/// What a report is as of: a day, or a meeting (as of its day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    Day(Date),
    Meeting(String),
}

#[derive(Clone, Debug, Serialize)]
pub struct MeetingRef {
    pub id: String,
    pub title: String,
    /// Its title in Japanese: the manifest's, else the body's Japanese name when the meeting has
    /// no title of its own.
    pub title_ja: Option<String>,
    pub body: String,
    pub date: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub delivered: usize,
    pub ongoing: usize,
    pub in_progress: usize,
    pub stalled: usize,
    pub no_evidence: usize,
    /// Superseded or dropped by a person's assessment.
    pub closed: usize,
    pub overdue: usize,
}

impl Counts {
    /// Adds another's counts (a pillar's from its areas').
    pub(crate) fn merge(&mut self, other: &Counts) {
        self.total += other.total;
        self.delivered += other.delivered;
        self.ongoing += other.ongoing;
        self.in_progress += other.in_progress;
        self.stalled += other.stalled;
        self.no_evidence += other.no_evidence;
        self.closed += other.closed;
        self.overdue += other.overdue;
    }

    fn add(&mut self, status: Status, overdue: bool) {
        self.total += 1;
        match status {
            Status::Delivered => self.delivered += 1,
            Status::Ongoing => self.ongoing += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Stalled => self.stalled += 1,
            Status::NoEvidence => self.no_evidence += 1,
            Status::Superseded | Status::Dropped => self.closed += 1,
        }
        self.overdue += usize::from(overdue);
    }

    /// (status key, count) in the order charts and tables show them.
    pub fn by_status(&self) -> [(&'static str, usize); 6] {
        [
            ("delivered", self.delivered),
            ("ongoing", self.ongoing),
            ("in-progress", self.in_progress),
            ("stalled", self.stalled),
            ("no-evidence", self.no_evidence),
            ("dropped", self.closed),
        ]
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct EvidenceLine {
    pub id: String,
    pub text: String,
    /// The day it counts from (its own date, else its document's, never before the commitment).
    pub date: String,
    pub relation: String,
    pub document_title: String,
    pub anchor: String,
    /// The paragraph it comes from.
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommitmentLine {
    pub id: String,
    pub text: String,
    /// The undertaking in a few words ([`kizuna_core::short_title`]), for the briefing's tables.
    pub title: String,
    pub area: String,
    pub kind: String,
    pub due: Option<String>,
    pub made: Option<String>,
    pub status: Status,
    pub overdue: bool,
    pub assessed: bool,
    /// A person had reviewed it by the day; otherwise its status is the engine's reading alone.
    pub reviewed: bool,
    /// Made since the previous meeting.
    pub new: bool,
    /// Any evidence linked to it at all by the day.
    pub evidenced: bool,
    pub document_title: String,
    pub anchor: String,
    /// The paragraph of its text.
    pub href: String,
    /// Its page.
    pub page: String,
    /// Evidence dated since the previous meeting, oldest first.
    pub evidence_since: Vec<EvidenceLine>,
    /// The latest evidence that counts for it by the day, however old.
    pub latest: Option<EvidenceLine>,
    /// The judgements people recorded by the day, with their reasons: the latest for the whole
    /// commitment, then each side's latest, in the order of the record's sides.
    pub verdicts: Vec<Verdict>,
}

impl CommitmentLine {
    /// The marks every format shows beside its status, in order: (class, catalogue key).
    pub fn tags(&self) -> Vec<(&'static str, &'static str)> {
        [
            (self.overdue, ("overdue", "report-overdue-tag")),
            (self.new, ("new", "report-new-tag")),
            (!self.reviewed, ("machine", "machine-reading")),
        ]
        .into_iter()
        .filter_map(|(shown, tag)| shown.then_some(tag))
        .collect()
    }
}

/// A commitment whose status changed since the previous meeting.
#[derive(Clone, Debug, Serialize)]
pub struct Movement {
    pub id: String,
    pub from: Status,
    pub to: Status,
}

/// How many movements the summary names.
const MOVEMENTS: usize = 5;

/// A person's judgement of a commitment: a status with the reason for it.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// The side that judged, by name; `None` for both.
    pub side: Option<String>,
    pub status: Status,
    pub rationale: String,
    pub made_on: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AreaSection {
    pub area: String,
    /// The pillar its commitments sit under (`pillars.id`), if any.
    pub pillar: Option<String>,
    /// Its id in the page: `area-` and the key (and the pillar, where the area shows twice).
    pub anchor: String,
    pub counts: Counts,
    pub commitments: Vec<CommitmentLine>,
}

/// A progress report, ready to lay out.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub partnership: Partnership,
    pub as_of: String,
    /// The meeting it is for: the one asked for, else the latest on or before the day of a body
    /// that meets on a cadence.
    pub meeting: Option<MeetingRef>,
    /// The previous meeting of the same body: "since" starts the day after it.
    pub previous_meeting: Option<MeetingRef>,
    /// The date of the latest document known on the day: what the record is current to.
    pub current_to: Option<String>,
    /// Items kept as aims or context, left out of every table and total.
    pub set_apart: usize,
    pub totals: Counts,
    /// The same counts as of the previous meeting, when there is one: "change since".
    pub previous_totals: Option<Counts>,
    /// The status changes since the previous meeting that matter most (deliveries first), at
    /// most five.
    pub movements: Vec<Movement>,
    /// How many of the counted commitments (`totals.total`) a person had reviewed by the day.
    pub reviewed: usize,
    /// The framework's pillars that hold commitments, in its order, with their counts.
    pub pillars: Vec<PillarSection>,
    /// Pillar by pillar in the framework's order, each pillar's areas in its order; then the
    /// areas under no pillar, largest first.
    pub areas: Vec<AreaSection>,
    /// Ids of commitments made since the previous meeting (see `areas` for each).
    pub new: Vec<String>,
    pub overdue: Vec<String>,
    /// Ids of commitments with no evidence at all since they were made, besides those overdue or
    /// new since a previous meeting (listed as such).
    pub never_evidenced: Vec<String>,
    /// Evidence items per quarter (`2024-Q1`), oldest first, up to the day.
    pub evidence_by_quarter: Vec<(String, usize)>,
}

impl Report {
    /// The report on `basis` from `record` (restricted records already left out). Links point
    /// at `site` (`https://kizuna.example.org`, or `` for site-relative links).
    pub fn build(record: &Record, basis: &Basis, site: &str) -> Result<Report, ReportError> {
        let (as_of, meeting) = match basis {
            Basis::Day(day) => (*day, report_meeting(record, *day)),
            Basis::Meeting(id) => {
                let m = record
                    .meetings
                    .iter()
                    .find(|m| &m.id == id)
                    .ok_or_else(|| ReportError::UnknownMeeting(id.clone()))?;
                let day = day_of(m.date.as_deref()).ok_or_else(|| ReportError::UndatedMeeting(id.clone()))?;
                (day, Some(m))
            }
        };
        let known = record.known_on(as_of);
        let previous = meeting.and_then(|m| previous_meeting(&known, m));
        let since = previous.and_then(|p| day_of(p.date.as_deref()));
        let after_since = |d: Option<Date>| d.is_some_and(|d| since.is_none_or(|s| d > s));

        let (judged, apart) = counted(&known, as_of);
        let linked: HashSet<&str> = known.links.iter().map(|l| l.commitment_id.as_str()).collect();
        let reviewed = known.reviewed();
        let mut areas: BTreeMap<(Option<String>, String), AreaSection> = BTreeMap::new();
        let mut totals = Counts::default();
        let (mut new, mut overdue, mut never) = (Vec::new(), Vec::new(), Vec::new());
        for j in &judged {
            let line =
                commitment_line(&known, j, site, since, as_of, linked.contains(j.commitment.id.as_str()));
            let line = CommitmentLine {
                new: after_since(j.made),
                reviewed: reviewed.contains(j.commitment.id.as_str()),
                ..line
            };
            totals.add(line.status, line.overdue);
            if line.new {
                new.push(line.id.clone());
            }
            if line.overdue {
                overdue.push(line.id.clone());
            }
            // The lists do not repeat each other: overdue, or new since a previous meeting, says
            // more than "no evidence" (in a first report everything is new).
            if !(line.evidenced || line.overdue || line.new && since.is_some()) {
                never.push(line.id.clone());
            }
            let pillar = j.commitment.pillar.clone();
            let section = areas.entry((pillar.clone(), line.area.clone())).or_insert_with(|| AreaSection {
                area: line.area.clone(),
                anchor: String::new(),
                pillar,
                counts: Counts::default(),
                commitments: Vec::new(),
            });
            section.counts.add(line.status, line.overdue);
            section.commitments.push(line);
        }
        let (pillars, areas) = crate::pillars::arrange(&record.pillars, areas.into_values().collect());

        let mut quarters: BTreeMap<(i32, u8), usize> = BTreeMap::new();
        for e in &known.evidence {
            if let Some(d) = known.evidence_day(e).filter(|d| *d <= as_of) {
                *quarters.entry((d.year(), (d.month() as u8 - 1) / 3 + 1)).or_default() += 1;
            }
        }
        let evidence_by_quarter = every_quarter(&quarters, as_of);
        let before = since.map(|s| (record.known_on(s), s));
        let then: Option<Vec<Judged<'_>>> = before.as_ref().map(|(r, s)| counted(r, *s).0);
        let previous_totals = then.as_ref().map(|then| {
            let mut counts = Counts::default();
            for j in then {
                counts.add(j.status.status, j.status.overdue);
            }
            counts
        });
        let movements = then.map(|then| movements(&then, &areas)).unwrap_or_default();

        Ok(Report {
            partnership: record.partnership.clone(),
            as_of: as_of.to_string(),
            meeting: meeting.map(|m| meeting_ref(record, m)),
            previous_meeting: previous.map(|m| meeting_ref(record, m)),
            current_to: known.current_to().map(|d| d.to_string()),
            set_apart: apart,
            totals,
            previous_totals,
            movements,
            reviewed: areas.iter().flat_map(|a| &a.commitments).filter(|c| c.reviewed).count(),
            pillars,
            areas,
            new,
            overdue,
            never_evidenced: never,
            evidence_by_quarter,
        })
    }

    /// The line of a commitment, wherever it is listed.
    pub fn commitment(&self, id: &str) -> Option<&CommitmentLine> {
        self.areas.iter().flat_map(|a| &a.commitments).find(|c| c.id == id)
    }

    /// The summary's rows: (catalogue key, count now, count at the previous meeting) for each
    /// status, then overdue, then the total.
    pub fn summary(&self) -> Vec<(String, usize, Option<usize>)> {
        let then = self.previous_totals.as_ref();
        let before = then.map(Counts::by_status);
        let mut rows: Vec<(String, usize, Option<usize>)> = self
            .totals
            .by_status()
            .iter()
            .enumerate()
            .map(|(i, (key, now))| (format!("status-{key}"), *now, before.map(|b| b[i].1)))
            .collect();
        rows.push(("report-overdue".into(), self.totals.overdue, then.map(|c| c.overdue)));
        rows.push(("report-total".into(), self.totals.total, then.map(|c| c.total)));
        rows
    }

    /// Every commitment line, area by area.
    pub fn lines(&self) -> impl Iterator<Item = &CommitmentLine> {
        self.areas.iter().flat_map(|a| &a.commitments)
    }

    /// The area sections pillar by pillar: each pillar (`None` for the areas under none) with
    /// its sections and how many commitments they hold, in the report's order.
    pub fn by_pillar(&self) -> Vec<(Option<&PillarSection>, Vec<&AreaSection>, usize)> {
        let mut groups: Vec<(Option<&PillarSection>, Vec<&AreaSection>, usize)> = Vec::new();
        for section in &self.areas {
            let pillar = section.pillar.as_deref().and_then(|id| self.pillars.iter().find(|p| p.id == id));
            match groups.last_mut() {
                Some((p, sections, total)) if p.map(|p| &p.id) == pillar.map(|p| &p.id) => {
                    sections.push(section);
                    *total += section.counts.total;
                }
                _ => groups.push((pillar, vec![section], section.counts.total)),
            }
        }
        groups
    }
}

/// The commitments a report counts on `day`, and how many it sets apart: a translation is
/// reported with its original, once; aims and context are counted apart.
fn counted(known: &Record, day: Date) -> (Vec<Judged<'_>>, usize) {
    let translations = known.translations();
    let (judged, apart): (Vec<_>, Vec<_>) =
        known.judged(day).into_iter().filter(|j| !translations.contains(j.commitment.id.as_str())).partition(
            |j| !kizuna_core::CommitmentKind::from_name(&j.commitment.kind).is_some_and(|k| k.set_apart()),
        );
    (judged, apart.len())
}

/// Evidence counts for every quarter from the first with evidence to the report's own, empty
/// quarters included, so the time axis is even.
fn every_quarter(counted: &BTreeMap<(i32, u8), usize>, as_of: Date) -> Vec<(String, usize)> {
    let Some(&(mut year, mut quarter)) = counted.keys().next() else { return Vec::new() };
    let last = (as_of.year(), (as_of.month() as u8 - 1) / 3 + 1);
    let mut out = Vec::new();
    while (year, quarter) <= last {
        out.push((format!("{year}-Q{quarter}"), counted.get(&(year, quarter)).copied().unwrap_or(0)));
        (year, quarter) = if quarter == 4 { (year + 1, 1) } else { (year, quarter + 1) };
    }
    out
}

/// The status changes between `then` (the previous meeting) and the report's lines, most
/// important first: deliveries, then work starting, then stalls, then the rest; within each,
/// the latest evidence first. Commitments made since then are new, not movements.
fn movements(then: &[Judged<'_>], areas: &[AreaSection]) -> Vec<Movement> {
    let before: std::collections::HashMap<&str, Status> =
        then.iter().map(|j| (j.commitment.id.as_str(), j.status.status)).collect();
    let weight = |from: Status, to: Status| match to {
        Status::Delivered => 0,
        Status::Ongoing | Status::InProgress if matches!(from, Status::NoEvidence | Status::Stalled) => 1,
        Status::Stalled => 2,
        Status::Superseded | Status::Dropped => 3,
        _ => 4,
    };
    let mut moved: Vec<(u8, std::cmp::Reverse<Option<&str>>, &CommitmentLine, Status)> = areas
        .iter()
        .flat_map(|a| &a.commitments)
        .filter_map(|c| {
            let from = *before.get(c.id.as_str())?;
            (from != c.status).then(|| {
                (
                    weight(from, c.status),
                    std::cmp::Reverse(c.latest.as_ref().map(|e| e.date.as_str())),
                    c,
                    from,
                )
            })
        })
        .collect();
    moved.sort_by(|a, b| (a.0, &a.1, &a.2.id).cmp(&(b.0, &b.1, &b.2.id)));
    moved
        .into_iter()
        .take(MOVEMENTS)
        .map(|(_, _, c, from)| Movement { id: c.id.clone(), from, to: c.status })
        .collect()
}

/// The latest meeting on or before `day` of a body that meets on a cadence (councils and groups
/// report; dialogues and workshops are reported on).
fn report_meeting(record: &Record, day: Date) -> Option<&Meeting> {
    record
        .meetings
        .iter()
        .filter(|m| record.body(&m.body_id).is_some_and(|b| b.cadence.is_some()))
        .filter_map(|m| day_of(m.date.as_deref()).filter(|d| *d <= day).map(|d| (d, m)))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)))
        .map(|(_, m)| m)
}

/// The meeting of the same body before `m`, among those known.
fn previous_meeting<'r>(known: &'r Record, m: &Meeting) -> Option<&'r Meeting> {
    let day = day_of(m.date.as_deref())?;
    known
        .meetings
        .iter()
        .filter(|x| x.body_id == m.body_id && x.id != m.id)
        .filter_map(|x| day_of(x.date.as_deref()).filter(|d| *d < day).map(|d| (d, x)))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)))
        .map(|(_, x)| x)
}

fn meeting_ref(record: &Record, m: &Meeting) -> MeetingRef {
    let found = record.body(&m.body_id);
    let body = found.map_or_else(|| m.body_id.clone(), |b| b.name.clone());
    let body_ja = found.and_then(|b| b.name_ja.clone());
    MeetingRef {
        id: m.id.clone(),
        title: m.title.clone().unwrap_or_else(|| body.clone()),
        title_ja: kizuna_core::meeting_title_ja(
            m.title.as_deref(),
            m.title_ja.as_deref(),
            body_ja.as_deref(),
        ),
        body,
        date: m.date.clone().unwrap_or_default(),
    }
}

fn commitment_line(
    known: &Record,
    j: &Judged<'_>,
    site: &str,
    since: Option<Date>,
    as_of: Date,
    evidenced: bool,
) -> CommitmentLine {
    let c = j.commitment;
    // The links that count, as the status rules count them.
    let mut evidence_since: Vec<(Date, usize, EvidenceLine)> = known
        .counting_links()
        .into_iter()
        .filter(|(_, commitment, _)| *commitment == c.id)
        .filter_map(|(evidence_id, _, relation)| {
            let (i, e) = known.evidence.iter().enumerate().find(|(_, e)| e.id == evidence_id)?;
            // Counted from the day the commitment was made, as the status rules count it; shown
            // at the precision the text gave ("March 2024", not "1 March 2024").
            let day = known.evidence_day(e)?.max(j.made.unwrap_or(Date::MIN));
            let shown = e
                .date
                .clone()
                .filter(|d| {
                    kizuna_core::day_of(Some(d)).is_some_and(|start| start >= j.made.unwrap_or(Date::MIN))
                })
                .unwrap_or_else(|| day.to_string());
            (day <= as_of).then(|| {
                let document = known.document(&e.document_id);
                let line = EvidenceLine {
                    id: e.id.clone(),
                    text: e.text.clone(),
                    date: shown,
                    relation: relation.to_owned(),
                    document_title: document.map(|d| d.title.clone()).unwrap_or_default(),
                    anchor: e.anchor.clone(),
                    href: format!("{site}{}", cite(&e.document_id, &e.anchor)),
                };
                (day, i, line)
            })
        })
        .collect();
    evidence_since.sort_by_key(|(d, i, _)| (*d, *i));
    let latest = evidence_since.last().map(|(_, _, l)| l.clone());
    evidence_since.retain(|(day, _, _)| since.is_none_or(|s| *day > s));
    CommitmentLine {
        id: c.id.clone(),
        text: c.text.clone(),
        title: kizuna_core::short_title(&c.text),
        area: c.area.clone(),
        kind: c.kind.clone(),
        due: c.due.clone(),
        made: j.document.date.clone(),
        status: j.status.status,
        overdue: j.status.overdue,
        assessed: j.status.assessed,
        reviewed: false,
        new: false,
        evidenced,
        document_title: j.document.title.clone(),
        anchor: c.anchor.clone(),
        href: format!("{site}{}", cite(&c.document_id, &c.anchor)),
        page: format!("{site}/commitments/{}", c.id),
        evidence_since: evidence_since.into_iter().map(|(_, _, l)| l).collect(),
        latest,
        verdicts: verdicts(known, &c.id),
    }
}

/// The latest judgement of `commitment` for both sides, then for each side, among those the
/// record knew by its day (`known` holds only those).
fn verdicts(known: &Record, commitment: &str) -> Vec<Verdict> {
    let latest = |side: Option<&str>| {
        known
            .assessments
            .iter()
            .filter(|a| a.commitment_id == commitment && a.side_id.as_deref() == side)
            .max_by(|a, b| (&a.made_on, &a.recorded_at, &a.id).cmp(&(&b.made_on, &b.recorded_at, &b.id)))
    };
    let whole = latest(None).map(|a| (None, a));
    let sides = known.sides.iter().filter_map(|s| latest(Some(&s.id)).map(|a| (Some(s.name.clone()), a)));
    whole
        .into_iter()
        .chain(sides)
        .filter_map(|(side, a)| {
            Some(Verdict {
                side,
                status: Status::from_name(&a.status)?,
                rationale: a.rationale.clone(),
                made_on: a.made_on.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::*;
    use time::macros::date;

    /// A small partnership: a framework in 2022 with a workshop due in 2023-H1 and continuing
    /// research; a council in 2023 reporting progress; a council in 2024 reporting delivery and
    /// making a new commitment.
    pub fn sample() -> Record {
        let doc = |id: &str, position: i64, date: &str, meeting: Option<&str>| Document {
            id: id.into(),
            position,
            path: format!("{id}.md"),
            title: format!("Document {id}"),
            date: Some(date.into()),
            kind: None,
            language: "en".into(),
            url: None,
            meeting_id: meeting.map(Into::into),
        };
        let commitment = |id: &str, document: &str, kind: &str, due: Option<&str>, area: &str| Commitment {
            id: id.into(),
            document_id: document.into(),
            position: 0,
            anchor: format!("{id} / s1"),
            text: format!("Both sides will do {id} <& more>."),
            area: area.into(),
            pillar: None,
            kind: kind.into(),
            strength: "firm".into(),
            due: due.map(Into::into),
            due_end: None,
            lead_in: None,
            actors: vec!["both".into()],
            span_start: 0,
            span_end: 10,
            version: 1,
        };
        let evidence = |id: &str, document: &str, date: Option<&str>| Evidence {
            id: id.into(),
            document_id: document.into(),
            position: 0,
            anchor: "¶1".into(),
            text: format!("Evidence {id}."),
            date: date.map(Into::into),
            concrete: true,
            span_start: 0,
            span_end: 5,
            version: 1,
        };
        let link = |e: &str, c: &str, relation: &str| Link {
            evidence_id: e.into(),
            commitment_id: c.into(),
            rank: 0,
            score: 0.5,
            relation: relation.into(),
        };
        Record {
            partnership: Partnership {
                id: "a-b".into(),
                name: "A-B".into(),
                name_ja: None,
                established: None,
            },
            bodies: vec![Body {
                id: "council".into(),
                name: "Council".into(),
                name_ja: None,
                level: None,
                cadence: Some("annual".into()),
                kind: None,
            }],
            meetings: ["2023-02-01", "2024-02-01"]
                .iter()
                .enumerate()
                .map(|(i, d)| Meeting {
                    id: format!("m{i}"),
                    body_id: "council".into(),
                    date: Some((*d).into()),
                    format: None,
                    title: None,
                    title_ja: None,
                })
                .collect(),
            documents: vec![
                doc("d0", 0, "2022-12-07", None),
                doc("d1", 1, "2023-02-01", Some("m0")),
                doc("d2", 2, "2024-02-01", Some("m1")),
            ],
            commitments: vec![
                commitment("workshop", "d0", "one-off", Some("2023-H1"), "ai"),
                commitment("research", "d0", "continuing", None, "ai"),
                commitment("idle", "d0", "continuing", None, "data"),
                commitment("later", "d2", "one-off", Some("2024"), "data"),
            ],
            evidence: vec![evidence("e1", "d1", None), evidence("e2", "d2", Some("2023-05"))],
            links: vec![
                link("e1", "workshop", "progress"),
                link("e1", "research", "progress"),
                link("e2", "workshop", "delivered"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_report_uses_only_what_was_known_on_its_day() {
        let record = sample();
        let early = Report::build(&record, &Basis::Day(date!(2023 - 06 - 01)), "").unwrap();
        assert_eq!(early.meeting.as_ref().unwrap().id, "m0");
        assert!(early.previous_meeting.is_none());
        assert!(early.commitment("later").is_none(), "made in a later document");
        let workshop = early.commitment("workshop").unwrap();
        // e2 says the workshop was held in May 2023, but that was published only in 2024.
        assert_eq!((workshop.status, workshop.overdue), (Status::InProgress, false));
        assert_eq!(early.never_evidenced, ["idle"]);

        let late = Report::build(&record, &Basis::Meeting("m1".into()), "https://k.example").unwrap();
        assert_eq!(late.as_of, "2024-02-01");
        assert_eq!(late.previous_meeting.as_ref().unwrap().id, "m0");
        assert_eq!(late.commitment("workshop").unwrap().status, Status::Delivered);
        assert_eq!(late.new, ["later"], "made since the previous meeting");
        let since: Vec<&str> =
            late.commitment("workshop").unwrap().evidence_since.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(since, ["e2"], "e1 was before the previous meeting");
        assert_eq!(
            late.commitment("workshop").unwrap().evidence_since[0].href,
            "https://k.example/documents/d2#1"
        );
        assert_eq!(late.totals.total, 4);
        let quarters: Vec<(&str, usize)> =
            late.evidence_by_quarter.iter().map(|(q, n)| (q.as_str(), *n)).collect();
        assert_eq!(
            quarters,
            [("2023-Q1", 1), ("2023-Q2", 1), ("2023-Q3", 0), ("2023-Q4", 0), ("2024-Q1", 0)],
            "every quarter up to the report's, empty ones too"
        );
    }

    #[test]
    fn the_summary_compares_with_the_previous_meeting() {
        let late = Report::build(&sample(), &Basis::Meeting("m1".into()), "").unwrap();
        let then = late.previous_totals.as_ref().expect("there was a previous meeting");
        assert_eq!((then.total, late.totals.total), (3, 4), "one commitment is new");
        let moved: Vec<(&str, Status, Status)> =
            late.movements.iter().map(|m| (m.id.as_str(), m.from, m.to)).collect();
        assert_eq!(moved, [("workshop", Status::InProgress, Status::Delivered)]);
        let workshop = late.commitment("workshop").unwrap();
        assert_eq!(workshop.latest.as_ref().map(|e| e.id.as_str()), Some("e2"));
        assert_eq!(workshop.title, "Do workshop <& more>");
        let research = late.commitment("research").unwrap();
        assert!(research.evidence_since.is_empty(), "e1 was before the previous meeting");
        assert_eq!(research.latest.as_ref().map(|e| e.id.as_str()), Some("e1"), "but it is the latest");
        let early = Report::build(&sample(), &Basis::Day(date!(2023 - 06 - 01)), "").unwrap();
        assert!(early.previous_totals.is_none() && early.movements.is_empty());
    }

    #[test]
    fn later_assessments_and_unknown_meetings() {
        let mut record = sample();
        record.assessments.push(Assessment {
            id: "a1".into(),
            commitment_id: "idle".into(),
            side_id: None,
            status: "dropped".into(),
            rationale: "Overtaken.".into(),
            made_on: "2024-01-01".into(),
            made_by: "x".into(),
            recorded_at: "2024-01-02T00:00:00Z".into(),
        });
        let before = Report::build(&record, &Basis::Day(date!(2023 - 12 - 31)), "").unwrap();
        assert_eq!(before.commitment("idle").unwrap().status, Status::NoEvidence);
        // Made on 1 January, recorded on the 2nd: a report of the 1st, made on the 1st, could not
        // have known it, and regenerates the same.
        let on_the_day = Report::build(&record, &Basis::Day(date!(2024 - 01 - 01)), "").unwrap();
        assert_eq!(on_the_day.commitment("idle").unwrap().status, Status::NoEvidence);
        let after = Report::build(&record, &Basis::Day(date!(2024 - 01 - 02)), "").unwrap();
        assert_eq!(after.commitment("idle").unwrap().status, Status::Dropped);
        // The verdict is reported with its reason from the day it counts, not before.
        assert!(on_the_day.commitment("idle").unwrap().verdicts.is_empty());
        let verdicts = &after.commitment("idle").unwrap().verdicts;
        assert_eq!(verdicts.len(), 1);
        assert_eq!((verdicts[0].side.as_deref(), verdicts[0].status), (None, Status::Dropped));
        assert_eq!(verdicts[0].rationale, "Overtaken.");
        let e = Report::build(&record, &Basis::Meeting("nope".into()), "").unwrap_err();
        assert!(e.to_string().contains("`nope`"), "{e}");
    }

    /// A status no person had reviewed by the report's day is marked as the engine's reading, in
    /// every format; a correction or an assessment recorded later does not change a past report.
    #[test]
    fn statuses_no_person_had_reviewed_by_the_day_are_marked_machine_readings() {
        let mut record = sample();
        record.corrected.push(("research".into(), "2024-01-02T09:00:00Z".into()));
        let before = Report::build(&record, &Basis::Day(date!(2024 - 01 - 01)), "").unwrap();
        let after = Report::build(&record, &Basis::Day(date!(2024 - 01 - 02)), "").unwrap();
        assert!(!before.commitment("research").unwrap().reviewed);
        assert!(
            after.commitment("research").unwrap().reviewed && !after.commitment("idle").unwrap().reviewed
        );
        assert_eq!((before.reviewed, after.reviewed), (0, 1));
        let html = crate::html::fragment(&after, &crate::Keys);
        assert!(html.contains(r#"<span class="tag machine">machine-reading</span>"#), "{html}");
        // Each commitment shows twice: in its area's briefing table and in the annex.
        assert_eq!(html.matches("tag machine").count(), 2 * (after.totals.total - 1));
        let markdown = crate::markdown::document(&after, &crate::Keys);
        assert!(
            markdown.contains(", machine-reading") && markdown.contains("report-reviewed: 1\n"),
            "{markdown}"
        );
    }

    #[test]
    fn one_sides_assessment_leaves_the_whole_commitments_status_to_the_evidence() {
        let mut record = sample();
        record.assessments.push(Assessment {
            id: "a2".into(),
            commitment_id: "idle".into(),
            side_id: Some("a".into()),
            status: "dropped".into(),
            rationale: "One side stopped.".into(),
            made_on: "2024-01-01".into(),
            made_by: "x".into(),
            recorded_at: "2024-01-02T00:00:00Z".into(),
        });
        let report = Report::build(&record, &Basis::Day(date!(2024 - 06 - 01)), "").unwrap();
        assert_eq!(report.commitment("idle").unwrap().status, Status::NoEvidence);
    }
}
