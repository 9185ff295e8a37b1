import { bastionScores } from "../../schema";
import { orgMoving, rebase } from "../orgs";

// The overview pages scores through an index holding the branch's path: the path follows a move (found
// by the branch's id, which leads the scores' unique index).
orgMoving.on(async (move) => [rebase(move, bastionScores, "orgPath", "orgId")]);
