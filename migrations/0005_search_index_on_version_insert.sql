-- A new prompt's row is written before its first version (the version refers to it), so indexing the prompt
-- when its row is inserted found no version and built nothing, at the cost of a full reindex run per created
-- prompt. Its document is built when that version is inserted (search_version_inserted).
DROP TRIGGER `search_prompt_inserted`;
