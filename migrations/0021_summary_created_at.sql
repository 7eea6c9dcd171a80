-- SQLite cannot add a NOT NULL column without a default. A summary written before this has no start
-- time: it is taken as its last update, so retention still reaches it.
ALTER TABLE `conversation_summaries` ADD `created_at` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `conversation_summaries` SET `created_at` = `updated_at`;
