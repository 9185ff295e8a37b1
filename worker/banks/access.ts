import { eq } from "drizzle-orm";
import { questionBanks, questions } from "../../schema";
import type { Role } from "../../schema/orgs/values";
import { authorizePath } from "../auth";
import type { Caller } from "../env";
import { notFound } from "../lib/errors";
import { parentPath } from "../lib/paths";

/** Banks are written and read by the party school or committee that owns them. */
export const BANK_ROLES: readonly Role[] = ["school", "admin"];

/** Where an owner may publish (a quiz, a bank's practice): its parent committee's subtree, as a school serves its committee's members. */
export const publishRoot = (ownerPath: string) => parentPath(ownerPath) || ownerPath;

export async function authorizedBank(caller: Caller, id: string, roles = BANK_ROLES) {
  const [bank] = await caller.db.select().from(questionBanks).where(eq(questionBanks.id, id));
  authorizePath(caller.user, bank?.ownerPath, roles, "bank");
  return bank as typeof questionBanks.$inferSelect;
}

/** One query: the question with its bank's owner path. */
export async function authorizedQuestion(caller: Caller, id: string, roles = BANK_ROLES) {
  const [row] = await caller.db
    .select({ question: questions, bank: questionBanks })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(eq(questions.id, id));
  if (!row) throw notFound("question");
  authorizePath(caller.user, row.bank.ownerPath, roles, "question");
  return row;
}
