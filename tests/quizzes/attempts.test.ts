import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents, attemptSlots, quizAttempts } from "../../schema";
import { hasPassedQuiz } from "../../worker/quizzes/service";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { runCron } from "../lib/cron";
import { type Bank, makeBank, makeQuiz, quizSetup, rightResponse, SECRETS, slotsOf, type Tree } from "./helpers";

let tree: Tree, school: Client, member: Client, bank: Bank;
let slots: ReturnType<typeof slotsOf>;

beforeAll(async () => {
  ({ tree, school, member, bank } = await quizSetup());
  slots = slotsOf(bank, ["single", "multiple", "tf", "fill", "num", "match", "essay"]);
});

const start = async (c: Client, quizId: string) => {
  const r = await c.post(`/api/quizzes/${quizId}/attempts`);
  expect([200, 201]).toContain(r.status);
  return r;
};

describe("an attempt, from start to review", () => {
  it("fixes questions at start, never leaks keys, saves idempotently, grades once, reviews as allowed", async () => {
    const quizId = await makeQuiz(school, tree, slots, { timeLimitSec: 600, shuffleQuestions: true });
    const seen: unknown[] = [];
    const rec = <T extends { body: unknown }>(r: T) => {
      seen.push(r.body);
      return r;
    };
    rec(await member.get("/api/my/quizzes"));
    rec(await member.get(`/api/my/quizzes/${quizId}`));
    const started = rec(await start(member, quizId));
    expect(started.status).toBe(201);
    const a = started.body;
    expect(a.questions).toHaveLength(7);
    expect(a.deadline - a.startedAt).toBe(600_000);
    // Resuming (reload, another device) returns the same attempt and the same order.
    const again = rec(await start(member, quizId));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(a.id);
    expect(again.body.questions.map((q: { stemHtml: string }) => q.stemHtml)).toEqual(
      a.questions.map((q: { stemHtml: string }) => q.stemHtml),
    );
    const other = await as(await makeUser("other", [[tree.branchA, "member"]]));
    await other.get("/api/me");
    for (const q of a.questions) {
      const r = rec(
        await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: rightResponse(q), seq: 1 }),
      );
      expect(r.status).toBe(200);
      expect(r.body.saved).toBe(true);
    }
    // A newer save lands, an older one (a late offline replay) changes nothing, a replay of the same is harmless.
    const newer = rec(
      await member.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: rightResponse(a.questions[0]), seq: 5 }),
    );
    expect(newer.body).toMatchObject({ saved: true, seq: 5 });
    const older = rec(
      await member.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: { text: "old" }, seq: 3 }),
    );
    expect(older.body).toMatchObject({ saved: false, seq: 5 });
    const same = rec(
      await member.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: rightResponse(a.questions[0]), seq: 5 }),
    );
    expect(same.body).toMatchObject({ saved: true, seq: 5 });
    // Someone else cannot save into it, nor read it.
    expect(
      (await other.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: { text: "x" }, seq: 9 })).status,
    ).toBe(404);
    expect((await other.get(`/api/attempts/${a.id}`)).status).toBe(404);
    const resumed = rec(await member.get(`/api/attempts/${a.id}`));
    expect(resumed.body.questions.every((q: { response: unknown }) => q.response !== null)).toBe(true);
    // Make the attempt plausible in time (the flag is tested separately).
    await db()
      .update(quizAttempts)
      .set({ startedAt: Date.now() - 300_000 })
      .where(eq(quizAttempts.id, a.id));
    const submitted = rec(await member.post(`/api/attempts/${a.id}/submit`));
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe("closed");
    // Right after: the score only (review options), pending the essay.
    expect(submitted.body.score).toBe(12);
    expect(submitted.body.maxScore).toBe(14);
    expect(submitted.body.pending).toBe(1);
    rec(await member.get(`/api/attempts/${a.id}`));
    const text = JSON.stringify(seen);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).not.toMatch(
      /"fraction"|"rightAnswer"|"feedbackHtml"|"generalFeedbackHtml"|"correctness"|"answers"|"tolerance"|"value":19219|"texts"/,
    );

    // The essay: graded by a person, then the attempt passes and the archive records it once.
    const queue = await school.get(`/api/quizzes/${quizId}/grading`);
    expect(queue.body.items).toHaveLength(1);
    const item = queue.body.items[0];
    expect(
      (await member.post(`/api/attempts/${item.attemptId}/slots/${item.slot}/grade`, { fraction: 1 })).status,
    ).toBe(404);
    expect(
      (
        await school.post(`/api/attempts/${item.attemptId}/slots/${item.slot}/grade`, {
          fraction: 0.5,
          comment: "不错",
        })
      ).status,
    ).toBe(200);
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row).toMatchObject({ score: 13, pendingCount: 0, passed: true });
    expect(await hasPassedQuiz(db(), tree.memA.id, quizId)).toBe(true);
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.memberId, tree.memA.id), eq(archiveEvents.subjectId, quizId)));
    expect(events.filter((e) => e.kind === "quiz.passed")).toHaveLength(1);

    // After close the review shows everything the matrix allows.
    await school.patch(`/api/quizzes/${quizId}`, { closeAt: Date.now() - 1 });
    await db()
      .update(quizAttempts)
      .set({ submittedAt: Date.now() - 600_000 })
      .where(eq(quizAttempts.id, a.id));
    const review = await member.get(`/api/attempts/${a.id}`);
    expect(review.body.reviewTime).toBe("closed");
    const rtext = JSON.stringify(review.body);
    expect(rtext).toContain("GFSECRET");
    expect(rtext).toContain("不错");
    expect(review.body.questions.find((q: { type: string }) => q.type === "fill").rightAnswer).toEqual({
      texts: ["FILLKEY", "fillkey2"],
    });
  });

  it("two tabs submitting at once grade once", async () => {
    const quizId = await makeQuiz(school, tree, slots.slice(0, 3));
    const a = (await start(member, quizId)).body;
    for (const q of a.questions)
      await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: rightResponse(q), seq: 1 });
    await db()
      .update(quizAttempts)
      .set({ startedAt: Date.now() - 300_000 })
      .where(eq(quizAttempts.id, a.id));
    const tab2 = await as(tree.memA);
    const [x, y] = await Promise.all([
      member.post(`/api/attempts/${a.id}/submit`),
      tab2.post(`/api/attempts/${a.id}/submit`),
    ]);
    expect(x.status).toBe(200);
    expect(y.status).toBe(200);
    expect(x.body.score).toBe(6);
    expect(y.body.score).toBe(6);
    const events = await db()
      .select()
      .from(archiveEvents)
      .where(and(eq(archiveEvents.subjectId, quizId), eq(archiveEvents.kind, "quiz.passed")));
    expect(events).toHaveLength(1);
    // Saving after submit is refused and changes nothing.
    const late = await member.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: { choice: "o2" }, seq: 5 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("attempt_closed");
  });

  it("past the deadline the next request closes the attempt with the saved answers; a late save is refused", async () => {
    const quizId = await makeQuiz(school, tree, slots.slice(0, 3), { timeLimitSec: 60 });
    const a = (await start(member, quizId)).body;
    const first = a.questions[0];
    await member.request("PUT", `/api/attempts/${a.id}/slots/${first.slot}`, {
      response: rightResponse(first),
      seq: 1,
    });
    await db()
      .update(quizAttempts)
      .set({ deadline: Date.now() - 10_000 })
      .where(eq(quizAttempts.id, a.id));
    const late = await member.request("PUT", `/api/attempts/${a.id}/slots/${a.questions[1].slot}`, {
      response: { value: true },
      seq: 1,
    });
    expect(late.status).toBe(409);
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row?.state).toBe("closed");
    expect(row?.closedBy).toBe("deadline");
    expect(row?.score).toBe(2);
    const saved = await db().select().from(attemptSlots).where(eq(attemptSlots.attemptId, a.id));
    expect(saved.filter((s) => s.response !== null)).toHaveLength(1);
  });

  it("the cron closes abandoned attempts, once, and is idempotent", async () => {
    const quizId = await makeQuiz(school, tree, slots.slice(0, 2), { timeLimitSec: 60 });
    const memB = await as(tree.memB);
    const a = (await start(memB, quizId)).body;
    await memB.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: rightResponse(a.questions[0]), seq: 3 });
    await db()
      .update(quizAttempts)
      .set({ deadline: Date.now() - 60_000 })
      .where(eq(quizAttempts.id, a.id));
    for (let i = 0; i < 2; i++) {
      await runCron(env, Date.now() + i);
    }
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row).toMatchObject({ state: "closed", closedBy: "cron", score: 2 });
    // An attempt left half-graded (a crash between claim and write) is claimed again after five minutes.
    const b = (await start(member, quizId)).body;
    await db()
      .update(quizAttempts)
      .set({ state: "grading", submittedAt: Date.now() - 10 * 60_000 })
      .where(eq(quizAttempts.id, b.id));
    await runCron(env, Date.now());
    const [stuck] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, b.id));
    expect(stuck?.state).toBe("closed");
  });

  it("limits attempts, honours per-member extra attempts and time, and flags implausible timing", async () => {
    const quizId = await makeQuiz(school, tree, slots.slice(0, 3), { attemptsAllowed: 1, timeLimitSec: 120 });
    const a = (await start(member, quizId)).body;
    for (const q of a.questions)
      await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: rightResponse(q), seq: 1 });
    await member.post(`/api/attempts/${a.id}/submit`);
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row?.flag).toBe("too_fast");
    const refused = await member.post(`/api/quizzes/${quizId}/attempts`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("no_attempts_left");
    expect(
      (
        await school.post(`/api/quizzes/${quizId}/overrides`, {
          userId: tree.memA.id,
          extraAttempts: 1,
          extraTimeSec: 60,
        })
      ).status,
    ).toBe(200);
    const b = (await start(member, quizId)).body;
    expect(b.number).toBe(2);
    expect(b.deadline - b.startedAt).toBe(180_000);
  });
});

