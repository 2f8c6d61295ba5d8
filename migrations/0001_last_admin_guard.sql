-- The database itself keeps at least one active administrator: deactivating the last active
-- admin, or revoking the last active admin's admin grant, aborts the whole transaction.
CREATE TRIGGER `users_keep_last_admin`
BEFORE UPDATE OF `active` ON `users`
WHEN OLD.`active` = 1 AND NEW.`active` = 0
  AND EXISTS (SELECT 1 FROM `role_assignments` WHERE `user_id` = OLD.`id` AND `role` = 'admin')
  AND NOT EXISTS (
    SELECT 1 FROM `users` u JOIN `role_assignments` ra ON ra.`user_id` = u.`id`
    WHERE ra.`role` = 'admin' AND u.`active` = 1 AND u.`id` <> OLD.`id`)
BEGIN
  SELECT RAISE(ABORT, 'last_active_admin');
END;
--> statement-breakpoint
CREATE TRIGGER `role_assignments_keep_last_admin`
BEFORE DELETE ON `role_assignments`
WHEN OLD.`role` = 'admin'
  AND EXISTS (SELECT 1 FROM `users` WHERE `id` = OLD.`user_id` AND `active` = 1)
  AND NOT EXISTS (
    SELECT 1 FROM `users` u JOIN `role_assignments` ra ON ra.`user_id` = u.`id`
    WHERE ra.`role` = 'admin' AND u.`active` = 1 AND u.`id` <> OLD.`user_id`)
BEGIN
  SELECT RAISE(ABORT, 'last_active_admin');
END;
