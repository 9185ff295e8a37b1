ALTER TABLE `practice_days` ADD `id_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `id_key` text DEFAULT '' NOT NULL;