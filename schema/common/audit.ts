import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    orgId: text("org_id"),
    detail: text("detail", { mode: "json" }),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_org_at_idx").on(t.orgId, t.at), index("audit_entity_idx").on(t.entity, t.entityId)],
);
