-- The documents list (worker/documents/cycle-documents.ts) keeps a cycle's documents and their
-- assignees in the worker between requests while the `document_list` token stands. Every insert,
-- update and delete on a table the list reads replaces the token, whoever writes: no write path can
-- forget. Random, not a counter, so a database restored to an earlier point cannot make an old
-- token stand for newer rows. test/worker/document-list-token.test.ts checks that the tables here
-- are every table the list's queries read.
INSERT INTO `read_model_tokens` (`name`, `token`) VALUES ('document_list', lower(hex(randomblob(8))));
--> statement-breakpoint
CREATE TRIGGER `documents_insert_document_list_token` AFTER INSERT ON `documents` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `documents_update_document_list_token` AFTER UPDATE ON `documents` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `documents_delete_document_list_token` AFTER DELETE ON `documents` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `countries_insert_document_list_token` AFTER INSERT ON `countries` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `countries_update_document_list_token` AFTER UPDATE ON `countries` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `countries_delete_document_list_token` AFTER DELETE ON `countries` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `regions_insert_document_list_token` AFTER INSERT ON `regions` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `regions_update_document_list_token` AFTER UPDATE ON `regions` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `regions_delete_document_list_token` AFTER DELETE ON `regions` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_history_insert_document_list_token` AFTER INSERT ON `tier_history` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_history_update_document_list_token` AFTER UPDATE ON `tier_history` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_history_delete_document_list_token` AFTER DELETE ON `tier_history` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_recommendations_insert_document_list_token` AFTER INSERT ON `tier_recommendations` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_recommendations_update_document_list_token` AFTER UPDATE ON `tier_recommendations` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `tier_recommendations_delete_document_list_token` AFTER DELETE ON `tier_recommendations` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_document_list_token` AFTER INSERT ON `users` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `users_update_document_list_token` AFTER UPDATE ON `users` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_document_list_token` AFTER DELETE ON `users` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `role_assignments_insert_document_list_token` AFTER INSERT ON `role_assignments` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `role_assignments_update_document_list_token` AFTER UPDATE ON `role_assignments` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `role_assignments_delete_document_list_token` AFTER DELETE ON `role_assignments` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `document_clearance_offices_insert_document_list_token` AFTER INSERT ON `document_clearance_offices` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `document_clearance_offices_update_document_list_token` AFTER UPDATE ON `document_clearance_offices` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `document_clearance_offices_delete_document_list_token` AFTER DELETE ON `document_clearance_offices` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearance_defaults_insert_document_list_token` AFTER INSERT ON `clearance_defaults` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearance_defaults_update_document_list_token` AFTER UPDATE ON `clearance_defaults` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearance_defaults_delete_document_list_token` AFTER DELETE ON `clearance_defaults` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearances_insert_document_list_token` AFTER INSERT ON `clearances` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearances_update_document_list_token` AFTER UPDATE ON `clearances` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
--> statement-breakpoint
CREATE TRIGGER `clearances_delete_document_list_token` AFTER DELETE ON `clearances` BEGIN
  UPDATE `read_model_tokens` SET `token` = lower(hex(randomblob(8))) WHERE `name` = 'document_list';
END;
