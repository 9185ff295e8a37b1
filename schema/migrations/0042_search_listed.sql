ALTER TABLE `course_search_docs` ADD `listed` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written from here (drizzle-kit does not model virtual tables or triggers). Only a published course's
-- rows are listed, and only listed rows are in the FTS5 index and the grams: a draft's text neither
-- weighs in bm25 (its average length) nor costs index writes while it is edited. `listed` follows the
-- course's status (the triggers on courses and on a row's insert); the Worker never sets it.
DROP TRIGGER `course_search_docs_ai`;
--> statement-breakpoint
DROP TRIGGER `course_search_docs_ad`;
--> statement-breakpoint
DROP TRIGGER `course_search_docs_au`;
--> statement-breakpoint
DROP TRIGGER `course_search_grams_ai`;
--> statement-breakpoint
DROP TRIGGER `course_search_grams_ad`;
--> statement-breakpoint
DROP TRIGGER `course_search_grams_au`;
--> statement-breakpoint
UPDATE `course_search_docs` SET `listed` = 1 WHERE `course_id` IN (SELECT `id` FROM `courses` WHERE `status` = 'published');
--> statement-breakpoint
INSERT INTO `course_search` (`course_search`) VALUES ('delete-all');
--> statement-breakpoint
INSERT INTO `course_search` (rowid, course_id, lesson_id, title, body)
  SELECT id, course_id, lesson_id, folded_title, folded_body FROM `course_search_docs` WHERE `listed`;
--> statement-breakpoint
DELETE FROM `course_search_grams` WHERE `doc_id` NOT IN (SELECT `id` FROM `course_search_docs` WHERE `listed`);
--> statement-breakpoint
-- A row written for a published course (a lesson added to it) is listed at once.
CREATE TRIGGER `course_search_docs_list` AFTER INSERT ON `course_search_docs` WHEN NOT new.`listed` BEGIN
  UPDATE `course_search_docs` SET `listed` = 1 WHERE `id` = new.`id`
    AND EXISTS (SELECT 1 FROM `courses` WHERE `id` = new.`course_id` AND `status` = 'published');
END;
--> statement-breakpoint
-- Publishing lists a course's rows; archiving unlists them.
CREATE TRIGGER `courses_search_listed` AFTER UPDATE OF `status` ON `courses`
  WHEN (old.`status` = 'published') <> (new.`status` = 'published') BEGIN
  UPDATE `course_search_docs` SET `listed` = (new.`status` = 'published') WHERE `course_id` = new.`id`;
END;
--> statement-breakpoint
-- The grams of a row: every single character and pair at each position of its folded title and body,
-- lower-cased (positions 0…n-1 from json_each over n zeros: trigger bodies take no WITH). DISTINCT, not
-- INSERT OR IGNORE: an outer statement's conflict handling (the upsert of course_search_docs) overrides a
-- trigger's own.
CREATE TRIGGER `course_search_docs_ai` AFTER INSERT ON `course_search_docs` WHEN new.`listed` BEGIN
  INSERT INTO `course_search` (rowid, course_id, lesson_id, title, body)
    VALUES (new.id, new.course_id, new.lesson_id, new.folded_title, new.folded_body);
  INSERT INTO `course_search_grams` (gram, doc_id)
    SELECT DISTINCT substr(t.v, p.key + 1, g.len), new.id
    FROM (SELECT lower(new.folded_title) AS v UNION ALL SELECT lower(new.folded_body)) t
      CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
      CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
    WHERE p.key + g.len <= length(t.v);
END;
--> statement-breakpoint
CREATE TRIGGER `course_search_docs_ad` AFTER DELETE ON `course_search_docs` WHEN old.`listed` BEGIN
  INSERT INTO `course_search` (course_search, rowid, course_id, lesson_id, title, body)
    VALUES ('delete', old.id, old.course_id, old.lesson_id, old.folded_title, old.folded_body);
  DELETE FROM `course_search_grams` WHERE doc_id = old.id;
END;
--> statement-breakpoint
-- An edit, listing or unlisting: the FTS5 row out if it was in, in if it is now; of the grams, only those
-- that changed (a small edit of a long lesson writes a few rows, not every gram of it twice).
CREATE TRIGGER `course_search_docs_au` AFTER UPDATE OF `folded_title`, `folded_body`, `listed` ON `course_search_docs`
  WHEN old.`listed` OR new.`listed` BEGIN
  INSERT INTO `course_search` (course_search, rowid, course_id, lesson_id, title, body)
    SELECT 'delete', old.id, old.course_id, old.lesson_id, old.folded_title, old.folded_body WHERE old.listed;
  INSERT INTO `course_search` (rowid, course_id, lesson_id, title, body)
    SELECT new.id, new.course_id, new.lesson_id, new.folded_title, new.folded_body WHERE new.listed;
  DELETE FROM `course_search_grams` WHERE doc_id = old.id AND (NOT new.listed OR gram NOT IN (
    SELECT substr(t.v, p.key + 1, g.len)
    FROM (SELECT lower(new.folded_title) AS v UNION ALL SELECT lower(new.folded_body)) t
      CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
      CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
    WHERE p.key + g.len <= length(t.v)));
  INSERT INTO `course_search_grams` (gram, doc_id)
    SELECT DISTINCT substr(t.v, p.key + 1, g.len), new.id
    FROM (SELECT lower(new.folded_title) AS v UNION ALL SELECT lower(new.folded_body)) t
      CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
      CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
    WHERE new.listed AND p.key + g.len <= length(t.v)
      AND substr(t.v, p.key + 1, g.len) NOT IN (SELECT gram FROM `course_search_grams` WHERE doc_id = new.id);
END;
