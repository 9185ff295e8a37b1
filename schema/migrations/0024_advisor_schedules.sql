CREATE TABLE `talent_advisor_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`starts_on` text NOT NULL,
	`term_months` integer NOT NULL,
	`seats` integer NOT NULL,
	`notice_days` integer NOT NULL,
	`title` text NOT NULL,
	`duties` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_advisor_schedules_org_version_idx` ON `talent_advisor_schedules` (`org_id`,`version`);--> statement-breakpoint
ALTER TABLE `talent_term_entries` ADD `kind` text DEFAULT 'work' NOT NULL;--> statement-breakpoint
ALTER TABLE `talent_terms` ADD `schedule_id` text;--> statement-breakpoint
ALTER TABLE `talent_terms` ADD `seat` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `talent_terms_seat_idx` ON `talent_terms` (`org_id`,`starts_on`,`seat`) WHERE seat IS NOT NULL;--> statement-breakpoint
-- Hand-written: branches with advisor terms already open get their due row, so the talent job reminds and closes them.
INSERT INTO `due_work` (`kind`, `subject`, `ref`, `due_at`)
SELECT 'talent_advisor', `org_id`, 'advisors', 0 FROM `talent_terms` WHERE `kind` = 'advisor' AND `closed_on` IS NULL GROUP BY `org_id`
ON CONFLICT DO NOTHING;
