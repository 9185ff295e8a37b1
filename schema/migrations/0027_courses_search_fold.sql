CREATE TABLE `course_search_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`folded_title` text NOT NULL,
	`folded_body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_search_docs_key` ON `course_search_docs` (`course_id`,`lesson_id`);--> statement-breakpoint
ALTER TABLE `courses` ADD `lesson_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `minutes` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here (drizzle-kit does not model virtual tables or triggers). The trigram index
-- now holds the folded text of course_search_docs (traditional → simplified, worker/lib/fold.ts) and
-- reads the text as written back from it for snippet(): folding keeps every character in place, so
-- the index's positions fit the text as written. Kept by the triggers below: never 'rebuild' it (that
-- would index the unfolded text).
DROP TABLE `course_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `course_search` USING fts5(`course_id` UNINDEXED, `lesson_id` UNINDEXED, `title`, `body`, tokenize = 'trigram', content = 'course_search_docs', content_rowid = 'id');
--> statement-breakpoint
CREATE TRIGGER `course_search_docs_ai` AFTER INSERT ON `course_search_docs` BEGIN
  INSERT INTO `course_search` (rowid, course_id, lesson_id, title, body)
    VALUES (new.id, new.course_id, new.lesson_id, new.folded_title, new.folded_body);
END;
--> statement-breakpoint
CREATE TRIGGER `course_search_docs_ad` AFTER DELETE ON `course_search_docs` BEGIN
  INSERT INTO `course_search` (course_search, rowid, course_id, lesson_id, title, body)
    VALUES ('delete', old.id, old.course_id, old.lesson_id, old.folded_title, old.folded_body);
END;
--> statement-breakpoint
CREATE TRIGGER `course_search_docs_au` AFTER UPDATE ON `course_search_docs` BEGIN
  INSERT INTO `course_search` (course_search, rowid, course_id, lesson_id, title, body)
    VALUES ('delete', old.id, old.course_id, old.lesson_id, old.folded_title, old.folded_body);
  INSERT INTO `course_search` (rowid, course_id, lesson_id, title, body)
    VALUES (new.id, new.course_id, new.lesson_id, new.folded_title, new.folded_body);
END;
--> statement-breakpoint
-- Existing courses, as written (SQL cannot fold): they are found as before, and across written forms
-- once next edited.
INSERT INTO `course_search_docs` (course_id, lesson_id, title, body, folded_title, folded_body)
  SELECT id, '', title, body, title, body FROM (
    SELECT id, replace(replace(title, char(2), ' '), char(3), ' ') AS title,
      replace(replace(summary || char(10) || (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(tags)),
        char(2), ' '), char(3), ' ') AS body
    FROM courses);
--> statement-breakpoint
INSERT INTO `course_search_docs` (course_id, lesson_id, title, body, folded_title, folded_body)
  SELECT course_id, id, title, body, title, body FROM (
    SELECT l.course_id, l.id, replace(replace(v.title, char(2), ' '), char(3), ' ') AS title,
      replace(replace(v.body, char(2), ' '), char(3), ' ') AS body
    FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id WHERE l.removed_at IS NULL);
--> statement-breakpoint
UPDATE `courses` SET (lesson_count, minutes) = (
  SELECT count(*), coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id
   WHERE l.course_id = courses.id AND l.removed_at IS NULL);
