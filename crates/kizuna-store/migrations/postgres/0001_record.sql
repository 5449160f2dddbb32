-- The record of partnerships: framework, documents, commitments, evidence and links.
-- Machine proposals (link_proposals) and human decisions (link_decisions, assessments) are kept
-- in separate tables: re-analysis rewrites the former and never touches the latter.

CREATE TABLE partnerships (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_ja     TEXT,
    established TEXT
);

CREATE TABLE sides (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_ja        TEXT,
    PRIMARY KEY (partnership_id, id)
);

CREATE TABLE organisations (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    id             TEXT NOT NULL,
    side_id        TEXT,
    name           TEXT NOT NULL,
    name_ja        TEXT,
    acronym        TEXT,
    aliases        TEXT NOT NULL DEFAULT '[]',
    since          TEXT,
    until          TEXT,
    succeeded_by   TEXT,
    PRIMARY KEY (partnership_id, id)
);

CREATE TABLE bodies (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_ja        TEXT,
    aliases        TEXT NOT NULL DEFAULT '[]',
    level          TEXT,
    cadence        TEXT,
    kind           TEXT,
    PRIMARY KEY (partnership_id, id)
);

CREATE TABLE meetings (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    id             TEXT NOT NULL,
    body_id        TEXT NOT NULL,
    date           TEXT,
    format         TEXT,
    title          TEXT,
    PRIMARY KEY (partnership_id, id)
);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,          -- SHA-256 of the original bytes
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    position       BIGINT NOT NULL,           -- chronological order within the partnership
    path           TEXT NOT NULL,
    title          TEXT NOT NULL,
    date           TEXT,
    kind           TEXT,
    language       TEXT NOT NULL,
    url            TEXT,
    meeting_id     TEXT,
    original       BYTEA NOT NULL,
    normalised     TEXT NOT NULL,
    handling       TEXT NOT NULL DEFAULT 'public' CHECK (handling IN ('public', 'restricted')),
    ingested_at    TEXT NOT NULL
);
CREATE INDEX documents_by_partnership ON documents (partnership_id, position);

CREATE TABLE blocks (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    kind        TEXT NOT NULL,                -- heading | paragraph | item | footnote
    level       BIGINT,
    anchor      TEXT NOT NULL,
    span_start  BIGINT NOT NULL,
    span_end    BIGINT NOT NULL,
    PRIMARY KEY (document_id, position)
);

CREATE TABLE commitments (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    anchor      TEXT NOT NULL,
    text        TEXT NOT NULL,
    area        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    strength    TEXT NOT NULL,
    due         TEXT,
    due_end     TEXT,
    lead_in     TEXT,
    actors      TEXT NOT NULL DEFAULT '[]',
    span_start  BIGINT NOT NULL,
    span_end    BIGINT NOT NULL,
    handling    TEXT NOT NULL DEFAULT 'public' CHECK (handling IN ('public', 'restricted')),
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX commitments_by_document ON commitments (document_id, position);
CREATE INDEX commitments_by_area ON commitments (area);

CREATE TABLE evidence (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    anchor      TEXT NOT NULL,
    text        TEXT NOT NULL,
    date        TEXT,
    concrete    BOOLEAN NOT NULL,
    span_start  BIGINT NOT NULL,
    span_end    BIGINT NOT NULL,
    handling    TEXT NOT NULL DEFAULT 'public' CHECK (handling IN ('public', 'restricted')),
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX evidence_by_document ON evidence (document_id, position);

CREATE TABLE link_proposals (
    evidence_id   TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    rank          BIGINT NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    relation      TEXT NOT NULL CHECK (relation IN ('delivered', 'progress', 'reaffirmed')),
    PRIMARY KEY (evidence_id, commitment_id)
);
CREATE INDEX link_proposals_by_commitment ON link_proposals (commitment_id);

CREATE TABLE link_decisions (
    evidence_id   TEXT NOT NULL REFERENCES evidence(id),
    commitment_id TEXT NOT NULL REFERENCES commitments(id),
    decision      TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    relation      TEXT CHECK (relation IN ('delivered', 'progress', 'reaffirmed')),
    decided_by    TEXT NOT NULL,
    decided_at    TEXT NOT NULL,
    rationale     TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (evidence_id, commitment_id)
);

CREATE TABLE assessments (
    id            TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments(id),
    side_id       TEXT,
    status        TEXT NOT NULL,
    rationale     TEXT NOT NULL,
    made_on       TEXT NOT NULL,
    made_by       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);

-- Every change to the record, in order: feeds, "what changed recently", cache invalidation.
CREATE TABLE changes (
    seq            BIGSERIAL PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    summary        TEXT NOT NULL
);
