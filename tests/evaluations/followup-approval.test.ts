import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { dayOf } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { DAY, followupsFor } from "./helpers";

// A branch's proposal (劝其退党, 除名) awaits a committee above: its admins are told in the batch that
// records it, once; never the proposer, the member, the branch, or another tree.

let tree: Awaited<ReturnType<typeof makeTree>>;
let sec: Client;
let admin: Client;
let admin2: { id: string; username: string };
let outsider: { id: string; username: string };
const m: { id: string; username: string }[] = [];
let f: Record<string, string>;

const ago = (n: number) => dayOf(Date.now() - n * DAY);
async function ok(c: Client, id: string, step: string, takenOn: string, extra: Record<string, unknown> = {}) {
  const r = await c.post(`/api/eval-followups/${id}/steps`, {
    step,
    takenOn,
    actor: "支部委员会",
    decision: "同意",
    evidence: "会议记录",
    ...extra,
  });
  if (r.status !== 201) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.body)}`);
}
const educatedAndDue = async (id: string) => {
  await ok(sec, id, "plan", ago(190), { dueOn: ago(120) });
  await ok(sec, id, "talk", ago(180));
  await ok(sec, id, "deadline", ago(100), { dueOn: ago(10) });
};
const persuade = { entitled: 9, for: 8, against: 1, abstain: 0 };
const approvals = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "followup_approval")));

beforeAll(async () => {
  tree = await makeTree();
  for (let i = 0; i < 2; i++) m.push(await makeUser(`不合格${i}`, [[tree.branchA, "member"]]));
  admin2 = await makeUser("admin2", [[tree.committee, "admin"]]);
  outsider = await makeUser("outsider", [[await makeOrg(null, "别的市委", "committee"), "admin"]]);
  [sec, admin] = await Promise.all([as(tree.secA), as(tree.admin)]);
  f = await followupsFor(
    admin,
    tree.committee.id,
    tree.branchA.id,
    m.map((x) => x.id),
    tree.secA.id,
    200,
  );
});

describe("a follow-up proposal awaiting approval", () => {
  it("tells the committees' admins once, linking to the follow-up they may open", async () => {
    const id = f[m[0]!.id]!;
    await educatedAndDue(id);
    for (const u of [tree.admin, admin2]) expect(await approvals(u.id)).toHaveLength(0);
    await ok(sec, id, "persuade", ago(5), persuade);
    for (const u of [tree.admin, admin2]) {
      const [notice, ...more] = await approvals(u.id);
      expect(more).toHaveLength(0);
      expect(notice).toMatchObject({
        link: `/evaluations/followups/${id}`,
        params: { person: "不合格0", step: "persuade" },
      });
    }
    for (const u of [tree.secA, m[0]!, outsider, tree.secB]) expect(await approvals(u.id)).toHaveLength(0);
    expect((await admin.get(`/api/eval-followups/${id}`)).status).toBe(200);
  });

  it("a proposal recorded by one admin goes to the other only", async () => {
    const id = f[m[1]!.id]!;
    await educatedAndDue(id);
    await ok(admin, id, "persuade", ago(5), persuade);
    expect((await approvals(admin2.id)).map((n) => n.link)).toContain(`/evaluations/followups/${id}`);
    expect((await approvals(tree.admin.id)).map((n) => n.link)).not.toContain(`/evaluations/followups/${id}`);
  });
});
