-- A write with subscribers inserted the event and one delivery row per subscription (three indexed rows for
-- three subscribers) on the thread that answers requests. Now it inserts the event alone, with what a delivery
-- needs of it; the deliverer fans events out to their subscriptions when it claims, in its own transaction, and
-- webhook_fan_out remembers how far it got. Events already in the table were fanned out when they were written.
-- The unique index on the event id goes: the id is 16 random bytes, and nothing looks an event up by it.
CREATE TABLE `webhook_fan_out` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_seq` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `webhook_fan_out` (`id`, `last_seq`) VALUES (1, coalesce((SELECT max(`seq`) FROM `webhook_events`), 0));--> statement-breakpoint
DROP INDEX `webhook_events_id_unique`;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `created_at_ms` integer;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `ordering_key` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `subscription_id` text;
