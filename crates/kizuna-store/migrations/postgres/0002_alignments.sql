-- Parallel versions: a commitment of a translation paired with the commitment it translates.
-- Written with the translation's document; status and evidence of one apply to the other.
CREATE TABLE alignments (
    original_id    TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    translation_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    PRIMARY KEY (original_id, translation_id)
);
CREATE INDEX alignments_by_translation ON alignments (translation_id);
