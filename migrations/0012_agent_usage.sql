CREATE TABLE `assistant_tool_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`inbox_id` text NOT NULL,
	`call_key` text NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assistant_tool_calls_uq` ON `assistant_tool_calls` (`inbox_id`,`call_key`);--> statement-breakpoint
CREATE TABLE `assistant_usage` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`inbox_id` text NOT NULL,
	`model` text NOT NULL,
	`outcome` text NOT NULL,
	`model_calls` integer NOT NULL,
	`tool_calls` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cache_read_tokens` integer NOT NULL,
	`cache_write_tokens` integer NOT NULL,
	`ms` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assistant_usage_family_idx` ON `assistant_usage` (`family_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `assistant_usage_inbox_idx` ON `assistant_usage` (`inbox_id`);