CREATE TABLE `question_banks` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_org_id` text NOT NULL,
	`owner_path` text NOT NULL,
	`name` text NOT NULL,
	`practice_org_path` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_banks_owner_idx` ON `question_banks` (`owner_path`);--> statement-breakpoint
CREATE INDEX `question_banks_practice_idx` ON `question_banks` (`practice_org_path`);--> statement-breakpoint
CREATE TABLE `question_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_id` text NOT NULL,
	`parent_id` text,
	`path` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_categories_bank_path_idx` ON `question_categories` (`bank_id`,`path`);--> statement-breakpoint
CREATE UNIQUE INDEX `question_categories_name_unique` ON `question_categories` (`bank_id`,`parent_id`,`name`);--> statement-breakpoint
CREATE TABLE `question_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`stem` text NOT NULL,
	`format` text NOT NULL,
	`body` text NOT NULL,
	`general_feedback` text DEFAULT '' NOT NULL,
	`default_points` real DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_versions_unique` ON `question_versions` (`question_id`,`version`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_id` text NOT NULL,
	`category_id` text NOT NULL,
	`category_path` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`difficulty` integer DEFAULT 3 NOT NULL,
	`tags` text NOT NULL,
	`version` integer NOT NULL,
	`version_id` text NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_bank_cat_idx` ON `questions` (`bank_id`,`category_path`);--> statement-breakpoint
CREATE INDEX `questions_category_idx` ON `questions` (`category_id`);--> statement-breakpoint
CREATE TABLE `course_completions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`org_id` text NOT NULL,
	`status` text NOT NULL,
	`hours` real NOT NULL,
	`checkpoint_passed` integer NOT NULL,
	`completed_at` integer NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_unique` ON `course_completions` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `course_completions_course_idx` ON `course_completions` (`course_id`);--> statement-breakpoint
CREATE INDEX `course_completions_org_idx` ON `course_completions` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`school_org_id` text NOT NULL,
	`school_path` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`cover_url` text,
	`cover_key` text,
	`category` text NOT NULL,
	`level` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`checkpoint_quiz_id` text,
	`credit_hours` real,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`school_org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `courses_school_idx` ON `courses` (`school_org_id`,`status`);--> statement-breakpoint
