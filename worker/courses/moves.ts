import { courses, planItems } from "../../schema";
import { orgMoving, rebase } from "../orgs";

// The school's path on a course (who edits, which rules credit it) and the plan's org on its items (whose
// members it assigns, read by "my study" as one IN over the member's ancestors) follow a move.
orgMoving.on(async (move) => [rebase(move, courses, "schoolPath"), rebase(move, planItems, "orgPath")]);
