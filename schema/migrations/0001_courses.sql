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
CREATE UNIQUE INDEX `study_quotas_unique` ON `study_quotas` (`org_id`,`role`);