CREATE INDEX `courses_status_cat_idx` ON `courses` (`status`,`category`,`level`);--> statement-breakpoint
CREATE INDEX `courses_school_path_idx` ON `courses` (`school_path`);--> statement-breakpoint
CREATE TABLE `curriculum_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`period` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plans_org_idx` ON `curriculum_plans` (`org_id`,`year`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`version_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`percent` integer DEFAULT 0 NOT NULL,
	`position` real DEFAULT 0 NOT NULL,
	`completed_at` integer,
	`implausible` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_unique` ON `lesson_progress` (`user_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_user_course_idx` ON `lesson_progress` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_user_updated_idx` ON `lesson_progress` (`user_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `lesson_progress_lesson_idx` ON `lesson_progress` (`lesson_id`);--> statement-breakpoint
CREATE TABLE `lesson_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`video_url` text,
	`material_key` text,
	`minutes` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_versions_unique` ON `lesson_versions` (`lesson_id`,`version`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`position` integer NOT NULL,
	`current_version_id` text NOT NULL,
	`removed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_course_idx` ON `lessons` (`course_id`,`removed_at`,`position`);--> statement-breakpoint
CREATE TABLE `materials` (
	`key` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `materials_course_idx` ON `materials` (`course_id`);--> statement-breakpoint
CREATE TABLE `plan_items` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`course_id` text NOT NULL,
	`org_id` text NOT NULL,
	`org_path` text NOT NULL,
	`required` integer NOT NULL,
	`audience` text DEFAULT 'all' NOT NULL,
	`due_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `curriculum_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_items_unique` ON `plan_items` (`plan_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `plan_items_path_idx` ON `plan_items` (`org_path`);--> statement-breakpoint
CREATE INDEX `plan_items_course_idx` ON `plan_items` (`course_id`);--> statement-breakpoint
CREATE TABLE `study_quotas` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`hours` real NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_quotas_unique` ON `study_quotas` (`org_id`,`role`);--> statement-breakpoint
CREATE TABLE `eval_analyses` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_id` text NOT NULL,
	`member_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`draft` text NOT NULL,
	`reports` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`comment` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`submitted_at` integer,
	`reopened_until` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `eval_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eval_analyses_cycle_member_unique` ON `eval_analyses` (`cycle_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `eval_analyses_member_idx` ON `eval_analyses` (`member_id`);--> statement-breakpoint
CREATE TABLE `eval_analysis_versions` (
	`analysis_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`reports` text NOT NULL,
	`outcome` text,
	`comment` text,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`analysis_id`, `version`),
	FOREIGN KEY (`analysis_id`) REFERENCES `eval_analyses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `eval_cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`branch_path` text NOT NULL,
	`name` text NOT NULL,
	`label` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`windows` text NOT NULL,
	`template` text NOT NULL,
	`settings` text NOT NULL,
	`phase` text,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` text,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`schedule_id`) REFERENCES `eval_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eval_cycles_period_unique` ON `eval_cycles` (`schedule_id`,`branch_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `eval_cycles_branch_status_idx` ON `eval_cycles` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `eval_cycles_path_idx` ON `eval_cycles` (`branch_path`,`period_start`);--> statement-breakpoint
CREATE TABLE `eval_decisions` (
	`cycle_id` text NOT NULL,
	`member_id` text NOT NULL,
	`grade` text NOT NULL,
	`reason` text,
	`quota_override` text,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `member_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `eval_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_decisions_member_idx` ON `eval_decisions` (`member_id`);--> statement-breakpoint
CREATE TABLE `eval_followups` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_id` text NOT NULL,
	`member_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `eval_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eval_followups_unique` ON `eval_followups` (`cycle_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `eval_followups_branch_idx` ON `eval_followups` (`branch_id`,`status`);--> statement-breakpoint
CREATE TABLE `eval_rectifications` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`source_analysis_id` text NOT NULL,
	`text` text NOT NULL,
	`report` text,
	`reported_in_cycle_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_analysis_id`) REFERENCES `eval_analyses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_rect_member_idx` ON `eval_rectifications` (`member_id`,`reported_in_cycle_id`);--> statement-breakpoint
CREATE INDEX `eval_rect_source_idx` ON `eval_rectifications` (`source_analysis_id`);--> statement-breakpoint
CREATE TABLE `eval_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`org_path` text NOT NULL,
	`name` text NOT NULL,
	`frequency` text NOT NULL,
	`phases` text NOT NULL,
	`template` text NOT NULL,
	`settings` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_schedules_org_idx` ON `eval_schedules` (`org_id`);--> statement-breakpoint
CREATE INDEX `eval_schedules_active_idx` ON `eval_schedules` (`active`);--> statement-breakpoint
CREATE TABLE `eval_votes` (
	`cycle_id` text NOT NULL,
	`rater_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`grade` text NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `rater_id`, `ratee_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `eval_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ratee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_votes_ratee_idx` ON `eval_votes` (`cycle_id`,`ratee_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`link` text,
	`due_at` integer,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_key_unique` ON `notifications` (`user_id`,`key`);--> statement-breakpoint
CREATE INDEX `notifications_user_at_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rate_hits` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_hits_key_at_idx` ON `rate_hits` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `rate_hits_at_idx` ON `rate_hits` (`at`);--> statement-breakpoint
CREATE TABLE `rating_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`target` text NOT NULL,
	`title` text NOT NULL,
	`items` text NOT NULL,
	`k_threshold` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`head_seq` integer DEFAULT 0 NOT NULL,
	`head_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rating_rounds_org_idx` ON `rating_rounds` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rating_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`target` text NOT NULL,
	`name` text NOT NULL,
	`items` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rating_templates_org_idx` ON `rating_templates` (`org_id`,`target`,`created_at`);--> statement-breakpoint
CREATE TABLE `rating_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`n` integer NOT NULL,
	`token_hash` text NOT NULL,
	`used` integer DEFAULT false NOT NULL,
	`claim` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_tokens_hash_idx` ON `rating_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `rating_tokens_round_idx` ON `rating_tokens` (`round_id`,`ratee_id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`org_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`seq` integer NOT NULL,
	`answers` text NOT NULL,
	`comment` text,
	`comment_status` text NOT NULL,
	`created_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_round_seq_idx` ON `ratings` (`round_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ratings_ratee_at_idx` ON `ratings` (`ratee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_org_idx` ON `ratings` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `attempt_slots` (
	`id` text PRIMARY KEY NOT NULL,
	`attempt_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`slot` integer NOT NULL,
	`question_id` text NOT NULL,
	`version_id` text NOT NULL,
	`points` real NOT NULL,
	`option_order` text,
	`response` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`saved_at` integer,
	`fraction` real,
	`pick` text,
	`needs_grading` integer DEFAULT false NOT NULL,
	`comment` text,
	`graded_by` text,
	`graded_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempt_slots_unique` ON `attempt_slots` (`attempt_id`,`slot`);--> statement-breakpoint
CREATE INDEX `attempt_slots_quiz_question_idx` ON `attempt_slots` (`quiz_id`,`question_id`,`attempt_id`,`fraction`,`points`,`pick`);--> statement-breakpoint
CREATE INDEX `attempt_slots_grading_idx` ON `attempt_slots` (`quiz_id`,`needs_grading`);--> statement-breakpoint
CREATE INDEX `attempt_slots_question_idx` ON `attempt_slots` (`question_id`);--> statement-breakpoint
CREATE TABLE `practice_days` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`version_ids` text NOT NULL,
	`answers` text,
	`correct` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_days_unique` ON `practice_days` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`quiz_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`number` integer NOT NULL,
	`state` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer,
	`submitted_at` integer,
	`closed_by` text,
	`score` real,
	`max_score` real NOT NULL,
	`percent` real,
	`pending_count` integer DEFAULT 0 NOT NULL,
	`passed` integer,
	`flag` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_unique` ON `quiz_attempts` (`quiz_id`,`user_id`,`number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_idx` ON `quiz_attempts` (`user_id`,`quiz_id`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_state_deadline_idx` ON `quiz_attempts` (`state`,`deadline`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_quiz_state_idx` ON `quiz_attempts` (`quiz_id`,`state`);--> statement-breakpoint
CREATE TABLE `quiz_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`quiz_id` text NOT NULL,
	`user_id` text NOT NULL,
	`extra_time_sec` integer DEFAULT 0 NOT NULL,
	`extra_attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_overrides_unique` ON `quiz_overrides` (`quiz_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `quizzes` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_org_id` text NOT NULL,
	`owner_path` text NOT NULL,
	`audience_org_id` text NOT NULL,
	`audience_path` text NOT NULL,
	`course_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`slots` text NOT NULL,
	`open_at` integer,
	`close_at` integer,
	`time_limit_sec` integer,
	`attempts_allowed` integer DEFAULT 1 NOT NULL,
	`grading_method` text DEFAULT 'highest' NOT NULL,
	`pass_percent` real DEFAULT 60 NOT NULL,
	`shuffle_questions` integer DEFAULT false NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`review` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quizzes_owner_idx` ON `quizzes` (`owner_path`);--> statement-breakpoint
CREATE INDEX `quizzes_audience_idx` ON `quizzes` (`audience_path`);--> statement-breakpoint
CREATE INDEX `quizzes_course_idx` ON `quizzes` (`course_id`);--> statement-breakpoint
CREATE TABLE `service_records` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`category` text NOT NULL,
	`served_on` text NOT NULL,
	`served_at` integer NOT NULL,
	`hours` real NOT NULL,
	`place` text NOT NULL,
	`people_served` integer NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reject_reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_member_at_idx` ON `service_records` (`member_id`,`served_at`);--> statement-breakpoint
CREATE INDEX `service_org_status_idx` ON `service_records` (`org_id`,`status`,`served_at`);--> statement-breakpoint
CREATE TABLE `vanguard_adjustments` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`points` real NOT NULL,
	`reason` text NOT NULL,
	`evidence` text NOT NULL,
	`occurred_on` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`recorded_by` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`review_note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `vanguard_adj_member_at_idx` ON `vanguard_adjustments` (`member_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `vanguard_adj_org_status_idx` ON `vanguard_adjustments` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `vanguard_branch_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`model_id` text NOT NULL,
	`model_version` integer NOT NULL,
	`members` integer NOT NULL,
	`scored` integer NOT NULL,
	`mean` real,
	`median` real,
	`distribution` text NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vanguard_branch_period_idx` ON `vanguard_branch_scores` (`org_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE TABLE `vanguard_models` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vanguard_models_org_version_idx` ON `vanguard_models` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `vanguard_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`model_id` text NOT NULL,
	`model_version` integer NOT NULL,
	`score` real,
	`status` text NOT NULL,
	`inputs` text NOT NULL,
	`explanation` text NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vanguard_scores_member_period_idx` ON `vanguard_scores` (`member_id`,`org_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE INDEX `vanguard_scores_org_period_idx` ON `vanguard_scores` (`org_id`,`period_start`,`period_end`);