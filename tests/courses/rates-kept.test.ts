import { env } from "cloudflare:test";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { courseCompletions, courses, curriculumPlans, memberships, orgs, planItems, users } from "../../schema";
import { studyCourseRates } from "../../worker/courses/report";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { getOrg } from "../../worker/orgs";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meteredDb, meterStatements } from "../lib/scale";
import { insertCompletion, postPlan, publishedCourse } from "./helpers";

// The course rates of a subtree count people (a member of two branches once) and are kept as served
// (kept_report_pages, worker/lib/kept.ts). After each kind of write that changes them, and after a due date
// passes, the served answer must equal the rule computed here afresh from the source rows, and the read
// after it must be the kept row.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let school: Client;
let both: { id: string; username: string };
let course: { late: string; soon: string; elective: string };

interface Rates {
  courses: {
    courseId: string;
    title: string;
    assigned: number;
    completed: number;
    overdue: number;
    rate: number | null;
  }[];
  nextOffset: number | null;
  flagged: { id: string; userId: string; courseId: string; name: string; orgName: string }[];
}

/**
 * The rule, afresh from the source rows: every active person with a live membership of role member in the
 * subtree, once, reached by the study plan items on any of their branches or above (secretary items if they
 * are a secretary anywhere); a course required if any reaching item is, overdue when required, its earliest
 * required due date before `now`, and not credited. Flagged: their flagged completions, the oldest first.
 */
async function rule(orgId: string, now = Date.now()): Promise<Rates> {
  const org = (await getOrg(db(), orgId))!;
  const held = await db()
    .select({
      userId: memberships.userId,
      role: memberships.role,
      path: orgs.path,
      orgName: orgs.name,
      name: users.displayName,
    })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(isNull(memberships.endedAt));
  const secretaries = new Set(held.filter((m) => m.role === "secretary").map((m) => m.userId));
  const people = new Map<string, { name: string; branches: { path: string; orgName: string }[] }>();
  for (const m of held) {
    if (m.role !== "member" || !m.path.startsWith(org.path)) continue;
    const p = people.get(m.userId) ?? { name: m.name, branches: [] };
    p.branches.push({ path: m.path, orgName: m.orgName });
    people.set(m.userId, p);
  }
  const items = await db()
    .select({ item: planItems, title: courses.title })
    .from(planItems)
    .innerJoin(curriculumPlans, and(eq(curriculumPlans.id, planItems.planId), eq(curriculumPlans.purpose, "study")))
    .innerJoin(courses, eq(courses.id, planItems.courseId));
  const published = await db().select({ id: courses.id, status: courses.status }).from(courses);
  const live = new Set(published.filter((c) => c.status !== "draft").map((c) => c.id));
  const completions = await db().select().from(courseCompletions);
  const titles = new Map(items.map((i) => [i.item.courseId, i.title]));
  const byCourse = new Map<string, { assigned: number; completed: number; overdue: number }>();
  for (const [userId, p] of people) {
    const reach = new Map<string, { required: boolean; due: number | null }>();
    for (const { item } of items) {
      if (!live.has(item.courseId) || (item.audience === "secretary" && !secretaries.has(userId))) continue;
      if (!p.branches.some((b) => b.path.startsWith(item.orgPath))) continue;
      const r = reach.get(item.courseId) ?? { required: false, due: null };
      if (item.required) {
        r.required = true;
        if (item.dueAt != null) r.due = r.due == null ? item.dueAt : Math.min(r.due, item.dueAt);
      }
      reach.set(item.courseId, r);
    }
    for (const [courseId, r] of reach) {
      const c = byCourse.get(courseId) ?? { assigned: 0, completed: 0, overdue: 0 };
      const credited = completions.some(
        (x) => x.userId === userId && x.courseId === courseId && x.status === "credited",
      );
      c.assigned++;
      if (credited) c.completed++;
      else if (r.required && r.due != null && r.due < now) c.overdue++;
      byCourse.set(courseId, c);
    }
  }
  const rows = [...byCourse].map(([courseId, c]) => ({
    courseId,
    title: titles.get(courseId)!,
    ...c,
    rate: c.assigned ? c.completed / c.assigned : null,
  }));
  rows.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.courseId < b.courseId ? -1 : 1));
  const flagged = completions
    .filter((x) => x.status === "flagged" && people.has(x.userId))
    .sort((a, b) => a.completedAt - b.completedAt || (a.id < b.id ? -1 : 1))
    .map((x) => {
      const p = people.get(x.userId)!;
      const first = [...p.branches].sort((a, b) => (a.path < b.path ? -1 : 1))[0]!;
      return {
        id: x.id,
        userId: x.userId,
        courseId: x.courseId,
        title: titles.get(x.courseId) ?? "",
        status: x.status,
        hours: x.hours,
        completedAt: x.completedAt,
        name: p.name,
        orgName: first.orgName,
      };
    });
  return { courses: rows, nextOffset: null, flagged };
}

