CREATE TABLE `clearance_defaults` (
	`cycle_year` integer NOT NULL,
	`document_kind` text NOT NULL,
	`office` text NOT NULL,
	`mode` text NOT NULL,
	PRIMARY KEY(`cycle_year`, `document_kind`, `office`),
	FOREIGN KEY (`cycle_year`) REFERENCES `report_cycles`(`year`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `clearances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`office_code` text NOT NULL,
	`round` integer NOT NULL,
	`outcome` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`at` text NOT NULL,
	`snapshot_hash` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_code`) REFERENCES `clearing_offices`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clearances_document_office_round_uq` ON `clearances` (`document_id`,`office_code`,`round`);--> statement-breakpoint
CREATE INDEX `clearances_document_idx` ON `clearances` (`document_id`);--> statement-breakpoint
CREATE TABLE `document_clearance_offices` (
	`document_id` text NOT NULL,
	`office_code` text NOT NULL,
	`mode` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL,
	PRIMARY KEY(`document_id`, `office_code`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_code`) REFERENCES `clearing_offices`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_snapshots` (
	`document_id` text NOT NULL,
	`hash` text NOT NULL,
	`through_seq` integer NOT NULL,
	`taken_at` text NOT NULL,
	`taken_by` text,
	`sections` text NOT NULL,
	PRIMARY KEY(`document_id`, `hash`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `room_visits` (
	`user_id` text NOT NULL,
	`document_id` text NOT NULL,
	`last_connected_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `document_id`)
);
--> statement-breakpoint
CREATE TABLE `tier_recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`tier` text NOT NULL,
	`justification` text NOT NULL,
	`flags` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_comment` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tier_recommendations_document_idx` ON `tier_recommendations` (`document_id`,`id`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `document_version` integer;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `snapshot_hash` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `comment` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `text_hash` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `clearance_round` integer DEFAULT 0 NOT NULL;