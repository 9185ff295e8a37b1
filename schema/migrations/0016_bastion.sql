CREATE TABLE `bastion_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`item_key` text NOT NULL,
	`points` real NOT NULL,
	`reason` text NOT NULL,
	`evidence` text NOT NULL,
	`occurred_on` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bastion_items_org_at_idx` ON `bastion_items` (`org_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `bastion_models` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bastion_models_org_version_idx` ON `bastion_models` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `bastion_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`org_path` text NOT NULL,
	`org_name` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`model_id` text NOT NULL,
	`model_version` integer NOT NULL,
	`sector` text NOT NULL,
	`score` real,
	`status` text NOT NULL,
	`band` text NOT NULL,
	`inputs` text NOT NULL,
	`explanation` text NOT NULL,
	`summary` text NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bastion_scores_org_period_idx` ON `bastion_scores` (`org_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE INDEX `bastion_scores_subtree_idx` ON `bastion_scores` (`period_start`,`period_end`,`org_path`,`band`);--> statement-breakpoint
CREATE INDEX `bastion_scores_band_idx` ON `bastion_scores` (`period_start`,`period_end`,`band`,`org_name`,`org_id`,`org_path`);--> statement-breakpoint
CREATE INDEX `orgs_kind_path_idx` ON `orgs` (`kind`,`archived_at`,`path`);--> statement-breakpoint
ALTER TABLE `vanguard_branch_scores` DROP COLUMN `mean`;--> statement-breakpoint
ALTER TABLE `vanguard_branch_scores` DROP COLUMN `median`;