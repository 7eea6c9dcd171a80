ALTER TABLE `schedules` ADD `medication_id` text REFERENCES medications(id);--> statement-breakpoint
ALTER TABLE `schedules` ADD `dependent_id` text REFERENCES dependents(id);--> statement-breakpoint
ALTER TABLE `schedules` ADD `dedupe_key` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `detail` text;--> statement-breakpoint
CREATE INDEX `schedules_medication_idx` ON `schedules` (`medication_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `schedules_dedupe_uq` ON `schedules` (`dedupe_key`);