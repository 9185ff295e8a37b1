CREATE TABLE `branch_study_months` (
	`org_id` text NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`online_hours` real DEFAULT 0 NOT NULL,
	`offline_hours` real DEFAULT 0 NOT NULL,
	`completions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`org_id`, `year`, `month`)
);
--> statement-breakpoint
-- ===== Hand-written: the triggers that keep branch_study_months (worker/courses/branch-months.ts) =====
-- A credited completion adds its 学时 and one course to the month (by the bounds kept on the row) of each
-- org where its member is a current active member; an offline credit adds to the month of its local day.
-- Rows not built yet are built from the source rows by the next read, so there is nothing to add to.
CREATE TRIGGER `branch_months_completion_insert` AFTER INSERT ON `course_completions`
WHEN NEW.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours + NEW.hours, completions = completions + 1
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = NEW.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND NEW.completed_at >= starts_at AND NEW.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_completion_update` AFTER UPDATE OF status, hours, completed_at, user_id ON `course_completions`
WHEN OLD.status = 'credited' OR NEW.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours - OLD.hours, completions = completions - 1
  WHERE OLD.status = 'credited' AND org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = OLD.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND OLD.completed_at >= starts_at AND OLD.completed_at < ends_at;
  UPDATE branch_study_months SET online_hours = online_hours + NEW.hours, completions = completions + 1
  WHERE NEW.status = 'credited' AND org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = NEW.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND NEW.completed_at >= starts_at AND NEW.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_completion_delete` AFTER DELETE ON `course_completions`
WHEN OLD.status = 'credited' BEGIN
  UPDATE branch_study_months SET online_hours = online_hours - OLD.hours, completions = completions - 1
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = OLD.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND OLD.completed_at >= starts_at AND OLD.completed_at < ends_at;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_insert` AFTER INSERT ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours + NEW.hours
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = NEW.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND year = CAST(substr(NEW.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.studied_on, 6, 2) AS INTEGER);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_update` AFTER UPDATE OF hours, studied_on, user_id ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours - OLD.hours
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = OLD.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND year = CAST(substr(OLD.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.studied_on, 6, 2) AS INTEGER);
  UPDATE branch_study_months SET offline_hours = offline_hours + NEW.hours
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = NEW.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND year = CAST(substr(NEW.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(NEW.studied_on, 6, 2) AS INTEGER);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_offline_delete` AFTER DELETE ON `offline_credits` BEGIN
  UPDATE branch_study_months SET offline_hours = offline_hours - OLD.hours
  WHERE org_id IN (SELECT m.org_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.active = 1
    WHERE m.user_id = OLD.user_id AND m.role = 'member' AND m.ended_at IS NULL)
    AND year = CAST(substr(OLD.studied_on, 1, 4) AS INTEGER) AND month = CAST(substr(OLD.studied_on, 6, 2) AS INTEGER);
END;--> statement-breakpoint
-- Who the members are changed (a join, a leave, a transfer, a member (de)activated) or the zone that
-- bounds the months: the org's rows go, every year, and the next read builds them again.
CREATE TRIGGER `branch_months_membership_insert` AFTER INSERT ON `memberships`
WHEN NEW.role = 'member' BEGIN
  DELETE FROM branch_study_months WHERE org_id = NEW.org_id;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_membership_update` AFTER UPDATE OF user_id, org_id, role, ended_at ON `memberships`
WHEN OLD.role = 'member' OR NEW.role = 'member' BEGIN
  DELETE FROM branch_study_months WHERE org_id IN (OLD.org_id, NEW.org_id);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_membership_delete` AFTER DELETE ON `memberships`
WHEN OLD.role = 'member' BEGIN
  DELETE FROM branch_study_months WHERE org_id = OLD.org_id;
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_user_active` AFTER UPDATE OF active ON `users`
WHEN OLD.active IS NOT NEW.active BEGIN
  DELETE FROM branch_study_months WHERE org_id IN (
    SELECT org_id FROM memberships WHERE user_id = NEW.id AND role = 'member' AND ended_at IS NULL);
END;--> statement-breakpoint
CREATE TRIGGER `branch_months_org_zone` AFTER UPDATE OF time_zone ON `orgs`
WHEN OLD.time_zone IS NOT NEW.time_zone BEGIN
  DELETE FROM branch_study_months WHERE org_id = NEW.id;
END;
