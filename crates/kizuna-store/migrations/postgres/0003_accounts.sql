-- People who keep the record, their sessions, and the audit chain of every change they make.
-- Also what people add by hand: evidence recorded without a document, notes, and follows.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,           -- the login name
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,              -- Argon2id, PHC string
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer', 'viewer')),
    side_id       TEXT,                       -- the side the person works for, if any
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1
);

-- Kept in the database so that every server sharing it knows every session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,              -- SHA-256 of the cookie value; the value is not stored
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins, for throttling per account and per address.
CREATE TABLE login_failures (
    id      BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_id, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);

-- Append-only. Each event's hash covers its content and the previous hash (kizuna_core::audit);
-- audit_head holds the last sequence number and hash, and its row lock orders all writers.
CREATE TABLE audit_events (
    seq       BIGINT PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_events_by_entity ON audit_events (entity, seq);

CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Evidence an editor records by hand ("Telecoms Policy Dialogue held on 19 November 2024").
CREATE TABLE recorded_evidence (
    id            TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    date          TEXT NOT NULL,
    source_url    TEXT,
    relation      TEXT NOT NULL CHECK (relation IN ('delivered', 'progress', 'reaffirmed')),
    handling      TEXT NOT NULL DEFAULT 'public' CHECK (handling IN ('public', 'restricted')),
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX recorded_evidence_by_commitment ON recorded_evidence (commitment_id);

CREATE TABLE notes (
    id            TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    handling      TEXT NOT NULL DEFAULT 'restricted' CHECK (handling IN ('public', 'restricted')),
    written_by    TEXT NOT NULL,
    written_at    TEXT NOT NULL
);
CREATE INDEX notes_by_commitment ON notes (commitment_id);

-- What a person follows; `seen_seq` is the change sequence their digest was last read at.
CREATE TABLE follows (
    user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    partnership_id TEXT NOT NULL,
    target_kind    TEXT NOT NULL CHECK (target_kind IN ('commitment', 'area')),
    target_id      TEXT NOT NULL,
    seen_seq       BIGINT NOT NULL,
    PRIMARY KEY (user_id, partnership_id, target_kind, target_id)
);

-- A document's handling can be changed by an editor, so it carries a version like the others.
ALTER TABLE documents ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The links as they count: machine proposals nobody rejected (with the relation a reviewer chose,
-- when one did), and links a reviewer made that the machine did not propose (a re-link). Rank 0
-- and score 1 mark the latter.
CREATE VIEW effective_links AS
SELECT l.evidence_id, l.commitment_id, l.rank, l.score, COALESCE(x.relation, l.relation) AS relation
FROM link_proposals l
LEFT JOIN link_decisions x ON x.evidence_id = l.evidence_id AND x.commitment_id = l.commitment_id
WHERE x.decision IS NULL OR x.decision = 'accepted'
UNION ALL
SELECT x.evidence_id, x.commitment_id, CAST(0 AS BIGINT) AS rank, CAST(1 AS DOUBLE PRECISION) AS score,
       COALESCE(x.relation, 'progress') AS relation
FROM link_decisions x
WHERE x.decision = 'accepted'
  AND NOT EXISTS (SELECT 1 FROM link_proposals l
                  WHERE l.evidence_id = x.evidence_id AND l.commitment_id = x.commitment_id);
