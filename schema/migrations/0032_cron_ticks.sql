CREATE TABLE `cron_ticks` (
	`scheduled_at` integer PRIMARY KEY NOT NULL,
	`held_until` integer
);
