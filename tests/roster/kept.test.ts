import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { devCases, memberships, users } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { pruneKept } from "../../worker/lib/kept";
import { getOrg } from "../../worker/orgs";
import { archiveOrg, moveOrg, updateOrg } from "../../worker/orgs/service";
import { type RosterPage, rosterPage } from "../../worker/roster/page";
import { as, type Client, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { runCron } from "../lib/cron";
import { meteredDb, meterStatements } from "../lib/scale";

let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
const allowed = () => {};
const LIMIT = 50;

beforeAll(async () => {
  tree = await makeTree();
  admin = await as(tree.admin);
});

const keptRows = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM kept_roster_pages").first<{ n: number }>())!.n;

/**
 * The page the route serves after a write: it equals a computation from nothing kept, and the read
 * after it is the kept one (a lookup, not the subtree's rows).
 */
async function servedFresh(orgId: string) {
  const res = await admin.get(`/api/orgs/${orgId}/members?limit=${LIMIT}`);
  expect(res.status).toBe(200);
  const { db: metered, meter } = meteredDb();
  const again: RosterPage = JSON.parse(await rosterPage(metered, orgId, { limit: LIMIT }, allowed));
  expect(again).toEqual(res.body);
  expect(meter.rowsRead).toBeLessThan(12);
  await env.DB.prepare("DELETE FROM kept_roster_pages").run();
  const fresh: RosterPage = JSON.parse(await rosterPage(db(), orgId, { limit: LIMIT }, allowed));
  expect(fresh).toEqual(again);
  return res.body.items as { id: string; displayName: string; orgId: string; orgName: string; status: string }[];
}

/** The committee's page and both branches' pages, each kept, then checked after `write`. */
async function afterWrite(write: () => Promise<unknown>) {
  const pages = [tree.committee.id, tree.branchA.id, tree.branchB.id];
  for (const id of pages) await servedFresh(id);
  for (const id of pages) await admin.get(`/api/orgs/${id}/members?limit=${LIMIT}`);
  await write();
  // One after another: each wipes the kept pages to compute afresh.
  const committee = await servedFresh(tree.committee.id);
  const a = await servedFresh(tree.branchA.id);
  return { committee, a, b: await servedFresh(tree.branchB.id) };
}

const openMembership = (userId: string, orgId: string) =>
  and(eq(memberships.userId, userId), eq(memberships.orgId, orgId), eq(memberships.role, "member"));

describe("kept roster pages", () => {
  it("after a member joins, leaves, transfers, is renamed or changes role, the page served is a fresh one", async () => {
    let newcomer = { id: "" };
    const joined = await afterWrite(async () => {
      newcomer = await makeUser("newcomer", [[tree.branchA, "member"]]);
    });
    expect(joined.a.map((r) => r.id)).toContain(newcomer.id);
    expect(joined.committee.map((r) => r.id)).toContain(newcomer.id);

    const renamed = await afterWrite(() =>
      db().update(users).set({ displayName: "改名后" }).where(eq(users.id, newcomer.id)),
    );
    expect(renamed.a.find((r) => r.id === newcomer.id)?.displayName).toBe("改名后");

    const moved = await afterWrite(() =>
      db().batch([
        db().update(memberships).set({ endedAt: Date.now() }).where(openMembership(newcomer.id, tree.branchA.id)),
        db().insert(memberships).values({
          id: newId(),
          userId: newcomer.id,
          orgId: tree.branchB.id,
          role: "member",
          startedAt: Date.now(),
        }),
      ]),
    );
    expect(moved.a.map((r) => r.id)).not.toContain(newcomer.id);
    expect(moved.b.map((r) => r.id)).toContain(newcomer.id);
    expect(moved.committee.find((r) => r.id === newcomer.id)?.orgId).toBe(tree.branchB.id);

    const role = await afterWrite(() =>
      db().update(memberships).set({ role: "secretary" }).where(openMembership(newcomer.id, tree.branchB.id)),
    );
    expect(role.b.map((r) => r.id)).not.toContain(newcomer.id);

    const left = await afterWrite(() =>
      db().update(memberships).set({ endedAt: Date.now() }).where(openMembership(tree.memB.id, tree.branchB.id)),
    );
    expect(left.b.map((r) => r.id)).not.toContain(tree.memB.id);
  });

  it("after a development case opens or moves on, and an org is renamed, moved or archived, the page is a fresh one", async () => {
    const applicant = await makeUser("applicant");
    const caseId = newId();
    const opened = await afterWrite(() =>
      db().insert(devCases).values({
        id: caseId,
        userId: applicant.id,
        orgId: tree.branchA.id,
        stage: "applicant",
        createdAt: Date.now(),
        updatedAt: Date.now(),
      }),
    );
    expect(opened.a.find((r) => r.id === applicant.id)?.status).toBe("applicant");
    const staged = await afterWrite(() =>
      db().update(devCases).set({ stage: "activist" }).where(eq(devCases.id, caseId)),
    );
    expect(staged.a.find((r) => r.id === applicant.id)?.status).toBe("activist");

    const branchA = (await getOrg(db(), tree.branchA.id))!;
    const renamed = await afterWrite(() => updateOrg(db(), tree.admin.id, branchA, { name: "新名支部" }));
    expect(renamed.committee.filter((r) => r.orgId === tree.branchA.id).map((r) => r.orgName)).toContain("新名支部");

    // Branch A moves under a new sub-committee: the committee's page still lists its people, the path is new.
    const sub = await makeOrg(tree.committee, "街道工委", "committee");
    await afterWrite(async () =>
      moveOrg(db(), tree.admin.id, (await getOrg(db(), tree.branchA.id))!, (await getOrg(db(), sub.id))!),
    );
    await servedFresh(sub.id);

    const empty = await makeOrg(tree.committee, "空支部", "branch");
    await afterWrite(async () => archiveOrg(db(), tree.admin.id, (await getOrg(db(), empty.id))!));
  });

  it("attacker: a member of branch A, a secretary of branch B and an overseer above both", async () => {
    await servedFresh(tree.branchA.id);
    // The kept page of branch A is there; neither its member nor the other branch's secretary gets it.
    await admin.get(`/api/orgs/${tree.branchA.id}/members?limit=${LIMIT}`);
    const member = await as(tree.memA);
    const otherSecretary = await as(tree.secB);
    const before = await keptRows();
    for (const client of [member, otherSecretary]) {
      for (const limit of [LIMIT, 7]) {
        const res = await client.get(`/api/orgs/${tree.branchA.id}/members?limit=${limit}`);
        expect([403, 404]).toContain(res.status);
        expect(res.body.items).toBeUndefined();
      }
    }
    // A refused caller has nothing computed or kept for them (limit 7 was kept for nobody).
    expect(await keptRows()).toBe(before);
    // Branch B's secretary reads their own branch: nobody of branch A is on it.
    const own = await otherSecretary.get(`/api/orgs/${tree.branchB.id}/members?limit=${LIMIT}`);
    expect(own.status).toBe(200);
    const inA = (await servedFresh(tree.branchA.id)).map((r) => r.id);
    expect((own.body.items as { id: string }[]).filter((r) => inA.includes(r.id))).toEqual([]);
    // The overseer above both gets the kept committee page, both branches on it.
    const committee = await servedFresh(tree.committee.id);
    const kept = await admin.get(`/api/orgs/${tree.committee.id}/members?limit=${LIMIT}`);
    expect(kept.body.items).toEqual(committee);
  });
  it("read again, a kept page's text stays in D1; a row another build wrote is served as written", async () => {
    const url = `/api/orgs/${tree.committee.id}/members?limit=${LIMIT}`;
    const first = await admin.get(url);
    const again = await meterStatements(() => admin.get(url));
    expect(again.result.body).toEqual(first.body);
    // D1 answered that the row is still the build this isolate holds, not the page's text.
    const kept = again.statements.find((s) => s.sql.includes("kept_roster_pages"))!;
    expect(JSON.stringify(first.body).length).toBeGreaterThan(1_000);
    expect(kept.answered).toBeLessThan(200);
    // Another build of the same key (an isolate's rebuild elsewhere, a restored database): its text is served.
    const name = (first.body.items as { displayName: string }[])[0]!.displayName;
    await env.DB.prepare(
      "UPDATE kept_roster_pages SET body = replace(body, ?1, '另一次构建'), built = 'elsewhere' WHERE key LIKE ?2",
    )
      .bind(JSON.stringify(name).slice(1, -1), `${tree.committee.id} %`)
      .run();
    const rebuilt = await meterStatements(() => admin.get(url));
    expect((rebuilt.result.body.items as { displayName: string }[])[0]!.displayName).toBe("另一次构建");
    expect(rebuilt.statements.find((s) => s.sql.includes("kept_roster_pages"))!.answered).toBeGreaterThan(1_000);
    await env.DB.prepare("DELETE FROM kept_roster_pages").run();
    expect((await admin.get(url)).body).toEqual(first.body);
  });
  it("a search is answered fresh and never kept: search texts would pile up", async () => {
    await env.DB.prepare("DELETE FROM kept_roster_pages").run();
    const name = (await db().select().from(users).where(eq(users.id, tree.memA.id)))[0]!.displayName;
    const first = await admin.get(
      `/api/orgs/${tree.committee.id}/members?limit=${LIMIT}&q=${encodeURIComponent(name)}`,
    );
    expect(first.status).toBe(200);
    expect((first.body.items as { id: string }[]).map((r) => r.id)).toContain(tree.memA.id);
    expect(await keptRows()).toBe(0);
    await db()
      .update(users)
      .set({ displayName: `${name}改` })
      .where(eq(users.id, tree.memA.id));
    const again = await admin.get(
      `/api/orgs/${tree.committee.id}/members?limit=${LIMIT}&q=${encodeURIComponent(`${name}改`)}`,
    );
    expect((again.body.items as { id: string }[]).map((r) => r.id)).toEqual([tree.memA.id]);
    expect(await keptRows()).toBe(0);
  });

  describe("pruning", () => {
    const keys = async () =>
      (await env.DB.prepare("SELECT key FROM kept_roster_pages ORDER BY key").all<{ key: string }>()).results.map(
        (r) => r.key,
      );
    const orgOf = (key: string) => key.split(" ")[0];
    /** Pages of limit 50 and 7 kept for the committee and both branches. */
    async function keepAll() {
      await env.DB.prepare("DELETE FROM kept_roster_pages").run();
      for (const id of [tree.committee.id, tree.branchA.id, tree.branchB.id])
        for (const limit of [LIMIT, 7])
          expect((await admin.get(`/api/orgs/${id}/members?limit=${limit}`)).status).toBe(200);
      expect(await keys()).toHaveLength(6);
    }
    const renameInA = () =>
      db()
        .update(users)
        .set({ displayName: `改${newId().slice(0, 4)}` })
        .where(eq(users.id, tree.memA.id));
    /** Whether a page is still answered from its kept row (no statement stores one). */
    const servedKept = async (orgId: string, limit: number) => {
      const m = await meterStatements(() => admin.get(`/api/orgs/${orgId}/members?limit=${limit}`));
      return !m.statements.some((s) => s.sql.startsWith("INSERT INTO kept_roster_pages"));
    };

    it("a page rebuilt deletes its org's other stale pages, and only those", async () => {
      await keepAll();
      await renameInA(); // stale: branch A's pages and the committee's, not branch B's
      await admin.get(`/api/orgs/${tree.branchA.id}/members?limit=${LIMIT}`);
      const left = await keys();
      // Branch A's limit-7 page is gone; the committee's stale pages wait (another org); branch B's stay.
      expect(left.filter((k) => orgOf(k) === tree.branchA.id)).toHaveLength(1);
      expect(left.filter((k) => orgOf(k) === tree.committee.id)).toHaveLength(2);
      expect(left.filter((k) => orgOf(k) === tree.branchB.id)).toHaveLength(2);
      expect(await servedKept(tree.branchB.id, 7)).toBe(true);
    });

    it("the tick's sweep deletes stale rows only, a bounded slice of keys at a time, and comes round again", async () => {
      await keepAll();
      await renameInA();
      const fresh = (await keys()).filter((k) => orgOf(k) === tree.branchB.id);
      // Two keys a call: after a full pass (and the empty call that starts the next) every stale row is gone.
      let deleted = 0;
      for (let call = 0; call < 4; call++) {
        const n = await pruneKept(env.DB, Date.now(), 2);
        expect(n).toBeLessThanOrEqual(2);
        deleted += n;
      }
      expect(deleted).toBe(4);
      expect(await keys()).toEqual(fresh);
      for (const limit of [LIMIT, 7]) expect(await servedKept(tree.branchB.id, limit)).toBe(true);
      // Round again: a row gone stale since is found by the next pass.
      const onB = (await admin.get(`/api/orgs/${tree.branchB.id}/members?limit=${LIMIT}`)).body.items[0].id;
      await db().update(users).set({ displayName: "乙改名" }).where(eq(users.id, onB));
      for (let call = 0; call < 3; call++) await pruneKept(env.DB, Date.now(), 2);
      expect(await keys()).toEqual([]);
    });

    it("the cron's tick sweeps: the stale pages go, the fresh stay", async () => {
      await keepAll();
      await renameInA();
      const fresh = (await keys()).filter((k) => orgOf(k) === tree.branchB.id);
      // A pass from the start (the last test's sweep may have stopped anywhere): at most two ticks, each
      // the first of an hour (the sweep's); a tick later in the hour sweeps nothing.
      const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
      await runCron(env as never, hour + 15 * 60_000);
      expect((await keys()).length).toBeGreaterThan(fresh.length);
      for (let tick = 0; tick < 2; tick++) await runCron(env as never, hour + tick);
      expect(await keys()).toEqual(fresh);
    });

    it("the sweep also deletes branch-table pages gone stale or past their time, and keeps those that hold", async () => {
      await env.DB.prepare("DELETE FROM kept_report_pages").run();
      for (const id of [tree.branchA.id, tree.branchB.id])
        expect((await admin.get(`/api/orgs/${id}/study-report?limit=50`)).status).toBe(200);
      await env.DB.prepare("UPDATE kept_report_pages SET valid_until = 1 WHERE key LIKE ? || ' %'")
        .bind(tree.branchB.id)
        .run();
      const held = await env.DB.prepare("SELECT key FROM kept_report_pages WHERE key LIKE ? || ' %'")
        .bind(tree.branchA.id)
        .all();
      expect(held.results).toHaveLength(1);
      expect(await pruneKept(env.DB, Date.now())).toBe(1);
      expect((await env.DB.prepare("SELECT key FROM kept_report_pages").all()).results).toEqual(held.results);
    });
  });
});
