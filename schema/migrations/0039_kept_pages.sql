CREATE TABLE `kept_report_pages` (
	`key` text PRIMARY KEY NOT NULL,
	`stamp` text NOT NULL,
	`valid_until` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kept_roster_pages` (
	`key` text PRIMARY KEY NOT NULL,
	`stamp` text NOT NULL,
	`valid_until` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
/* ---- Hand-written: org subtree generations for kept pages (worker/lib/kept.ts: the roster page, the
   branch study table). Key 'o:' || org id in kept_study_generations, bumped for every ancestor (itself
   included) of an org where something a page of its subtree shows changed. A member's own generation
   (bumped by 0036's triggers on every study input, and here by their roster columns and development case)
   bumps the orgs they are on the roster of; a membership or case leaving an org bumps the org it left.
   A kept page answers while its org's 'o:' generation and the tenant epoch '*' are what it was built at. */
--> statement-breakpoint
CREATE TRIGGER `kept_study_generations_orgs_insert` AFTER INSERT ON `kept_study_generations`
WHEN NEW.key NOT LIKE 'o:%' AND NEW.key <> '*'
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = NEW.key AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id = NEW.key AND c.status = 'open')
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `kept_study_generations_orgs_update` AFTER UPDATE ON `kept_study_generations`
WHEN NEW.key NOT LIKE 'o:%' AND NEW.key <> '*'
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = NEW.key AND m.ended_at IS NULL
      UNION SELECT c.org_id FROM dev_cases c WHERE c.user_id = NEW.key AND c.status = 'open')
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
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `memberships_kept_study_delete`;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_delete` AFTER DELETE ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `users_kept_study_cadre`;
--> statement-breakpoint
CREATE TRIGGER `users_kept_study_update` AFTER UPDATE OF cadre, display_name, username, phone, gender, joined_party_on, active ON `users`
WHEN NEW.cadre IS NOT OLD.cadre OR NEW.display_name IS NOT OLD.display_name OR NEW.username IS NOT OLD.username OR NEW.phone IS NOT OLD.phone OR NEW.gender IS NOT OLD.gender OR NEW.joined_party_on IS NOT OLD.joined_party_on OR NEW.active IS NOT OLD.active
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_insert` AFTER INSERT ON `dev_cases`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_update` AFTER UPDATE OF user_id, org_id, status, stage, created_at ON `dev_cases`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `dev_cases_kept_delete` AFTER DELETE ON `dev_cases`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (OLD.org_id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
DROP TRIGGER `orgs_kept_study_update`;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_study_update` AFTER UPDATE OF path, time_zone ON `orgs`
WHEN NEW.path IS NOT OLD.path OR NEW.time_zone IS NOT OLD.time_zone
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_name` AFTER UPDATE OF name ON `orgs`
WHEN NEW.name IS NOT OLD.name
BEGIN
  INSERT INTO kept_study_generations (key, generation) SELECT DISTINCT 'o:' || j.value, 1 FROM orgs o, json_each('["' || replace(substr(o.path, 2, length(o.path) - 2), '/', '","') || '"]') j
    WHERE o.id IN (NEW.id)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
