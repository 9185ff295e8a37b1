CREATE TABLE `kept_study_generations` (
	`key` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kept_study_pages` (
	`user_id` text PRIMARY KEY NOT NULL,
	`built_for` text NOT NULL,
	`generation` integer NOT NULL,
	`epoch` integer NOT NULL,
	`valid_until` integer NOT NULL,
	`body` text NOT NULL,
	`home` text NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
/* ---- Hand-written: what keeps kept_study_pages honest (worker/courses/kept.ts). ----
   Every input of "my study" (worker/courses/study.ts studyReads) and of the home page's study part
   (worker/courses/home.ts studyToDoReads) bumps a generation, whoever writes it
   (the Worker, a transfer, an import, a migration): a member's own rows bump that member's
   (key user_id), shared rows (courses, lessons, plans, quotas, orgs' zones and paths) bump the one
   tenant-wide epoch (key '*'): one row written, not one per member. A kept page answers only while both
   are what it was built at. */
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_kept_study_insert` AFTER INSERT ON `lesson_progress`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_kept_study_update` AFTER UPDATE ON `lesson_progress`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_kept_study_delete` AFTER DELETE ON `lesson_progress`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_kept_study_insert` AFTER INSERT ON `course_completions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_kept_study_update` AFTER UPDATE ON `course_completions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_kept_study_delete` AFTER DELETE ON `course_completions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offline_credits_kept_study_insert` AFTER INSERT ON `offline_credits`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offline_credits_kept_study_update` AFTER UPDATE ON `offline_credits`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `offline_credits_kept_study_delete` AFTER DELETE ON `offline_credits`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_years_kept_study_insert` AFTER INSERT ON `study_years`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_years_kept_study_update` AFTER UPDATE ON `study_years`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_years_kept_study_delete` AFTER DELETE ON `study_years`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_insert` AFTER INSERT ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_update` AFTER UPDATE ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_kept_study_delete` AFTER DELETE ON `memberships`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_kept_study_cadre` AFTER UPDATE OF cadre ON `users`
WHEN NEW.cadre IS NOT OLD.cadre
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES (NEW.id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `plan_items_kept_study_insert` AFTER INSERT ON `plan_items`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `plan_items_kept_study_update` AFTER UPDATE ON `plan_items`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `plan_items_kept_study_delete` AFTER DELETE ON `plan_items`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_plans_kept_study_insert` AFTER INSERT ON `curriculum_plans`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_plans_kept_study_update` AFTER UPDATE ON `curriculum_plans`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_plans_kept_study_delete` AFTER DELETE ON `curriculum_plans`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_versions_kept_study_insert` AFTER INSERT ON `lesson_versions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_versions_kept_study_update` AFTER UPDATE ON `lesson_versions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_versions_kept_study_delete` AFTER DELETE ON `lesson_versions`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_rules_kept_study_insert` AFTER INSERT ON `study_rules`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_rules_kept_study_update` AFTER UPDATE ON `study_rules`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `study_rules_kept_study_delete` AFTER DELETE ON `study_rules`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `courses_kept_study_insert` AFTER INSERT ON `courses`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `courses_kept_study_delete` AFTER DELETE ON `courses`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_kept_study_insert` AFTER INSERT ON `lessons`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_kept_study_delete` AFTER DELETE ON `lessons`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `courses_kept_study_update` AFTER UPDATE OF title, category, level, status, cover_url ON `courses`
WHEN NEW.title IS NOT OLD.title OR NEW.category IS NOT OLD.category OR NEW.level IS NOT OLD.level OR NEW.status IS NOT OLD.status OR NEW.cover_url IS NOT OLD.cover_url
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lessons_kept_study_update` AFTER UPDATE OF course_id, removed_at, current_version_id ON `lessons`
WHEN NEW.course_id IS NOT OLD.course_id OR NEW.removed_at IS NOT OLD.removed_at OR NEW.current_version_id IS NOT OLD.current_version_id
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_study_update` AFTER UPDATE OF path, time_zone ON `orgs`
WHEN NEW.path IS NOT OLD.path OR NEW.time_zone IS NOT OLD.time_zone
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `orgs_kept_study_delete` AFTER DELETE ON `orgs`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
