CREATE TABLE `kept_roster_generations` (
	`key` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kept_sweeps` (
	`tbl` text PRIMARY KEY NOT NULL,
	`after` text NOT NULL,
	`upto` text NOT NULL
);
--> statement-breakpoint
/* ---- Hand-written: the roster's own generations (worker/lib/kept.ts). A kept roster page answers while
   its org's generation and the tenant's roster epoch ('*') in kept_roster_generations are what it was
   built at: bumped along the ancestors (itself included) of every org whose roster rows changed (a
   membership, a person's name or status, a development case, the org's name) and, for the epoch, when
   an org path changes or an org goes. A lesson studied bumps none of them: the branch study table
   (which shows both) reads these beside the study generations of 0036/0039, so the study triggers no
   longer fan a roster write out to the orgs' study generations, and a user's study generation moves
   only for what "my study" shows (memberships, cadre). Each table keeps the one trigger set it had. */
--> statement-breakpoint
DELETE FROM kept_roster_pages;
--> statement-breakpoint
DELETE FROM kept_report_pages;
--> statement-breakpoint
DROP TRIGGER `memberships_kept_study_insert`;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_insert` AFTER INSERT ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (NEW.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `memberships_kept_study_update`;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_update` AFTER UPDATE ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id, NEW.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `memberships_kept_study_delete`;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_delete` AFTER DELETE ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `users_kept_study_update`;
--> statement-breakpoint
CREATE TRIGGER `users_kept_study_update` AFTER UPDATE OF cadre, display_name, username, phone, gender, joined_party_on, active ON `users`
WHEN NEW.cadre IS NOT OLD.cadre OR NEW.display_name IS NOT OLD.display_name OR NEW.username IS NOT OLD.username OR NEW.phone IS NOT OLD.phone OR NEW.gender IS NOT OLD.gender OR NEW.joined_party_on IS NOT OLD.joined_party_on OR NEW.active IS NOT OLD.active
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT NEW.id, 1 WHERE NEW.cadre IS NOT OLD.cadre
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = NEW.id AND m.role = 'member' AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id = NEW.id AND c.status = 'open')
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `dev_cases_kept_insert`;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_insert` AFTER INSERT ON `dev_cases`
BEGIN
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = NEW.user_id AND m.role = 'member' AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id = NEW.user_id AND c.status = 'open'
      UNION SELECT NEW.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `dev_cases_kept_update`;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_update` AFTER UPDATE OF user_id, org_id, status, stage, created_at ON `dev_cases`
BEGIN
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id IN (OLD.user_id, NEW.user_id) AND m.role = 'member' AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id IN (OLD.user_id, NEW.user_id) AND c.status = 'open'
      UNION SELECT OLD.org_id UNION SELECT NEW.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `dev_cases_kept_delete`;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_delete` AFTER DELETE ON `dev_cases`
BEGIN
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = OLD.user_id AND m.role = 'member' AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id = OLD.user_id AND c.status = 'open'
      UNION SELECT OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `orgs_kept_study_update`;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_study_update` AFTER UPDATE OF path, time_zone ON `orgs`
WHEN NEW.path IS NOT OLD.path OR NEW.time_zone IS NOT OLD.time_zone
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT '*', 1 WHERE true
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT '*', 1 WHERE NEW.path IS NOT OLD.path
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `orgs_kept_study_delete`;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_study_delete` AFTER DELETE ON `orgs`
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT '*', 1 WHERE true
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_roster_generations (key, generation) SELECT '*', 1 WHERE true
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `orgs_kept_name`;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_name` AFTER UPDATE OF name ON `orgs`
WHEN NEW.name IS NOT OLD.name
BEGIN
  INSERT INTO kept_roster_generations (key, generation) SELECT DISTINCT j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (NEW.id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
