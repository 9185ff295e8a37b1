import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  courseCompletions,
  evalDecisions,
  lessonProgress,
  ratingRounds,
  ratings,
  serviceRecords,
  talentSteps,
  talentTerms,
  vanguardScores,
} from "../../schema";
import { MIN_K } from "../../schema/masses/values";
import { dayOf } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { evidenceOf } from "../../worker/talent/evidence";
import { publishedCourse, textLesson } from "../courses/helpers";
import { closedCycle } from "../evaluations/helpers";
import { as, db, makeTree, makeUser } from "../fixtures";
import { meterStatements, tally } from "../lib/scale";
import { fullAssessment, nominated } from "./helpers";

const DAY = 86_400_000;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

/** The records of one member of branch B: study, a closed appraisal, an index, service, pledges kept. */
async function records(memberId: string, grade: "excellent" | "qualified") {
  const now = Date.now();
  const b = tree.branchB;
  const course = await publishedCourse(await as(tree.publisher), tree.school.id);
  await db()
    .insert(courseCompletions)
    .values({
      id: newId(),
      userId: memberId,
      courseId: course.id,
      orgId: b.id,
      status: "credited",
      hours: 12,
      checkpointPassed: true,
      completedAt: now - DAY,
    });
  const cycleId = await closedCycle(tree.committee, b, {
    label: "上年度",
    periodStart: now - 300 * DAY,
    periodEnd: now - 10 * DAY,
    closesAt: now - 11 * DAY,
    createdAt: now - 300 * DAY,
  });
  await db()
    .insert(evalDecisions)
    .values({ cycleId, memberId, grade, decidedBy: tree.secB.id, decidedAt: now - 12 * DAY });
  await db()
    .insert(vanguardScores)
    .values({
      id: newId(),
      memberId,
      orgId: b.id,
      periodStart: now - 300 * DAY,
      periodEnd: now - 10 * DAY,
      modelId: "m",
      modelVersion: 1,
      score: 84.5,
      status: "scored",
      inputs: {},
      explanation: {},
      computedAt: now,
    });
  await db()
    .insert(serviceRecords)
    .values({
      id: newId(),
      memberId,
      orgId: b.id,
      category: "other",
      servedOn: dayOf(now - 20 * DAY),
      servedAt: now - 20 * DAY,
      hours: 6,
      place: "村委会",
      peopleServed: 4,
      description: "帮扶困难户",
      status: "confirmed",
      createdAt: now,
    });
  const roundId = newId();
  await db()
    .insert(ratingRounds)
    .values({
      id: roundId,
      orgId: b.id,
      target: "pledge",
      title: "评诺",
      items: [],
      kThreshold: MIN_K,
      closesAt: now - 5 * DAY,
      headHash: "x",
      createdBy: tree.secB.id,
      createdAt: now - 30 * DAY,
    });
  await db()
    .insert(ratings)
    .values(
      Array.from({ length: MIN_K }, (_, i) => ({
        id: newId(),
        roundId,
        orgId: b.id,
        rateeId: memberId,
        seq: i + 1,
        answers: { p: i < 4 ? "kept" : "not_kept" } as never,
        commentStatus: "none" as const,
        createdAt: now - 6 * DAY,
        prevHash: "p",
        hash: `h${i}`,
      })),
    );
}

