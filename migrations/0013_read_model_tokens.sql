CREATE TABLE `read_model_tokens` (
	`name` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL
);
