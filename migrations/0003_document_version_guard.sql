-- Optimistic concurrency for documents, enforced by the database: a change must set `version` to
-- exactly one more than the version it read. A change made on a stale version aborts its whole
-- batch (the change, its snapshot, its clearances and its audit event), so of two conflicting
-- actions made on the same version exactly one commits.
CREATE TRIGGER `documents_version_guard`
BEFORE UPDATE OF `version` ON `documents`
WHEN NEW.`version` <> OLD.`version` + 1
BEGIN
  SELECT RAISE(ABORT, 'stale_document_version');
END;
