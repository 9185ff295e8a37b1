import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { SERVICE_CATEGORIES, SERVICE_STATUSES } from "./values";

// 服务群众: a member's record of service; only records the secretary confirmed count anywhere.
export const serviceRecords = sqliteTable(
  "service_records",
  {
    id: text("id").primaryKey(),
    memberId: text("member_id").notNull(),
    // The branch the member belonged to when recording: whose secretary confirms it.
    orgId: text("org_id").notNull(),
    category: text("category", { enum: SERVICE_CATEGORIES }).notNull(),
    servedOn: text("served_on").notNull(),
    // servedOn at 00:00 Asia/Shanghai, for period queries.
    servedAt: integer("served_at").notNull(),
    hours: real("hours").notNull(),
    place: text("place").notNull(),
    peopleServed: integer("people_served").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: SERVICE_STATUSES }).notNull().default("pending"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    rejectReason: text("reject_reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("service_member_at_idx").on(t.memberId, t.servedAt),
    index("service_org_status_idx").on(t.orgId, t.status, t.servedAt),
  ],
);
