CREATE TABLE `member_preferences` (
	`member_id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`digest_at` text,
	`digest_schedule_id` text,
	`quiet_start` text,
	`quiet_end` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `template_id` text;