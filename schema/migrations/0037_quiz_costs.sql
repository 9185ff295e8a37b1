DROP INDEX `quiz_attempts_state_deadline_idx`;--> statement-breakpoint
CREATE INDEX `archive_quiz_passed_idx` ON `archive_events` (`subject_id`,`member_id`) WHERE kind = 'quiz.passed';--> statement-breakpoint
/* Hand-written (keep when regenerating): quiz attempts' deadlines in due_work (worker/quizzes/jobs.ts),
   in place of a sweep of quiz_attempts on every tick. An open attempt with a deadline is due just after
   it and the grace (5000 ms, GRACE_MS); one being graded is due once it counts as stuck (300000 ms after
   its claim, STUCK_MS); a closed one has no row (nor one gone: the job drops its row). The rows follow
   the attempts whoever writes them (services, imports, transfers, tests). A migration that rebuilds
   quiz_attempts drops these triggers: create them again there (tests/quizzes/deadlines.test.ts fails
   without them). */
CREATE TRIGGER `quiz_attempts_due_insert` AFTER INSERT ON `quiz_attempts`
WHEN NEW.state = 'grading' OR (NEW.state = 'open' AND NEW.deadline IS NOT NULL)
BEGIN
  INSERT INTO due_work (kind, subject, ref, due_at)
  VALUES ('quiz_deadline', NEW.id, '', CASE NEW.state WHEN 'grading' THEN coalesce(NEW.submitted_at, 0) + 300000 + 1
                                                      ELSE NEW.deadline + 5000 + 1 END)
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at;
END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_due_update` AFTER UPDATE OF state, deadline ON `quiz_attempts`
WHEN NEW.state IS NOT OLD.state OR NEW.deadline IS NOT OLD.deadline
BEGIN
  DELETE FROM due_work WHERE kind = 'quiz_deadline' AND subject = NEW.id AND ref = ''
     AND NOT (NEW.state = 'grading' OR (NEW.state = 'open' AND NEW.deadline IS NOT NULL));
  INSERT INTO due_work (kind, subject, ref, due_at)
  SELECT 'quiz_deadline', NEW.id, '', CASE NEW.state WHEN 'grading' THEN coalesce(NEW.submitted_at, 0) + 300000 + 1
                                                     ELSE NEW.deadline + 5000 + 1 END
   WHERE NEW.state = 'grading' OR (NEW.state = 'open' AND NEW.deadline IS NOT NULL)
  ON CONFLICT (kind, subject, ref) DO UPDATE SET due_at = excluded.due_at;
END;
--> statement-breakpoint
/* The attempts open or being graded when this migration runs. */
INSERT INTO due_work (kind, subject, ref, due_at)
SELECT 'quiz_deadline', id, '', CASE state WHEN 'grading' THEN coalesce(submitted_at, 0) + 300000 + 1 ELSE deadline + 5000 + 1 END
  FROM quiz_attempts WHERE state = 'grading' OR (state = 'open' AND deadline IS NOT NULL)
ON CONFLICT (kind, subject, ref) DO NOTHING;
