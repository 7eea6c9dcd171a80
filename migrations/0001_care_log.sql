CREATE TABLE `care_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`body` text NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_notes_dependent_at_idx` ON `care_notes` (`dependent_id`,`at`);--> statement-breakpoint
CREATE TABLE `diapers` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`wet` integer NOT NULL,
	`dirty` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `diapers_dependent_at_idx` ON `diapers` (`dependent_id`,`at`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`method` text NOT NULL,
	`side` text,
	`minutes` integer,
	`amount_ml` real,
	`unit` text,
	`milk` text,
	`food` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feeds_dependent_at_idx` ON `feeds` (`dependent_id`,`at`);--> statement-breakpoint
CREATE TABLE `growth` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`weight_kg` real,
	`length_cm` real,
	`head_cm` real,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `growth_dependent_at_idx` ON `growth` (`dependent_id`,`at`);--> statement-breakpoint
CREATE TABLE `sleeps` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`start_at` integer NOT NULL,
	`end_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sleeps_dependent_start_idx` ON `sleeps` (`dependent_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `temperatures` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`celsius` real NOT NULL,
	`unit` text NOT NULL,
	`site` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `temperatures_dependent_at_idx` ON `temperatures` (`dependent_id`,`at`);