import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { questionBanks, questionCategories, questions, quizAttempts, quizOverrides, quizzes } from "../../schema";
import type { SlotSpec } from "../../schema/quizzes/types";
import type { SessionUser } from "../auth";
import { hasRoleOver } from "../auth";
import { finalGrade, publishRoot } from "../banks";
import { auditInsert } from "../lib/audit";
import { type Db, outer } from "../lib/db";
import { invalid } from "../lib/errors";
import { newId } from "../lib/ids";
import { ancestorPaths, inSubtrees } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { QUIZ_ROLES, type Quiz } from "./access";
import { DEFAULT_REVIEW } from "./defaults";
import { scheduleQuizWindow } from "./jobs";

type QuizInput = Omit<
  typeof quizzes.$inferInsert,
  | "id"
  | "ownerOrgId"
  | "ownerPath"
  | "audienceOrgId"
  | "audiencePath"
  | "createdBy"
  | "createdAt"
  | "updatedAt"
  | "review"
> & {
  review?: Quiz["review"] | undefined;
};

/** Every fixed question and drawn category must come from a bank the caller manages. Two queries at most. */
async function checkSlots(db: Db, user: SessionUser, slots: SlotSpec[]) {
  const qIds = [...new Set(slots.flatMap((s) => (s.questionId ? [s.questionId] : [])))];
  const cIds = [...new Set(slots.flatMap((s) => (!s.questionId && s.categoryId ? [s.categoryId] : [])))];
  for (const s of slots) if (!s.questionId && !s.categoryId) throw invalid("a slot needs a question or a category");
  const [qs, cs] = await Promise.all([
    qIds.length
      ? db
          .select({ id: questions.id, path: questionBanks.ownerPath })
          .from(questions)
          .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
          .where(inArray(questions.id, qIds))
      : [],
    cIds.length
      ? db
          .select({ id: questionCategories.id, path: questionBanks.ownerPath })
          .from(questionCategories)
          .innerJoin(questionBanks, eq(questionBanks.id, questionCategories.bankId))
          .where(inArray(questionCategories.id, cIds))
      : [],
  ]);
  const ok = (rows: { id: string; path: string }[], ids: string[]) =>
    ids.every((id) => rows.some((r) => r.id === id && hasRoleOver(user, r.path, QUIZ_ROLES)));
  if (!ok(qs, qIds) || !ok(cs, cIds))
    throw invalid("a slot names a question or category outside your banks", [
      { path: "slots", code: "unknown_source" },
    ]);
}

/** The names of a quiz's fixed questions and drawn categories, so its editor never shows an id. One round trip. */
export async function slotSourceNames(db: Db, slots: SlotSpec[]) {
  const qIds = [...new Set(slots.flatMap((s) => (s.questionId ? [s.questionId] : [])))];
  const cIds = [...new Set(slots.flatMap((s) => (!s.questionId && s.categoryId ? [s.categoryId] : [])))];
  const [qs, cs] = await db.batch([
    db.select({ id: questions.id, name: questions.name }).from(questions).where(inArray(questions.id, qIds)),
    db
      .select({ id: questionCategories.id, name: questionCategories.name })
      .from(questionCategories)
      .where(inArray(questionCategories.id, cIds)),
  ]);
  return {
    questions: Object.fromEntries(qs.map((q) => [q.id, q.name])),
    categories: Object.fromEntries(cs.map((c) => [c.id, c.name])),
  };
}

/** The audience is the owner's parent subtree or below it (a school publishes to its committee's members). */
function checkAudience(owner: OrgRow, audience: OrgRow) {
  if (!audience.path.startsWith(publishRoot(owner.path)))
    throw invalid("the audience is outside the owner's committee", [{ path: "audienceOrgId", code: "out_of_scope" }]);
}

export async function createQuiz(db: Db, user: SessionUser, owner: OrgRow, audience: OrgRow, input: QuizInput) {
  checkAudience(owner, audience);
  await checkSlots(db, user, input.slots);
  const now = Date.now();
  const row = {
    ...input,
    id: newId(),
    ownerOrgId: owner.id,
    ownerPath: owner.path,
    audienceOrgId: audience.id,
    audiencePath: audience.path,
    review: input.review ?? DEFAULT_REVIEW,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  };
  if (row.openAt && row.closeAt && row.openAt >= row.closeAt) throw invalid("the quiz closes before it opens");
  await db.batch([
    db.insert(quizzes).values(row),
    scheduleQuizWindow(
      db,
      {
        id: row.id,
        published: row.published ?? false,
        courseId: row.courseId ?? null,
        openAt: row.openAt ?? null,
        closeAt: row.closeAt ?? null,
      },
      now,
    ),
    auditInsert(
      db,
      { actorId: user.id, action: "quiz.create", entity: "quiz", entityId: row.id, orgId: owner.id },
      now,
    ),
  ]);
  return row;
}

