import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { practiceDays, questionBanks, questions, questionVersions } from "../../schema";
import type { QuestionBody, Response } from "../../schema/banks/types";
import type { SessionUser } from "../auth";
import { grade } from "../banks";
import { DEFAULT_ZONE, dayIn } from "../lib/day";
import type { Db } from "../lib/db";
import { ApiError, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { ancestorPaths } from "../lib/paths";
import { sqlList } from "../lib/sql";
import { responseIn, SlotIds } from "./keys";
import { questionView, SHOW_ALL } from "./views";

const PRACTICE_SIZE = 5;
const NONE = { score: false, correctness: false, answer: false, feedback: false };

/** The calendar day in China, where the practice set turns over. */
const practiceDay = (now: number) => dayIn(now, DEFAULT_ZONE);

function ancestors(user: SessionUser) {
  const out = new Set<string>();
  for (const m of user.memberships) {
    for (const p of ancestorPaths(m.orgPath)) out.add(p);
  }
  return [...out];
}

/**
 * The banks behind the checkpoint quizzes of the published courses assigned to the member's orgs (for
 * everyone, or for secretaries when the member is one): the questions of fixed slots and the categories
 * of drawn slots name their banks. A subquery, no extra round trip.
 */
function checkpointBanks(user: SessionUser, paths: string[]) {
  const secretary = user.memberships.some((m) => m.role === "secretary") ? 1 : 0;
  return sql`WITH cq AS (SELECT DISTINCT c.checkpoint_quiz_id AS id FROM plan_items pi JOIN courses c ON c.id = pi.course_id
      WHERE pi.org_path IN (${sqlList(paths)}) AND c.status = 'published' AND c.checkpoint_quiz_id IS NOT NULL
        AND (pi.audience = 'all' OR ${secretary} = 1))
    SELECT qq.bank_id FROM quizzes z, json_each(z.slots) s JOIN questions qq ON qq.id = json_extract(s.value, '$.questionId')
      WHERE z.id IN (SELECT id FROM cq)
    UNION
    SELECT qc.bank_id FROM quizzes z, json_each(z.slots) s
      JOIN question_categories qc ON qc.id = json_extract(s.value, '$.categoryId')
      WHERE z.id IN (SELECT id FROM cq)`;
}

/**
 * Today's set: drawn once per member per day (unique key), from the practice banks over their orgs and
 * the banks of the checkpoint quizzes of the courses assigned to them.
 */
async function todayRow(db: Db, user: SessionUser, now: number) {
  const day = practiceDay(now);
  const where = and(eq(practiceDays.userId, user.id), eq(practiceDays.day, day));
  const [row] = await db.select().from(practiceDays).where(where);
  if (row) return row;
  const paths = ancestors(user);
  const drawn = paths.length
    ? await db
        .select({ versionId: questions.versionId })
        .from(questions)
        .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
        .where(
          and(
            or(
              inArray(questionBanks.practiceOrgPath, paths),
              sql`${questions.bankId} IN (${checkpointBanks(user, paths)})`,
            ),
            isNull(questions.archivedAt),
            ne(questions.type, "essay"),
          ),
        )
        .orderBy(sql`random()`)
        .limit(PRACTICE_SIZE)
    : [];
  if (drawn.length === 0) throw new ApiError(404, "no_practice", "no practice questions are available to you");
  await db
    .insert(practiceDays)
    .values({
      id: newId(),
      userId: user.id,
      day,
      versionIds: drawn.map((d) => d.versionId),
      answers: {},
      idKey: newId(),
      createdAt: now,
    })
    .onConflictDoNothing();
  const [again] = await db.select().from(practiceDays).where(where);
  if (!again) throw notFound("practice");
  return again;
}

export async function practiceView(db: Db, user: SessionUser, now = Date.now()) {
  const row = await todayRow(db, user, now);
  const [versions, days] = await db.batch([
    db.select().from(questionVersions).where(inArray(questionVersions.id, row.versionIds)),
    db
      .select({ day: practiceDays.day })
      .from(practiceDays)
      .where(
        and(eq(practiceDays.userId, user.id), isNotNull(practiceDays.answers), sql`${practiceDays.answers} != '{}'`),
      )
      .orderBy(desc(practiceDays.day))
      .limit(400),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const answers = row.answers ?? {};
  const items = row.versionIds.flatMap((vid, i) => {
    const v = byId.get(vid);
    if (!v) return [];
    const a = answers[String(i)];
    const view = questionView(
      {
        slot: i,
        points: 1,
        order: null,
        response: a?.response ?? null,
        seq: 0,
        savedAt: null,
        fraction: a ? a.fraction : null,
        needsGrading: false,
        comment: null,
        stem: v.stem,
        format: v.format,
        body: v.body,
        generalFeedback: v.generalFeedback,
      },
      a ? SHOW_ALL : NONE,
      row.idKey,
    );
    return [view];
  });
  return {
    day: row.day,
    questions: items,
    correct: row.correct,
    streak: streak(
      days.map((d) => d.day),
      row.day,
    ),
    private: true as const,
  };
}

/** Consecutive days with at least one answer, ending today or yesterday. */
function streak(days: string[], today: string): number {
  const set = new Set(days);
  const d = new Date(`${today}T00:00:00Z`);
  if (!set.has(today)) d.setUTCDate(d.getUTCDate() - 1);
  let n = 0;
  while (set.has(d.toISOString().slice(0, 10))) {
    n++;
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return n;
}

/** Answers one question of today's set once (in the ids the set shows), and returns the feedback at once. */
export async function answerPractice(db: Db, user: SessionUser, index: number, sent: Response, now = Date.now()) {
  const row = await todayRow(db, user, now);
  const vid = row.versionIds[index];
  if (!vid) throw notFound("question");
  const [v] = await db.select().from(questionVersions).where(eq(questionVersions.id, vid));
  if (!v) throw notFound("question");
  const body = v.body as QuestionBody;
  const response = responseIn(body, sent, new SlotIds(row.idKey, index, body)) as Response;
  const fraction = grade(body, response).fraction ?? 0;
  const key = `$."${index}"`;
  await db
    .update(practiceDays)
    .set({
      answers: sql`json_set(coalesce(${practiceDays.answers}, '{}'), ${key}, json(${JSON.stringify({ response, fraction })}))`,
      correct: sql`${practiceDays.correct} + ${fraction >= 1 ? 1 : 0}`,
    })
    .where(
      and(eq(practiceDays.id, row.id), sql`json_extract(coalesce(${practiceDays.answers}, '{}'), ${key}) IS NULL`),
    );
  return practiceView(db, user, now);
}
