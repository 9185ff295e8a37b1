-- Catalogue search (hand-written: drizzle-kit does not model virtual tables).
-- One row per course (lesson_id = '') and one per lesson; the trigram tokenizer finds any CJK or
-- Latin substring of 3+ characters (e.g. 群众路线 inside a lesson); shorter queries use LIKE.
CREATE VIRTUAL TABLE `course_search` USING fts5(`course_id` UNINDEXED, `lesson_id` UNINDEXED, `text`, tokenize = 'trigram');
