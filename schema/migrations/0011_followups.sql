CREATE TABLE `eval_followup_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`step` text NOT NULL,
	`taken_on` text NOT NULL,
	`actor` text NOT NULL,
	`decision` text NOT NULL,
	`evidence` text NOT NULL,
	`data` text NOT NULL,
	`due_on` text,
	`of_id` text,
	`corrects_id` text,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`followup_id`) REFERENCES `eval_followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_followup_steps_followup_idx` ON `eval_followup_steps` (`followup_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `eval_followup_steps_once_unique` ON `eval_followup_steps` (`followup_id`,`step`) WHERE corrects_id IS NULL AND step IN ('plan', 'improved', 'deadline', 'corrected', 'withdrew', 'declined');--> statement-breakpoint
CREATE UNIQUE INDEX `eval_followup_steps_answer_unique` ON `eval_followup_steps` (`of_id`) WHERE corrects_id IS NULL AND step = 'approval';--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `next_step` text;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `next_due` integer;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `next_due_on` text;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `eval_followups_due_idx` ON `eval_followups` (`status`,`next_due`);--> statement-breakpoint
CREATE INDEX `eval_followups_member_idx` ON `eval_followups` (`member_id`,`status`);--> statement-breakpoint
-- Follow-ups opened before steps existed await their help plan, due 30 days after they opened (UTC+8 days).
UPDATE `eval_followups` SET `next_step` = 'plan', `next_due_on` = date(`created_at` / 1000 + 28800, 'unixepoch', '+30 days'), `updated_at` = `created_at` WHERE `next_step` IS NULL AND `status` = 'open';--> statement-breakpoint
UPDATE `eval_followups` SET `next_due` = (CAST(strftime('%s', `next_due_on`) AS INTEGER) - 28800 + 86400) * 1000 WHERE `next_due` IS NULL AND `next_due_on` IS NOT NULL;
