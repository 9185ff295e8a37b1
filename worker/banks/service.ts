import { and, asc, desc, eq, isNull, like, or, type SQL, sql } from "drizzle-orm";
import { questionBanks, questionCategories, questions, questionVersions } from "../../schema";
import type { QuestionDraft } from "../../schema/banks/types";
import { auditInsert } from "../lib/audit";
import { chunkedInserts, type Db, outer } from "../lib/db";
import { conflict, invalid, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import { containing, likeEscaped } from "../lib/like";
import { inSubtrees } from "../lib/paths";
import type { OrgRow } from "../orgs";
import { checkBody, cleanDraft } from "./drafts";

type Bank = typeof questionBanks.$inferSelect;
type Category = typeof questionCategories.$inferSelect;
const DEFAULT_CATEGORY = "默认";

export async function createBank(db: Db, actorId: string, owner: OrgRow, practice: OrgRow | null, name: string) {
  if (owner.kind !== "school" && owner.kind !== "committee")
    throw invalid("a bank belongs to a party school or a committee");
  const now = Date.now();
  const bank = {
    id: newId(),
    ownerOrgId: owner.id,
    ownerPath: owner.path,
    name,
    practiceOrgPath: practice?.path ?? null,
    createdBy: actorId,
    createdAt: now,
  };
  const catId = newId();
  await db.batch([
    db.insert(questionBanks).values(bank),
    db.insert(questionCategories).values({
      id: catId,
      bankId: bank.id,
      parentId: null,
      path: `/${catId}/`,
      name: DEFAULT_CATEGORY,
      createdAt: now,
    }),
    auditInsert(
      db,
      { actorId, action: "bank.create", entity: "question_bank", entityId: bank.id, orgId: owner.id },
      now,
    ),
  ]);
  return bank;
}

export function listBanks(db: Db, roots: string[]) {
  return db
    .select()
    .from(questionBanks)
    .where(inSubtrees(questionBanks.ownerPath, roots))
    .orderBy(desc(questionBanks.createdAt))
    .limit(200);
}

export async function listCategories(db: Db, bankId: string) {
  return db
    .select({
      id: questionCategories.id,
      parentId: questionCategories.parentId,
      path: questionCategories.path,
      name: questionCategories.name,
      questions: sql<number>`(SELECT count(*) FROM ${questions} WHERE ${questions.categoryId} = ${outer(questionCategories.id)} AND ${questions.archivedAt} IS NULL)`,
    })
    .from(questionCategories)
    .where(eq(questionCategories.bankId, bankId))
    .orderBy(asc(questionCategories.path));
}

async function getCategory(db: Db, bankId: string, id: string) {
  const [cat] = await db
    .select()
    .from(questionCategories)
    .where(and(eq(questionCategories.id, id), eq(questionCategories.bankId, bankId)));
  if (!cat) throw notFound("category");
  return cat;
}

export async function createCategory(db: Db, bank: Bank, parentId: string | null | undefined, name: string) {
  const parent = parentId ? await getCategory(db, bank.id, parentId) : null;
  const id = newId();
  const row = {
    id,
    bankId: bank.id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? "/"}${id}/`,
    name,
    createdAt: Date.now(),
  };
  await db.insert(questionCategories).values(row);
  return row;
}

function rowsFor(actorId: string, bankId: string, cat: Pick<Category, "id" | "path">, d: QuestionDraft, now: number) {
  const problem = checkBody(d.body);
  if (problem) throw invalid(problem, [{ path: "body", code: "invalid", message: problem }]);
  const c = cleanDraft(d);
  const id = newId();
  const versionId = newId();
  return {
    question: {
      id,
      bankId,
      categoryId: cat.id,
      categoryPath: cat.path,
      name: c.name,
      type: c.body.type,
      difficulty: c.difficulty,
      tags: c.tags,
      version: 1,
      versionId,
      createdAt: now,
      updatedAt: now,
    },
    version: {
      id: versionId,
      questionId: id,
      version: 1,
      type: c.body.type,
      stem: c.stem,
      format: c.format,
      body: c.body,
      generalFeedback: c.generalFeedback,
      defaultPoints: c.defaultPoints,
      createdBy: actorId,
      createdAt: now,
    },
  };
}

export async function createQuestion(
  db: Db,
  actorId: string,
  bank: Bank,
  input: QuestionDraft & { categoryId: string },
) {
  const cat = await getCategory(db, bank.id, input.categoryId);
  const r = rowsFor(actorId, bank.id, cat, input, Date.now());
  await db.batch([db.insert(questions).values(r.question), db.insert(questionVersions).values(r.version)]);
  return { ...r.question, current: r.version };
}

/** An edit never changes a stored version: it writes version n+1 and moves the question's pointer. */
export async function updateQuestion(
  db: Db,
  actorId: string,
  q: typeof questions.$inferSelect,
  input: QuestionDraft & { categoryId: string; expectedVersion?: number },
) {
  if (input.expectedVersion !== undefined && input.expectedVersion !== q.version)
    throw conflict("the question changed since you opened it", { version: q.version });
  const cat = await getCategory(db, q.bankId, input.categoryId);
  const problem = checkBody(input.body);
  if (problem) throw invalid(problem, [{ path: "body", code: "invalid", message: problem }]);
  const c = cleanDraft(input);
  const now = Date.now();
  const version = {
    id: newId(),
    questionId: q.id,
    version: q.version + 1,
    type: c.body.type,
    stem: c.stem,
    format: c.format,
    body: c.body,
    generalFeedback: c.generalFeedback,
    defaultPoints: c.defaultPoints,
    createdBy: actorId,
    createdAt: now,
  };
  const [, moved] = await db.batch([
    db.insert(questionVersions).values(version),
    db
      .update(questions)
      .set({
        version: version.version,
        versionId: version.id,
        categoryId: cat.id,
        categoryPath: cat.path,
        name: c.name,
        type: c.body.type,
        difficulty: c.difficulty,
        tags: c.tags,
        updatedAt: now,
      })
      .where(and(eq(questions.id, q.id), eq(questions.version, q.version)))
      .returning({ id: questions.id }),
  ]);
  if (moved.length === 0) throw conflict("the question changed since you opened it");
  return { id: q.id, version: version.version, versionId: version.id };
}

export async function archiveQuestion(db: Db, id: string) {
  await db.update(questions).set({ archivedAt: Date.now() }).where(eq(questions.id, id));
}

export async function listQuestions(
  db: Db,
  bank: Bank,
  q: { categoryId?: string; sub?: "0" | "1"; q?: string; limit: number; offset: number },
) {
  const where: SQL[] = [eq(questions.bankId, bank.id), isNull(questions.archivedAt)];
  if (q.categoryId) {
    if (q.sub === "1") {
      const cat = await getCategory(db, bank.id, q.categoryId);
      where.push(like(questions.categoryPath, `${cat.path}%`));
    } else where.push(eq(questions.categoryId, q.categoryId));
  }
  if (q.q) {
    const pattern = containing(q.q);
    where.push(or(likeEscaped(questions.name, pattern), likeEscaped(questionVersions.stem, pattern)) as SQL);
  }
  return db
    .select({
      id: questions.id,
      name: questions.name,
      type: questions.type,
      categoryId: questions.categoryId,
      difficulty: questions.difficulty,
      tags: questions.tags,
      version: questions.version,
      stem: questionVersions.stem,
      updatedAt: questions.updatedAt,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
    .where(and(...where))
    .orderBy(desc(questions.updatedAt), asc(questions.id))
    .limit(q.limit + 1)
    .offset(q.offset);
}

export async function questionWithVersion(db: Db, id: string) {
  const [row] = await db
    .select({ question: questions, current: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
    .where(eq(questions.id, id));
  if (!row) throw notFound("question");
  return { ...row.question, current: row.current };
}

/** Category names by path, to turn "a/b" into ids and back. */
function categoryIndex(cats: Pick<Category, "id" | "path" | "name">[]) {
  const byId = new Map(cats.map((c) => [c.id, c]));
  const names = (c: Pick<Category, "path">) =>
    c.path
      .split("/")
      .filter(Boolean)
      .map((id) => byId.get(id)?.name ?? "");
  return { byId, names };
}

/**
 * Imports parsed drafts in one atomic batch, creating the categories they name.
 * Questions without a category go to `fallback` (the given one or the bank's default).
 */
export async function importDrafts(db: Db, actorId: string, bank: Bank, drafts: QuestionDraft[], fallbackId?: string) {
  const cats = await db.select().from(questionCategories).where(eq(questionCategories.bankId, bank.id));
  const { names } = categoryIndex(cats);
  const byKey = new Map(cats.map((c) => [names(c).join("/"), c as Pick<Category, "id" | "path">]));
  const fallback = fallbackId
    ? cats.find((c) => c.id === fallbackId)
    : (cats.find((c) => c.parentId === null && c.name === DEFAULT_CATEGORY) ?? cats[0]);
  if (!fallback) throw notFound("category");
  const now = Date.now();
  const newCats: Category[] = [];
  const resolve = (path: string[] | undefined) => {
    if (!path || path.length === 0) return fallback;
    let parent: Pick<Category, "id" | "path"> | null = null;
    for (let i = 0; i < path.length; i++) {
      const key = path.slice(0, i + 1).join("/");
      let found = byKey.get(key);
      if (!found) {
        const id = newId();
        const row: Category = {
          id,
          bankId: bank.id,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? "/"}${id}/`,
          name: path[i] as string,
          createdAt: now,
        };
        newCats.push(row);
        byKey.set(key, row);
        found = row;
      }
      parent = found;
    }
    return parent as Pick<Category, "id" | "path">;
  };
  const errors: { line: number; code: string; message: string }[] = [];
  // createdAt + index keeps the file's order for export.
  const rows = drafts.flatMap((d, i) => {
    try {
      return [rowsFor(actorId, bank.id, resolve(d.categoryPath), d, now + i)];
    } catch (e) {
      errors.push({
        line: (d as { line?: number }).line ?? 0,
        code: "invalid_question",
        message: e instanceof Error ? e.message : String(e),
      });
      return [];
    }
  });
  if (errors.length) return { imported: 0, errors };
  const stmts = [
    ...chunkedInserts(db, questionCategories, newCats),
    ...chunkedInserts(
      db,
      questions,
      rows.map((r) => r.question),
    ),
    ...chunkedInserts(
      db,
      questionVersions,
      rows.map((r) => r.version),
    ),
    auditInsert(
      db,
      {
        actorId,
        action: "bank.import",
        entity: "question_bank",
        entityId: bank.id,
        orgId: bank.ownerOrgId,
        detail: { questions: rows.length },
      },
      now,
    ),
  ];
  await db.batch(stmts as [(typeof stmts)[number], ...(typeof stmts)[number][]]);
  return { imported: rows.length, categories: newCats.length, errors: [] };
}

