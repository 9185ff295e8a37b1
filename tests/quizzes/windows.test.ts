import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dueWork, notifications } from "../../schema";
import { QUIZ_CLOSING_AHEAD } from "../../worker/quizzes/jobs";
import { cron, DAY } from "../evaluations/helpers";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { makeBank, makeQuiz, type Tree } from "./helpers";

// A published quiz tells its audience when it opens and, a day before it closes, reminds who has not
// submitted: each once, from its row in due_work (found through the due_at index, no scan of quizzes).

let tree: Tree;
let school: Client;
let slots: { questionId: string; points: number }[];
let outsider: { id: string; username: string };

const notices = (userId: string, kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  const bank = await makeBank(school, tree);
  slots = [{ questionId: bank.q.tf as string, points: 2 }];
  outsider = await makeUser("outsider", [
    [await makeOrg(await makeOrg(null, "别的市委", "committee"), "支部", "branch"), "member"],
  ]);
});

describe("quiz windows", () => {
  it("opening tells the audience once; closing reminds only who has not submitted, once; both link to the quiz", async () => {
    const now = Date.now();
    const closeAt = now + 3 * DAY;
    const quizId = await makeQuiz(school, tree, slots, {
      audienceOrgId: tree.branchA.id,
      openAt: now - 60_000,
      closeAt,
    });
    await cron(now);
    await cron(now + 15 * 60_000);
    for (const u of [tree.memA, tree.secA]) {
      const [opened, ...more] = await notices(u.id, "quiz_opened");
      expect(more).toHaveLength(0);
      expect(opened).toMatchObject({ link: `/quizzes/take/${quizId}`, dueAt: closeAt, params: { quizId } });
    }
    // Outside the audience's subtree: nothing.
    for (const u of [tree.memB, tree.secB, outsider, tree.publisher])
      expect(await notices(u.id, "quiz_opened")).toHaveLength(0);

    // memA follows the link: the page starts an attempt, which they submit.
    const member = await as(tree.memA);
    const attempt = await member.post(`/api/quizzes/${quizId}/attempts`);
    expect([200, 201]).toContain(attempt.status);
    expect((await member.post(`/api/attempts/${attempt.body.id}/submit`)).status).toBe(200);

    const closing = closeAt - QUIZ_CLOSING_AHEAD + 60_000;
    await cron(closing);
    await cron(closing + 15 * 60_000);
    expect(await notices(tree.secA.id, "quiz_closing")).toHaveLength(1);
    expect(await notices(tree.memA.id, "quiz_closing")).toHaveLength(0);
    expect(await notices(tree.memB.id, "quiz_closing")).toHaveLength(0);
    // Nothing more to say about it: its row is gone.
    expect(await db().select().from(dueWork).where(eq(dueWork.subject, quizId))).toHaveLength(0);
  });

  it("a quiz opening later waits for its moment; an unpublished one says nothing", async () => {
    const now = Date.now();
    const openAt = now + 2 * DAY;
    const later = await makeQuiz(school, tree, slots, { openAt, closeAt: openAt + 5 * DAY });
    const hidden = await makeQuiz(school, tree, slots, { published: false });
    await cron(now);
    expect((await notices(tree.memB.id, "quiz_opened")).filter((n) => n.params.quizId === later)).toHaveLength(0);
    await cron(openAt);
    const got = await notices(tree.memB.id, "quiz_opened");
    expect(got.filter((n) => n.params.quizId === later)).toHaveLength(1);
    expect(got.filter((n) => n.params.quizId === hidden)).toHaveLength(0);
  });
});