describe("evidence from the records onto a nominee", () => {
  it("shows each record beside the criteria, in one round trip, and keeps a snapshot with the decision", async () => {
    const nominee = await makeUser("evidenced", [[tree.branchB, "member"]]);
    await records(nominee.id, "excellent");
    const counted = await meterStatements(() => evidenceOf(db(), nominee.id, Date.now()));
    const ev = counted.result;
    expect(tally(counted)).toEqual({ roundTrips: 1, statements: 5 });
    expect(ev).toMatchObject({
      study: { online: 12, offline: 0 },
      appraisal: { grade: "excellent" },
      vanguard: { band: "80-89", status: "scored" },
      service: { records: 1, hours: 6 },
      pledges: { share: 0.8, rounds: 1 },
    });
    // The band, never the score.
    expect(JSON.stringify(ev)).not.toContain("84.5");

    const admin = await as(tree.admin);
    const id = await nominated(await as(tree.secB), nominee.id, { on: dayOf(Date.now()) });
    const detail = await admin.get(`/api/talent/reserves/${id}`);
    expect(detail.body.evidence).toMatchObject({ appraisal: { grade: "excellent" }, vanguard: { band: "80-89" } });
    expect(detail.body.rule.body.criteria[0].evidence).toEqual(["appraisal", "study"]);

    const decided = await admin.post(
      `/api/talent/reserves/${id}/assessment`,
      fullAssessment({ on: dayOf(Date.now()) }),
    );
    expect(decided.body.status).toBe("admitted");
    // A later record does not rewrite the decision's evidence.
    await db().update(evalDecisions).set({ grade: "basic" }).where(eq(evalDecisions.memberId, nominee.id));
    const steps = await db().select().from(talentSteps).where(eq(talentSteps.reserveId, id));
    const admitted = steps.find((s) => s.kind === "admitted")!;
    expect((admitted.detail.evidence as { appraisal: { grade: string } }).appraisal.grade).toBe("excellent");
    const after = await admin.get(`/api/talent/reserves/${id}`);
    const shown = after.body.steps.find((s: { kind: string }) => s.kind === "admitted");
    expect(shown.detail.evidence.appraisal.grade).toBe("excellent");
  });

  it("refuses the evidence to anyone outside the branch's subtree, as for an id that does not exist", async () => {
    const nominee = await makeUser("private", [[tree.branchB, "member"]]);
    await records(nominee.id, "qualified");
    const id = await nominated(await as(tree.secB), nominee.id, { on: dayOf(Date.now()) });
    const outsider = await as(tree.secA);
    const theirs = await outsider.get(`/api/talent/reserves/${id}`);
    const none = await outsider.get(`/api/talent/reserves/${newId()}`);
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    const member = await (await as(tree.memB)).get(`/api/talent/reserves/${id}`);
    expect(member.status).toBe(403);
    expect(JSON.stringify(member.body)).not.toContain("qualified");
  });

  it("a nominee without an account has no records to show", async () => {
    const r = await (await as(tree.secB)).post(`/api/orgs/${tree.branchB.id}/talent/nominees`, {
      name: "无账号者",
      standing: "村民小组长",
      track: "activist",
      source: "committee",
      reason: "热心公益",
      on: dayOf(Date.now()),
    });
    const detail = await (await as(tree.admin)).get(`/api/talent/reserves/${r.body.id}`);
    expect(detail.body.evidence).toBeNull();
    expect(detail.body.nominee.standing).toBe("村民小组长");
  });
});

