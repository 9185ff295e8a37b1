CREATE TABLE `due_work` (
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`ref` text NOT NULL,
	`due_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `subject`, `ref`)
);
--> statement-breakpoint
CREATE INDEX `due_work_due_idx` ON `due_work` (`due_at`);--> statement-breakpoint
/* Hand-written (keep when regenerating): evaluation cycles' due rows follow the rows they depend on,
   whoever writes them (services, imports, the seed, tests). A branch that appears under, moves into or
   returns to a committee with an active schedule is due at once; so are all branches under a schedule
   that is created, changed or reactivated; a deactivated schedule's rows go. The cycle job then
   stores the real next moment. A migration that rebuilds orgs or eval_schedules drops these triggers:
   create them again there. */
CREATE TRIGGER `orgs_eval_due_insert` AFTER INSERT ON `orgs`
WHEN NEW.kind = 'branch' AND NEW.archived_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'eval_cycle', NEW.id, s.id, 0 FROM eval_schedules s
   WHERE s.active = 1 AND substr(NEW.path, 1, length(s.org_path)) = s.org_path
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `orgs_eval_due_update` AFTER UPDATE OF path, kind, archived_at ON `orgs`
WHEN NEW.kind = 'branch' AND NEW.archived_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'eval_cycle', NEW.id, s.id, 0 FROM eval_schedules s
   WHERE s.active = 1 AND substr(NEW.path, 1, length(s.org_path)) = s.org_path
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_schedules_due_insert` AFTER INSERT ON `eval_schedules`
WHEN NEW.active = 1
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'eval_cycle', o.id, NEW.id, 0 FROM orgs o
   WHERE o.path >= NEW.org_path AND o.path < substr(NEW.org_path, 1, length(NEW.org_path) - 1) || '0'
     AND o.kind = 'branch' AND o.archived_at IS NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_schedules_due_update` AFTER UPDATE ON `eval_schedules`
WHEN NEW.active = 1
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'eval_cycle', o.id, NEW.id, 0 FROM orgs o
   WHERE o.path >= NEW.org_path AND o.path < substr(NEW.org_path, 1, length(NEW.org_path) - 1) || '0'
     AND o.kind = 'branch' AND o.archived_at IS NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_schedules_due_off` AFTER UPDATE OF active ON `eval_schedules`
WHEN NEW.active = 0
BEGIN
  DELETE FROM due_work WHERE kind = 'eval_cycle' AND ref = NEW.id;
END;
--> statement-breakpoint
/* Existing schedules: every branch under one is due at once. */
INSERT INTO due_work (kind, subject, ref, due_at)
SELECT 'eval_cycle', o.id, s.id, 0 FROM eval_schedules s
  JOIN orgs o ON o.path >= s.org_path AND o.path < substr(s.org_path, 1, length(s.org_path) - 1) || '0'
 WHERE s.active = 1 AND o.kind = 'branch' AND o.archived_at IS NULL
ON CONFLICT (kind, subject, ref) DO NOTHING;
