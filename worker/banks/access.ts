import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { questionBanks, questions } from "../../schema";
import type { Role } from "../../schema/orgs/values";
import { authorizePath, requireUser } from "../auth/authorize";
import type { AppEnv } from "../env";
import { getDb } from "../lib/db";
import { notFound } from "../lib/errors";

/** Banks are written and read by the party school or committee that owns them. */
export const BANK_ROLES: readonly Role[] = ["school", "admin"];

export async function authorizedBank(c: Context<AppEnv>, id: string, roles = BANK_ROLES) {
  const [bank] = await getDb(c.env.DB).select().from(questionBanks).where(eq(questionBanks.id, id));
  authorizePath(requireUser(c), bank?.ownerPath, roles, "bank");
  return bank as typeof questionBanks.$inferSelect;
}

/** One query: the question with its bank's owner path. */
export async function authorizedQuestion(c: Context<AppEnv>, id: string, roles = BANK_ROLES) {
  const [row] = await getDb(c.env.DB)
    .select({ question: questions, bank: questionBanks })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(eq(questions.id, id));
  if (!row) throw notFound("question");
  authorizePath(requireUser(c), row.bank.ownerPath, roles, "question");
  return row;
}
