-- Full-text search over the current version of every live prompt, kept in step by triggers so that
-- no write path has to know about it. Rebuilding one prompt's entry is a row in search_reindex:
-- its trigger is the only place that knows how a prompt becomes a search document.

-- prompts has a text key; FTS5 needs an integer rowid that VACUUM cannot renumber.
CREATE TABLE `search_documents` (
	`doc_id` integer PRIMARY KEY NOT NULL,
	`prompt_id` text NOT NULL,
	`category_id` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_prompt_unique` ON `search_documents` (`prompt_id`);
--> statement-breakpoint
-- Ranked search: word forms through the porter stemmer. Column weights live in the rank setting below.
CREATE VIRTUAL TABLE `prompt_search` USING fts5(
	template, variables, category, tags,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `prompt_search` (`prompt_search`, `rank`) VALUES ('rank', 'bm25(4.0, 1.5, 2.5, 2.0)');
--> statement-breakpoint
-- The same text unstemmed: its vocabulary serves prefixes (search as you type) and typo correction.
CREATE VIRTUAL TABLE `prompt_search_words` USING fts5(
	body,
	tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1, detail = 'none'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `prompt_search_vocab` USING fts5vocab(`prompt_search_words`, 'row');
--> statement-breakpoint
-- Bumped on every index change, so that the in-memory vocabulary knows when to reload.
CREATE TABLE `search_generation` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`generation` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
-- A work queue of one row at a time: inserting a prompt id rebuilds its entry, then the row goes.
CREATE TABLE `search_reindex` (
	`prompt_id` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `search_reindex_run` AFTER INSERT ON `search_reindex` BEGIN
	DELETE FROM `prompt_search` WHERE rowid = (SELECT `doc_id` FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`);
	DELETE FROM `prompt_search_words` WHERE rowid = (SELECT `doc_id` FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`);
	DELETE FROM `search_documents` WHERE `prompt_id` = NEW.`prompt_id`;
	INSERT INTO `search_documents` (`prompt_id`, `category_id`)
		SELECT p.`id`, p.`category_id` FROM `prompts` p
		JOIN `prompt_versions` v ON v.`prompt_id` = p.`id` AND v.`version` = p.`current_version`
		WHERE p.`id` = NEW.`prompt_id` AND p.`deleted_at` IS NULL;
	INSERT INTO `prompt_search` (rowid, `template`, `variables`, `category`, `tags`)
		SELECT d.`doc_id`, v.`template`,
			coalesce((SELECT group_concat(json_extract(x.value, '$.description'), ' ') FROM json_each(v.`variables`) x), ''),
			c.`name` || coalesce(' ' || s.`name`, ''),
			coalesce((SELECT group_concat(t.value, ' ') FROM json_each(v.`tags`) t), '')
		FROM `search_documents` d
		JOIN `prompts` p ON p.`id` = d.`prompt_id`
		JOIN `prompt_versions` v ON v.`prompt_id` = p.`id` AND v.`version` = p.`current_version`
		JOIN `categories` c ON c.`id` = p.`category_id`
		LEFT JOIN `categories` s ON s.`id` = c.`parent_id`
		WHERE d.`prompt_id` = NEW.`prompt_id`;
	INSERT INTO `prompt_search_words` (rowid, `body`)
		SELECT d.`doc_id`, s.`template` || ' ' || s.`variables` || ' ' || s.`category` || ' ' || s.`tags`
		FROM `search_documents` d JOIN `prompt_search` s ON s.rowid = d.`doc_id`
		WHERE d.`prompt_id` = NEW.`prompt_id`;
	DELETE FROM `search_reindex` WHERE `prompt_id` = NEW.`prompt_id`;
	UPDATE `search_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_prompt_inserted` AFTER INSERT ON `prompts` BEGIN
	INSERT INTO `search_reindex` (`prompt_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_prompt_changed` AFTER UPDATE OF `current_version`, `deleted_at`, `category_id` ON `prompts` BEGIN
	INSERT INTO `search_reindex` (`prompt_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_prompt_deleted` AFTER DELETE ON `prompts` BEGIN
	INSERT INTO `search_reindex` (`prompt_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
-- A version only matters once it is the current one (a write may move current_version before or after).
CREATE TRIGGER `search_version_inserted` AFTER INSERT ON `prompt_versions`
WHEN NEW.`version` = (SELECT `current_version` FROM `prompts` WHERE `id` = NEW.`prompt_id`) BEGIN
	INSERT INTO `search_reindex` (`prompt_id`) VALUES (NEW.`prompt_id`);
END;
--> statement-breakpoint
-- Category and section names are indexed with each prompt below them.
CREATE TRIGGER `search_category_renamed` AFTER UPDATE OF `name`, `parent_id` ON `categories` BEGIN
	INSERT INTO `search_reindex` (`prompt_id`)
		SELECT `id` FROM `prompts`
		WHERE `category_id` = NEW.`id` OR `category_id` IN (SELECT `id` FROM `categories` WHERE `parent_id` = NEW.`id`);
END;
--> statement-breakpoint
-- Stores seeded before this migration.
INSERT INTO `search_reindex` (`prompt_id`) SELECT `id` FROM `prompts`;
