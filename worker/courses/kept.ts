import { sql } from "drizzle-orm";
import { keptStudyPages } from "../../schema";
import type { Db } from "../lib/db";
import { readBatch } from "../lib/sql";
import { type Studier, studyReads } from "./study";

// "My study" kept per member (kept_study_pages): served by one point lookup while the triggers of the
// migration have bumped neither the member's generation nor the tenant's epoch since it was built, the
// member holds the same memberships and no due date or year end has passed. Only the member's own page is
// kept: an overseer's drill-down (memberStudy) computes and never reads or writes these rows.

/** The memberships an answer is built for, in the session's order (the first branch counts). */
const builtFor = (user: Studier) => JSON.stringify(user.memberships.map((m) => [m.orgPath, m.role]));

const generation = (key: string | ReturnType<typeof sql>) =>
  sql`coalesce((SELECT g.generation FROM kept_study_generations g WHERE g.key = ${key}), 0)`;

/** The kept answer's JSON text while it still holds (a plain read: it rides in the session check's batch). */
export const keptStudySql = (user: Studier, now: number) =>
  sql`SELECT p.body AS body FROM kept_study_pages p
    WHERE p.user_id = ${user.id} AND p.built_for = ${builtFor(user)} AND p.valid_until > ${now}
      AND p.generation = ${generation(sql`p.user_id`)} AND p.epoch = ${generation("*")}`;

/**
 * The member's own study as JSON text: the kept answer, else computed (the generations read in the same
 * batch as the rows, so a write racing the rebuild leaves the row it stores already stale) and kept.
 */
export async function myStudyText(db: Db, user: Studier, now = Date.now()) {
  const [[hit]] = await readBatch<[{ body: string }]>(db, [keptStudySql(user, now)]);
  if (hit) return hit.body;
  const { queries, shape } = studyReads(user, now);
  const [generations, ...rows] = await readBatch<unknown[]>(db, [
    sql`SELECT ${generation(user.id)} AS generation, ${generation("*")} AS epoch`,
    ...queries,
  ]);
  const { study, validUntil } = shape(rows);
  const body = JSON.stringify(study);
  const row = {
    builtFor: builtFor(user),
    ...(generations?.[0] as { generation: number; epoch: number }),
    validUntil,
    body,
  };
  await db
    .insert(keptStudyPages)
    .values({ userId: user.id, ...row, builtAt: now })
    .onConflictDoUpdate({ target: keptStudyPages.userId, set: { ...row, builtAt: now } });
  return body;
}