describe("cultivation plan with measured progress", () => {
  async function admitted(name: string) {
    const person = await makeUser(name, [[tree.branchB, "member"]]);
    const id = await nominated(await as(tree.secB), person.id, { on: "2026-01-10" });
    await (await as(tree.admin)).post(`/api/talent/reserves/${id}/assessment`, fullAssessment());
    return { person, id };
  }

  it("measures course, practice post and task items from the records, read per reserve", async () => {
    const { person, id } = await admitted("cultivated");
    const mentor = await makeUser("mentor", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const course = await publishedCourse(await as(tree.publisher), tree.school.id, [
      textLesson(),
      textLesson({ title: "第二课" }),
    ]);
    const term = await admin.post("/api/talent/terms", {
      kind: "practice",
      memberId: person.id,
      title: "驻村协理员",
      place: "village",
      host: "桃源村委会",
      duties: "协助村务",
      startsOn: "2026-03-01",
      endsOn: "2026-06-30",
    });
    expect(term.status).toBe(201);
    const choices = (await admin.get(`/api/talent/reserves/${id}`)).body.practiceTerms;
    expect(choices).toEqual([expect.objectContaining({ id: term.body.id, title: "驻村协理员" })]);
    const plan = await admin.post(`/api/talent/reserves/${id}/plan`, {
      on: "2026-02-05",
      mentorIds: [mentor.id],
      items: [
        { kind: "course", title: "乡村振兴专题", courseId: course.id },
        { kind: "practice", title: "驻村锻炼", termId: term.body.id },
        { kind: "task", title: "牵头一个产业项目" },
      ],
    });
    expect(plan.status).toBe(200);
    const read = async () => (await admin.get(`/api/talent/reserves/${id}/plan`)).body;
    expect((await read()).percent).toBe(0);

    // One of two lessons finished: half the course.
    const now = Date.now();
    await db().insert(lessonProgress).values({
      id: newId(),
      userId: person.id,
      courseId: course.id,
      lessonId: course.lessonIds[0]!,
      versionId: "v",
      openedAt: now,
      percent: 100,
      completedAt: now,
      updatedAt: now,
    });
    expect((await read()).items[0]).toMatchObject({ share: 0.5, lessons: 2, done: 1, hours: 0 });
    expect((await read()).percent).toBe(17);

    // The host's grade closes the practice item.
    const closed = await admin.post(`/api/talent/terms/${term.body.id}/close`, {
      on: dayOf(Date.now()),
      grade: "competent",
      assessment: "完成良好",
    });
    expect(closed.status).toBe(200);
    expect((await read()).items[1]).toMatchObject({ share: 1, grade: "competent" });

    // Only the mentor marks the task done, with a date, once.
    const task = (await read()).items[2];
    const byAdmin = await admin.post(`/api/talent/reserves/${id}/tasks/${task.id}/done`, { on: "2026-05-01" });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.code).toBe("not_mentor");
    const byStranger = await (await as(tree.memA)).post(`/api/talent/reserves/${id}/tasks/${task.id}/done`, {
      on: "2026-05-01",
    });
    expect(byStranger.status).toBe(404);
    const m = await as(mentor);
    const done = await m.post(`/api/talent/reserves/${id}/tasks/${task.id}/done`, { on: "2026-05-01" });
    expect(done.status).toBe(200);
    const twice = await m.post(`/api/talent/reserves/${id}/tasks/${task.id}/done`, { on: "2026-05-02" });
    expect(twice.status).toBe(409);
    // The mentor sees the plan and nothing else of the entry.
    expect((await m.get(`/api/talent/reserves/${id}/plan`)).body).toMatchObject({ mentor: true, percent: 83 });
    expect((await m.get(`/api/talent/reserves/${id}`)).status).toBe(403);
    expect((await (await as(tree.memA)).get(`/api/talent/reserves/${id}/plan`)).status).toBe(404);

    // The credited completion is the whole course, with its verified 学时.
    await db().insert(courseCompletions).values({
      id: newId(),
      userId: person.id,
      courseId: course.id,
      orgId: tree.branchB.id,
      status: "credited",
      hours: 2,
      checkpointPassed: true,
      completedAt: now,
    });
    const full = await read();
    expect(full.items[0]).toMatchObject({ share: 1, hours: 2 });
    expect(full.items[2].doneOn).toBe("2026-05-01");
    expect(full.percent).toBe(100);
  });

  it("refuses a course not in the catalogue, someone else's term and unmeasured items; writes nothing", async () => {
    const { id } = await admitted("refusedPlan");
    const other = await makeUser("otherMember", [[tree.branchB, "member"]]);
    const mentor = await makeUser("mentor2", [[tree.branchB, "member"]]);
    const admin = await as(tree.admin);
    const othersTerm = await admin.post("/api/talent/terms", {
      kind: "practice",
      memberId: other.id,
      title: "社区网格员",
      place: "community",
      host: "社区",
      duties: "网格",
      startsOn: "2026-03-01",
      endsOn: "2026-06-30",
    });
    const draft = await (await as(tree.publisher)).post("/api/courses", {
      schoolOrgId: tree.school.id,
      title: "未发布课程",
      summary: "s",
      category: "massline",
      level: "member",
      tags: [],
    });
    const plan = (items: unknown[]) =>
      admin.post(`/api/talent/reserves/${id}/plan`, { on: "2026-02-05", mentorIds: [mentor.id], items });
    const unknown = await plan([{ kind: "course", title: "不存在", courseId: newId() }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: "items.0.courseId", code: "not_in_catalogue" }]);
    const unpublished = await plan([{ kind: "course", title: "草稿", courseId: draft.body.id }]);
    expect(unpublished.body.error.details[0].code).toBe("not_in_catalogue");
    const notTheirs = await plan([{ kind: "practice", title: "x", termId: othersTerm.body.id }]);
    expect(notTheirs.body.error.details).toEqual([{ path: "items.0.termId", code: "not_their_term" }]);
    const unmeasured = await plan([{ kind: "course", title: "无课程" }]);
    expect(unmeasured.body.error.details).toEqual([{ path: "items.0.courseId", code: "required" }]);
    const progress = await admin.get(`/api/talent/reserves/${id}/plan`);
    expect(progress.body).toMatchObject({ percent: null, items: [] });
    const detail = await admin.get(`/api/talent/reserves/${id}`);
    expect(detail.body.steps.some((s: { kind: string }) => s.kind === "planned")).toBe(false);
    const terms = await db().select().from(talentTerms).where(eq(talentTerms.memberId, other.id));
    expect(terms).toHaveLength(1);
  });
});
