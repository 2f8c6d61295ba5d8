CREATE TABLE `comment_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `comment_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_replies_thread_idx` ON `comment_replies` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `comment_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`section_key` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`blocking` integer DEFAULT false NOT NULL,
	`anchor_start` text NOT NULL,
	`anchor_end` text NOT NULL,
	`quote` text NOT NULL,
	`context_before` text NOT NULL,
	`context_after` text NOT NULL,
	`body` text NOT NULL,
	`replacement` text,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_reason` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "comment_threads_replacement_ck" CHECK(("comment_threads"."kind" = 'suggestion') = ("comment_threads"."replacement" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `comment_threads_document_idx` ON `comment_threads` (`document_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comment_threads_state_idx` ON `comment_threads` (`state`);--> statement-breakpoint
ALTER TABLE `clearances` ADD `open_threads` text DEFAULT '[]' NOT NULL;