import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { offlineCredits, users } from "../../schema";
import { offlineYearStatement } from "../../worker/courses/years";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree, makeUser } from "../fixtures";
import { insertCompletion, publishedCourse } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let cadre: { id: string; username: string };
// The study year in Asia/Shanghai (the test tree's zone).
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
/** A moment given as Shanghai wall time. */
const shanghai = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);

/** A completion written past the Worker, with its study year kept as the Worker's writes keep it. */
const completion = (userId: string, courseId: string, at: number, hours: number, status = "credited") =>
  insertCompletion({ userId, courseId, orgId: tree.branchA.id, status: status as "credited", hours, completedAt: at });

async function offline(userId: string, day: string, hours: number) {
  await db().batch([
    db().insert(offlineCredits).values({
      id: newId(),
      userId,
      orgId: tree.branchA.id,
      sourceMeetingId: newId(),
      title: "集中学习",
      studiedOn: day,
      hours,
      createdAt: Date.now(),
    }),
    offlineYearStatement(db(), [userId], Number(day.slice(0, 4))),
  ]);
}

beforeAll(async () => {
  tree = await makeTree();
  cadre = await makeUser("cadreM", [[tree.branchA, "member"]]);
  await db().update(users).set({ cadre: true }).where(eq(users.id, cadre.id));
  const school = await as(tree.publisher);
  const [c1, c2, c3] = [
    await publishedCourse(school, tree.school.id),
    await publishedCourse(school, tree.school.id),
    await publishedCourse(school, tree.school.id),
  ];
  // Just after midnight on 1 January in Shanghai: still 31 December in UTC, January in the branch.
  await completion(tree.memA.id, c1!.id, shanghai(`${year}-01-01`, "00:30:00"), 2);
  await completion(tree.memA.id, c2!.id, shanghai(`${year}-03-15`, "10:00:00"), 1.5);
  // Flagged, not credited: it counts nowhere, not in a month either.
  await completion(tree.memA.id, c3!.id, shanghai(`${year}-03-16`, "10:00:00"), 4, "flagged");
  // Last year's hours stay out of this year's months.
  await completion(tree.secA.id, c1!.id, shanghai(`${year - 1}-12-31`, "23:30:00"), 3);
  await offline(tree.memA.id, `${year}-03-20`, 1);
  // A cadre's offline hours are shown beside the quota but never counted, in a month or in the total.
  await completion(cadre.id, c1!.id, shanghai(`${year}-02-10`, "09:00:00"), 1);
  await offline(cadre.id, `${year}-02-11`, 5);
});

const months = (entries: Record<number, number>) => Array.from({ length: 12 }, (_, i) => entries[i + 1] ?? 0);

describe("study hours per month (the chart of the year against the quota)", () => {
  it("my study counts each month's credited and offline hours in the branch's zone, adding up to the total", async () => {
    const mine = (await (await as(tree.memA)).get("/api/study/mine")).body;
    expect(mine.months).toEqual(months({ 1: 2, 3: 2.5 }));
    expect(mine.months.reduce((a: number, b: number) => a + b, 0)).toBe(mine.counted);
    const asCadre = (await (await as(cadre)).get("/api/study/mine")).body;
    expect(asCadre.months).toEqual(months({ 2: 1 }));
    expect(asCadre.counted).toBe(1);
  });

  it("a secretary's drill-down shows the member's own months", async () => {
    const sec = await as(tree.secA);
    const drill = (await sec.get(`/api/study/members/${tree.memA.id}`)).body;
    expect(drill.months).toEqual(months({ 1: 2, 3: 2.5 }));
  });

  it("another branch's secretary does not read the months of this branch's members", async () => {
    const secB = await as(tree.secB);
    const drill = await secB.get(`/api/study/members/${tree.memA.id}`);
    expect([403, 404]).toContain(drill.status);
    expect(drill.body.months).toBeUndefined();
  });
});
