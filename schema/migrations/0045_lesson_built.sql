ALTER TABLE `lessons` ADD `built` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written: a new random `built` whenever what a lesson page shows changes (schema/courses/tables.ts).
UPDATE lessons SET built = lower(hex(randomblob(12)));--> statement-breakpoint
CREATE TRIGGER `lesson_built_insert` AFTER INSERT ON `lessons`
WHEN NEW.built = '' BEGIN
  UPDATE lessons SET built = lower(hex(randomblob(12))) WHERE id = NEW.id;
END;--> statement-breakpoint
CREATE TRIGGER `lesson_built_update` AFTER UPDATE ON `lessons`
WHEN NEW.built IS OLD.built BEGIN
  UPDATE lessons SET built = lower(hex(randomblob(12))) WHERE id = NEW.id;
END;--> statement-breakpoint
CREATE TRIGGER `lesson_built_version_update` AFTER UPDATE ON `lesson_versions` BEGIN
  UPDATE lessons SET built = lower(hex(randomblob(12))) WHERE id IN (NEW.lesson_id, OLD.lesson_id);
END;--> statement-breakpoint
CREATE TRIGGER `lesson_built_version_delete` AFTER DELETE ON `lesson_versions` BEGIN
  UPDATE lessons SET built = lower(hex(randomblob(12))) WHERE id = OLD.lesson_id;
END;--> statement-breakpoint
CREATE TRIGGER `lesson_built_course` AFTER UPDATE OF title, status, school_path ON `courses`
WHEN NEW.title IS NOT OLD.title OR NEW.status IS NOT OLD.status OR NEW.school_path IS NOT OLD.school_path BEGIN
  UPDATE lessons SET built = lower(hex(randomblob(12))) WHERE course_id = NEW.id;
END;
