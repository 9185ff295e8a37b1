CREATE TABLE `study_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_year` integer NOT NULL,
	`version` integer NOT NULL,
	`values` text NOT NULL,
	`source` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_rules_version_unique` ON `study_rules` (`org_id`,`kind`,`version`);--> statement-breakpoint
-- Quotas a committee had set stay in force, as its first version for every year (hand-written).
INSERT INTO `study_rules` (`id`, `org_id`, `kind`, `from_year`, `version`, `values`, `source`, `note`, `created_by`, `created_at`)
SELECT lower(hex(randomblob(16))), `org_id`, 'quotas', 2000, 1,
	json_object('member', coalesce(max(CASE WHEN `role` = 'member' THEN `hours` END), 32),
		'secretary', coalesce(max(CASE WHEN `role` = 'secretary' THEN `hours` END), 56), 'cadre', 50),
	'原学时要求设置（迁移）', '', max(`updated_by`), max(`updated_at`)
FROM `study_quotas` GROUP BY `org_id`;--> statement-breakpoint
DROP TABLE `study_quotas`;--> statement-breakpoint
ALTER TABLE `users` ADD `cadre` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `own_time_zone` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- A zone that differs from the parent's was set on that org (hand-written).
UPDATE `orgs` SET `own_time_zone` = 1 WHERE `parent_id` IS NOT NULL
	AND `time_zone` != (SELECT p.`time_zone` FROM `orgs` p WHERE p.`id` = `orgs`.`parent_id`);