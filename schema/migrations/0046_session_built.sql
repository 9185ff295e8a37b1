ALTER TABLE `users` ADD `session_built` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written: a new random `session_built` whenever what a session says of its user changes (the columns
-- worker/auth/session.ts reads: the user's row, their memberships, the orgs of those memberships). Random, not
-- a counter, so a restored database cannot repeat a build an isolate remembers for other content.
UPDATE users SET session_built = lower(hex(randomblob(12)));--> statement-breakpoint
CREATE TRIGGER `users_session_built_insert` AFTER INSERT ON `users`
WHEN NEW.session_built = '' BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id = NEW.id;
END;--> statement-breakpoint
CREATE TRIGGER `users_session_built_update` AFTER UPDATE ON `users`
WHEN NEW.session_built IS OLD.session_built BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id IN (NEW.id, OLD.id);
END;--> statement-breakpoint
CREATE TRIGGER `memberships_session_built_insert` AFTER INSERT ON `memberships` BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id = NEW.user_id;
END;--> statement-breakpoint
CREATE TRIGGER `memberships_session_built_update` AFTER UPDATE ON `memberships` BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id IN (NEW.user_id, OLD.user_id);
END;--> statement-breakpoint
CREATE TRIGGER `memberships_session_built_delete` AFTER DELETE ON `memberships` BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12))) WHERE id = OLD.user_id;
END;--> statement-breakpoint
CREATE TRIGGER `orgs_session_built_update` AFTER UPDATE OF id, path, name, kind, archived_at ON `orgs`
WHEN NEW.id IS NOT OLD.id OR NEW.path IS NOT OLD.path OR NEW.name IS NOT OLD.name OR NEW.kind IS NOT OLD.kind
  OR NEW.archived_at IS NOT OLD.archived_at BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12)))
   WHERE id IN (SELECT m.user_id FROM memberships m WHERE m.org_id IN (NEW.id, OLD.id));
END;--> statement-breakpoint
CREATE TRIGGER `orgs_session_built_delete` AFTER DELETE ON `orgs` BEGIN
  UPDATE users SET session_built = lower(hex(randomblob(12)))
   WHERE id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = OLD.id);
END;
