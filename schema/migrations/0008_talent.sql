CREATE TABLE `talent_candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`selection_id` text NOT NULL,
	`member_id` text NOT NULL,
	`channel` text NOT NULL,
	`evidence` text NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_candidates_member_idx` ON `talent_candidates` (`selection_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `talent_reserves` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`track` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`rule_id` text,
	`mentor_ids` text DEFAULT '[]' NOT NULL,
	`last_on` text NOT NULL,
	`review_due_on` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_reserves_org_status_idx` ON `talent_reserves` (`org_id`,`status`,`track`);--> statement-breakpoint
CREATE UNIQUE INDEX `talent_reserves_live_idx` ON `talent_reserves` (`member_id`) WHERE status IN ('nominated', 'admitted');--> statement-breakpoint
CREATE TABLE `talent_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_rules_org_version_idx` ON `talent_rules` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `talent_selections` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`rule_id` text,
	`opened_on` text NOT NULL,
	`opened_by` text NOT NULL,
	`chosen_id` text,
	`reason` text,
	`duties` text,
	`term_starts_on` text,
	`term_ends_on` text,
	`decided_on` text,
	`decided_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_selections_org_idx` ON `talent_selections` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `talent_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`reserve_id` text NOT NULL,
	`kind` text NOT NULL,
	`on_day` text NOT NULL,
	`detail` text NOT NULL,
	`actor_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_steps_reserve_idx` ON `talent_steps` (`reserve_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `talent_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`place` text,
	`host` text NOT NULL,
	`duties` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`assigned_by` text NOT NULL,
	`grade` text,
	`assessment` text,
	`closed_on` text,
	`closed_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_terms_org_idx` ON `talent_terms` (`org_id`,`kind`,`starts_on`);--> statement-breakpoint
CREATE INDEX `talent_terms_member_idx` ON `talent_terms` (`member_id`,`kind`);