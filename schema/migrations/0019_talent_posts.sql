CREATE TABLE `talent_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`post_id` text NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`motivation` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`decided_on` text,
	`decided_by` text,
	`term_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_applications_post_member_idx` ON `talent_applications` (`post_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `talent_applications_member_idx` ON `talent_applications` (`member_id`);--> statement-breakpoint
CREATE TABLE `talent_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`place` text NOT NULL,
	`host` text NOT NULL,
	`duties` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`published_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_posts_org_idx` ON `talent_posts` (`org_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `talent_secretary_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`selection_id` text NOT NULL,
	`year` integer NOT NULL,
	`on_day` text NOT NULL,
	`performance` text NOT NULL,
	`rewards` text NOT NULL,
	`penalties` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_secretary_reviews_year_idx` ON `talent_secretary_reviews` (`selection_id`,`year`);--> statement-breakpoint
CREATE TABLE `talent_term_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`on_day` text NOT NULL,
	`work` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `talent_term_entries_term_idx` ON `talent_term_entries` (`term_id`,`on_day`);--> statement-breakpoint
ALTER TABLE `talent_terms` ADD `post_id` text;