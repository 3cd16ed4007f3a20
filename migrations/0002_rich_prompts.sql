ALTER TABLE `prompt_versions` ADD `type` text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE `prompt_versions` ADD `messages` text;--> statement-breakpoint
ALTER TABLE `prompt_versions` ADD `config` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `prompt_versions` ADD `message` text;