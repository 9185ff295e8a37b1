CREATE TABLE `catalogue_epoch` (
	`id` integer PRIMARY KEY NOT NULL,
	`epoch` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `catalogue_pages` (
	`key` text PRIMARY KEY NOT NULL,
	`epoch` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalogue_pages_created_idx` ON `catalogue_pages` (`created_at`);--> statement-breakpoint
-- Hand-written from here (drizzle-kit does not model triggers): the one epoch row, and the triggers that
-- bump it on every change to what a catalogue page shows (worker/courses/catalogue.ts). A kept page
-- carries the epoch it was computed under and is served only while that is still the epoch.
INSERT INTO `catalogue_epoch` (`id`, `epoch`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_docs_ai` AFTER INSERT ON `course_search_docs` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_docs_au` AFTER UPDATE ON `course_search_docs` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_docs_ad` AFTER DELETE ON `course_search_docs` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_lessons_ai` AFTER INSERT ON `lessons` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_lessons_au` AFTER UPDATE ON `lessons` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_lessons_ad` AFTER DELETE ON `lessons` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_courses_ai` AFTER INSERT ON `courses` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_courses_ad` AFTER DELETE ON `courses` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_courses_au` AFTER UPDATE OF `school_path`, `title`, `summary`, `cover_url`, `category`, `level`, `tags`, `status`, `checkpoint_quiz_id`, `credit_hours`, `published_at`, `lesson_count`, `minutes` ON `courses` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_rules_ai` AFTER INSERT ON `study_rules` WHEN new.`kind` = 'credit' BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_rules_au` AFTER UPDATE ON `study_rules` WHEN old.`kind` = 'credit' OR new.`kind` = 'credit' BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_rules_ad` AFTER DELETE ON `study_rules` WHEN old.`kind` = 'credit' BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `catalogue_epoch_orgs_au` AFTER UPDATE OF `path` ON `orgs` BEGIN
  UPDATE `catalogue_epoch` SET `epoch` = `epoch` + 1 WHERE `id` = 1;
END;
