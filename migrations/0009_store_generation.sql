-- What the service keeps in memory (the category tree, cached reads, keys) is dropped when another connection
-- commits: a second instance on the same file, the CLI, or the webhook deliverer's own connection. SQLite's
-- data_version tells that something was committed, not what. While webhooks are delivered, the deliverer commits
-- its claims and attempts many times a second, and each commit made the service reload its category tree and
-- recompute every cached read. store_generation moves only with what reads show: prompts, their versions (render
-- counts included), tags, categories, labels and their history, keys, webhook subscriptions and the library's
-- metadata. The service reads it when data_version has moved, and drops what it keeps only when it has moved too.
-- While a bulk write defers indexing (search_indexing.deferred, migrations/0006) the triggers stand aside, and the
-- bulk write moves the generation once as it ends (search-index-repository.ts): a trigger per row doubled the time
-- of an import of 100,000 prompts.
CREATE TABLE `store_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `store_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompts_insert` AFTER INSERT ON `prompts`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompts_delete` AFTER DELETE ON `prompts`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompts_update` AFTER UPDATE ON `prompts`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_tags_insert` AFTER INSERT ON `prompt_tags`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_tags_delete` AFTER DELETE ON `prompt_tags`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_tags_update` AFTER UPDATE ON `prompt_tags`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_categories_insert` AFTER INSERT ON `categories`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_categories_delete` AFTER DELETE ON `categories`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_categories_update` AFTER UPDATE ON `categories`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_labels_insert` AFTER INSERT ON `prompt_labels`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_labels_delete` AFTER DELETE ON `prompt_labels`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_labels_update` AFTER UPDATE ON `prompt_labels`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_label_history_insert` AFTER INSERT ON `label_history`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_label_history_delete` AFTER DELETE ON `label_history`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_label_history_update` AFTER UPDATE ON `label_history`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_api_keys_insert` AFTER INSERT ON `api_keys`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_api_keys_delete` AFTER DELETE ON `api_keys`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_api_keys_update` AFTER UPDATE ON `api_keys`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_webhook_subscriptions_insert` AFTER INSERT ON `webhook_subscriptions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_webhook_subscriptions_delete` AFTER DELETE ON `webhook_subscriptions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_webhook_subscriptions_update` AFTER UPDATE ON `webhook_subscriptions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_library_meta_insert` AFTER INSERT ON `library_meta`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_library_meta_delete` AFTER DELETE ON `library_meta`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_library_meta_update` AFTER UPDATE ON `library_meta`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_versions_insert` AFTER INSERT ON `prompt_versions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_versions_delete` AFTER DELETE ON `prompt_versions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `store_changed_prompt_versions_update` AFTER UPDATE ON `prompt_versions`
WHEN NOT EXISTS (SELECT 1 FROM `search_indexing` WHERE `deferred`) BEGIN
	UPDATE `store_generation` SET `generation` = `generation` + 1 WHERE `id` = 1;
END;
