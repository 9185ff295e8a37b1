/* Hand-written (keep when regenerating): development deadlines and the organisational-life rhythm in
   due_work (worker/development/jobs.ts, worker/orglife/jobs.ts). The rows follow the rows they depend
   on, whoever writes them (services, imports, the seed, tests); the jobs then store the real next
   moment. A migration that rebuilds dev_cases, orgs, orglife_rules or memberships drops these
   triggers: create them again there (tests/development/cron.test.ts and tests/orglife/cron.test.ts
   fail without them). */

/* A case's first warning: 14 days (1209600000 ms) before its deadline for the branch's steps, the
   deadline itself for the committee's; a closed case, or one without a deadline, has none. */
CREATE TRIGGER `dev_cases_due_insert` AFTER INSERT ON `dev_cases`
WHEN NEW.status = 'open' AND NEW.next_due IS NOT NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  VALUES ('dev_deadline', NEW.id, '', CASE WHEN NEW.next_step IN ('prereview', 'approval', 'full_approval')
                                           THEN NEW.next_due + 1 ELSE NEW.next_due - 1209600000 + 1 END)
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at;
END;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_due_update` AFTER UPDATE OF status, next_step, next_due, org_id ON `dev_cases`
WHEN NEW.status IS NOT OLD.status OR NEW.next_step IS NOT OLD.next_step OR NEW.next_due IS NOT OLD.next_due
  OR NEW.org_id IS NOT OLD.org_id
BEGIN
  DELETE FROM due_work WHERE kind = 'dev_deadline' AND subject = NEW.id AND ref = ''
     AND NOT (NEW.status = 'open' AND NEW.next_due IS NOT NULL);
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'dev_deadline', NEW.id, '', CASE WHEN NEW.next_step IN ('prereview', 'approval', 'full_approval')
                                          THEN NEW.next_due + 1 ELSE NEW.next_due - 1209600000 + 1 END
   WHERE NEW.status = 'open' AND NEW.next_due IS NOT NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at;
END;
--> statement-breakpoint
/* A secretary appointed hears of the branch's cases, an admin of the overdue ones below: due at once
   (again, for cases whose warnings have all been sent). */
CREATE TRIGGER `memberships_dev_due_secretary` AFTER INSERT ON `memberships`
WHEN NEW.role = 'secretary' AND NEW.ended_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'dev_deadline', id, '', 0 FROM dev_cases WHERE org_id = NEW.org_id AND status = 'open' AND next_due IS NOT NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_dev_due_admin` AFTER INSERT ON `memberships`
WHEN NEW.role = 'admin' AND NEW.ended_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'dev_deadline', c.id, '', 0 FROM orgs a
    JOIN orgs o ON o.path >= a.path AND o.path < substr(a.path, 1, length(a.path) - 1) || '0'
    JOIN dev_cases c ON c.org_id = o.id AND c.status = 'open' AND c.next_due IS NOT NULL
   WHERE a.id = NEW.org_id
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
/* A branch moved under other committees: their admins hear of its overdue cases. */
CREATE TRIGGER `orgs_dev_due_moved` AFTER UPDATE OF path ON `orgs`
WHEN NEW.path IS NOT OLD.path
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'dev_deadline', id, '', 0 FROM dev_cases WHERE org_id = NEW.id AND status = 'open' AND next_due IS NOT NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
/* The rhythm: one row per branch and committee. A branch or committee created, moved, restored or given
   another time zone makes itself and every committee above it (the ids of its path) due at once; so does a rhythm version for
   every org under and above the committee that saved it; an appointed secretary or admin makes their
   org due. Meetings need nothing: only a planned meeting is edited or cancelled, and it never counted;
   a held one only adds to what was held. */
CREATE TRIGGER `orgs_orglife_due_insert` AFTER INSERT ON `orgs`
WHEN NEW.kind IN ('branch', 'committee') AND NEW.archived_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'orglife_rhythm', value, '', 0 FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]')
   WHERE true
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `orgs_orglife_due_update` AFTER UPDATE OF path, kind, archived_at, time_zone ON `orgs`
WHEN NEW.kind IN ('branch', 'committee') AND NEW.archived_at IS NULL
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'orglife_rhythm', value, '', 0 FROM json_each('["' || replace(substr(NEW.path, 2, length(NEW.path) - 2), '/', '","') || '"]')
   WHERE true
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `orglife_rules_due_insert` AFTER INSERT ON `orglife_rules`
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'orglife_rhythm', o.id, '', 0 FROM orgs a
    JOIN orgs o ON o.path >= a.path AND o.path < substr(a.path, 1, length(a.path) - 1) || '0'
   WHERE a.id = NEW.org_id AND o.kind IN ('branch', 'committee') AND o.archived_at IS NULL
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'orglife_rhythm', j.value, '', 0 FROM orgs a
    JOIN json_each('["' || replace(substr(a.path, 2, length(a.path) - 2), '/', '","') || '"]') j
   WHERE a.id = NEW.org_id
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_orglife_due` AFTER INSERT ON `memberships`
WHEN NEW.role IN ('secretary', 'admin') AND NEW.ended_at IS NULL
BEGIN
  UPDATE due_work SET due_at = 0 WHERE kind = 'orglife_rhythm' AND subject = NEW.org_id AND ref = '';
END;
--> statement-breakpoint
/* Existing rows. A case's next warning after a day ago (the old cron told everything before; a day
   back covers its last ticks, and a notice's key lands once); every branch and committee due at once. */
INSERT INTO due_work (kind, subject, ref, due_at)
SELECT 'dev_deadline', id, '', at FROM (
  SELECT id, CASE WHEN next_step NOT IN ('prereview', 'approval', 'full_approval')
                   AND next_due - 1209600000 + 1 > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 86400000
                  THEN next_due - 1209600000 + 1
                  WHEN next_due + 1 > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 86400000 THEN next_due + 1 END AS at
    FROM dev_cases WHERE status = 'open' AND next_due IS NOT NULL)
 WHERE at IS NOT NULL
ON CONFLICT (kind, subject, ref) DO NOTHING;
--> statement-breakpoint
INSERT INTO due_work (kind, subject, ref, due_at)
SELECT 'orglife_rhythm', id, '', 0 FROM orgs WHERE kind IN ('branch', 'committee') AND archived_at IS NULL
ON CONFLICT (kind, subject, ref) DO NOTHING;
