CREATE TABLE `eval_quota_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle_id` text NOT NULL,
	`excellent` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`answered_by` text,
	`answered_at` integer,
	`answer` text,
	FOREIGN KEY (`cycle_id`) REFERENCES `eval_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eval_quota_overrides_cycle_idx` ON `eval_quota_overrides` (`cycle_id`,`requested_at`);