//! The columns of every open-data table, with their types and meaning: the one description the
//! CSV, JSON and XLSX writers follow, the import checks against, and `datapackage.json` publishes.

/// A column: its name (the record's field), Frictionless type and meaning.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// `string`, `integer`, `number`, `boolean` or `array` (a JSON array in a CSV cell).
    pub kind: &'static str,
    /// Never empty.
    pub required: bool,
    pub description: &'static str,
}

const fn req(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field { name, kind, required: true, description }
}

const fn opt(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field { name, kind, required: false, description }
}

/// A table: its name (file and sheet), what one row is, its columns and its primary key.
#[derive(Clone, Copy, Debug)]
pub struct TableSchema {
    pub name: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    pub key: &'static [&'static str],
    /// Foreign keys: (this table's field, the table it refers to, that table's key field).
    pub refs: &'static [(&'static str, &'static str, &'static str)],
}

const PERIOD: &str = "a date at the precision the document gave: YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD or FY2024 (Japanese fiscal year)";

pub const PARTNERSHIP: TableSchema = TableSchema {
    refs: &[],
    name: "partnership",
    description: "The partnership this record is of (one row).",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the partnership"),
        req("name", "string", "Name in English"),
        opt("name_ja", "string", "Name in Japanese"),
        opt("established", "string", PERIOD),
    ],
};

pub const SIDES: TableSchema = TableSchema {
    refs: &[],
    name: "sides",
    description: "The sides of the partnership (countries or blocs).",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the side"),
        req("name", "string", "Name in English"),
        opt("name_ja", "string", "Name in Japanese"),
    ],
};

pub const ORGANISATIONS: TableSchema = TableSchema {
    refs: &[],
    name: "organisations",
    description: "Ministries, agencies, regulators and other organisations, with renames and successors.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the organisation"),
        opt("side_id", "string", "The side it belongs to (sides.id); empty for international bodies"),
        req("name", "string", "Name in English"),
        opt("name_ja", "string", "Name in Japanese"),
        opt("acronym", "string", "Acronym, e.g. DSIT"),
        req("aliases", "array", "Other names it is known by (JSON array of strings)"),
        opt("since", "string", PERIOD),
        opt("until", "string", PERIOD),
        opt("succeeded_by", "string", "The organisation that took over its role (organisations.id)"),
    ],
};

pub const BODIES: TableSchema = TableSchema {
    refs: &[],
    name: "bodies",
    description: "Governance bodies: councils, groups, dialogues and working groups.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the body"),
        req("name", "string", "Name in English"),
        opt("name_ja", "string", "Name in Japanese"),
        opt("level", "string", "ministerial, director-general, ..."),
        opt("cadence", "string", "How often it meets, e.g. annual"),
        opt("kind", "string", "council, group, dialogue, working-group, ..."),
    ],
};

pub const MEETINGS: TableSchema = TableSchema {
    refs: &[("body_id", "bodies", "id")],
    name: "meetings",
    description: "Meetings of the governance bodies.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the meeting"),
        req("body_id", "string", "The body that met (bodies.id)"),
        opt("date", "string", PERIOD),
        opt("format", "string", "in person, online, videoconference, ..."),
        opt("title", "string", "Title of the meeting"),
        opt("title_ja", "string", "Title of the meeting in Japanese"),
    ],
};

pub const DOCUMENTS: TableSchema = TableSchema {
    refs: &[("meeting_id", "meetings", "id")],
    name: "documents",
    description: "The documents of the record, oldest first; their text is in documents/ beside this file.",
    key: &["id"],
    fields: &[
        req("id", "string", "SHA-256 of the document's original bytes"),
        req("position", "integer", "Chronological position within the partnership, from 0"),
        req("path", "string", "The file it was read from, relative to its dataset"),
        req("title", "string", "Title"),
        opt("date", "string", PERIOD),
        opt("kind", "string", "framework, joint-statement, readout, press-release, ..."),
        req("language", "string", "en or ja"),
        opt("url", "string", "Where the publisher published it"),
        opt("meeting_id", "string", "The meeting it is an output of (meetings.id)"),
        req(
            "text_file",
            "string",
            "Its normalised text (UTF-8), relative to this file; spans index its bytes",
        ),
        req("original_file", "string", "Its original bytes, relative to this file"),
    ],
};

pub const BLOCKS: TableSchema = TableSchema {
    refs: &[("document_id", "documents", "id")],
    name: "blocks",
    description: "The structure of each document: headings, paragraphs, list items and footnotes with their anchors.",
    key: &["document_id", "position"],
    fields: &[
        req("document_id", "string", "documents.id"),
        req("position", "integer", "Order within the document, from 0"),
        req("kind", "string", "heading, paragraph, item or footnote"),
        opt("level", "integer", "Heading level"),
        req("anchor", "string", "Stable anchor, e.g. 24 / Telecoms Diversification / b.vi"),
        req("span_start", "integer", "Byte offset of its start in the normalised text"),
        req("span_end", "integer", "Byte offset of its end in the normalised text"),
    ],
};

