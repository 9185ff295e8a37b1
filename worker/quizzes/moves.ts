import { quizzes } from "../../schema";
import { orgMoving, rebase } from "../orgs";

// A quiz's owner and audience are copied for the member's list and the managers' checks: they follow a move.
orgMoving.on(async (move) => [rebase(move, quizzes, "ownerPath"), rebase(move, quizzes, "audiencePath")]);
