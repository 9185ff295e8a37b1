CREATE TABLE `offline_credits` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`source_meeting_id` text NOT NULL,
	`title` text NOT NULL,
	`studied_on` text NOT NULL,
	`hours` real NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offline_credits_unique` ON `offline_credits` (`source_meeting_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `offline_credits_user_idx` ON `offline_credits` (`user_id`,`studied_on`);--> statement-breakpoint
CREATE TABLE `orglife_attendance` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `orglife_meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orglife_attendance_user_idx` ON `orglife_attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `orglife_kinds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orglife_kinds_org_name_unique` ON `orglife_kinds` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `orglife_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`meeting_on` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`online` integer DEFAULT false NOT NULL,
	`course_id` text,
	`study_hours` real,
	`status` text DEFAULT 'planned' NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`decisions` text DEFAULT '' NOT NULL,
	`speakers` text DEFAULT '' NOT NULL,
	`cycle_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`recorded_by` text,
	`recorded_at` integer,
	FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orglife_meetings_branch_idx` ON `orglife_meetings` (`branch_id`,`meeting_on`);--> statement-breakpoint
CREATE INDEX `orglife_meetings_held_idx` ON `orglife_meetings` (`branch_id`,`status`,`kind`,`meeting_on`);--> statement-breakpoint
CREATE TABLE `orglife_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`from_year` integer NOT NULL,
	`values` text NOT NULL,
	`sources` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orglife_rules_org_version_unique` ON `orglife_rules` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `orglife_talks` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`talked_on` text NOT NULL,
	`participants` text NOT NULL,
	`topic` text NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orglife_talks_branch_idx` ON `orglife_talks` (`branch_id`,`talked_on`);