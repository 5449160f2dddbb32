-- A meeting's title in Japanese, as the manifest gives it: Japanese pages and reports name
-- meetings in Japanese ("第3回日英デジタル評議会"), not in the English of the documents.
ALTER TABLE meetings ADD COLUMN title_ja TEXT;
