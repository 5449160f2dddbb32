-- People's corrections of extracted commitments, kept apart from what the engine wrote so that
-- re-analysis never undoes them (ids come from document and anchor, so a re-ingested document's
-- commitments find theirs again), and laid over it by `corrected_commitments`, which every read
-- of commitments goes through. `kind = 'context'` with a reason is "not a commitment".
CREATE TABLE commitment_corrections (
    commitment_id TEXT PRIMARY KEY,
    kind          TEXT,
    area          TEXT,
    due_set       BIGINT NOT NULL DEFAULT 0,
    due           TEXT,
    due_end       TEXT,
    reason        TEXT,
    corrected_by  TEXT NOT NULL,
    corrected_at  TEXT NOT NULL
);

CREATE VIEW corrected_commitments AS
SELECT c.id, c.document_id, c.position, c.anchor, c.text,
       COALESCE(k.area, c.area) AS area,
       COALESCE(k.kind, c.kind) AS kind,
       c.strength,
       CASE WHEN k.due_set = 1 THEN k.due ELSE c.due END AS due,
       CASE WHEN k.due_set = 1 THEN k.due_end ELSE c.due_end END AS due_end,
       c.lead_in, c.actors, c.span_start, c.span_end, c.handling, c.version
FROM commitments c
LEFT JOIN commitment_corrections k ON k.commitment_id = c.id;
