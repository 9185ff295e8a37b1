import { env } from "cloudflare:test";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { beforeAll, describe, expect, it } from "vitest";
import { devCases, memberships, users } from "../../schema";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { type RosterPage, rosterPage } from "../../worker/roster/page";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { meteredDb } from "../lib/scale";

let tree: Awaited<ReturnType<typeof makeTree>>;
let big: { id: string; path: string };
// Few names for many people: most of the order is decided by the ties.
const NAMES = ["王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"];
const BIG = 400;
// The route authorizes on the path read beside the page; these calls measure the page alone.
const allowed = () => {};

beforeAll(async () => {
  tree = await makeTree();
  big = await makeOrg(tree.committee, "大支部", "branch");
  const now = Date.now();
  const people = Array.from({ length: BIG }, (_, i) => ({
    id: newId(),
    username: `big-${i}`,
    displayName: NAMES[i % NAMES.length]!,
    active: i % 37 !== 0,
    createdAt: now,
    updatedAt: now,
  }));
  const joined = people.slice(0, BIG - 10).map((p) => ({
    id: newId(),
    userId: p.id,
    orgId: big.id,
    role: "member" as const,
    startedAt: now,
  }));
  // The last ten are in the pipeline, not members: on the roster with their stage.
  const pipeline = people.slice(BIG - 10).map((p, i) => ({
    id: newId(),
    userId: p.id,
    orgId: i % 2 ? big.id : tree.branchA.id,
    stage: (["applicant", "activist", "candidate"] as const)[i % 3]!,
    createdAt: now,
    updatedAt: now,
  }));
  await db().batch([
    ...chunkedInserts(db(), users, people),
    ...chunkedInserts(db(), memberships, joined),
    ...chunkedInserts(db(), devCases, pipeline),
  ] as never);
  // Names tied with the big branch's, in branch A.
  await makeUser("王芳", [[tree.branchA, "member"]]);
  await makeUser("王芳", [[tree.branchA, "member"]]);
});

type Row = { id: string; displayName: string; orgId: string; caseId: string | null; status: string; active: boolean };

/** The whole subtree sorted in one plain statement: what the pages, read one after another, must add up to. */
async function fullSort(orgPath: string, inactive = false) {
  const end = `${orgPath.slice(0, -1)}0`;
  const active = inactive ? "" : "AND u.active = 1";
  const { results } = await env.DB.prepare(
    `SELECT u.id, u.display_name AS displayName, o.id AS orgId FROM orgs o
       JOIN memberships m ON m.org_id = o.id AND m.role = 'member' AND m.ended_at IS NULL
       JOIN users u ON u.id = m.user_id WHERE o.path >= ?1 AND o.path < ?2 ${active}
     UNION ALL
     SELECT u.id, u.display_name, o.id FROM orgs o
       JOIN dev_cases c ON c.org_id = o.id AND c.status = 'open' AND c.stage IN ('applicant', 'activist', 'candidate')
       JOIN users u ON u.id = c.user_id WHERE o.path >= ?1 AND o.path < ?2 ${active}
     ORDER BY 2, 1, 3`,
  )
    .bind(orgPath, end)
    .all<{ id: string; displayName: string; orgId: string }>();
  return results.map((r) => `${r.displayName}|${r.id}|${r.orgId}`);
}

