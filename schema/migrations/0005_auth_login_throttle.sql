CREATE TABLE `login_throttle` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`attempts` integer NOT NULL,
	`window_start` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `login_throttle_window_idx` ON `login_throttle` (`window_start`);--> statement-breakpoint
DROP TABLE `login_failures`;