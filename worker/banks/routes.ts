import { Hono } from "hono";
import type { QuestionBody } from "../../schema/banks/types";
import {
  createBankBody,
  createCategoryBody,
  importQuery,
  questionInput,
  questionListQuery,
  questionUpdate,
} from "../../schema/banks/validation";
import { idParam } from "../../schema/common/validation";
import { requireUser, rootsFor } from "../auth/authorize";
import type { AppEnv } from "../env";
import { CSV_CONTENT_TYPE } from "../lib/csv";
import { getDb } from "../lib/db";
import { ApiError, invalid } from "../lib/errors";
import { page } from "../lib/pagination";
import { v } from "../lib/validate";
import { authorizedOrg } from "../orgs/access";
import { parentPath } from "../orgs/paths";
import { getOrg } from "../orgs/service";
import { decodeCsv } from "../roster/import";
import { authorizedBank, authorizedQuestion, BANK_ROLES } from "./access";
import { parseGift, toGift } from "./gift";
import { localizedNotes } from "./importNotes";
import { renderText } from "./markdown";
import {
  archiveQuestion,
  createBank,
  createCategory,
  createQuestion,
  exportDrafts,
  importDrafts,
  listBanks,
  listCategories,
  listQuestions,
  questionWithVersion,
  updateQuestion,
} from "./service";
import { parseSheet, toSheet } from "./sheet";

const MAX_IMPORT = 2_000_000;

export const bankRoutes = new Hono<AppEnv>()
  .get("/banks", async (c) => {
    const roots = rootsFor(requireUser(c), BANK_ROLES);
    return c.json({ items: await listBanks(getDb(c.env.DB), roots) });
  })
  .post("/banks", v("json", createBankBody), async (c) => {
    const body = c.req.valid("json");
    const owner = await authorizedOrg(c, body.ownerOrgId, BANK_ROLES);
    const practice = body.practiceOrgId ? await getOrg(getDb(c.env.DB), body.practiceOrgId) : null;
    // Practice reaches the owner's committee subtree at most (a school serves its committee's members).
    if (body.practiceOrgId && !practice?.path.startsWith(parentPath(owner.path) || owner.path)) {
      throw invalid("the practice audience is outside the owner's committee", [
        { path: "practiceOrgId", code: "out_of_scope" },
      ]);
    }
    return c.json(await createBank(getDb(c.env.DB), requireUser(c).id, owner, practice ?? null, body.name), 201);
  })
  .get("/banks/:id", v("param", idParam), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    return c.json({ ...bank, categories: await listCategories(getDb(c.env.DB), bank.id) });
  })
  .post("/banks/:id/categories", v("param", idParam), v("json", createCategoryBody), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(await createCategory(getDb(c.env.DB), bank, body.parentId, body.name), 201);
  })
  .get("/banks/:id/questions", v("param", idParam), v("query", questionListQuery), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await listQuestions(getDb(c.env.DB), bank, q), q.limit, q.offset));
  })
  .post("/banks/:id/questions", v("param", idParam), v("json", questionInput), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(
      await createQuestion(getDb(c.env.DB), requireUser(c).id, bank, {
        ...body,
        body: body.body as QuestionBody,
        type: body.body.type,
      }),
      201,
    );
  })
  .post("/banks/:id/import", v("param", idParam), v("query", importQuery), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    const { format, categoryId } = c.req.valid("query");
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > MAX_IMPORT) throw new ApiError(413, "too_large", "the file is larger than 2 MB");
    const text = decodeCsv(bytes);
    const parsed = format === "gift" ? parseGift(text) : { ...parseSheet(text), notes: [] };
    const notes = localizedNotes(parsed.notes, requireUser(c).locale);
    if (parsed.errors.length) return c.json({ imported: 0, errors: parsed.errors, notes }, 422);
    if (parsed.questions.length === 0) {
      const errors = [{ line: 0, code: "no_questions", message: "no questions found" }];
      return c.json({ imported: 0, errors, notes }, 422);
    }
    const result = await importDrafts(getDb(c.env.DB), requireUser(c).id, bank, parsed.questions, categoryId);
    return c.json({ ...result, notes }, result.errors.length ? 422 : 200);
  })
  .get("/banks/:id/export", v("param", idParam), v("query", importQuery), async (c) => {
    const bank = await authorizedBank(c, c.req.valid("param").id);
    const { format, categoryId } = c.req.valid("query");
    const drafts = await exportDrafts(getDb(c.env.DB), bank, categoryId);
    if (format === "csv") {
      const { csv, omitted } = toSheet(drafts);
      // Matching questions have no place in the template: say how many were left out.
      c.header("X-Questions-Omitted", String(omitted));
      c.header("Content-Disposition", `attachment; filename="bank-${bank.id}.csv"`);
      return c.body(csv, 200, { "Content-Type": CSV_CONTENT_TYPE });
    }
    c.header("Content-Disposition", `attachment; filename="bank-${bank.id}.gift.txt"`);
    return c.text(toGift(drafts));
  })
  .get("/questions/:id", v("param", idParam), async (c) => {
    const { question } = await authorizedQuestion(c, c.req.valid("param").id);
    const full = await questionWithVersion(getDb(c.env.DB), question.id);
    return c.json({ ...full, stemHtml: renderText(full.current.stem, full.current.format) });
  })
  .patch("/questions/:id", v("param", idParam), v("json", questionUpdate), async (c) => {
    const { question } = await authorizedQuestion(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(
      await updateQuestion(getDb(c.env.DB), requireUser(c).id, question, {
        ...body,
        body: body.body as QuestionBody,
        type: body.body.type,
      }),
    );
  })
  .post("/questions/:id/archive", v("param", idParam), async (c) => {
    const { question } = await authorizedQuestion(c, c.req.valid("param").id);
    await archiveQuestion(getDb(c.env.DB), question.id);
    return c.json({ ok: true as const });
  });
