DROP INDEX `memberships_org_role_idx`;--> statement-breakpoint
CREATE INDEX `memberships_org_role_idx` ON `memberships` (`org_id`,`role`,`ended_at`,`user_id`,`started_at`);