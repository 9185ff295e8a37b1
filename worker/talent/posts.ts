import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { orgs, talentApplications, talentPosts, talentTermEntries, talentTerms, users } from "../../schema";
import type { EntryKind } from "../../schema/talent/advisors";
import type { SessionUser } from "../auth";
import { auditInsert } from "../lib/audit";
import { dayOf } from "../lib/day";
import { type Db, outer } from "../lib/db";
import { ApiError, invalid, isUniqueViolation } from "../lib/errors";
import { newId } from "../lib/ids";
import { ancestorPaths, subtreeRange } from "../lib/paths";
import { notFuture } from "./dates";
import { termOpening } from "./terms";

export interface PostInput {
  title: string;
  place: "village" | "community" | "enterprise" | "frontline" | "hard";
  host: string;
  duties: string;
  startsOn: string;
  endsOn: string;
}

/** The committee publishes a post for the members of its subtree; it opens to applications until it starts. */
export async function publishPost(db: Db, actorId: string, orgId: string, p: PostInput, now: number) {
  if (p.endsOn <= p.startsOn) throw invalid("the post ends after it starts", [{ path: "endsOn", code: "too_small" }]);
  if (p.startsOn <= dayOf(now))
    throw invalid("a post is published before it starts", [{ path: "startsOn", code: "too_small" }]);
  const id = newId();
  await db.batch([
    db.insert(talentPosts).values({ id, orgId, ...p, publishedBy: actorId, createdAt: now }),
    auditInsert(db, { actorId, action: "talent_post_published", entity: "talent_post", entityId: id, orgId }, now),
  ]);
  return { id };
}

export async function getPost(db: Db, id: string) {
  const [row] = await db
    .select({ post: talentPosts, orgPath: orgs.path, orgName: orgs.name })
    .from(talentPosts)
    .innerJoin(orgs, eq(orgs.id, talentPosts.orgId))
    .where(eq(talentPosts.id, id))
    .limit(1);
  return row;
}
type LoadedPost = NonNullable<Awaited<ReturnType<typeof getPost>>>;

/** The caller's branch under the post's publisher: where they may apply from. */
export function applicantBranch(user: SessionUser, postOrgPath: string) {
  const m = user.memberships.find((x) => x.role === "member" && x.orgPath.startsWith(postOrgPath));
  if (!m) throw new ApiError(404, "not_found", "post not found");
  return m.orgId;
}

