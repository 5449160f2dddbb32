-- Machine proposals count towards statuses only from kizuna_core::LINK_COUNTS_FROM (0.45; a
-- small margin below it absorbs the float rounding of stored scores) unless a reviewer accepted
-- them; weaker ones are suggestions waiting in the review queue. Links reviewers made count as
-- before.
DROP VIEW effective_links;
CREATE VIEW effective_links AS
SELECT l.evidence_id, l.commitment_id, l.rank, l.score, COALESCE(x.relation, l.relation) AS relation
FROM link_proposals l
LEFT JOIN link_decisions x ON x.evidence_id = l.evidence_id AND x.commitment_id = l.commitment_id
WHERE (x.decision IS NULL AND l.score >= 0.4495) OR x.decision = 'accepted'
UNION ALL
SELECT x.evidence_id, x.commitment_id, CAST(0 AS BIGINT) AS rank, CAST(1 AS DOUBLE PRECISION) AS score,
       COALESCE(x.relation, 'progress') AS relation
FROM link_decisions x
WHERE x.decision = 'accepted'
  AND NOT EXISTS (SELECT 1 FROM link_proposals l
                  WHERE l.evidence_id = x.evidence_id AND l.commitment_id = x.commitment_id);