export async function updateQuiz(
  db: Db,
  user: SessionUser,
  quiz: Quiz,
  audience: OrgRow | null,
  patch: Partial<QuizInput>,
) {
  if (patch.slots) await checkSlots(db, user, patch.slots);
  const set: Partial<Quiz> = { ...patch, updatedAt: Date.now() } as Partial<Quiz>;
  if (audience) {
    checkAudience({ path: quiz.ownerPath } as OrgRow, audience);
    Object.assign(set, { audienceOrgId: audience.id, audiencePath: audience.path });
  }
  const openAt = set.openAt === undefined ? quiz.openAt : set.openAt;
  const closeAt = set.closeAt === undefined ? quiz.closeAt : set.closeAt;
  if (openAt && closeAt && openAt >= closeAt) throw invalid("the quiz closes before it opens");
  const [[row]] = await db.batch([
    db.update(quizzes).set(set).where(eq(quizzes.id, quiz.id)).returning(),
    scheduleQuizWindow(db, { ...quiz, ...set, openAt, closeAt }, set.updatedAt!),
  ]);
  return row as Quiz;
}

export function listManaged(db: Db, user: SessionUser) {
  const roots = user.memberships.filter((m) => QUIZ_ROLES.includes(m.role as never)).map((m) => m.orgPath);
  const admin = user.memberships.filter((m) => m.role === "admin").map((m) => m.orgPath);
  return db
    .select({
      id: quizzes.id,
      title: quizzes.title,
      openAt: quizzes.openAt,
      closeAt: quizzes.closeAt,
      published: quizzes.published,
      ownerOrgId: quizzes.ownerOrgId,
      audienceOrgId: quizzes.audienceOrgId,
      courseId: quizzes.courseId,
    })
    .from(quizzes)
    .where(sql`${inSubtrees(quizzes.ownerPath, roots)} OR ${inSubtrees(quizzes.audiencePath, admin)}`)
    .orderBy(desc(quizzes.createdAt))
    .limit(200);
}

/** Quizzes open to the member: audience is an ancestor-or-self of one of their branches (indexed IN). */
export async function listForMember(db: Db, user: SessionUser) {
  const ancestors = new Set<string>();
  for (const m of user.memberships.filter((x) => x.role === "member")) {
    for (const p of ancestorPaths(m.orgPath)) ancestors.add(p);
  }
  if (ancestors.size === 0) return [];
  const quiz = outer(quizzes.id);
  const rows = await db
    .select({
      id: quizzes.id,
      title: quizzes.title,
      description: quizzes.description,
      openAt: quizzes.openAt,
      closeAt: quizzes.closeAt,
      timeLimitSec: quizzes.timeLimitSec,
      attemptsAllowed: quizzes.attemptsAllowed,
      courseId: quizzes.courseId,
      // No score here: when a score may be seen is the review options' decision (the attempt view).
      attempts: sql<number>`(SELECT count(*) FROM ${quizAttempts} a WHERE a.quiz_id = ${quiz} AND a.user_id = ${user.id})`,
      extraAttempts: sql<number>`coalesce((SELECT o.extra_attempts FROM ${quizOverrides} o WHERE o.quiz_id = ${quiz} AND o.user_id = ${user.id}), 0)`,
      hasOpen: sql<number>`EXISTS (SELECT 1 FROM ${quizAttempts} a WHERE a.quiz_id = ${quiz} AND a.user_id = ${user.id} AND a.state = 'open')`,
      lastResultId: sql<
        string | null
      >`(SELECT a.id FROM ${quizAttempts} a WHERE a.quiz_id = ${quiz} AND a.user_id = ${user.id} AND a.state = 'closed' ORDER BY a.number DESC LIMIT 1)`,
    })
    .from(quizzes)
    .where(and(inArray(quizzes.audiencePath, [...ancestors]), eq(quizzes.published, true)))
    .orderBy(desc(quizzes.createdAt))
    .limit(200);
  // Allowed as the member's own count: the quiz's number plus their extra attempts; 0 stays unlimited.
  return rows.map(({ extraAttempts, hasOpen, ...q }) => ({
    ...q,
    hasOpen: Boolean(hasOpen),
    attemptsAllowed: q.attemptsAllowed === 0 ? 0 : q.attemptsAllowed + extraAttempts,
  }));
}

export async function setOverride(
  db: Db,
  quiz: Quiz,
  o: { userId: string; extraTimeSec: number; extraAttempts: number },
) {
  await db
    .insert(quizOverrides)
    .values({ id: newId(), quizId: quiz.id, ...o })
    .onConflictDoUpdate({
      target: [quizOverrides.quizId, quizOverrides.userId],
      set: { extraTimeSec: o.extraTimeSec, extraAttempts: o.extraAttempts },
    });
}

export function listOverrides(db: Db, quizId: string) {
  return db.select().from(quizOverrides).where(eq(quizOverrides.quizId, quizId));
}

/**
 * For courses (issue 3): has the user passed this quiz, by its grading method, with nothing left to grade?
 * One query.
 */
export async function hasPassedQuiz(db: Db, userId: string, quizId: string): Promise<boolean> {
  const rows = await db
    .select({
      percent: quizAttempts.percent,
      pending: quizAttempts.pendingCount,
      method: quizzes.gradingMethod,
      pass: quizzes.passPercent,
    })
    .from(quizAttempts)
    .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
    .where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId), eq(quizAttempts.state, "closed")))
    .orderBy(asc(quizAttempts.number));
  const first = rows[0];
  if (!first || rows.some((r) => r.pending > 0)) return false;
  const grade = finalGrade(
    first.method,
    rows.map((r) => r.percent ?? 0),
  );
  return grade !== null && grade >= first.pass;
}
