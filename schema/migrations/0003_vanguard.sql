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