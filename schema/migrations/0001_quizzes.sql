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
CREATE INDEX `quizzes_course_idx` ON `quizzes` (`course_id`);