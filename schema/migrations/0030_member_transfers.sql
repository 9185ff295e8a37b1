CREATE TABLE `member_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`side` text NOT NULL,
	`state` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`username` text NOT NULL,
	`from_tenant` text NOT NULL,
	`from_tenant_name` text NOT NULL,
	`from_org_id` text NOT NULL,
	`from_org_name` text NOT NULL,
	`to_tenant` text NOT NULL,
	`to_tenant_name` text NOT NULL,
	`to_org_id` text NOT NULL,
	`to_org_name` text NOT NULL,
	`note` text,
	`refusal` text,
	`sent_by` text NOT NULL,
	`sent_at` integer NOT NULL,
	`answered_by` text,
	`answered_at` integer,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `member_transfers_from_idx` ON `member_transfers` (`from_org_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `member_transfers_to_idx` ON `member_transfers` (`to_org_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `member_transfers_user_idx` ON `member_transfers` (`user_id`,`state`);--> statement-breakpoint
CREATE TABLE `transfer_rows` (
	`transfer_id` text NOT NULL,
	`tbl` text NOT NULL,
	`key` text NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`transfer_id`, `tbl`, `key`)
);
