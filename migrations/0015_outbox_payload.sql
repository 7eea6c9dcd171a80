ALTER TABLE `outbox` ADD `payload` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `edits_message` text;