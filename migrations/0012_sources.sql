CREATE TABLE `request_for_information` (
	`cycle_year` integer PRIMARY KEY NOT NULL,
	`opens_on` text NOT NULL,
	`deadline` text NOT NULL,
	`notice` text NOT NULL,
	`updated_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`cycle_year`) REFERENCES `report_cycles`(`year`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `submission_countries` (
	`submission_id` text NOT NULL,
	`country_id` text NOT NULL,
	PRIMARY KEY(`submission_id`, `country_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_countries_country_idx` ON `submission_countries` (`country_id`);--> statement-breakpoint
CREATE TABLE `submission_files` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_files_r2_key_unique` ON `submission_files` (`r2_key`);--> statement-breakpoint
CREATE INDEX `submission_files_submission_idx` ON `submission_files` (`submission_id`,`position`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_year` integer NOT NULL,
	`organisation` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`received_on` text NOT NULL,
	`topics` text NOT NULL,
	`summary` text NOT NULL,
	`link` text,
	`filed_by` text NOT NULL,
	`filed_at` text NOT NULL,
	FOREIGN KEY (`cycle_year`) REFERENCES `report_cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submissions_cycle_received_idx` ON `submissions` (`cycle_year`,`received_on`);