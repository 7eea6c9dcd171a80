CREATE TABLE `sos_events` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`member_id` text,
	`channel` text,
	`round` integer,
	`detail` text,
	FOREIGN KEY (`incident_id`) REFERENCES `sos_incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sos_events_incident_idx` ON `sos_events` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `sos_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`opened_by` text NOT NULL,
	`dependent_id` text,
	`text` text NOT NULL,
	`trigger` text NOT NULL,
	`location` text,
	`status` text NOT NULL,
	`round` integer NOT NULL,
	`interval_minutes` integer NOT NULL,
	`rounds_per_tier` integer NOT NULL,
	`next_escalation_at` integer,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sos_due_idx` ON `sos_incidents` (`next_escalation_at`);--> statement-breakpoint
CREATE INDEX `sos_family_idx` ON `sos_incidents` (`family_id`,`status`);