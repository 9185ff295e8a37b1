CREATE TABLE `course_search_grams` (
	`gram` text NOT NULL,
	`doc_id` integer NOT NULL,
	PRIMARY KEY(`gram`, `doc_id`)
);
--> statement-breakpoint
CREATE INDEX `course_search_grams_doc_idx` ON `course_search_grams` (`doc_id`);--> statement-breakpoint
-- Hand-written from here (drizzle-kit does not model triggers): course_search_grams kept from
-- course_search_docs. The positions 0…n-1 of a text come from json_each over n zeros (trigger bodies take
-- no WITH): every single character and pair at each position, of the folded title and body lower-cased
-- (SQLite's lower() and LIKE fold ASCII only, as the query does). DISTINCT, not INSERT OR IGNORE: an
-- outer statement's conflict handling (the upsert of course_search_docs) overrides a trigger's own.
CREATE TRIGGER `course_search_grams_ai` AFTER INSERT ON `course_search_docs` BEGIN
  INSERT INTO `course_search_grams` (gram, doc_id)
    SELECT DISTINCT substr(t.v, p.key + 1, g.len), new.id
    FROM (SELECT lower(new.folded_title) AS v UNION ALL SELECT lower(new.folded_body)) t
      CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
      CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
    WHERE p.key + g.len <= length(t.v);
END;
--> statement-breakpoint
CREATE TRIGGER `course_search_grams_ad` AFTER DELETE ON `course_search_docs` BEGIN
  DELETE FROM `course_search_grams` WHERE doc_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `course_search_grams_au` AFTER UPDATE OF `folded_title`, `folded_body` ON `course_search_docs` BEGIN
  DELETE FROM `course_search_grams` WHERE doc_id = old.id;
  INSERT INTO `course_search_grams` (gram, doc_id)
    SELECT DISTINCT substr(t.v, p.key + 1, g.len), new.id
    FROM (SELECT lower(new.folded_title) AS v UNION ALL SELECT lower(new.folded_body)) t
      CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
      CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
    WHERE p.key + g.len <= length(t.v);
END;
--> statement-breakpoint
INSERT INTO `course_search_grams` (gram, doc_id)
  SELECT DISTINCT substr(t.v, p.key + 1, g.len), t.id
  FROM (SELECT id, lower(folded_title) AS v FROM course_search_docs
        UNION ALL SELECT id, lower(folded_body) FROM course_search_docs) t
    CROSS JOIN (SELECT 1 AS len UNION ALL SELECT 2) g
    CROSS JOIN json_each('[' || rtrim(replace(hex(zeroblob(length(t.v))), '00', '0,'), ',') || ']') p
  WHERE p.key + g.len <= length(t.v);
