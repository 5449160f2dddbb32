-- Evidence a person links from a passage of a later document: the passage's document and block
-- anchor are kept with the words, so the record cites it down to the paragraph. Both are empty
-- for evidence written in by hand (with a web source or none).
ALTER TABLE recorded_evidence ADD COLUMN document_id TEXT;
ALTER TABLE recorded_evidence ADD COLUMN anchor TEXT;