const keptRows = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM kept_report_pages").first<{ n: number }>())!.n;

const served = async (orgId: string) => {
  const r = await admin.get(`/api/orgs/${orgId}/study-report/courses`);
  expect(r.status).toBe(200);
  return { courses: r.body.items, nextOffset: r.body.nextOffset, flagged: r.body.flagged } as Rates;
};

/**
 * The org's rates as served equal the rule afresh; the read after it is the kept row (a point lookup: no
 * member's row read, nothing stored) and equal to it.
 */
async function servedFresh(orgId: string, label: string) {
  const answer = await served(orgId);
  expect(answer, label).toEqual(await rule(orgId));
  const org = (await getOrg(db(), orgId))!;
  const { db: metered, meter } = meteredDb();
  expect(await studyCourseRates(metered, org, { limit: 50, offset: 0 }), label).toEqual(answer);
  expect(meter.statements, label).toBe(1);
  expect(meter.rowsRead, label).toBeLessThan(8);
  return answer;
}

/** The committee's and both branches' rates, kept, then served fresh after `write`. */
async function afterWrite(label: string, write: () => Promise<unknown>) {
  const ids = [tree.committee.id, tree.branchA.id, tree.branchB.id];
  for (const id of ids) await servedFresh(id, `${label}: before`);
  await write();
  const [committee, a, b] = [
    await servedFresh(ids[0]!, label),
    await servedFresh(ids[1]!, label),
    await servedFresh(ids[2]!, label),
  ];
  const of = (r: Rates, courseId: string) => r.courses.find((c) => c.courseId === courseId);
  return { committee, a, b, of };
}

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
  school = await as(tree.publisher);
  const [late, soon, elective] = [
    await publishedCourse(school, tree.school.id, undefined, { title: "甲 必修已逾期" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "乙 必修快到期" }),
    await publishedCourse(school, tree.school.id, undefined, { title: "丙 选修" }),
  ];
  course = { late: late.id, soon: soon.id, elective: elective.id };
  expect(
    (
      await postPlan(admin, tree.committee.id, "年度计划", [
        { courseId: late.id, required: true, dueAt: Date.now() + DAY },
        { courseId: soon.id, required: true, dueAt: Date.now() + 2 * HOUR },
      ])
    ).status,
  ).toBe(201);
  // Both branches make the elective theirs: a member of both is reached by it twice.
  for (const b of [tree.branchA, tree.branchB])
    expect((await postPlan(admin, b.id, "支部计划", [{ courseId: elective.id, required: false }])).status).toBe(201);
  await db()
    .update(planItems)
    .set({ dueAt: Date.now() - DAY })
    .where(eq(planItems.courseId, late.id));
  both = await makeUser("both", [
    [tree.branchA, "member"],
    [tree.branchB, "member"],
  ]);
  const at = Date.now() - 1000;
  await insertCompletion({
    userId: both.id,
    courseId: late.id,
    orgId: tree.branchA.id,
    status: "credited",
    hours: 1,
    completedAt: at,
  });
  await insertCompletion({
    userId: both.id,
    courseId: soon.id,
    orgId: tree.branchB.id,
    status: "flagged",
    hours: 1,
    completedAt: at,
  });
});

