CREATE TABLE `shift_punches` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`shift_id` text,
	`in_at` integer NOT NULL,
	`out_at` integer,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shift_punches_member_idx` ON `shift_punches` (`member_id`,`in_at`);--> statement-breakpoint
CREATE INDEX `shift_punches_family_idx` ON `shift_punches` (`family_id`,`in_at`);--> statement-breakpoint
CREATE TABLE `shift_skips` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`date` text NOT NULL,
	`reason` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_skips_uq` ON `shift_skips` (`shift_id`,`date`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`created_by` text NOT NULL,
	`dtstart` text NOT NULL,
	`minutes` integer NOT NULL,
	`rrule` text,
	`timezone` text NOT NULL,
	`status` text NOT NULL,
	`cover_of` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shifts_family_idx` ON `shifts` (`family_id`,`status`);--> statement-breakpoint
CREATE INDEX `shifts_member_idx` ON `shifts` (`member_id`,`status`);