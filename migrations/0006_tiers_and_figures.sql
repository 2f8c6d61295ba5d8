CREATE TABLE `law_enforcement_figures` (
	`document_id` text PRIMARY KEY NOT NULL,
	`investigations` integer,
	`investigations_labor` integer,
	`prosecutions` integer,
	`prosecutions_labor` integer,
	`convictions` integer,
	`convictions_labor` integer,
	`victims_identified` integer,
	`victims_identified_labor` integer,
	`new_or_amended_laws` integer,
	`laws_note` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `law_enforcement_tables` (
	`scope` text NOT NULL,
	`year` integer NOT NULL,
	`prosecutions` integer NOT NULL,
	`prosecutions_labor` integer NOT NULL,
	`convictions` integer NOT NULL,
	`convictions_labor` integer NOT NULL,
	`victims_identified` integer NOT NULL,
	`victims_identified_labor` integer NOT NULL,
	`new_or_amended_legislation` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`scope`, `year`)
);
--> statement-breakpoint
ALTER TABLE `tier_history` ADD `source` text DEFAULT 'report' NOT NULL;--> statement-breakpoint
ALTER TABLE `tier_recommendations` ADD `fixed_by` text;--> statement-breakpoint
ALTER TABLE `tier_recommendations` ADD `fixed_at` text;