ALTER TABLE `catalogue_pages` ADD `built` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kept_report_pages` ADD `built` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kept_study_pages` ADD `built` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kept_home_pages` ADD `built` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kept_roster_pages` ADD `built` text DEFAULT '' NOT NULL;