/** Current versions as drafts, with category paths, for GIFT export. */
export async function exportDrafts(db: Db, bank: Bank, categoryId?: string): Promise<QuestionDraft[]> {
  const cats = await db.select().from(questionCategories).where(eq(questionCategories.bankId, bank.id));
  const { names, byId } = categoryIndex(cats);
  const where: SQL[] = [eq(questions.bankId, bank.id), isNull(questions.archivedAt)];
  const root = categoryId ? byId.get(categoryId) : undefined;
  if (categoryId && !root) throw notFound("category");
  if (root) where.push(like(questions.categoryPath, `${root.path}%`));
  const rows = await db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
    .where(and(...where))
    .orderBy(asc(questions.categoryPath), asc(questions.createdAt), asc(questions.id));
  const key = (path: string) => names({ path }).join("/");
  rows.sort(
    (a, b) =>
      key(a.q.categoryPath).localeCompare(key(b.q.categoryPath)) ||
      a.q.createdAt - b.q.createdAt ||
      a.q.id.localeCompare(b.q.id),
  );
  return rows.map(({ q, v }) => ({
    name: q.name,
    categoryPath: names({ path: q.categoryPath }),
    type: v.type,
    stem: v.stem,
    format: v.format,
    body: v.body,
    generalFeedback: v.generalFeedback,
    defaultPoints: v.defaultPoints,
    difficulty: q.difficulty,
    tags: q.tags,
  }));
}
