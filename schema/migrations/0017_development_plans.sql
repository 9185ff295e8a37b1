ALTER TABLE `users` ADD `birth_on` text;--> statement-breakpoint
ALTER TABLE `users` ADD `education` text;--> statement-breakpoint
ALTER TABLE `users` ADD `occupation` text;--> statement-breakpoint
-- Hand-written: the person's attributes move from the case to the person before the case's columns go.
UPDATE `users` SET
	`birth_on` = (SELECT c.`birth_on` FROM `dev_cases` c WHERE c.`user_id` = `users`.`id` ORDER BY c.`created_at` DESC LIMIT 1),
	`education` = (SELECT c.`education` FROM `dev_cases` c WHERE c.`user_id` = `users`.`id` ORDER BY c.`created_at` DESC LIMIT 1),
	`occupation` = (SELECT c.`occupation` FROM `dev_cases` c WHERE c.`user_id` = `users`.`id` ORDER BY c.`created_at` DESC LIMIT 1)
WHERE `id` IN (SELECT `user_id` FROM `dev_cases`);--> statement-breakpoint
CREATE TABLE `plan_enrollments` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`enrolled_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `curriculum_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `plan_enrollments_unique` ON `plan_enrollments` (`user_id`,`plan_id`);--> statement-breakpoint
CREATE INDEX `plan_enrollments_plan_idx` ON `plan_enrollments` (`plan_id`);--> statement-breakpoint
CREATE TABLE `dev_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`year` integer NOT NULL,
	`target` integer NOT NULL,
	`structure` text NOT NULL,
	`note` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX `dev_plans_org_year_unique` ON `dev_plans` (`org_id`,`year`);--> statement-breakpoint
DROP INDEX `dev_cases_org_status_idx`;--> statement-breakpoint
CREATE INDEX `dev_cases_org_status_idx` ON `dev_cases` (`org_id`,`status`,`next_due`,`id`);--> statement-breakpoint
ALTER TABLE `dev_cases` DROP COLUMN `birth_on`;--> statement-breakpoint
ALTER TABLE `dev_cases` DROP COLUMN `education`;--> statement-breakpoint
ALTER TABLE `dev_cases` DROP COLUMN `occupation`;--> statement-breakpoint
DROP INDEX `dev_steps_once_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `dev_steps_once_unique` ON `dev_steps` (`case_id`,`step`) WHERE corrects_id IS NULL AND step NOT IN ('assessment', 'branch_vote', 'full_vote', 'cancel', 'transfer');--> statement-breakpoint
ALTER TABLE `curriculum_plans` ADD `purpose` text DEFAULT 'study' NOT NULL;
