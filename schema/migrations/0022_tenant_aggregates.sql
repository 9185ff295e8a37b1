CREATE TABLE `tenant_aggregates` (
	`tenant_id` text NOT NULL,
	`year` integer NOT NULL,
	`figures` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `year`)
);
