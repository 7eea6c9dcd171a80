CREATE TABLE `allergies` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`substance` text NOT NULL,
	`reaction` text,
	`severity` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allergies_dependent_idx` ON `allergies` (`dependent_id`);--> statement-breakpoint
CREATE TABLE `conditions` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`note` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conditions_dependent_idx` ON `conditions` (`dependent_id`);--> statement-breakpoint
CREATE TABLE `immunizations` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`vaccine` text NOT NULL,
	`given_on` text NOT NULL,
	`dose` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `immunizations_dependent_idx` ON `immunizations` (`dependent_id`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`phone` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `providers_family_idx` ON `providers` (`family_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`dependent_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`provider_id` text,
	`reason` text,
	`notes` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dependent_id`) REFERENCES `dependents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_dependent_at_idx` ON `visits` (`dependent_id`,`at`);