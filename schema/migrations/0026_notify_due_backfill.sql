-- Due-date reminders and quiz windows of rows made before they notified (worker/courses/jobs.ts,
-- worker/quizzes/jobs.ts): one due_work row each, as the code now writes with every change.
INSERT INTO `due_work` (`kind`, `subject`, `ref`, `due_at`)
SELECT 'course_due', `id`, '', `due_at` - 259200000 FROM `plan_items`
 WHERE `due_at` IS NOT NULL AND `due_at` > CAST(strftime('%s', 'now') AS INTEGER) * 1000
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A quiz already open is not announced again: its row waits for the day before it closes.
INSERT INTO `due_work` (`kind`, `subject`, `ref`, `due_at`)
SELECT 'quiz_window', `id`, '',
       CASE WHEN `open_at` > CAST(strftime('%s', 'now') AS INTEGER) * 1000 THEN `open_at` ELSE `close_at` - 86400000 END
  FROM `quizzes`
 WHERE `published` = 1 AND `course_id` IS NULL
   AND (`close_at` > CAST(strftime('%s', 'now') AS INTEGER) * 1000
        OR (`close_at` IS NULL AND `open_at` > CAST(strftime('%s', 'now') AS INTEGER) * 1000))
ON CONFLICT DO NOTHING;
