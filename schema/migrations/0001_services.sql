CREATE TABLE `service_records` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`category` text NOT NULL,
	`served_on` text NOT NULL,
	`served_at` integer NOT NULL,
	`hours` real NOT NULL,
	`place` text NOT NULL,
	`people_served` integer NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reject_reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_member_at_idx` ON `service_records` (`member_id`,`served_at`);--> statement-breakpoint
CREATE INDEX `service_org_status_idx` ON `service_records` (`org_id`,`status`,`served_at`);