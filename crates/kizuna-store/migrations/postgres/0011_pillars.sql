-- The framework's pillars, as the manifest names them, and the areas under each (area keys, in
-- the manifest's order). A commitment's pillar follows from its area, unless a person corrected
-- it.
CREATE TABLE pillars (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id),
    id             TEXT NOT NULL,
    position       BIGINT NOT NULL,
    name           TEXT NOT NULL,
    name_ja        TEXT,
    PRIMARY KEY (partnership_id, id)
);

CREATE TABLE pillar_areas (
    partnership_id TEXT NOT NULL,
    area           TEXT NOT NULL,
    pillar_id      TEXT NOT NULL,
    position       BIGINT NOT NULL,
    PRIMARY KEY (partnership_id, area)
);

ALTER TABLE commitment_corrections ADD COLUMN pillar TEXT;

DROP VIEW corrected_commitments;
CREATE VIEW corrected_commitments AS
SELECT c.id, c.document_id, c.position, c.anchor, c.text,
       COALESCE(k.area, c.area) AS area,
       COALESCE(k.pillar, pa.pillar_id) AS pillar,
       COALESCE(k.kind, c.kind) AS kind,
       COALESCE(k.strength, c.strength) AS strength,
       CASE WHEN k.due_set = 1 THEN k.due ELSE c.due END AS due,
       CASE WHEN k.due_set = 1 THEN k.due_end ELSE c.due_end END AS due_end,
       c.lead_in,
       COALESCE(k.actors, c.actors) AS actors,
       c.span_start, c.span_end, c.handling, c.version
FROM commitments c
JOIN documents d ON d.id = c.document_id
LEFT JOIN commitment_corrections k ON k.commitment_id = c.id
LEFT JOIN pillar_areas pa ON pa.partnership_id = d.partnership_id AND pa.area = COALESCE(k.area, c.area);
