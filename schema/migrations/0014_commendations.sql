CREATE TABLE `commendation_nominees` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`org_id` text NOT NULL,
	`statement` text NOT NULL,
	`nominated_by` text NOT NULL,
	`nominated_at` integer NOT NULL,
	`status` text DEFAULT 'nominated' NOT NULL,
	`reason` text,
	`quota_reason` text,
	`evidence` text,
	`decided_by` text,
	`decided_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commendation_nominees_subject_idx` ON `commendation_nominees` (`round_id`,`subject_id`);--> statement-breakpoint
CREATE INDEX `commendation_nominees_round_status_idx` ON `commendation_nominees` (`round_id`,`status`);--> statement-breakpoint
CREATE TABLE `commendation_objections` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`nominee_id` text NOT NULL,
	`text` text NOT NULL,
	`lodged_by` text NOT NULL,
	`lodged_at` integer NOT NULL,
	`outcome` text,
	`answer` text,
	`answered_by` text,
	`answered_at` integer
);
--> statement-breakpoint
CREATE INDEX `commendation_objections_round_idx` ON `commendation_objections` (`round_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `commendation_objections_nominee_idx` ON `commendation_objections` (`nominee_id`);--> statement-breakpoint
CREATE TABLE `commendation_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`year` integer NOT NULL,
	`criteria` text NOT NULL,
	`quota` integer NOT NULL,
	`status` text DEFAULT 'nominating' NOT NULL,
	`notice_starts_on` text,
	`notice_ends_on` text,
	`notice_starts_at` integer,
	`notice_ends_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`finalised_by` text,
	`finalised_at` integer
);
--> statement-breakpoint
CREATE INDEX `commendation_rounds_org_idx` ON `commendation_rounds` (`org_id`,`created_at`);