//! Feeds: an Atom feed of what changed in a partnership (or one area of it) — new documents, new
//! evidence, status changes — and an iCalendar file of its bodies' meetings.
//!
//! Entries are dated by the record (a document's date, the day a status changed), not by when
//! the store was loaded, so a feed reader sees the same entry the same way from every server.

use std::collections::HashSet;

use kizuna_core::citation::cite;
use kizuna_core::{StoredCommitment, day_of};
use time::Date;

use crate::record::Record;
use crate::{Words, escape};

/// At most this many entries, newest first.
const MAX_ENTRIES: usize = 200;

struct Entry {
    id: String,
    day: Date,
    title: String,
    href: String,
    summary: String,
}

/// The Atom feed of `record` up to `today`, of one `area` or all; links point at `site`.
pub fn atom(record: &Record, area: Option<&str>, today: Date, site: &str, words: &dyn Words) -> String {
    let known = record.known_on(today);
    let p = &known.partnership.id;
    let in_area: HashSet<&str> = known
        .commitments
        .iter()
        .filter(|c| area.is_none_or(|a| c.area == a))
        .map(|c| c.id.as_str())
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    for d in &known.documents {
        let made_here = known
            .commitments
            .iter()
            .filter(|c| c.document_id == d.id && in_area.contains(c.id.as_str()))
            .count();
        if area.is_some() && made_here == 0 {
            continue;
        }
        let Some(day) = day_of(d.date.as_deref()) else { continue };
        entries.push(Entry {
            id: format!("urn:kizuna:{p}:document:{}", d.id),
            day,
            title: format!("{}: {}", words.t("report-feed-document"), d.title),
            href: format!("{site}/documents/{}", d.id),
            summary: d.title.clone(),
        });
    }
    for e in &known.evidence {
        if !known.links.iter().any(|l| l.evidence_id == e.id && in_area.contains(l.commitment_id.as_str())) {
            continue;
        }
        // Evidence becomes known when its document is published.
        let Some(day) = known.document(&e.document_id).and_then(|d| day_of(d.date.as_deref())) else {
            continue;
        };
        entries.push(Entry {
            id: format!("urn:kizuna:{p}:evidence:{}", e.id),
            day,
            title: format!("{}: {}", words.t("report-feed-evidence"), shorten(&e.text)),
            href: format!("{site}{}", cite(&e.document_id, &e.anchor)),
            summary: e.text.clone(),
        });
    }
    let facts = known.published_facts();
    let assessments = known.core_assessments();
    let reports = known.report_dates();
    for c in known.commitments.iter().filter(|c| in_area.contains(c.id.as_str())) {
        let made = known.document(&c.document_id).and_then(|d| day_of(d.date.as_deref()));
        let stored = StoredCommitment { kind: &c.kind, due: c.due.as_deref(), made, reports: &reports };
        let facts = facts.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
        let assessments = assessments.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
        // A status changes for readers when what makes it is published, not on the day of the
        // event a later document reports: each day is judged on what was known by then.
        let mut days: Vec<Date> = facts
            .iter()
            .flat_map(|(f, published)| [Some(f.date), *published])
            .flatten()
            .chain(assessments.iter().map(|a| a.made))
            .chain(made)
            // Time changes statuses too; each such change is emitted on its own day.
            .chain(stored.days_time_may_change_it())
            .filter(|d| *d <= today)
            .collect();
        days.sort();
        days.dedup();
        let mut last = None;
        for day in days {
            let seen: Vec<_> =
                facts.iter().filter(|(_, p)| p.is_some_and(|p| p <= day)).map(|(f, _)| *f).collect();
            let s = stored.status_at(&seen, assessments, day);
            let state = (s.status, s.overdue);
            // The first state is the one it was made with: the document entry covers it.
            if last.is_some() && last != Some(state) {
                let mut status = words.status(s.status.as_str());
                if s.overdue {
                    status.push_str(&format!(" ({})", words.t("report-overdue-tag")));
                }
                entries.push(Entry {
                    id: format!("urn:kizuna:{p}:status:{}:{day}", c.id),
                    day,
                    title: format!("{}: {status} — {}", words.t("report-feed-status"), shorten(&c.text)),
                    href: format!("{site}/commitments/{}", c.id),
                    summary: c.text.clone(),
                });
            }
            last = Some(state);
        }
    }
    entries.sort_by(|a, b| b.day.cmp(&a.day).then(a.id.cmp(&b.id)));
    entries.truncate(MAX_ENTRIES);
    let updated = entries.first().map_or_else(|| stamp(today), |e| stamp(e.day));
    let (self_path, title) = match area {
        Some(a) => {
            (format!("/p/{p}/areas/{a}/feed.atom"), format!("{} — {}", known.partnership.name, words.area(a)))
        }
        None => (format!("/p/{p}/feed.atom"), known.partnership.name.clone()),
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<id>urn:kizuna:{}:feed{}</id>\n<title>{}</title>\n<updated>{updated}</updated>\n<author><name>Kizuna</name></author>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}\"/>\n",
        words.lang(),
        escape(p),
        area.map(|a| format!(":area:{}", escape(a))).unwrap_or_default(),
        escape(&format!("{title} — {}", words.t("report-feed-title"))),
        escape(&format!("{site}{self_path}")),
        escape(&format!("{site}{}", self_path.trim_end_matches("/feed.atom"))),
    );
    for e in &entries {
        out.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link href=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            escape(&e.id),
            escape(&e.title),
            stamp(e.day),
            escape(&e.href),
            escape(&e.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn stamp(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

/// The first words of a long text, for a title.
fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// The meetings of `record`'s bodies as an iCalendar file (RFC 5545). A meeting dated only to a
/// month or a year is an all-day event spanning it; undated meetings are left out.
pub fn ics(record: &Record, site: &str) -> String {
    let p = &record.partnership;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Kizuna//Partnership meetings//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", text(&p.name)),
    ];
    for m in &record.meetings {
        let Some(period) = m.date.as_deref().and_then(|d| d.parse::<kizuna_core::Period>().ok()) else {
            continue;
        };
        let (start, end) = (period.start(), period.end().next_day().unwrap_or(period.end()));
        let body = record.body(&m.body_id).map_or_else(|| m.body_id.clone(), |b| b.name.clone());
        let mut description = body.clone();
        if let Some(format) = &m.format {
            description.push_str(&format!(" ({format})"));
        }
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@{}.kizuna", text(&m.id), text(&p.id)),
            // The record's own date, so the file does not change with the day it is served.
            format!("DTSTAMP:{}T000000Z", compact(start)),
            format!("DTSTART;VALUE=DATE:{}", compact(start)),
            format!("DTEND;VALUE=DATE:{}", compact(end)),
            format!("SUMMARY:{}", text(m.title.as_deref().unwrap_or(&body))),
            format!("DESCRIPTION:{}", text(&description)),
            format!("URL:{site}/p/{}/governance#meeting-{}", p.id, m.id),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold(l)).collect()
}

fn compact(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month() as u8, day.day())
}

/// TEXT value escaping (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    value.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// A content line folded at 75 octets, never inside a character, ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;
    use crate::report::tests::sample;
    use icalendar::{Calendar, CalendarComponent, Component};
    use time::macros::date;

    #[test]
    fn the_atom_feed_is_xml_with_documents_evidence_and_status_changes() {
        let feed = atom(&sample(), None, date!(2024 - 06 - 01), "https://k.example", &Keys);
        let doc = roxmltree::Document::parse(&feed).expect("well-formed XML");
        let ids: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "entry")))
            .filter_map(|e| e.children().find(|c| c.has_tag_name("id")).and_then(|c| c.text()))
            .collect();
        assert!(ids.contains(&"urn:kizuna:a-b:document:d2"));
        assert!(ids.contains(&"urn:kizuna:a-b:evidence:e2"));
        assert!(
            ids.contains(&"urn:kizuna:a-b:status:workshop:2024-02-01"),
            "delivered when d2 was published: {ids:?}"
        );
        let data = atom(&sample(), Some("data"), date!(2024 - 06 - 01), "", &Keys);
        assert!(!data.contains("evidence:e1"), "e1 reports on the ai area only");
        assert!(data.contains("document:d2"), "d2 made a data commitment");
    }

    #[test]
    fn the_calendar_parses_with_a_real_parser() {
        let mut record = sample();
        record.meetings[0].title = Some(
            "First council; \"hybrid\", with a very long title that needs folding across lines 日英".into(),
        );
        record.meetings[1].date = Some("2024-03".into());
        let ics = ics(&record, "https://k.example");
        assert!(ics.lines().all(|l| l.len() <= 76), "folded");
        let calendar: Calendar = ics.parse().expect("parses");
        let events: Vec<_> = calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].get_summary(),
            Some("First council; \"hybrid\", with a very long title that needs folding across lines 日英")
        );
        assert_eq!(events[1].property_value("DTEND"), Some("20240401"), "a month-long all-day event");
    }
}
