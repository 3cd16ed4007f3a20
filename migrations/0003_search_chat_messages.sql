-- Chat prompts keep their text in messages (template is ''): the search document's template column takes
-- the contents of their messages instead. Only the trigger that builds a document changes.
DROP TRIGGER `search_reindex_run`;
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
		SELECT d.`doc_id`,
			CASE WHEN v.`messages` IS NULL THEN v.`template`
				ELSE coalesce((SELECT group_concat(json_extract(m.value, '$.content'), ' ') FROM json_each(v.`messages`) m
					WHERE json_extract(m.value, '$.content') IS NOT NULL), '') END,
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
