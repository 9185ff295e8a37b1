CREATE TABLE `kept_home_pages` (
	`key` text PRIMARY KEY NOT NULL,
	`stamp` text NOT NULL,
	`valid_until` integer NOT NULL,
	`body` text NOT NULL
);

--> statement-breakpoint
/* ---- Hand-written: what keeps kept_home_pages honest (worker/evaluations/home-kept.ts). ----
   A plain member's home answer is stamped with four generations of kept_study_generations: the member's
   own (key user_id: every input of home's study part, by 0036/0039's triggers), the tenant's epoch '*'
   (courses, plans, rules, org paths and zones, by 0036's), and these: 'h:' || user_id for the member's
   own rows of the other parts (quiz attempts, self-analyses, follow-ups) and the tenant's home epoch 'h*'
   for the shared ones (quizzes, evaluation cycles). Only the columns home reads bump them, so an autosave
   or the cron's phase mark writes nothing more. */
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_kept_home_insert` AFTER INSERT ON `quiz_attempts`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_kept_home_update` AFTER UPDATE OF user_id, quiz_id, state, submitted_at ON `quiz_attempts`
WHEN NEW.user_id IS NOT OLD.user_id OR NEW.quiz_id IS NOT OLD.quiz_id OR NEW.state IS NOT OLD.state OR NEW.submitted_at IS NOT OLD.submitted_at
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT 'h:' || OLD.user_id, 1 WHERE OLD.user_id IS NOT NEW.user_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_kept_home_delete` AFTER DELETE ON `quiz_attempts`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || OLD.user_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_analyses_kept_home_insert` AFTER INSERT ON `eval_analyses`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_analyses_kept_home_update` AFTER UPDATE OF member_id, cycle_id, status, reopened_until ON `eval_analyses`
WHEN NEW.member_id IS NOT OLD.member_id OR NEW.cycle_id IS NOT OLD.cycle_id OR NEW.status IS NOT OLD.status OR NEW.reopened_until IS NOT OLD.reopened_until
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT 'h:' || OLD.member_id, 1 WHERE OLD.member_id IS NOT NEW.member_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_analyses_kept_home_delete` AFTER DELETE ON `eval_analyses`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || OLD.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_followups_kept_home_insert` AFTER INSERT ON `eval_followups`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_followups_kept_home_update` AFTER UPDATE OF member_id, cycle_id, status, next_step, next_due_on, created_at ON `eval_followups`
WHEN NEW.member_id IS NOT OLD.member_id OR NEW.cycle_id IS NOT OLD.cycle_id OR NEW.status IS NOT OLD.status OR NEW.next_step IS NOT OLD.next_step OR NEW.next_due_on IS NOT OLD.next_due_on OR NEW.created_at IS NOT OLD.created_at
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || NEW.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
  INSERT INTO kept_study_generations (key, generation) SELECT 'h:' || OLD.member_id, 1 WHERE OLD.member_id IS NOT NEW.member_id
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_followups_kept_home_delete` AFTER DELETE ON `eval_followups`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h:' || OLD.member_id, 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `quizzes_kept_home_insert` AFTER INSERT ON `quizzes`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `quizzes_kept_home_update` AFTER UPDATE OF audience_path, published, course_id, open_at, close_at, title ON `quizzes`
WHEN NEW.audience_path IS NOT OLD.audience_path OR NEW.published IS NOT OLD.published OR NEW.course_id IS NOT OLD.course_id OR NEW.open_at IS NOT OLD.open_at OR NEW.close_at IS NOT OLD.close_at OR NEW.title IS NOT OLD.title
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `quizzes_kept_home_delete` AFTER DELETE ON `quizzes`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_cycles_kept_home_insert` AFTER INSERT ON `eval_cycles`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_cycles_kept_home_update` AFTER UPDATE OF branch_path, status, windows, name, label, closes_at ON `eval_cycles`
WHEN NEW.branch_path IS NOT OLD.branch_path OR NEW.status IS NOT OLD.status OR NEW.windows IS NOT OLD.windows OR NEW.name IS NOT OLD.name OR NEW.label IS NOT OLD.label OR NEW.closes_at IS NOT OLD.closes_at
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `eval_cycles_kept_home_delete` AFTER DELETE ON `eval_cycles`
BEGIN
  INSERT INTO kept_study_generations (key, generation) VALUES ('h*', 1)
  ON CONFLICT (key) DO UPDATE SET generation = generation + 1;
END;
