CREATE TABLE `published_edition_documents` (
	`cycle_year` integer NOT NULL,
	`document_id` text NOT NULL,
	`snapshot_hash` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`cycle_year`, `document_id`),
	FOREIGN KEY (`cycle_year`) REFERENCES `published_editions`(`cycle_year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `published_edition_documents_position_uq` ON `published_edition_documents` (`cycle_year`,`position`);--> statement-breakpoint
CREATE TABLE `published_editions` (
	`cycle_year` integer PRIMARY KEY NOT NULL,
	`released_at` text NOT NULL,
	`released_by` text,
	`source` text NOT NULL,
	`manifest_hash` text NOT NULL,
	`manifest` text NOT NULL,
	FOREIGN KEY (`cycle_year`) REFERENCES `report_cycles`(`year`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `documents` ADD `starting_document_id` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `starting_snapshot_hash` text;