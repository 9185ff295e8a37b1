CREATE TABLE `talent_links` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "talent_links_once" CHECK("talent_links"."uses" <= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_links_hash_idx` ON `talent_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `talent_links_org_idx` ON `talent_links` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `talent_nominees` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`standing` text NOT NULL,
	`contact` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_nominees_org_idx` ON `talent_nominees` (`org_id`);--> statement-breakpoint
CREATE TABLE `talent_plan_items` (
	`id` text PRIMARY KEY NOT NULL,
	`reserve_id` text NOT NULL,
	`n` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`course_id` text,
	`term_id` text,
	`done_on` text,
	`done_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_plan_items_reserve_idx` ON `talent_plan_items` (`reserve_id`,`n`);