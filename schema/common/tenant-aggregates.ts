import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What each tenant below publishes to the tenant above it (a province's database), one row per tenant
 * and year, replaced by each newer publication: counts only, never a person.
 */
export const tenantAggregates = sqliteTable(
  "tenant_aggregates",
  {
    tenantId: text("tenant_id").notNull(),
    year: integer("year").notNull(),
    figures: text("figures", { mode: "json" }).$type<TenantFigures>().notNull(),
    publishedAt: integer("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

/** A tenant's year in numbers (worker/ops/aggregates.ts computes them). */
export interface TenantFigures {
  members: number;
  study: { completions: number; hours: number; offlineHours: number };
  /** Appraisal grades decided in the year, by grade. */
  grades: Record<string, number>;
  /** Members per vanguard index band, from each branch's latest period ending in the year. */
  bands: Record<string, number>;
  /** Open development cases by stage. */
  development: Record<string, number>;
  /** Meetings held in the year, by kind. */
  meetings: Record<string, number>;
}