describe("rights", () => {
  it("another subtree's quiz is 404; members cannot edit banks or see statistics", async () => {
    const otherTree = await makeTree();
    const otherSchool = await as(otherTree.publisher);
    const otherBank = await makeBank(otherSchool, otherTree);
    const foreign = await makeQuiz(otherSchool, otherTree, [{ questionId: otherBank.q.single, points: 1 }]);
    expect((await member.get(`/api/my/quizzes/${foreign}`)).status).toBe(404);
    expect((await member.post(`/api/quizzes/${foreign}/attempts`)).status).toBe(404);
    expect((await school.get(`/api/quizzes/${foreign}`)).status).toBe(404);
    expect((await school.get(`/api/banks/${otherBank.bankId}`)).status).toBe(404);
    // A quiz may not draw from someone else's bank.
    const steal = await school.post("/api/quizzes", {
      ownerOrgId: tree.school.id,
      audienceOrgId: tree.committee.id,
      title: "x",
      slots: [{ questionId: otherBank.q.single, points: 1 }],
    });
    expect(steal.status).toBe(422);
    // Members: banks are not theirs.
    expect((await member.get(`/api/banks/${bank.bankId}`)).status).toBe(404);
    expect((await member.post(`/api/banks/${bank.bankId}/questions`, {})).status).toBe(400);
    expect(
      (
        await member.patch(`/api/questions/${bank.q.single}`, {
          categoryId: "x",
          name: "x",
          stem: "x",
          body: { type: "essay" },
        })
      ).status,
    ).toBe(404);
    expect((await member.post("/api/banks", { ownerOrgId: tree.school.id, name: "mine" })).status).toBe(404);
    const quizId = await makeQuiz(school, tree, slots.slice(0, 1));
    expect((await member.get(`/api/quizzes/${quizId}/stats`)).status).toBe(404);
    const secB = await as(tree.secB);
    expect((await secB.get(`/api/quizzes/${quizId}/stats`)).status).toBe(404);
    // An unpublished quiz is invisible to members.
    const draft = await makeQuiz(school, tree, slots.slice(0, 1), { published: false });
    expect((await member.post(`/api/quizzes/${draft}/attempts`)).status).toBe(404);
  });
});