/** One application per member and post (the unique index holds it under concurrency), before the post starts. */
export async function apply(
  db: Db,
  memberId: string,
  branchId: string,
  post: LoadedPost,
  motivation: string,
  now: number,
) {
  if (post.post.startsOn <= dayOf(now))
    throw new ApiError(409, "out_of_order", "applications close when the post starts", {
      startsOn: post.post.startsOn,
    });
  const id = newId();
  const row = {
    id,
    postId: post.post.id,
    memberId,
    orgId: branchId,
    motivation,
    status: "applied" as const,
    createdAt: now,
  };
  try {
    await db.batch([
      db.insert(talentApplications).values(row),
      auditInsert(
        db,
        { actorId: memberId, action: "talent_applied", entity: "talent_application", entityId: id, orgId: branchId },
        now,
      ),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "you have already applied to this post");
    throw err;
  }
  return { id };
}

/**
 * The committee accepts (the practice term opens, in the member's archive) or declines, with a reason,
 * once. The term takes the application's id, so two concurrent acceptances cannot open two terms.
 */
export async function decideApplication(
  db: Db,
  actorId: string,
  app: typeof talentApplications.$inferSelect,
  post: typeof talentPosts.$inferSelect,
  d: { decision: "accept" | "decline"; on: string; reason: string },
  now: number,
) {
  if (app.status !== "applied")
    throw new ApiError(409, "out_of_order", "this application is already decided", { status: app.status });
  notFuture(d.on, now);
  const accepted = d.decision === "accept";
  const decided = db
    .update(talentApplications)
    .set({
      status: accepted ? "accepted" : "declined",
      reason: d.reason,
      decidedOn: d.on,
      decidedBy: actorId,
      termId: accepted ? app.id : null,
    })
    .where(and(eq(talentApplications.id, app.id), eq(talentApplications.status, "applied")));
  const audit = auditInsert(
    db,
    {
      actorId,
      action: accepted ? "talent_application_accepted" : "talent_application_declined",
      entity: "talent_application",
      entityId: app.id,
      orgId: app.orgId,
    },
    now,
  );
  const { id: _, orgId: __, publishedBy: ___, createdAt: ____, ...terms } = post;
  try {
    const [res] = accepted
      ? await db.batch([
          decided,
          audit,
          ...termOpening(
            db,
            {
              id: app.id,
              kind: "practice",
              memberId: app.memberId,
              orgId: app.orgId,
              postId: post.id,
              ...terms,
              assignedBy: actorId,
            },
            now,
          ),
        ])
      : await db.batch([decided, audit]);
    if ((res as { meta?: { changes?: number } }).meta?.changes === 0) throw decidedAlready();
  } catch (err) {
    if (isUniqueViolation(err)) throw decidedAlready();
    throw err;
  }
  return { status: accepted ? ("accepted" as const) : ("declined" as const), termId: accepted ? app.id : null };
}

const decidedAlready = () => new ApiError(409, "out_of_order", "this application is already decided");

export async function getApplication(db: Db, id: string) {
  const [row] = await db
    .select({ app: talentApplications, post: talentPosts, orgPath: orgs.path })
    .from(talentApplications)
    .innerJoin(talentPosts, eq(talentPosts.id, talentApplications.postId))
    .innerJoin(orgs, eq(orgs.id, talentPosts.orgId))
    .where(eq(talentApplications.id, id))
    .limit(1);
  return row;
}

/** A post and its applications with the applicants' names: one batch. */
export async function postDetail(db: Db, post: LoadedPost) {
  const applications = await db
    .select({
      id: talentApplications.id,
      memberId: talentApplications.memberId,
      memberName: users.displayName,
      motivation: talentApplications.motivation,
      status: talentApplications.status,
      reason: talentApplications.reason,
      decidedOn: talentApplications.decidedOn,
    })
    .from(talentApplications)
    .innerJoin(users, eq(users.id, talentApplications.memberId))
    .where(eq(talentApplications.postId, post.post.id))
    .orderBy(talentApplications.createdAt);
  return { ...post.post, orgName: post.orgName, applications };
}

/** The posts published in an org's subtree, newest start first, with their application counts. */
export function listPosts(db: Db, orgPath: string) {
  return db
    .select({
      id: talentPosts.id,
      title: talentPosts.title,
      place: talentPosts.place,
      host: talentPosts.host,
      startsOn: talentPosts.startsOn,
      endsOn: talentPosts.endsOn,
      orgName: orgs.name,
      applied: sql<number>`(SELECT count(*) FROM talent_applications a WHERE a.post_id = ${outer(talentPosts.id)} AND a.status = 'applied')`,
    })
    .from(talentPosts)
    .innerJoin(orgs, eq(orgs.id, talentPosts.orgId))
    .where(subtreeRange(orgs.path, orgPath))
    .orderBy(desc(talentPosts.startsOn))
    .limit(100);
}

/** The posts published on the caller's branches or above that have not ended, with the caller's own applications. */
export async function postsFor(db: Db, user: SessionUser, now: number) {
  const paths = [
    ...new Set(user.memberships.filter((m) => m.role === "member").flatMap((m) => ancestorPaths(m.orgPath))),
  ];
  if (!paths.length) return [];
  const [posts, mine] = await db.batch([
    db
      .select({ post: talentPosts, orgName: orgs.name })
      .from(talentPosts)
      .innerJoin(orgs, eq(orgs.id, talentPosts.orgId))
      .where(and(inArray(orgs.path, paths), gte(talentPosts.endsOn, dayOf(now))))
      .orderBy(talentPosts.startsOn)
      .limit(50),
    db
      .select({
        postId: talentApplications.postId,
        status: talentApplications.status,
        reason: talentApplications.reason,
      })
      .from(talentApplications)
      .where(eq(talentApplications.memberId, user.id)),
  ]);
  const byPost = new Map(mine.map((a) => [a.postId, a]));
  return posts.map((p) => ({ ...p.post, orgName: p.orgName, application: byPost.get(p.post.id) ?? null }));
}

/** The member's own practice terms with their dated work entries: one batch. */
export async function myTerms(db: Db, memberId: string) {
  const [terms, entries] = await db.batch([
    db
      .select()
      .from(talentTerms)
      .where(eq(talentTerms.memberId, memberId))
      .orderBy(desc(talentTerms.startsOn))
      .limit(20),
    db
      .select({
        id: talentTermEntries.id,
        termId: talentTermEntries.termId,
        on: talentTermEntries.on,
        kind: talentTermEntries.kind,
        work: talentTermEntries.work,
      })
      .from(talentTermEntries)
      .innerJoin(talentTerms, eq(talentTerms.id, talentTermEntries.termId))
      .where(eq(talentTerms.memberId, memberId))
      .orderBy(talentTermEntries.on),
  ]);
  return terms.map((t) => ({ ...t, entries: entries.filter((e) => e.termId === t.id) }));
}

/** A term with its work entries, for the member and for those who read the branch's terms. */
export async function termWithEntries(db: Db, term: typeof talentTerms.$inferSelect) {
  const entries = await db
    .select({
      id: talentTermEntries.id,
      on: talentTermEntries.on,
      kind: talentTermEntries.kind,
      work: talentTermEntries.work,
    })
    .from(talentTermEntries)
    .where(eq(talentTermEntries.termId, term.id))
    .orderBy(talentTermEntries.on);
  return { ...term, entries };
}

/** The member records work on a day of their open term that has come. */
export async function recordEntry(
  db: Db,
  term: typeof talentTerms.$inferSelect,
  e: { on: string; kind?: EntryKind | undefined; work: string },
  now: number,
) {
  // Committee meetings and portfolio tasks are what an advisor takes part in.
  if (e.kind && e.kind !== "work" && term.kind !== "advisor")
    throw invalid("meetings and tasks are recorded in advisor terms", [{ path: "kind", code: "invalid_value" }]);
  if (term.closedOn) throw new ApiError(409, "out_of_order", "this term is closed", { closedOn: term.closedOn });
  notFuture(e.on, now);
  if (e.on < term.startsOn || e.on > term.endsOn)
    throw new ApiError(422, "out_of_order", "an entry is dated within the term", {
      startsOn: term.startsOn,
      endsOn: term.endsOn,
    });
  const id = newId();
  await db
    .insert(talentTermEntries)
    .values({ id, termId: term.id, on: e.on, kind: e.kind ?? "work", work: e.work, createdAt: now });
  return { id };
}
