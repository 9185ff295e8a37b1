CREATE TABLE `org_member_counts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`subtree_members` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`display_name`,`id`);--> statement-breakpoint
-- ===== Hand-written: org_member_counts kept by triggers (a member is a membership of role 'member' not
-- ended). An org's ancestors, itself included, are the ids in its path: '/a/b/c/' read as ["a","b","c"].
CREATE TRIGGER `org_member_counts_org` AFTER INSERT ON `orgs` BEGIN
  INSERT OR IGNORE INTO org_member_counts (org_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `org_member_counts_join` AFTER INSERT ON `memberships`
WHEN NEW.role = 'member' AND NEW.ended_at IS NULL BEGIN
  UPDATE org_member_counts SET members = members + (org_id = NEW.org_id), subtree_members = subtree_members + 1
  WHERE org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id = NEW.org_id);
END;
--> statement-breakpoint
CREATE TRIGGER `org_member_counts_delete` AFTER DELETE ON `memberships`
WHEN OLD.role = 'member' AND OLD.ended_at IS NULL BEGIN
  UPDATE org_member_counts SET members = members - (org_id = OLD.org_id), subtree_members = subtree_members - 1
  WHERE org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id = OLD.org_id);
END;
--> statement-breakpoint
-- Ended, reopened, given another role or moved to another org: out of the old org's counts, into the new's.
CREATE TRIGGER `org_member_counts_change` AFTER UPDATE OF org_id, role, ended_at ON `memberships`
WHEN (OLD.role = 'member' AND OLD.ended_at IS NULL) OR (NEW.role = 'member' AND NEW.ended_at IS NULL) BEGIN
  UPDATE org_member_counts SET members = members - (org_id = OLD.org_id), subtree_members = subtree_members - 1
  WHERE OLD.role = 'member' AND OLD.ended_at IS NULL
    AND org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
      WHERE o.id = OLD.org_id);
  UPDATE org_member_counts SET members = members + (org_id = NEW.org_id), subtree_members = subtree_members + 1
  WHERE NEW.role = 'member' AND NEW.ended_at IS NULL
    AND org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
      WHERE o.id = NEW.org_id);
END;
--> statement-breakpoint
-- A move re-roots every org of the subtree, one row at a time: each takes its own members away from the
-- ancestors it leaves and to those it joins (the ones in both paths, inside the subtree or above it, keep them).
CREATE TRIGGER `org_member_counts_move` AFTER UPDATE OF path ON `orgs` WHEN OLD.path <> NEW.path BEGIN
  UPDATE org_member_counts SET subtree_members = subtree_members - (SELECT members FROM org_member_counts WHERE org_id = NEW.id)
  WHERE org_id IN (SELECT value FROM json_each('["' || replace(substr(OLD.path, 2, length(OLD.path) - 2), '/', '","') || '"]'))
    AND org_id NOT IN (SELECT value FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]'));
  UPDATE org_member_counts SET subtree_members = subtree_members + (SELECT members FROM org_member_counts WHERE org_id = NEW.id)
  WHERE org_id IN (SELECT value FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]'))
    AND org_id NOT IN (SELECT value FROM json_each('["' || replace(substr(OLD.path, 2, length(OLD.path) - 2), '/', '","') || '"]'));
END;
--> statement-breakpoint
INSERT INTO org_member_counts (org_id, members, subtree_members)
SELECT o.id,
  (SELECT count(*) FROM memberships m WHERE m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL),
  (SELECT count(*) FROM orgs d JOIN memberships m ON m.org_id = d.id AND m.role = 'member' AND m.ended_at IS NULL
    WHERE d.path >= o.path AND d.path < substr(o.path, 1, length(o.path) - 1) || '0')
FROM orgs o;