pub const COMMITMENTS: TableSchema = TableSchema {
    refs: &[("document_id", "documents", "id")],
    name: "commitments",
    description: "Every commitment (undertaking) found in the documents, with its status on the export's date.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id: SHA-256 of (document hash, anchor)"),
        req("document_id", "string", "The document that made it (documents.id)"),
        req("position", "integer", "Order within its document, from 0"),
        req("anchor", "string", "Where in the document: the citation"),
        req("text", "string", "Verbatim text (a list lead-in may be prefixed)"),
        req("area", "string", "Area key, e.g. telecoms, semiconductors"),
        opt(
            "pillar",
            "string",
            "The framework pillar it sits under (pillars.id); empty when its area is under none",
        ),
        req("kind", "string", "one-off, continuing, aim or governance"),
        req("strength", "string", "firm (will) or soft (will look to explore)"),
        opt("due", "string", PERIOD),
        opt("due_end", "string", "Last day of the due period (YYYY-MM-DD)"),
        opt("lead_in", "string", "The lead-in of the list it is an item of"),
        req("actors", "array", "Who undertook it (JSON array of strings)"),
        req("span_start", "integer", "Byte offset of its start in the document's normalised text"),
        req("span_end", "integer", "Byte offset of its end"),
        req("version", "integer", "Edit version of the record"),
        opt(
            "status",
            "string",
            "Derived: status on status_as_of (delivered, ongoing, in-progress, stalled, no-evidence, superseded, dropped)",
        ),
        opt(
            "overdue",
            "boolean",
            "Derived: its due period ended before status_as_of and it is not delivered",
        ),
        opt(
            "ogp_completion",
            "string",
            "Derived: Open Government Partnership completion level (Not started, Limited, Substantial, Complete, Withdrawn)",
        ),
        opt("g7_score", "integer", "Derived: G7 Research Group compliance score, -1, 0 or +1"),
        opt("status_as_of", "string", "The day the derived columns are worked out for (YYYY-MM-DD)"),
        opt(
            "reviewed",
            "boolean",
            "Derived: a person had reviewed its status by status_as_of (a link decided, evidence recorded, a status set or a correction); false: the engine's reading alone",
        ),
    ],
};

pub const EVIDENCE: TableSchema = TableSchema {
    refs: &[("document_id", "documents", "id")],
    name: "evidence",
    description: "Statements in later documents that report on commitments.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id: SHA-256 of (document hash, anchor)"),
        req("document_id", "string", "documents.id"),
        req("position", "integer", "Order within its document, from 0"),
        req("anchor", "string", "Where in the document: the citation"),
        req("text", "string", "Verbatim sentence"),
        opt("date", "string", PERIOD),
        req("concrete", "boolean", "It reports an event that happened (not an intention)"),
        req("span_start", "integer", "Byte offset of its start in the document's normalised text"),
        req("span_end", "integer", "Byte offset of its end"),
        req("version", "integer", "Edit version of the record"),
    ],
};

pub const LINKS: TableSchema = TableSchema {
    refs: &[("evidence_id", "evidence", "id"), ("commitment_id", "commitments", "id")],
    name: "links",
    description: "Machine-proposed links from evidence to the commitments it reports on (at most 3 per evidence).",
    key: &["evidence_id", "commitment_id"],
    fields: &[
        req("evidence_id", "string", "evidence.id"),
        req("commitment_id", "string", "commitments.id"),
        req("rank", "integer", "0 for the best-scored link of the evidence"),
        req("score", "number", "Link score, 0 to 1"),
        req("relation", "string", "delivered, progress or reaffirmed (a restatement, never progress)"),
    ],
};

pub const LINK_DECISIONS: TableSchema = TableSchema {
    refs: &[("evidence_id", "evidence", "id"), ("commitment_id", "commitments", "id")],
    name: "link_decisions",
    description: "People's decisions on proposed links; a rejected link does not count.",
    key: &["evidence_id", "commitment_id"],
    fields: &[
        req("evidence_id", "string", "evidence.id"),
        req("commitment_id", "string", "commitments.id"),
        req("decision", "string", "accepted or rejected"),
        opt("relation", "string", "The relation the person chose"),
        req("decided_by", "string", "Account that decided"),
        req("decided_at", "string", "When (RFC 3339)"),
        opt("rationale", "string", "Why"),
        req("version", "integer", "Edit version of the record"),
    ],
};

pub const ASSESSMENTS: TableSchema = TableSchema {
    refs: &[("commitment_id", "commitments", "id"), ("side_id", "sides", "id")],
    name: "assessments",
    description: "People's judgements of a commitment's status, which override the derived status from their day on.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the assessment"),
        req("commitment_id", "string", "commitments.id"),
        opt("side_id", "string", "Set when it judges one side's part only (sides.id)"),
        req("status", "string", "The status judged"),
        req("rationale", "string", "Why"),
        req("made_on", "string", "The day it holds from (YYYY-MM-DD)"),
        req("made_by", "string", "Account that made it"),
        req("recorded_at", "string", "When it was recorded (RFC 3339)"),
    ],
};

/// Every table, in the order they are written and read.
pub const PILLARS: TableSchema = TableSchema {
    refs: &[],
    name: "pillars",
    description: "The framework's pillars, in its order, with the areas under each.",
    key: &["id"],
    fields: &[
        req("id", "string", "Stable id of the pillar"),
        req("position", "integer", "Order in the framework, from 0"),
        req("name", "string", "Name in English"),
        opt("name_ja", "string", "Name in Japanese"),
        req("areas", "array", "Area keys under it, in order (JSON array of strings)"),
    ],
};

/// Tables a package made before they existed may lack: read as empty.
pub const ADDED_LATER: &[&str] = &["pillars"];

pub const TABLES: [TableSchema; 13] = [
    PARTNERSHIP,
    SIDES,
    ORGANISATIONS,
    BODIES,
    MEETINGS,
    DOCUMENTS,
    BLOCKS,
    COMMITMENTS,
    EVIDENCE,
    LINKS,
    LINK_DECISIONS,
    ASSESSMENTS,
    PILLARS,
];
