-- A bulk write (an import) may defer the search index to the end of its transaction and build the documents of
-- every prompt it queued set-based, instead of one reindex run per prompt. The flag is set and cleared inside
-- that one transaction: a rollback takes it back with everything else, and no commit leaves it set.
CREATE TABLE `search_indexing` (
	`id` integer PRIMARY KEY NOT NULL,
	`deferred` integer DEFAULT false NOT NULL,
	CONSTRAINT "search_indexing_one_row" CHECK(id = 1)
);
--> statement-breakpoint
INSERT INTO `search_indexing` (`id`, `deferred`) VALUES (1, false);
--> statement-breakpoint
-- How a prompt becomes a search document, in one place: the per-write trigger below selects one prompt from it,
-- a deferred build (src/repositories/search-index-repository.ts) every queued prompt. Live prompts only, at their
-- current version; a chat prompt (template '') is searched by the contents of its messages.
CREATE VIEW `search_document_source` AS
	SELECT p.`id` AS `prompt_id`, p.`category_id`,
		CASE WHEN v.`messages` IS NULL THEN v.`template`
			ELSE coalesce((SELECT group_concat(json_extract(m.value, '$.content'), ' ') FROM json_each(v.`messages`) m
				WHERE json_extract(m.value, '$.content') IS NOT NULL), '') END AS `template`,
		coalesce((SELECT group_concat(json_extract(x.value, '$.description'), ' ') FROM json_each(v.`variables`) x), '') AS `variables`,
		c.`name` || coalesce(' ' || s.`name`, '') AS `category`,
		coalesce((SELECT group_concat(t.value, ' ') FROM json_each(v.`tags`) t), '') AS `tags`
	FROM `prompts` p
	JOIN `prompt_versions` v ON v.`prompt_id` = p.`id` AND v.`version` = p.`current_version`
	JOIN `categories` c ON c.`id` = p.`category_id`
	LEFT JOIN `categories` s ON s.`id` = c.`parent_id`
	WHERE p.`deleted_at` IS NULL;
--> statement-breakpoint
-- The unstemmed twin's text: a document's four ranked columns as one body.
CREATE VIEW `search_words_source` AS
	SELECT d.`doc_id`, d.`prompt_id`, s.`template` || ' ' || s.`variables` || ' ' || s.`category` || ' ' || s.`tags` AS `body`
	FROM `search_documents` d JOIN `prompt_search` s ON s.rowid = d.`doc_id`;
--> statement-breakpoint
DROP TRIGGER `search_reindex_run`;
--> statement-breakpoint
-- While indexing is deferred, queued prompt ids stay in search_reindex for the bulk build.
CREATE TRIGGER `search_reindex_run` AFTER INSERT ON `search_reindex`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	DELETE FROM `prompt_search` WHERE rowid = (SELECT `doc_id` FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`);
	DELETE FROM `prompt_search_words` WHERE rowid = (SELECT `doc_id` FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`);
	DELETE FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`;
	INSERT INTO `search_documents` (`prompt_id`, `category_id`)
		SELECT `prompt_id`, `category_id` FROM `search_document_source` WHERE `prompt_id` = NEW.`prompt_id`;
	INSERT INTO `prompt_search` (rowid, `template`, `variables`, `category`, `tags`)
		SELECT d.`doc_id`, s.`template`, s.`variables`, s.`category`, s.`tags`
		FROM `search_documents` d JOIN `search_document_source` s ON s.`prompt_id` = d.`prompt_id`
		WHERE d.`prompt_id` = NEW.`prompt_id`;
	INSERT INTO `prompt_search_words` (rowid, `body`)
		SELECT `doc_id`, `body` FROM `search_words_source` WHERE `prompt_id` = NEW.`prompt_id`;
	DELETE FROM `search_reindex` WHERE `prompt_id` = NEW.`prompt_id`;
	UPDATE `search_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
