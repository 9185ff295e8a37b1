import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../lib/db";
import { readBatch } from "../lib/sql";
import type { SourceRef } from "./indicators/types";
import type { Explanation } from "./score";

/** A source as the member knows it: its name, its date, and the page that shows it (when one exists). */
interface NamedSource extends SourceRef {
  name: string;
  /** The record's date (ms): completion, service day, round close, decision … */
  at: number | null;
  /** A code the page translates (a service's category). */
  category?: string;
  link: string | null;
}

interface NameRow {
  id: string;
  name: string | null;
  at: number | null;
  ref: string | null;
}

/** Where each kind of record can be opened in the app (null: no page of its own). */
const LINKS: Record<string, (ref: string) => string | null> = {
  course_completion: (courseId) => `/courses/${courseId}`,
  service_record: () => "/services",
  rating_round: (id) => `/masses/${id}`,
  eval_cycle: (id) => `/evaluations/cycle/${id}`,
  eval_analysis: (cycleId) => `/evaluations/cycle/${cycleId}`,
  eval_decision: (cycleId) => `/evaluations/cycle/${cycleId}`,
};

/** One read per kind of record; `?` is a JSON array of ids (one parameter, so the 100-parameter limit never applies). */
const QUERIES: Record<string, (ids: string) => SQL> = {
  course_completion: (ids) => sql`SELECT cc.id AS id, c.title AS name, cc.completed_at AS at, c.id AS ref
    FROM course_completions cc JOIN courses c ON c.id = cc.course_id WHERE cc.id IN (SELECT value FROM json_each(${ids}))`,
  service_record: (ids) => sql`SELECT id, substr(description, 1, 40) AS name, served_at AS at, category AS ref
    FROM service_records WHERE id IN (SELECT value FROM json_each(${ids}))`,
  rating_round: (ids) => sql`SELECT id, title AS name, coalesce(closed_at, closes_at) AS at, id AS ref
    FROM rating_rounds WHERE id IN (SELECT value FROM json_each(${ids}))`,
  quiz: (ids) =>
    sql`SELECT id, title AS name, NULL AS at, id AS ref FROM quizzes WHERE id IN (SELECT value FROM json_each(${ids}))`,
  eval_analysis: (ids) => sql`SELECT a.id AS id, y.label AS name, a.submitted_at AS at, a.cycle_id AS ref
    FROM eval_analyses a JOIN eval_cycles y ON y.id = a.cycle_id WHERE a.id IN (SELECT value FROM json_each(${ids}))`,
  eval_cycle: (ids) => sql`SELECT id, label AS name, period_end AS at, id AS ref
    FROM eval_cycles WHERE id IN (SELECT value FROM json_each(${ids}))`,
  vanguard_adjustment: (ids) => sql`SELECT id, reason AS name, occurred_at AS at, NULL AS ref
    FROM vanguard_adjustments WHERE id IN (SELECT value FROM json_each(${ids}))`,
};

/** Another feature's kind of record: how to read its names (`?` a JSON array of ids) and where it opens. */
export interface SourceKind {
  query: (ids: string) => SQL;
  link?: (ref: string) => string | null;
}

/** A decision has no id of its own (`cycleId:memberId`): it is named by its cycle. */
const lookup = (s: SourceRef) =>
  s.type === "eval_decision" ? { type: "eval_cycle", id: s.id.split(":")[0] ?? s.id } : s;

/**
 * Names every source of the given explanations in ONE round trip, whatever their number: one read
 * per kind of record present (at most seven, and the caller's `more`), each matching all its ids at once.
 */
export async function nameSources<T extends { explanation: Explanation }>(
  db: Db,
  rows: T[],
  more: Record<string, SourceKind> = {},
): Promise<(Omit<T, "explanation"> & { explanation: NamedExplanation })[]> {
  const query = (type: string) => more[type]?.query ?? QUERIES[type];
  const wanted = new Map<string, Set<string>>();
  for (const r of rows)
    for (const l of r.explanation.lines)
      for (const s of l.sources) {
        const { type, id } = lookup(s);
        if (!query(type)) continue;
        wanted.set(type, (wanted.get(type) ?? new Set()).add(id));
      }
  const types = [...wanted.keys()];
  const results = types.length
    ? await readBatch<NameRow[]>(
        db,
        types.map((t) => query(t)!(JSON.stringify([...wanted.get(t)!]))),
      )
    : [];
  const byKey = new Map(types.flatMap((t, i) => (results[i] ?? []).map((f) => [`${t}:${f.id}`, f] as const)));
  const name = (s: SourceRef): NamedSource => {
    const { type, id } = lookup(s);
    const f = byKey.get(`${type}:${id}`);
    const link = f?.ref ? ((more[s.type]?.link ?? LINKS[s.type])?.(f.ref) ?? null) : null;
    const named: NamedSource = { ...s, name: f?.name ?? "", at: f?.at ?? null, link };
    if (s.type === "service_record" && f?.ref) named.category = f.ref;
    return named;
  };
  return rows.map((r) => ({
    ...r,
    explanation: { ...r.explanation, lines: r.explanation.lines.map((l) => ({ ...l, sources: l.sources.map(name) })) },
  }));
}

type NamedExplanation = Omit<Explanation, "lines"> & {
  lines: (Omit<Explanation["lines"][number], "sources"> & { sources: NamedSource[] })[];
};
