-- A published edition never changes: no statement of the application can alter or remove an
-- edition, one of its manifest rows, or a recorded text (snapshot) an edition points at. Recorded
-- texts are content-addressed (same text, same hash), so none is ever rewritten either.
CREATE TRIGGER `published_editions_no_update`
BEFORE UPDATE ON `published_editions`
BEGIN
  SELECT RAISE(ABORT, 'published_editions_are_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `published_editions_no_delete`
BEFORE DELETE ON `published_editions`
BEGIN
  SELECT RAISE(ABORT, 'published_editions_are_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `published_edition_documents_no_update`
BEFORE UPDATE ON `published_edition_documents`
BEGIN
  SELECT RAISE(ABORT, 'published_editions_are_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `published_edition_documents_no_delete`
BEFORE DELETE ON `published_edition_documents`
BEGIN
  SELECT RAISE(ABORT, 'published_editions_are_frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `published_edition_documents_need_snapshot`
BEFORE INSERT ON `published_edition_documents`
WHEN NOT EXISTS (SELECT 1 FROM `document_snapshots` WHERE `document_id` = NEW.`document_id` AND `hash` = NEW.`snapshot_hash`)
BEGIN
  SELECT RAISE(ABORT, 'published_edition_snapshot_missing');
END;
--> statement-breakpoint
CREATE TRIGGER `document_snapshots_no_update`
BEFORE UPDATE ON `document_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'document_snapshots_are_immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `document_snapshots_no_delete`
BEFORE DELETE ON `document_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'document_snapshots_are_immutable');
END;
