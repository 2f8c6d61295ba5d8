-- The audit trail is append-only inside the database too: no statement of the application can
-- change or remove an event. (Someone with full database access can drop these triggers; the
-- signed checkpoints outside D1 are what catches that.)
CREATE TRIGGER `audit_events_no_update`
BEFORE UPDATE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events_are_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete`
BEFORE DELETE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events_are_append_only');
END;
