-- A comment thread's state moves only along its allowed steps: an open (or reopened) thread is
-- resolved, accepted, rejected or found outdated; a resolved one is reopened. Of two decisions
-- racing on the same thread, the second finds the state already moved and its whole batch (the
-- change and its audit event) aborts, so a decision is never recorded twice.
CREATE TRIGGER `comment_threads_decision_guard`
BEFORE UPDATE OF `state` ON `comment_threads`
WHEN NOT (
  (NEW.`state` IN ('resolved', 'accepted', 'rejected', 'outdated') AND OLD.`state` IN ('open', 'reopened'))
  OR (NEW.`state` = 'reopened' AND OLD.`state` = 'resolved')
)
BEGIN
  SELECT RAISE(ABORT, 'comment_thread_already_decided');
END;
