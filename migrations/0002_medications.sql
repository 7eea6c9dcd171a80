CREATE TABLE `doses` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`medication_id` text,
	`drug_key` text NOT NULL,
	`drug_name` text NOT NULL,
	`amount` real,
	`unit` text,
	`at` integer NOT NULL,
	`given_by` text NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`flag_rule` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`medication_id`) REFERENCES `medications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`given_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `doses_dependent_drug_at_idx` ON `doses` (`dependent_id`,`drug_key`,`at`);--> statement-breakpoint
CREATE TABLE `medications` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`name` text NOT NULL,
	`drug_key` text NOT NULL,
	`strength` text,
	`form` text,
	`dose_amount` real,
	`dose_unit` text,
	`schedule` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`prescriber` text,
	`pharmacy` text,
	`quantity_on_hand` real,
	`refills_left` real,
	`responsible_member_id` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `medications_dependent_idx` ON `medications` (`dependent_id`);