-- SQLite cannot add a NOT NULL column without a default; the default only fills rows that exist now,
-- which the UPDATE then sets from their shift.
ALTER TABLE `shift_skips` ADD `family_id` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `shift_skips` SET `family_id` = (SELECT `family_id` FROM `shifts` WHERE `shifts`.`id` = `shift_skips`.`shift_id`);
