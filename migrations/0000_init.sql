CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text,
	`actor_member_id` text,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_family_idx` ON `audit_log` (`family_id`,`at`);--> statement-breakpoint
CREATE TABLE `dependents` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`name` text NOT NULL,
	`nicknames` text DEFAULT '[]' NOT NULL,
	`birth_date` text,
	`sex` text,
	`member_id` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dependents_family_idx` ON `dependents` (`family_id`);--> statement-breakpoint
CREATE TABLE `channel_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`family_id` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_identities_address_uq` ON `channel_identities` (`kind`,`address`);--> statement-breakpoint
CREATE INDEX `channel_identities_member_idx` ON `channel_identities` (`member_id`);--> statement-breakpoint
CREATE TABLE `families` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`invited_by` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`responded_at` integer,
	`response` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invitations_address_idx` ON `invitations` (`kind`,`address`,`status`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`emergency_contact` integer DEFAULT false NOT NULL,
	`channel_order` text NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`joined_at` integer,
	`removed_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `members_family_idx` ON `members` (`family_id`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`from_address` text NOT NULL,
	`to_address` text,
	`conversation_key` text NOT NULL,
	`body` text NOT NULL,
	`media` text NOT NULL,
	`location` text,
	`meta` text NOT NULL,
	`received_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`handled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_external_uq` ON `inbox` (`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `inbox_status_idx` ON `inbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `inbox_conversation_idx` ON `inbox` (`conversation_key`,`received_at`);--> statement-breakpoint
CREATE TABLE `onboarding_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`channel` text NOT NULL,
	`step` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `onboarding_address_uq` ON `onboarding_sessions` (`kind`,`address`);--> statement-breakpoint
CREATE TABLE `opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`opted_out` integer NOT NULL,
	`keyword` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opt_outs_address_uq` ON `opt_outs` (`channel`,`address`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`family_id` text,
	`member_id` text,
	`channel` text NOT NULL,
	`to_address` text NOT NULL,
	`body` text NOT NULL,
	`kind` text NOT NULL,
	`in_reply_to` text,
	`urgent` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`provider_message_id` text,
	`error_code` text,
	`error_message` text,
	`fallback_of` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_uq` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_provider_idx` ON `outbox` (`provider_message_id`);--> statement-breakpoint
CREATE INDEX `outbox_family_idx` ON `outbox` (`family_id`,`created_at`);