import { questionBanks } from "../../schema";
import { orgMoving, rebase } from "../orgs";

// A bank's owner and practice audience are copied for one range per subtree read: they follow a move.
orgMoving.on(async (move) => [
  rebase(move, questionBanks, "ownerPath"),
  rebase(move, questionBanks, "practiceOrgPath"),
]);
