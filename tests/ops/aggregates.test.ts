import { applyD1Migrations, createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { devCases, memberships, orglifeMeetings, orgs, studyYears, users } from "../../schema";
import { hashPassword } from "../../worker/auth/password";
import type { AggregateMessage, Env } from "../../worker/env";
import worker from "../../worker/index";
import { getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { as, makeOrg, makeUser, ORIGIN, PASSWORD } from "../fixtures";
import { runCron } from "../lib/cron";
import { putDirectory } from "../lib/directory";

// A province (the embedded tenant) above a city tenant (DB_OTHER): the city publishes its year in
// counts through the queue once a day; the province's committee reads them; no person crosses.

const year = 2031;
const publishTick = Date.UTC(year, 5, 1, 18, 5); // the first tick after 18:00 UTC
let province: Awaited<ReturnType<typeof makeOrg>>;
let city: Awaited<ReturnType<typeof makeOrg>>;
let elsewhere: Awaited<ReturnType<typeof makeOrg>>;
const cityPeople: string[] = [];

const directory = () => [
  { id: "home", name: "省", hosts: ["app.test"], binding: "DB", root: "/" },
  {
    id: "other",
    name: "乙市",
    hosts: ["other.test"],
    binding: "DB_OTHER",
    root: "/",
    parent: "home",
    parentOrg: city.id,
  },
];
const sent: AggregateMessage[] = [];
const queue = {
  send: async (body: AggregateMessage) => void sent.push(body),
  sendBatch: async (msgs: { body: AggregateMessage }[]) => void sent.push(...msgs.map((m) => m.body)),
};
const tenantsEnv = () => ({ ...env, DIRECTORY: env.TEST_DIRECTORY, EVAL_QUEUE: queue }) as unknown as Env;

async function tick(now: number) {
  sent.length = 0;
  await runCron(tenantsEnv(), now);
  return [...sent];
}

async function deliver(messages: AggregateMessage[]) {
  const batch = createMessageBatch(
    "vanguard-evaluations",
    messages.map((body, i) => ({ id: `a${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, tenantsEnv(), ctx);
  return getQueueResult(batch, ctx);
}

async function report(cookie: string, orgId: string) {
  const res = await worker.fetch(
    new Request(`${ORIGIN}/api/orgs/${orgId}/tenant-reports?year=${year}`, { headers: { Cookie: cookie } }) as never,
    tenantsEnv(),
    createExecutionContext(),
  );
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  await applyD1Migrations(env.DB_OTHER, env.TEST_MIGRATIONS);
  province = await makeOrg(null, "省委", "committee");
  city = await makeOrg(province, "乙市委（在省的树上）", "committee");
  elsewhere = await makeOrg(province, "丙市委", "committee");
  await putDirectory(directory());
  // The city's own tree and people, in its own database.
  const db = getDb(env.DB_OTHER);
  const now = Date.now();
  const branch = newId();
  await db.insert(orgs).values({
    id: branch,
    parentId: null,
    path: `/${branch}/`,
    name: "乙市某支部",
    kind: "branch",
    orgType: "community",
    createdAt: now,
  });
  for (const name of ["张三", "李四", "王五"]) {
    const id = newId();
    cityPeople.push(id, name);
    await db.insert(users).values({
      id,
      username: `city-${id}`,
      displayName: name,
      ...(await hashPassword(PASSWORD)),
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(memberships).values({ id: newId(), userId: id, orgId: branch, role: "member", startedAt: now });
  }
  // A second tree in the same tenant, with 张三 in it too: still one person of the tenant's three.
  const second = newId();
  await db.insert(orgs).values({
    id: second,
    parentId: null,
    path: `/${second}/`,
    name: "乙市另一支部",
    kind: "branch",
    orgType: "community",
    createdAt: now,
  });
  await db
    .insert(memberships)
    .values({ id: newId(), userId: cityPeople[0] as string, orgId: second, role: "member", startedAt: now });
  await db.insert(studyYears).values({ userId: cityPeople[0] as string, year, onlineHours: 12.5, offlineHours: 3 });
  await db.insert(devCases).values({
    id: newId(),
    userId: cityPeople[0] as string,
    orgId: branch,
    stage: "activist",
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(orglifeMeetings).values({
    id: newId(),
    branchId: branch,
    kind: "branch_meeting",
    topic: "学习",
    meetingOn: `${year}-03-02`,
    status: "held",
    createdBy: cityPeople[0] as string,
    createdAt: now,
  });
});

describe("figures published to the tenant above", () => {
  it("sends the city's year in counts on the publishing tick only, addressed to the province", async () => {
    expect(await tick(publishTick - 30 * 60_000)).toEqual([]);
    const [message, ...more] = await tick(publishTick);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ kind: "aggregate", to: "home", from: "other", year });
    expect(message?.figures).toMatchObject({
      members: 3,
      study: { hours: 12.5, offlineHours: 3 },
      development: { activist: 1 },
      meetings: { branch_meeting: 1 },
    });
    // An attacker reading the message (or the province's table) finds no person: no id, no name.
    const text = JSON.stringify(message);
    for (const p of cityPeople) expect(text).not.toContain(p);
  });

  it("is read by the province's committee under the place the city sits, and nowhere else", async () => {
    // Another moment of the publishing window: the tick at publishTick ran once already (cron_ticks).
    const [message] = await tick(publishTick + 60_000);
    const acks = await deliver([message as AggregateMessage]);
    expect(acks.explicitAcks).toEqual(["a0"]);

    const admin = await as(await makeUser("省管理员", [[province, "admin"]]));
    const read = await report(admin.cookie, province.id);
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([
      expect.objectContaining({ tenant: "other", name: "乙市", url: "https://other.test", figures: message?.figures }),
    ]);
    // A committee beside the city sees no city; someone without rights over the province is refused.
    const beside = await as(await makeUser("丙市管理员", [[elsewhere, "admin"]]));
    expect((await report(beside.cookie, elsewhere.id)).body.items).toEqual([]);
    expect((await report(beside.cookie, province.id)).status).toBe(404);
  });

  it("keeps the newest publication when an older one arrives late", async () => {
    const [newer] = await tick(publishTick + 86_400_000);
    const older = {
      ...(newer as AggregateMessage),
      publishedAt: publishTick - 86_400_000,
      figures: { ...(newer as AggregateMessage).figures, members: 99 },
    };
    await deliver([newer as AggregateMessage]);
    await deliver([older]);
    const admin = await as(await makeUser("省管理员2", [[province, "admin"]]));
    expect((await report(admin.cookie, province.id)).body.items[0].figures.members).toBe(3);
  });
});
