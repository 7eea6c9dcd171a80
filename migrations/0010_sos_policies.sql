CREATE TABLE `sos_policies` (
	`family_id` text PRIMARY KEY NOT NULL,
	`interval_minutes` integer NOT NULL,
	`rounds_per_tier` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
