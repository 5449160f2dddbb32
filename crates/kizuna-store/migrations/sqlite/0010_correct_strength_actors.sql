-- People correct how firmly a commitment binds and who it binds (the first actor named leads),
-- laid over the engine's reading like the other corrections.
ALTER TABLE commitment_corrections ADD COLUMN strength TEXT;
ALTER TABLE commitment_corrections ADD COLUMN actors TEXT;

DROP VIEW corrected_commitments;
CREATE VIEW corrected_commitments AS
SELECT c.id, c.document_id, c.position, c.anchor, c.text,
       COALESCE(k.area, c.area) AS area,
       COALESCE(k.kind, c.kind) AS kind,
       COALESCE(k.strength, c.strength) AS strength,
       CASE WHEN k.due_set = 1 THEN k.due ELSE c.due END AS due,
       CASE WHEN k.due_set = 1 THEN k.due_end ELSE c.due_end END AS due_end,
       c.lead_in,
       COALESCE(k.actors, c.actors) AS actors,
       c.span_start, c.span_end, c.handling, c.version
FROM commitments c
LEFT JOIN commitment_corrections k ON k.commitment_id = c.id;
