CREATE TABLE `chain_seals` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`committee_id` text NOT NULL,
	`code` text NOT NULL,
	`head_seq` integer NOT NULL,
	`head_hash` text NOT NULL,
	`salt` text NOT NULL,
	`sealed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chain_seals_round_idx` ON `chain_seals` (`round_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `chain_seals_code_idx` ON `chain_seals` (`code`);--> statement-breakpoint
CREATE INDEX `chain_seals_committee_idx` ON `chain_seals` (`committee_id`,`sealed_at`);--> statement-breakpoint
CREATE TABLE `pledge_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`pledge_id` text NOT NULL,
	`note` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pledge_updates_pledge_idx` ON `pledge_updates` (`pledge_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`member_id` text NOT NULL,
	`year` integer NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `pledges_org_year_idx` ON `pledges` (`org_id`,`year`);--> statement-breakpoint
CREATE INDEX `pledges_member_year_idx` ON `pledges` (`member_id`,`year`);--> statement-breakpoint
CREATE INDEX `rating_rounds_closes_idx` ON `rating_rounds` (`closes_at`);