CREATE TABLE `rate_hits` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_hits_key_at_idx` ON `rate_hits` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `rate_hits_at_idx` ON `rate_hits` (`at`);--> statement-breakpoint
CREATE TABLE `rating_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`target` text NOT NULL,
	`title` text NOT NULL,
	`items` text NOT NULL,
	`k_threshold` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`head_seq` integer DEFAULT 0 NOT NULL,
	`head_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rating_rounds_org_idx` ON `rating_rounds` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rating_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`target` text NOT NULL,
	`name` text NOT NULL,
	`items` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rating_templates_org_idx` ON `rating_templates` (`org_id`,`target`,`created_at`);--> statement-breakpoint
CREATE TABLE `rating_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`n` integer NOT NULL,
	`token_hash` text NOT NULL,
	`used` integer DEFAULT false NOT NULL,
	`claim` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_tokens_hash_idx` ON `rating_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `rating_tokens_round_idx` ON `rating_tokens` (`round_id`,`ratee_id`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`org_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`seq` integer NOT NULL,
	`answers` text NOT NULL,
	`comment` text,
	`comment_status` text NOT NULL,
	`created_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_round_seq_idx` ON `ratings` (`round_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ratings_ratee_at_idx` ON `ratings` (`ratee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_org_idx` ON `ratings` (`org_id`,`created_at`);