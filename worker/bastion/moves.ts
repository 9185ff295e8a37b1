import { eq } from "drizzle-orm";
import { bastionScores } from "../../schema";
import { orgMoving, orgRenaming, rebase } from "../orgs";

// The overview pages scores through indexes holding the branch's path and name: the path follows a move
// (found by the branch's id, which leads the scores' unique index), the name a rename, in their own batch.
orgMoving.on(async (move) => [rebase(move, bastionScores, "orgPath", "orgId")]);
orgRenaming.on(async ({ db, org, name }) => [
  db.update(bastionScores).set({ orgName: name }).where(eq(bastionScores.orgId, org.id)),
]);
