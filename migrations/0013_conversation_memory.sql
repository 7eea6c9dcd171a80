CREATE TABLE `conversation_summaries` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`thread_key` text NOT NULL,
	`summary` text NOT NULL,
	`covered_until` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_summaries_thread_uq` ON `conversation_summaries` (`family_id`,`member_id`,`thread_key`);--> statement-breakpoint
CREATE TABLE `conversation_turns` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`thread_key` text NOT NULL,
	`inbox_id` text NOT NULL,
	`said` text NOT NULL,
	`answered` text NOT NULL,
	`route` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_turns_inbox_uq` ON `conversation_turns` (`inbox_id`);--> statement-breakpoint
CREATE INDEX `conversation_turns_thread_idx` ON `conversation_turns` (`family_id`,`member_id`,`thread_key`,`at`);--> statement-breakpoint
CREATE INDEX `conversation_turns_at_idx` ON `conversation_turns` (`at`);