-- A new engine re-reads stored documents and replaces what the engine wrote; what people wrote
-- must come through. People's rows in tables the engine also writes are marked: commitments an
-- editor added from a passage, and pairings an editor made (a merged restatement).
ALTER TABLE commitments ADD COLUMN added_by TEXT;
UPDATE commitments SET added_by = (
    SELECT e.actor FROM audit_events e
    WHERE e.action = 'commitment.add' AND e.entity = 'commitment:' || commitments.id
    ORDER BY e.seq DESC LIMIT 1);

ALTER TABLE alignments ADD COLUMN made_by TEXT;
UPDATE alignments SET made_by = (
    SELECT e.actor FROM audit_events e
    WHERE e.action = 'commitment.merge' AND e.entity = 'commitment:' || alignments.translation_id
    ORDER BY e.seq DESC LIMIT 1);

-- Pairings a person undid: a re-analysis must not pair them again.
CREATE TABLE separations (
    original_id    TEXT NOT NULL,
    translation_id TEXT NOT NULL,
    separated_by   TEXT NOT NULL,
    separated_at   TEXT NOT NULL,
    PRIMARY KEY (original_id, translation_id)
);
INSERT INTO separations (original_id, translation_id, separated_by, separated_at)
SELECT DISTINCT json_extract(e.before, '$.into'), substr(e.entity, 12), e.actor, e.at
FROM audit_events e
WHERE e.action = 'commitment.separate' AND json_extract(e.before, '$.into') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM alignments a WHERE a.translation_id = substr(e.entity, 12))
ON CONFLICT DO NOTHING;

-- Decisions a re-analysis could not carry to any passage of the new reading (the words they
-- were made about are gone or split beyond recognition): kept whole, as they were, until a
-- reviewer re-attaches or dismisses each one.
CREATE TABLE orphaned_decisions (
    id              TEXT PRIMARY KEY,
    partnership_id  TEXT NOT NULL,
    kind            TEXT NOT NULL,
    commitment_id   TEXT,
    commitment_text TEXT,
    evidence_id     TEXT,
    evidence_text   TEXT,
    decided_by      TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    orphaned_at     TEXT NOT NULL,
    resolved_by     TEXT,
    resolved_at     TEXT,
    resolution      TEXT
);
CREATE INDEX orphaned_decisions_by_partnership ON orphaned_decisions (partnership_id, resolved_at);