describe("the course rates count people", () => {
  it("a member of two branches of the committee is one assigned person, completed or overdue once", async () => {
    const committee = await served(tree.committee.id);
    const of = (id: string) => committee.courses.find((c) => c.courseId === id);
    // secA, secB, memA, memB and the member of both branches: five people.
    expect(of(course.late)).toMatchObject({ assigned: 5, completed: 1, overdue: 4, rate: 0.2 });
    expect(of(course.soon)).toMatchObject({ assigned: 5, completed: 0, overdue: 0 });
    expect(of(course.elective)).toMatchObject({ assigned: 5, completed: 0, overdue: 0 });
    // Their flagged completion is one to review, not one per branch.
    expect(committee.flagged.map((f) => f.userId)).toEqual([both.id]);
    expect(committee).toEqual(await rule(tree.committee.id));
    // A branch's own view is unchanged: its members, each once.
    const a = await served(tree.branchA.id);
    expect(a.courses.find((c) => c.courseId === course.late)).toMatchObject({ assigned: 3, completed: 1, overdue: 2 });
    expect(a).toEqual(await rule(tree.branchA.id));
  });

  it("the next read is the kept row: the session check and one point lookup, nothing computed or stored", async () => {
    await served(tree.committee.id);
    const kept = await meterStatements(() => admin.get(`/api/orgs/${tree.committee.id}/study-report/courses`));
    expect(kept.result.status).toBe(200);
    // One round trip: the session check, the org and the kept row's one statement, nothing else.
    expect(kept.statements.map((s) => s.sql.split(" ")[0])).toEqual(["SELECT", "SELECT", "SELECT"]);
    expect(kept.statements[2]!.sql).toMatch(/^SELECT \(SELECT .* FROM kept_report_pages WHERE key = \?2 /);
    expect(kept.roundTrips).toBe(1);
    expect(kept.statements.some((s) => s.sql.includes("kept_report_pages (key"))).toBe(false);
    expect(kept.rowsRead).toBeLessThan(12);
  });
});

describe("the kept course rates are never stale", () => {
  it("after a completion is credited, flagged, accepted or rejected", async () => {
    const credited = await afterWrite("credited", () =>
      insertCompletion({
        userId: tree.memB.id,
        courseId: course.late,
        orgId: tree.branchB.id,
        status: "credited",
        hours: 1,
        completedAt: Date.now() - 500,
      }),
    );
    expect(credited.of(credited.committee, course.late)).toMatchObject({ completed: 2, overdue: 3 });
    let flaggedId = "";
    const flagged = await afterWrite("flagged", async () => {
      await insertCompletion({
        userId: tree.memA.id,
        courseId: course.soon,
        orgId: tree.branchA.id,
        status: "flagged",
        hours: 1,
        completedAt: Date.now() - 400,
      });
      flaggedId = (await db().select().from(courseCompletions).where(eq(courseCompletions.userId, tree.memA.id))).find(
        (c) => c.status === "flagged",
      )!.id;
    });
    expect(flagged.a.flagged.map((f) => f.id)).toContain(flaggedId);
    const accepted = await afterWrite("accepted", async () =>
      expect((await admin.post(`/api/completions/${flaggedId}/review`, { decision: "accept" })).status).toBe(200),
    );
    expect(accepted.of(accepted.a, course.soon)).toMatchObject({ completed: 1 });
    expect(accepted.a.flagged.map((f) => f.id)).not.toContain(flaggedId);
    const bothFlagged = accepted.committee.flagged[0]!.id;
    const rejected = await afterWrite("rejected", async () =>
      expect((await admin.post(`/api/completions/${bothFlagged}/review`, { decision: "reject" })).status).toBe(200),
    );
    expect(rejected.committee.flagged).toEqual([]);
  });

  it("after plan items are added or changed and a course is renamed or withdrawn", async () => {
    const extra = await publishedCourse(school, tree.school.id, undefined, { title: "丁 新增必修" });
    const added = await afterWrite("item added", async () =>
      expect(
        (
          await postPlan(admin, tree.branchB.id, "补充计划", [
            { courseId: extra.id, required: true, dueAt: Date.now() - HOUR },
          ])
        ).status,
      ).toBe(201),
    );
    expect(added.of(added.b, extra.id)).toMatchObject({ assigned: 3, overdue: 3 });
    expect(added.of(added.a, extra.id)).toBeUndefined();
    const moved = await afterWrite("item due moved", () =>
      db()
        .update(planItems)
        .set({ dueAt: Date.now() + 30 * DAY })
        .where(eq(planItems.courseId, extra.id)),
    );
    expect(moved.of(moved.b, extra.id)).toMatchObject({ overdue: 0 });
    const renamed = await afterWrite("course renamed", () =>
      db().update(courses).set({ title: "丁 改名必修" }).where(eq(courses.id, extra.id)),
    );
    expect(renamed.of(renamed.committee, extra.id)?.title).toBe("丁 改名必修");
    const withdrawn = await afterWrite("course withdrawn", () =>
      db().update(courses).set({ status: "draft" }).where(eq(courses.id, extra.id)),
    );
    expect(withdrawn.of(withdrawn.committee, extra.id)).toBeUndefined();
  });

  it("after people join, leave, become secretaries, are renamed or deactivated, and a branch is renamed", async () => {
    let newcomer = { id: "" };
    const joined = await afterWrite("joined", async () => {
      newcomer = await makeUser("newcomer", [[tree.branchA, "member"]]);
    });
    expect(joined.of(joined.committee, course.late)).toMatchObject({ assigned: 6 });
    // The member of both branches leaves branch B: still one person of the committee, no longer of B.
    const left = await afterWrite("left one branch", () =>
      db()
        .update(memberships)
        .set({ endedAt: Date.now() })
        .where(and(eq(memberships.userId, both.id), eq(memberships.orgId, tree.branchB.id))),
    );
    expect(left.of(left.committee, course.late)).toMatchObject({ assigned: 6 });
    expect(left.of(left.b, course.late)).toMatchObject({ assigned: 2 });
    const forSecretaries = await publishedCourse(school, tree.school.id, undefined, { title: "己 书记必修" });
    await postPlan(admin, tree.committee.id, "书记计划", [
      { courseId: forSecretaries.id, required: true, audience: "secretary" },
    ]);
    const secretary = await afterWrite("became a secretary", () =>
      db().insert(memberships).values({
        id: newId(),
        userId: newcomer.id,
        orgId: tree.branchA.id,
        role: "secretary",
        startedAt: Date.now(),
      }),
    );
    // secA, secB and now the newcomer.
    expect(secretary.of(secretary.committee, forSecretaries.id)).toMatchObject({ assigned: 3 });
    await insertCompletion({
      userId: newcomer.id,
      courseId: course.elective,
      orgId: tree.branchA.id,
      status: "flagged",
      hours: 1,
      completedAt: Date.now() - 300,
    });
    const renamed = await afterWrite("person renamed", () =>
      db().update(users).set({ displayName: "改名后" }).where(eq(users.id, newcomer.id)),
    );
    expect(renamed.a.flagged.find((f) => f.userId === newcomer.id)?.name).toBe("改名后");
    const branch = await afterWrite("branch renamed", () =>
      db().update(orgs).set({ name: "新名支部" }).where(eq(orgs.id, tree.branchA.id)),
    );
    expect(branch.committee.flagged.find((f) => f.userId === newcomer.id)?.orgName).toBe("新名支部");
    const gone = await afterWrite("deactivated", () =>
      db().update(users).set({ active: false }).where(eq(users.id, newcomer.id)),
    );
    expect(gone.of(gone.committee, course.late)).toMatchObject({ assigned: 5 });
  });

  it("after a due date passes: kept until the soonest due date, then computed afresh", async () => {
    const org = (await getOrg(db(), tree.committee.id))!;
    const now = Date.now();
    const range = { limit: 50, offset: 0 };
    const before = await studyCourseRates(db(), org, range, now);
    expect(before).toEqual(await rule(org.id, now));
    const [soonItem] = await db().select().from(planItems).where(eq(planItems.courseId, course.soon));
    const { results } = await env.DB.prepare("SELECT valid_until AS v FROM kept_report_pages WHERE key LIKE ?")
      .bind(`${org.id} ["courses"%`)
      .all<{ v: number }>();
    expect(results.map((r) => r.v)).toEqual([soonItem!.dueAt! + 1]);
    const later = soonItem!.dueAt! + 1;
    const after = await studyCourseRates(db(), org, range, later);
    expect(after).toEqual(await rule(org.id, later));
    expect(after.courses.find((c) => c.courseId === course.soon)!.overdue).toBeGreaterThan(
      before.courses.find((c) => c.courseId === course.soon)!.overdue,
    );
  });
});

describe("who may read the course rates", () => {
  it("a caller of another subtree or a plain member is refused, and nothing is computed or kept for them", async () => {
    await served(tree.branchA.id);
    const before = await keptRows();
    const refused = [
      [await as(tree.secB), tree.branchA.id, 404],
      [await as(tree.memA), tree.branchA.id, 403],
      [await as(tree.secA), tree.committee.id, 404],
    ] as const;
    for (const [client, orgId, status] of refused)
      for (const query of ["", "?limit=7&offset=1"]) {
        const res = await client.get(`/api/orgs/${orgId}/study-report/courses${query}`);
        expect(res.status).toBe(status);
        expect(res.body.items).toBeUndefined();
        expect(res.body.flagged).toBeUndefined();
      }
    expect(await keptRows()).toBe(before);
  });

  it("attacker: branch A's secretary learns nothing of branch B, whatever the committee has kept", async () => {
    const secA = await as(tree.secA);
    // The committee's rates kept (they count branch B's people); branch A's secretary reads its own branch.
    await served(tree.committee.id);
    const mine = async () => (await secA.get(`/api/orgs/${tree.branchA.id}/study-report/courses`)).body;
    // A member of both branches: what reaches them through branch B stays out of branch A's view.
    await makeUser("bridge", [
      [tree.branchA, "member"],
      [tree.branchB, "member"],
    ]);
    const first = await mine();
    expect(first.flagged.every((f: { orgName: string }) => f.orgName !== "村支部")).toBe(true);
    // A write in branch B (a completion, a plan item, a newcomer) leaves what A's secretary reads unchanged.
    const other = await publishedCourse(school, tree.school.id, undefined, { title: "戊 村支部专题" });
    await postPlan(admin, tree.branchB.id, "村支部专题", [{ courseId: other.id, required: true }]);
    await makeUser("bNew", [[tree.branchB, "member"]]);
    await insertCompletion({
      userId: tree.secB.id,
      courseId: course.elective,
      orgId: tree.branchB.id,
      status: "flagged",
      hours: 1,
      completedAt: Date.now() - 200,
    });
    expect(await mine()).toEqual(first);
    // The writes landed: the committee's rates show them.
    const committee = await served(tree.committee.id);
    expect(committee.courses.find((c) => c.courseId === other.id)).toMatchObject({ assigned: 4 });
    expect(committee.flagged.map((f) => f.userId)).toContain(tree.secB.id);
    // And the committee's kept page answers only to the committee: guessing its key through another org fails.
    for (const orgId of [tree.committee.id, tree.branchB.id]) {
      const res = await secA.get(`/api/orgs/${orgId}/study-report/courses`);
      expect([403, 404]).toContain(res.status);
      expect(res.body.items).toBeUndefined();
    }
    const sub = await makeOrg(tree.committee, "街道工委", "committee");
    expect((await secA.get(`/api/orgs/${sub.id}/study-report/courses`)).status).toBe(404);
  });
});

describe("what a first read costs", () => {
  it("a branch's rates read its own members' completions, not the tenant's: another tree's grow, its cost does not", async () => {
    const branchA = (await getOrg(db(), tree.branchA.id))!;
    // Another committee's tree of 60 people.
    const elsewhere = await makeOrg(null, "另一市委", "committee");
    const far = await makeOrg(elsewhere, "另一支部", "branch", "village");
    const people = [];
    for (let i = 0; i < 60; i++) people.push(await makeUser(`far${i}`, [[far, "member"]]));
    // The rows the statements that compute the page read (not the kept row's write and the sweep beside it).
    // A page size not asked before is a page not kept yet: each call computes.
    let limit = 40;
    const firstRead = async () => {
      const m = await meterStatements(() => studyCourseRates(db(), branchA, { limit: limit--, offset: 0 }));
      const computing = m.statements.filter((s) => s.sql.startsWith("WITH members") || s.sql.includes("'flagged'"));
      expect(computing).toHaveLength(2);
      return computing.reduce((n, s) => n + s.rowsRead, 0);
    };
    const before = await firstRead();
    // Each of them gets a credited and a flagged completion.
    const at = Date.now() - 1000;
    const rows = people.flatMap((p) =>
      [
        [course.late, "credited"],
        [course.elective, "flagged"],
      ].map(([courseId, status]) => ({
        id: newId(),
        userId: p.id,
        courseId: courseId!,
        orgId: far.id,
        status: status as "credited" | "flagged",
        hours: 1,
        checkpointPassed: true,
        completedAt: at,
      })),
    );
    for (const write of chunkedInserts(db(), courseCompletions, rows)) await write;
    // The old plans read each of them (about 5 rows a completion). A seek per member may now read one row more
    // where its index range used to end the index (random ids put the new rows anywhere), nothing else.
    expect((await firstRead()) - before).toBeLessThan(rows.length / 20);
  });
});
