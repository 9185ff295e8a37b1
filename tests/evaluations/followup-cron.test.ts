import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { followupsHandled, openFollowupsQuery } from "../../worker/evaluations";
import { dayOf } from "../../worker/lib/day";
import { as, type Client, db, makeOrg, makeUser } from "../fixtures";
import { cron, DAY, followupsFor } from "./helpers";

const ago = (n: number) => dayOf(Date.now() - n * DAY);
const notices = (userId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, "followup_%")));
const plan = (c: Client, id: string, takenOn: string, dueOn: string) =>
  c.post(`/api/eval-followups/${id}/steps`, {
    step: "plan",
    takenOn,
    actor: "支部委员会",
    decision: "帮扶计划",
    evidence: "结对帮扶",
    dueOn,
  });

let province: Awaited<ReturnType<typeof makeOrg>>;
let city: Awaited<ReturnType<typeof makeOrg>>;
let branch: Awaited<ReturnType<typeof makeOrg>>;
let people: { id: string; username: string }[];
let admins: { province: { id: string; username: string }; city: { id: string; username: string } };
let secretary: { id: string; username: string };
let f: Record<string, string>;

beforeAll(async () => {
  province = await makeOrg(null, "省委", "committee");
  city = await makeOrg(province, "市委", "committee");
  branch = await makeOrg(city, "街道支部", "branch", "community");
  admins = {
    province: await makeUser("省委管理员", [[province, "admin"]]),
    city: await makeUser("市委管理员", [[city, "admin"]]),
  };
  secretary = await makeUser("支部书记", [
    [branch, "secretary"],
    [branch, "member"],
  ]);
  people = [];
  for (const name of ["逾期", "将到期", "未到期", "已转变"]) people.push(await makeUser(name, [[branch, "member"]]));
  const cityAdmin = await as(admins.city);
  f = await followupsFor(
    cityAdmin,
    city.id,
    branch.id,
    people.map((p) => p.id),
    secretary.id,
    60,
  );
  const sec = await as(secretary);
  await plan(sec, f[people[0]!.id]!, ago(50), ago(20));
  await plan(sec, f[people[1]!.id]!, ago(50), ago(-3));
  await plan(sec, f[people[2]!.id]!, ago(50), ago(-20));
  const done = f[people[3]!.id]!;
  await plan(sec, done, ago(50), ago(-20));
  for (const step of ["talk", "improved"]) {
    await sec.post(`/api/eval-followups/${done}/steps`, {
      step,
      takenOn: ago(40),
      actor: "支部委员会",
      decision: "经教育已转变",
      evidence: "谈话记录",
    });
  }
});

describe("follow-up warnings from the cron tick", () => {
  it("warns the secretary before a deadline and every committee above once it passed, each once", async () => {
    await cron(Date.now());
    const sec = await notices(secretary.id);
    expect(sec.map((n) => [n.kind, (n.params as { person: string }).person]).sort()).toEqual([
      ["followup_due", "将到期"],
      ["followup_due", "逾期"],
    ]);
    expect(sec.find((n) => (n.params as { person: string }).person === "逾期")).toMatchObject({
      link: `/evaluations/followups/${f[people[0]!.id]}`,
      params: { step: "talk", dueOn: ago(20) },
    });
    for (const admin of [admins.city, admins.province]) {
      const got = await notices(admin.id);
      expect(got.map((n) => [n.kind, (n.params as { person: string }).person])).toEqual([["followup_overdue", "逾期"]]);
    }
    // A second tick sends nothing twice.
    await cron(Date.now() + 60_000);
    expect(await notices(secretary.id)).toHaveLength(2);
    expect(await notices(admins.province.id)).toHaveLength(1);
  });

  it("a new step awaited past its deadline warns again", async () => {
    const sec = await as(secretary);
    const r = await sec.post(`/api/eval-followups/${f[people[0]!.id]}/steps`, {
      step: "talk",
      takenOn: ago(1),
      actor: "支部书记",
      decision: "谈心谈话",
      evidence: "谈话记录",
    });
    expect(r.status).toBe(201);
    await cron(Date.now());
    const got = await notices(admins.city.id);
    expect(got.map((n) => (n.params as { step: string }).step).sort()).toEqual(["deadline", "talk"]);
  });
});

describe("what the evaluations face tells other features", () => {
  it("openFollowupsQuery: only members whose follow-up is still open", async () => {
    const outsider = await makeUser("无关", [[branch, "member"]]);
    const open = await openFollowupsQuery(db(), [...people.map((p) => p.id), outsider.id]);
    expect(open.map((r) => r.memberId).sort()).toEqual(
      people
        .slice(0, 3)
        .map((p) => p.id)
        .sort(),
    );
  });

  it("followupsHandled: per branch of the subtree, opened in the period, closed and overdue; none is missing", async () => {
    const now = Date.now();
    const rows = await followupsHandled(db(), province.path, now - 90 * DAY, now, now);
    expect(rows).toEqual([{ branchId: branch.id, opened: 4, closed: 1, overdue: 1 }]);
    const empty = await makeOrg(province, "无不合格支部", "branch");
    expect(await followupsHandled(db(), empty.path, now - 90 * DAY, now, now)).toEqual([]);
    expect(await followupsHandled(db(), branch.path, now - 30 * DAY, now, now)).toEqual([]);
  });
});
