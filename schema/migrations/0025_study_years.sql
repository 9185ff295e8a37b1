CREATE TABLE `study_years` (
	`user_id` text NOT NULL,
	`year` integer NOT NULL,
	`online_hours` real DEFAULT 0 NOT NULL,
	`offline_hours` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `year`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

--> statement-breakpoint
-- Backfill from the source rows: credited completions by their year at UTC+8 (the default zone,
-- Asia/Shanghai; later writes use each branch's own zone), offline credits by their local day.
INSERT INTO `study_years` (`user_id`, `year`, `online_hours`, `offline_hours`)
SELECT user_id, year, sum(online), sum(offline) FROM (
  SELECT user_id, CAST(strftime('%Y', (completed_at + 28800000) / 1000, 'unixepoch') AS INTEGER) AS year,
         hours AS online, 0 AS offline
    FROM course_completions WHERE status = 'credited'
  UNION ALL
  SELECT user_id, CAST(substr(studied_on, 1, 4) AS INTEGER), 0, hours FROM offline_credits
) GROUP BY user_id, year;
