import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { orglifeTalks, orgs } from "../../schema";
import type { SessionUser } from "../auth";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { subtreeEnd } from "../lib/paths";
import { sqlList } from "../lib/sql";
import type { OrgRow } from "../orgs";

/**
 * Who reads what a talk said: the branch's own committee (a secretary or admin role held on the branch
 * itself). A committee above sees that talks happened, with whom, when and on what topic, and so can
 * check the yearly rhythm, but never the content.
 */
export const readsTalkContent = (user: SessionUser, branchPath: string) =>
  user.memberships.some((m) => m.orgPath === branchPath && (m.role === "secretary" || m.role === "admin"));

/** The people a talk may name: anyone with a current role in the branch or its groups. */
async function branchPeople(db: Db, path: string, ids: string[]) {
  const rows = await db.all<{ id: string; name: string }>(
    sql`SELECT DISTINCT u.id, u.display_name AS name FROM memberships m JOIN orgs o ON o.id = m.org_id
      JOIN users u ON u.id = m.user_id
      WHERE m.ended_at IS NULL AND o.path >= ${path} AND o.path < ${subtreeEnd(path)}
        AND u.id IN (${sqlList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function addTalk(
  db: Db,
  branch: OrgRow,
  input: { talkedOn: string; participants: string[]; topic: string; content: string },
  by: string,
  now: number,
) {
  const people = await branchPeople(db, branch.path, input.participants);
  const strangers = input.participants.flatMap((p, i) =>
    people.has(p) ? [] : [{ path: `participants.${i}`, code: "not_a_member" }],
  );
  if (strangers.length) throw invalid("talk participants belong to the branch", strangers);
  const id = newId();
  await db.batch([
    db.insert(orglifeTalks).values({
      id,
      branchId: branch.id,
      ...input,
      participants: [...new Set(input.participants)],
      createdBy: by,
      createdAt: now,
    }),
    // The audit names the talk, never its content.
    auditInsert(db, { actorId: by, action: "talk_recorded", entity: "talk", entityId: id, orgId: branch.id }, now),
  ]);
  return { id };
}

/** A branch's talks in a year, with participants by name; content only for its own committee. */
export async function listTalks(db: Db, branch: OrgRow, year: number, withContent: boolean) {
  const rows = await db
    .select()
    .from(orglifeTalks)
    .where(
      and(
        eq(orglifeTalks.branchId, branch.id),
        gte(orglifeTalks.talkedOn, `${year}-01-01`),
        lt(orglifeTalks.talkedOn, `${year + 1}-01-01`),
      ),
    )
    .orderBy(desc(orglifeTalks.talkedOn));
  const ids = [...new Set(rows.flatMap((r) => r.participants))];
  const names = ids.length ? await branchNames(db, ids) : new Map<string, string>();
  return rows.map(({ content, participants, ...r }) => ({
    ...r,
    participants: participants.map((p) => ({ userId: p, name: names.get(p) ?? "" })),
    ...(withContent ? { content } : {}),
  }));
}

async function branchNames(db: Db, ids: string[]) {
  const rows = await db.all<{ id: string; name: string }>(
    sql`SELECT id, display_name AS name FROM users WHERE id IN (${sqlList(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadTalk(db: Db, id: string) {
  const [row] = await db
    .select({ talk: orglifeTalks, branchPath: orgs.path })
    .from(orglifeTalks)
    .innerJoin(orgs, eq(orgs.id, orglifeTalks.branchId))
    .where(eq(orglifeTalks.id, id))
    .limit(1);
  return row;
}
