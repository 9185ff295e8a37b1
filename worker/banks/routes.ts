import "./moves";
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
import { rootsFor } from "../auth";
import { decodeCsv } from "../lib/csv";
import { ApiError, invalid } from "../lib/errors";
import { page } from "../lib/pagination";
import { createAuthedRouter } from "../lib/router";
import { v } from "../lib/validate";
import { attachment, sheetFile } from "../lib/xlsx";
import { authorizedOrg, getOrg } from "../orgs";
import { authorizedBank, authorizedQuestion, BANK_ROLES, publishRoot } from "./access";
import { parseGift, toGift } from "./gift";
import { localizedNotes, localizedProblems } from "./importText";
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
import { readQuestionSheet, toSheet } from "./sheet";

const MAX_IMPORT = 2_000_000;

export const bankRoutes = createAuthedRouter()
  .get("/", async (c) => {
    const roots = rootsFor(c.var.user, BANK_ROLES);
    return c.json({ items: await listBanks(c.var.db, roots) });
  })
  .post("/", v("json", createBankBody), async (c) => {
    const body = c.req.valid("json");
    const owner = await authorizedOrg(c.var, body.ownerOrgId, BANK_ROLES);
    const practice = body.practiceOrgId ? await getOrg(c.var.db, body.practiceOrgId) : null;
    // Practice reaches the owner's committee subtree at most (a school serves its committee's members).
    if (body.practiceOrgId && !practice?.path.startsWith(publishRoot(owner.path))) {
      throw invalid("the practice audience is outside the owner's committee", [
        { path: "practiceOrgId", code: "out_of_scope" },
      ]);
    }
    return c.json(await createBank(c.var.db, c.var.user.id, owner, practice ?? null, body.name), 201);
  })
  .get("/:id", v("param", idParam), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    return c.json({ ...bank, categories: await listCategories(c.var.db, bank.id) });
  })
  .post("/:id/categories", v("param", idParam), v("json", createCategoryBody), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(await createCategory(c.var.db, bank, body.parentId, body.name), 201);
  })
  .get("/:id/questions", v("param", idParam), v("query", questionListQuery), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    const q = c.req.valid("query");
    return c.json(page(await listQuestions(c.var.db, bank, q), q.limit, q.offset));
  })
  .post("/:id/questions", v("param", idParam), v("json", questionInput), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(
      await createQuestion(c.var.db, c.var.user.id, bank, {
        ...body,
        body: body.body as QuestionBody,
        type: body.body.type,
      }),
      201,
    );
  })
  .post("/:id/import", v("param", idParam), v("query", importQuery), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    const { format, categoryId } = c.req.valid("query");
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > MAX_IMPORT) throw new ApiError(413, "too_large", "the file is larger than 2 MB");
    const parsed = format === "gift" ? parseGift(decodeCsv(bytes)) : await readQuestionSheet(bytes);
    const locale = c.var.user.locale;
    const notes = localizedNotes(parsed.notes, locale);
    const refused = (errors: Parameters<typeof localizedProblems>[0]) =>
      c.json({ imported: 0, errors: localizedProblems(errors, locale), notes }, 422);
    if (parsed.errors.length) return refused(parsed.errors);
    if (parsed.questions.length === 0) return refused([{ code: "no_questions" }]);
    const result = await importDrafts(c.var.db, c.var.user.id, bank, parsed.questions, categoryId);
    if (result.errors.length) return refused(result.errors);
    return c.json({ ...result, notes }, 200);
  })
  .get("/:id/export", v("param", idParam), v("query", importQuery), async (c) => {
    const bank = await authorizedBank(c.var, c.req.valid("param").id);
    const { format, categoryId } = c.req.valid("query");
    const drafts = await exportDrafts(c.var.db, bank, categoryId);
    if (format !== "gift") {
      const { table, omitted } = toSheet(drafts);
      // Matching questions have no place in the template: say how many were left out.
      return sheetFile(c, format, `bank-${bank.id}`, table, { "X-Questions-Omitted": String(omitted) });
    }
    c.header("Content-Disposition", attachment(`bank-${bank.id}.gift.txt`));
    return c.text(toGift(drafts));
  });

export const questionRoutes = createAuthedRouter()
  .get("/:id", v("param", idParam), async (c) => {
    const { question } = await authorizedQuestion(c.var, c.req.valid("param").id);
    const full = await questionWithVersion(c.var.db, question.id);
    return c.json({ ...full, stemHtml: renderText(full.current.stem, full.current.format) });
  })
  .patch("/:id", v("param", idParam), v("json", questionUpdate), async (c) => {
    const { question } = await authorizedQuestion(c.var, c.req.valid("param").id);
    const body = c.req.valid("json");
    return c.json(
      await updateQuestion(c.var.db, c.var.user.id, question, {
        ...body,
        body: body.body as QuestionBody,
        type: body.body.type,
      }),
    );
  })
  .post("/:id/archive", v("param", idParam), async (c) => {
    const { question } = await authorizedQuestion(c.var, c.req.valid("param").id);
    await archiveQuestion(c.var.db, question.id);
    return c.json({ ok: true as const });
  });
