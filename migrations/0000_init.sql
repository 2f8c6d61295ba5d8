CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_email` text,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`document_id` text,
	`request_id` text,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_prev_hash_unique` ON `audit_events` (`prev_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_hash_unique` ON `audit_events` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_events_document_idx` ON `audit_events` (`document_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`subject_type`,`subject_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `clearing_offices` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `countries` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region_code` text NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_name_unique` ON `countries` (`name`);--> statement-breakpoint
CREATE INDEX `countries_region_idx` ON `countries` (`region_code`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_year` integer NOT NULL,
	`kind` text NOT NULL,
	`country_id` text,
	`section_key` text,
	`title` text NOT NULL,
	`state` text DEFAULT 'drafting' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`cycle_year`) REFERENCES `report_cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "documents_kind_ck" CHECK(("documents"."kind" = 'country_narrative' AND "documents"."country_id" IS NOT NULL AND "documents"."section_key" IS NULL)
        OR ("documents"."kind" = 'report_section' AND "documents"."section_key" IS NOT NULL AND "documents"."country_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_cycle_country_uq` ON `documents` (`cycle_year`,`country_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_cycle_section_uq` ON `documents` (`cycle_year`,`section_key`);--> statement-breakpoint
CREATE INDEX `documents_cycle_state_idx` ON `documents` (`cycle_year`,`state`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_name_unique` ON `regions` (`name`);--> statement-breakpoint
CREATE TABLE `report_cycles` (
	`year` integer PRIMARY KEY NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`drafting_due` text NOT NULL,
	`review_due` text NOT NULL,
	`clearance_due` text NOT NULL,
	`final_clearance_due` text NOT NULL,
	`release_date` text NOT NULL,
	`status` text DEFAULT 'drafting' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`scope_type` text NOT NULL,
	`region_code` text,
	`country_id` text,
	`office_code` text,
	`grant_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_code`) REFERENCES `clearing_offices`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "role_assignments_scope_ck" CHECK(("role_assignments"."scope_type" = 'global' AND "role_assignments"."region_code" IS NULL AND "role_assignments"."country_id" IS NULL)
        OR ("role_assignments"."scope_type" = 'region' AND "role_assignments"."region_code" IS NOT NULL AND "role_assignments"."country_id" IS NULL)
        OR ("role_assignments"."scope_type" = 'country' AND "role_assignments"."country_id" IS NOT NULL AND "role_assignments"."region_code" IS NULL)),
	CONSTRAINT "role_assignments_office_ck" CHECK(("role_assignments"."role" = 'clearer') = ("role_assignments"."office_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_assignments_user_grant_uq` ON `role_assignments` (`user_id`,`grant_key`);--> statement-breakpoint
CREATE INDEX `role_assignments_user_idx` ON `role_assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `tier_history` (
	`country_id` text NOT NULL,
	`report_year` integer NOT NULL,
	`tier` text NOT NULL,
	`waiver_used` integer DEFAULT false NOT NULL,
	`note` text,
	PRIMARY KEY(`country_id`, `report_year`),
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tier_history_year_idx` ON `tier_history` (`report_year`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);