CREATE TABLE `org_people` (
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`memberships` integer NOT NULL,
	PRIMARY KEY(`org_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `org_people_user_idx` ON `org_people` (`user_id`);--> statement-breakpoint
-- ===== Hand-written: org_people, and the member counts and study months kept from it =====
-- A member is a membership of role 'member' not ended. An org's ancestors, itself included, are the ids in
-- its path: '/a/b/c/' read as ["a","b","c"]. A person is in an org's subtree while their row there holds
-- at least one membership; the row coming and going (not the memberships) moves the org's subtree count
-- and its kept study months (branch_study_months: an org's own rows, summed over the people of its
-- subtree), so a person in two branches of a committee counts once in it, and a committee's chart is its
-- own 12 rows, however many branches it holds.
DROP TRIGGER `org_member_counts_join`;--> statement-breakpoint
DROP TRIGGER `org_member_counts_delete`;--> statement-breakpoint
DROP TRIGGER `org_member_counts_change`;--> statement-breakpoint
DROP TRIGGER `org_member_counts_move`;--> statement-breakpoint
DROP TRIGGER `branch_months_completion_insert`;--> statement-breakpoint
DROP TRIGGER `branch_months_completion_update`;--> statement-breakpoint
DROP TRIGGER `branch_months_completion_delete`;--> statement-breakpoint
DROP TRIGGER `branch_months_offline_insert`;--> statement-breakpoint
DROP TRIGGER `branch_months_offline_update`;--> statement-breakpoint
DROP TRIGGER `branch_months_offline_delete`;--> statement-breakpoint
DROP TRIGGER `branch_months_membership_insert`;--> statement-breakpoint
DROP TRIGGER `branch_months_membership_update`;--> statement-breakpoint
DROP TRIGGER `branch_months_membership_delete`;--> statement-breakpoint
DROP TRIGGER `branch_months_user_active`;--> statement-breakpoint
INSERT INTO org_people (org_id, user_id, memberships)
SELECT j.value, m.user_id, count(*) FROM memberships m JOIN orgs o ON o.id = m.org_id
  CROSS JOIN json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
WHERE m.role = 'member' AND m.ended_at IS NULL
GROUP BY j.value, m.user_id;--> statement-breakpoint
UPDATE org_member_counts SET subtree_members = (SELECT count(*) FROM org_people p WHERE p.org_id = org_member_counts.org_id);--> statement-breakpoint
-- Committees' rows were sums of their branches' and change meaning: every org's are built again on their next read.
DELETE FROM branch_study_months;--> statement-breakpoint
CREATE TRIGGER `org_people_join` AFTER INSERT ON `memberships`
WHEN NEW.role = 'member' AND NEW.ended_at IS NULL BEGIN
  UPDATE org_member_counts SET members = members + 1 WHERE org_id = NEW.org_id;
  INSERT INTO org_people (org_id, user_id, memberships)
    SELECT j.value, NEW.user_id, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id = NEW.org_id
    ON CONFLICT (org_id, user_id) DO UPDATE SET memberships = memberships + 1;
END;--> statement-breakpoint
CREATE TRIGGER `org_people_delete` AFTER DELETE ON `memberships`
WHEN OLD.role = 'member' AND OLD.ended_at IS NULL BEGIN
  UPDATE org_member_counts SET members = members - 1 WHERE org_id = OLD.org_id;
  UPDATE org_people SET memberships = memberships - 1 WHERE user_id = OLD.user_id
    AND org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
      WHERE o.id = OLD.org_id);
  DELETE FROM org_people WHERE user_id = OLD.user_id AND memberships = 0;
END;--> statement-breakpoint
-- Ended, reopened, given another role, person or org: into the new org's subtrees first, then out of the
-- old's, so a membership reassigned within a committee never leaves it (its row stays, nothing moves).
CREATE TRIGGER `org_people_change` AFTER UPDATE OF user_id, org_id, role, ended_at ON `memberships`
WHEN (OLD.role = 'member' AND OLD.ended_at IS NULL) OR (NEW.role = 'member' AND NEW.ended_at IS NULL) BEGIN
  UPDATE org_member_counts SET members = members + 1
  WHERE NEW.role = 'member' AND NEW.ended_at IS NULL AND org_id = NEW.org_id;
  INSERT INTO org_people (org_id, user_id, memberships)
    SELECT j.value, NEW.user_id, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE NEW.role = 'member' AND NEW.ended_at IS NULL AND o.id = NEW.org_id
    ON CONFLICT (org_id, user_id) DO UPDATE SET memberships = memberships + 1;
  UPDATE org_member_counts SET members = members - 1
  WHERE OLD.role = 'member' AND OLD.ended_at IS NULL AND org_id = OLD.org_id;
  UPDATE org_people SET memberships = memberships - 1
  WHERE OLD.role = 'member' AND OLD.ended_at IS NULL AND user_id = OLD.user_id
    AND org_id IN (SELECT j.value FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
      WHERE o.id = OLD.org_id);
  DELETE FROM org_people WHERE user_id = OLD.user_id AND memberships = 0;
END;--> statement-breakpoint
-- A move re-roots every org of the subtree, one row at a time: each takes its own members out of the
-- ancestors it leaves and into those it joins (the ones in both paths keep them).
CREATE TRIGGER `org_people_move` AFTER UPDATE OF path ON `orgs` WHEN OLD.path <> NEW.path BEGIN
  INSERT INTO org_people (org_id, user_id, memberships)
    SELECT j.value, m.user_id, 1
    FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]') j
      CROSS JOIN memberships m ON m.org_id = NEW.id AND m.role = 'member' AND m.ended_at IS NULL
    WHERE j.value NOT IN (SELECT value FROM json_each('["' || replace(substr(OLD.path, 2, length(OLD.path) - 2), '/', '","') || '"]'))
    ON CONFLICT (org_id, user_id) DO UPDATE SET memberships = memberships + 1;
  UPDATE org_people SET memberships = memberships - 1
  WHERE org_id IN (SELECT value FROM json_each('["' || replace(substr(OLD.path, 2, length(OLD.path) - 2), '/', '","') || '"]'))
    AND org_id NOT IN (SELECT value FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]'))
    AND user_id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = NEW.id AND m.role = 'member' AND m.ended_at IS NULL);
  DELETE FROM org_people WHERE memberships = 0
    AND user_id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = NEW.id AND m.role = 'member' AND m.ended_at IS NULL);
END;--> statement-breakpoint
-- A person arriving in (leaving) an org's subtree counts one more (less) there, and, while active, brings
-- (takes) their credits to (from) the org's kept months: only the months they have credits in are written.
CREATE TRIGGER `org_people_in` AFTER INSERT ON `org_people` BEGIN
  UPDATE org_member_counts SET subtree_members = subtree_members + 1 WHERE org_id = NEW.org_id;
  UPDATE branch_study_months SET
    (online_hours, completions) = (SELECT branch_study_months.online_hours + coalesce(sum(c.hours), 0),
        branch_study_months.completions + count(*) FROM course_completions c
      WHERE c.user_id = NEW.user_id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at),
    offline_hours = offline_hours + (SELECT coalesce(sum(f.hours), 0) FROM offline_credits f WHERE f.user_id = NEW.user_id
      AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
        AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month))
  WHERE org_id = NEW.org_id AND EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.active = 1)
    AND (EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = NEW.user_id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at)
      OR EXISTS (SELECT 1 FROM offline_credits f WHERE f.user_id = NEW.user_id
        AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
          AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month)));
END;--> statement-breakpoint
CREATE TRIGGER `org_people_out` AFTER DELETE ON `org_people` BEGIN
  UPDATE org_member_counts SET subtree_members = subtree_members - 1 WHERE org_id = OLD.org_id;
  UPDATE branch_study_months SET
    (online_hours, completions) = (SELECT branch_study_months.online_hours - coalesce(sum(c.hours), 0),
        branch_study_months.completions - count(*) FROM course_completions c
      WHERE c.user_id = OLD.user_id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at),
    offline_hours = offline_hours - (SELECT coalesce(sum(f.hours), 0) FROM offline_credits f WHERE f.user_id = OLD.user_id
      AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
        AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month))
  WHERE org_id = OLD.org_id AND EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id AND u.active = 1)
    AND (EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = OLD.user_id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at)
      OR EXISTS (SELECT 1 FROM offline_credits f WHERE f.user_id = OLD.user_id
        AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
          AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month)));
END;--> statement-breakpoint
-- A person (de)activated: their credits join (leave) the months of every org whose subtree they are in.
CREATE TRIGGER `org_people_active` AFTER UPDATE OF active ON `users` WHEN OLD.active IS NOT NEW.active BEGIN
  UPDATE branch_study_months SET
    (online_hours, completions) = (SELECT branch_study_months.online_hours + (2 * NEW.active - 1) * coalesce(sum(c.hours), 0),
        branch_study_months.completions + (2 * NEW.active - 1) * count(*) FROM course_completions c
      WHERE c.user_id = NEW.id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at),
    offline_hours = offline_hours + (2 * NEW.active - 1) * (SELECT coalesce(sum(f.hours), 0) FROM offline_credits f WHERE f.user_id = NEW.id
      AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
        AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month))
  WHERE org_id IN (SELECT p.org_id FROM org_people p WHERE p.user_id = NEW.id)
    AND (EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = NEW.id AND c.status = 'credited'
        AND c.completed_at >= branch_study_months.starts_at AND c.completed_at < branch_study_months.ends_at)
      OR EXISTS (SELECT 1 FROM offline_credits f WHERE f.user_id = NEW.id
        AND f.studied_on BETWEEN printf('%04d-%02d-01', branch_study_months.year, branch_study_months.month)
          AND printf('%04d-%02d-31', branch_study_months.year, branch_study_months.month)));
END;--> statement-breakpoint
-- A credited completion adds its 学时 and one course to its month (by the bounds kept on the row) in every
-- org whose subtree its member is in while active; an offline credit adds to the month of its local day.
-- Rows not built yet are built from the source rows by the next read, so there is nothing to add to.
CREATE TRIGGER `branch_months_completion_insert` AFTER INSERT ON `course_completions`
WHEN NEW.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours + NEW.hours, completions = completions + 1
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = NEW.user_id)
    AND NEW.completed_at >= starts_at AND NEW.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_completion_update` AFTER UPDATE OF status, hours, completed_at, user_id ON `course_completions`
WHEN OLD.status = 'credited' OR NEW.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours - OLD.hours, completions = completions - 1
  WHERE OLD.status = 'credited'
    AND org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = OLD.user_id)
    AND OLD.completed_at >= starts_at AND OLD.completed_at < ends_at;
  UPDATE branch_study_months SET online_hours = online_hours + NEW.hours, completions = completions + 1
  WHERE NEW.status = 'credited'
    AND org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = NEW.user_id)
    AND NEW.completed_at >= starts_at AND NEW.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_completion_delete` AFTER DELETE ON `course_completions`
WHEN OLD.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours - OLD.hours, completions = completions - 1
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = OLD.user_id)
    AND OLD.completed_at >= starts_at AND OLD.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_insert` AFTER INSERT ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours + NEW.hours
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = NEW.user_id)
    AND year = CAST(substr(NEW.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.studied_on, 6, 2) AS INTEGER);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_update` AFTER UPDATE OF hours, studied_on, user_id ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours - OLD.hours
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = OLD.user_id)
    AND year = CAST(substr(OLD.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.studied_on, 6, 2) AS INTEGER);
  UPDATE branch_study_months SET offline_hours = offline_hours + NEW.hours
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = NEW.user_id)
    AND year = CAST(substr(NEW.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.studied_on, 6, 2) AS INTEGER);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_delete` AFTER DELETE ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours - OLD.hours
  WHERE org_id IN (SELECT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id AND u.active = 1 WHERE p.user_id = OLD.user_id)
    AND year = CAST(substr(OLD.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.studied_on, 6, 2) AS INTEGER);
END;