async function readAll(client: Awaited<ReturnType<typeof as>>, orgId: string, limit: number, extra = "") {
  const seen: Row[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: any } = await client.get(
      `/api/orgs/${orgId}/members?limit=${limit}${extra}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    after = res.body.next;
    pages++;
  } while (after && pages < 100);
  return seen;
}

const keyOf = (r: Row) => `${r.displayName}|${r.id}|${r.orgId}`;
const cursor = (key: [string, string, string]) =>
  encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(key)));

describe("roster pages", () => {
  it("pages of the whole committee (a walk of the name index) add up to a full sort, ties and all", async () => {
    const admin = await as(tree.admin);
    const pages = await readAll(admin, tree.committee.id, 37);
    expect(pages.map(keyOf)).toEqual(await fullSort(tree.committee.path));
    expect(pages.length).toBeGreaterThan(BIG - 20);
    // The pipeline people are there with their stage and their record; members are members.
    const applicants = pages.filter((r) => r.caseId);
    expect(applicants).toHaveLength(10);
    expect(applicants.every((r) => r.status !== "member")).toBe(true);
    const withInactive = await readAll(admin, tree.committee.id, 50, "&inactive=1");
    expect(withInactive.map(keyOf)).toEqual(await fullSort(tree.committee.path, true));
    expect(withInactive.some((r) => !r.active)).toBe(true);
  });

  it("pages of a small branch (a sort of its subtree) add up to a full sort", async () => {
    const sec = await as(tree.secA);
    const pages = await readAll(sec, tree.branchA.id, 2);
    expect(pages.map(keyOf)).toEqual(await fullSort(tree.branchA.path));
    expect(pages.filter((r) => r.displayName === "王芳").length).toBeGreaterThanOrEqual(2);
    expect(pages.filter((r) => r.caseId)).toHaveLength(5);
  });

  it("a search pages by the same key", async () => {
    const admin = await as(tree.admin);
    const found = await readAll(admin, tree.committee.id, 7, `&q=${encodeURIComponent("王芳")}`);
    const all = await fullSort(tree.committee.path);
    expect(found.map(keyOf)).toEqual(all.filter((k) => k.startsWith("王芳|")));
  });

  it("a page costs the page: the big subtree walks names, the small one sorts only itself", async () => {
    const { db: metered, meter } = meteredDb();
    const bigPage: RosterPage = JSON.parse(await rosterPage(metered, tree.committee.id, { limit: 20 }, allowed));
    expect(bigPage.items).toHaveLength(20);
    // 20 people, each with their membership, org and status: not the 400 a sort of the subtree reads.
    expect(meter.rowsRead).toBeLessThan(250);
    meter.rowsRead = 0;
    const next: RosterPage = JSON.parse(
      await rosterPage(metered, tree.committee.id, { limit: 20, after: bigPage.next! }, allowed),
    );
    expect(next.items).toHaveLength(20);
    expect(meter.rowsRead).toBeLessThan(250);
    meter.rowsRead = 0;
    // Branch A's handful beside the 400: the walk would pass hundreds of others to fill its page.
    await rosterPage(metered, tree.branchA.id, { limit: 20 }, allowed);
    expect(meter.rowsRead).toBeLessThan(100);
  });

  it("answers the kept member count beside the page", async () => {
    const admin = await as(tree.admin);
    const res = await admin.get(`/api/orgs/${tree.committee.id}/members?limit=1`);
    const { results } = await env.DB.prepare(
      `SELECT count(*) AS n FROM memberships m JOIN orgs o ON o.id = m.org_id
       WHERE m.role = 'member' AND m.ended_at IS NULL AND o.path >= ?1 AND o.path < ?2`,
    )
      .bind(tree.committee.path, `${tree.committee.path.slice(0, -1)}0`)
      .all<{ n: number }>();
    expect(res.body.total).toBe(results[0]!.n);
    expect(res.body.total).toBeGreaterThan(BIG - 20);
  });

  it("attacker: a cursor made up by hand reaches nobody outside the subtree and tells nothing about them", async () => {
    const sec = await as(tree.secA);
    const mine = new Set((await readAll(sec, tree.branchA.id, 50)).map((r) => r.id));
    // Before everyone; at an outsider's exact key; at a made-up key of the same name: branch A's own rows only.
    const outsider = (await readAll(await as(tree.admin), tree.committee.id, 200)).find(
      (r) => r.orgId === big.id && r.displayName === "王芳",
    )!;
    const tries = [
      cursor(["", "", ""]),
      cursor([outsider.displayName, outsider.id, outsider.orgId]),
      cursor([outsider.displayName, `${outsider.id.slice(0, -1)}~`, ""]),
      cursor([outsider.displayName, outsider.id, ""]),
    ];
    const answers = [];
    for (const after of tries) {
      const res = await sec.get(`/api/orgs/${tree.branchA.id}/members?limit=200&after=${after}`);
      expect(res.status).toBe(200);
      expect(res.body.items.every((r: Row) => mine.has(r.id))).toBe(true);
      answers.push(res.body.items.map((r: Row) => r.id));
    }
    // The outsider's exact key and a key just past it (the same name, an id after theirs) give the same page.
    expect(answers[1]).toEqual(answers[2]);
    // Another branch's roster is refused whatever the cursor, and says no count.
    const other = await sec.get(`/api/orgs/${big.id}/members?after=${tries[0]}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(/total/);
  });

  it("refuses a cursor it did not give", async () => {
    const sec = await as(tree.secA);
    for (const bad of ["not-base64!", cursor(["a", "b"] as never), encodeBase64urlNoPadding(new Uint8Array([0xff]))]) {
      const res = await sec.get(`/api/orgs/${tree.branchA.id}/members?after=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([{ path: "after", code: "bad_cursor" }]);
    }
  });
});
