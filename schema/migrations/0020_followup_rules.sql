CREATE TABLE `eval_followup_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`plan_days` integer NOT NULL,
	`next_days` integer NOT NULL,
	`warn_days` integer NOT NULL,
	`source` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eval_followup_rules_org_version_unique` ON `eval_followup_rules` (`org_id`,`version`);--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `rule_id` text;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `plan_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `next_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `eval_followups` ADD `warn_days` integer DEFAULT 7 NOT NULL;