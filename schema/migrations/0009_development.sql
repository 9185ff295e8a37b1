CREATE TABLE `dev_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`stage` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`next_step` text,
	`next_due` integer,
	`next_due_on` text,
	`birth_on` text,
	`education` text,
	`occupation` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dev_cases_org_status_idx` ON `dev_cases` (`org_id`,`status`,`next_due`);--> statement-breakpoint
CREATE INDEX `dev_cases_due_idx` ON `dev_cases` (`status`,`next_due`);--> statement-breakpoint
CREATE INDEX `dev_cases_user_idx` ON `dev_cases` (`user_id`);--> statement-breakpoint
CREATE TABLE `dev_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`values` text NOT NULL,
	`sources` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dev_rules_org_version_unique` ON `dev_rules` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `dev_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`step` text NOT NULL,
	`taken_on` text NOT NULL,
	`actor` text NOT NULL,
	`decision` text NOT NULL,
	`evidence` text NOT NULL,
	`data` text NOT NULL,
	`due_on` text,
	`late` integer DEFAULT false NOT NULL,
	`late_reason` text,
	`rule_id` text,
	`corrects_id` text,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dev_steps_case_idx` ON `dev_steps` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `dev_steps_corrects_idx` ON `dev_steps` (`corrects_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dev_steps_once_unique` ON `dev_steps` (`case_id`,`step`) WHERE corrects_id IS NULL AND step NOT IN ('assessment', 'branch_vote', 'full_vote', 'cancel');