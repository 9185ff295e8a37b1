import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { questionCategories, questions, questionVersions } from "../../schema";
import type { QuestionBody } from "../../schema/banks/types";
import type { SlotSpec } from "../../schema/quizzes/types";
import type { Db } from "../lib/db";
import { conflict } from "../lib/errors";

export interface Drawn {
  questionId: string;
  versionId: string;
  points: number;
  order: string[] | null;
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  const r = new Uint32Array(a.length);
  crypto.getRandomValues(r);
  for (let i = a.length - 1; i > 0; i--) {
    const j = (r[i] as number) % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

const cols = {
  id: questions.id,
  versionId: questions.versionId,
  body: questionVersions.body,
  defaultPoints: questionVersions.defaultPoints,
};

/** Fixes the questions, versions, points and option order of a new attempt: one batched round trip. */
export async function drawQuestions(
  db: Db,
  slots: SlotSpec[],
  shuffleQuestions: boolean,
  shuffleOptions: boolean,
): Promise<Drawn[]> {
  const fixedIds = slots.flatMap((s) => (s.questionId ? [s.questionId] : []));
  const randoms = slots.filter((s) => !s.questionId);
  const spare = fixedIds.length + randoms.reduce((n, s) => n + (s.count ?? 1), 0);
  const base = () =>
    db.select(cols).from(questions).innerJoin(questionVersions, eq(questionVersions.id, questions.versionId));
  const queries = [
    base().where(and(inArray(questions.id, fixedIds.length ? fixedIds : [""]), isNull(questions.archivedAt))),
    ...randoms.map((s) => {
      const where: SQL[] = [isNull(questions.archivedAt)];
      if (s.includeSubcategories)
        where.push(
          sql`${questions.categoryPath} LIKE (SELECT ${questionCategories.path} FROM ${questionCategories} WHERE ${questionCategories.id} = ${s.categoryId}) || '%'`,
        );
      else where.push(eq(questions.categoryId, s.categoryId as string));
      if (s.difficulty) where.push(eq(questions.difficulty, s.difficulty));
      if (s.tags?.length) where.push(sql`EXISTS (SELECT 1 FROM json_each(${questions.tags}) WHERE value IN ${s.tags})`);
      return base()
        .where(and(...where))
        .orderBy(sql`random()`)
        .limit(spare);
    }),
  ];
  const results = (await db.batch(queries as [(typeof queries)[0], ...(typeof queries)[0][]])) as {
    id: string;
    versionId: string;
    body: QuestionBody;
    defaultPoints: number;
  }[][];
  const fixed = new Map((results[0] ?? []).map((r) => [r.id, r]));
  const used = new Set<string>();
  const picked: { row: { id: string; versionId: string; body: QuestionBody }; points: number }[] = [];
  let k = 1;
  for (const s of slots) {
    if (s.questionId) {
      const row = fixed.get(s.questionId);
      if (!row) throw conflict("a fixed question of this quiz is gone", { questionId: s.questionId });
      used.add(row.id);
      picked.push({ row, points: s.points });
      continue;
    }
    const pool = (results[k++] ?? []).filter((r) => !used.has(r.id));
    const n = s.count ?? 1;
    if (pool.length < n)
      throw conflict("not enough questions in a category for this quiz", {
        categoryId: s.categoryId,
        needed: n,
        found: pool.length,
      });
    for (const row of pool.slice(0, n)) {
      used.add(row.id);
      picked.push({ row, points: s.points });
    }
  }
  const ordered = shuffleQuestions ? shuffle(picked) : picked;
  return ordered.map(({ row, points }) => {
    const b = row.body;
    let order: string[] | null = null;
    if (b.type === "single" || b.type === "multiple")
      order = shuffleOptions ? shuffle(b.options.map((o) => o.id)) : b.options.map((o) => o.id);
    // Right-hand sides are always shuffled: their stored order is the key.
    if (b.type === "matching") order = shuffle([...new Set(b.pairs.map((p) => p.right))]);
    return { questionId: row.id, versionId: row.versionId, points, order };
  });
}
