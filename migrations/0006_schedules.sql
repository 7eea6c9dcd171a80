CREATE TABLE `schedule_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`occurrence_at` integer NOT NULL,
	`status` text NOT NULL,
	`outbox_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_runs_occurrence_uq` ON `schedule_runs` (`schedule_id`,`occurrence_at`);--> statement-breakpoint
CREATE INDEX `schedule_runs_member_idx` ON `schedule_runs` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`kind` text NOT NULL,
	`member_id` text NOT NULL,
	`created_by` text NOT NULL,
	`body` text NOT NULL,
	`dtstart` text NOT NULL,
	`rrule` text,
	`timezone` text NOT NULL,
	`next_run_at` integer,
	`status` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedules_due_idx` ON `schedules` (`next_run_at`);--> statement-breakpoint
CREATE INDEX `schedules_member_idx` ON `schedules` (`member_id`,`status`);