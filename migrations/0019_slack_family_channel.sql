CREATE TABLE `family_channels` (
	`family_id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`key` text NOT NULL,
	`address` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `family_channels_key_uq` ON `family_channels` (`key`);