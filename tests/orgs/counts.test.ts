import { env } from "cloudflare:test";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, orgs } from "../../schema";
import { branchMonths } from "../../worker/courses/branch-months";
import { dayIn } from "../../worker/lib/day";
import { newId } from "../../worker/lib/ids";
import { moveOrg } from "../../worker/orgs/service";
import { insertCompletion, publishedCourse } from "../courses/helpers";
import { as, db, makeOrg, makeTree, makeUser } from "../fixtures";
import { countDrift, keptCounts, postOrg } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  tree = await makeTree();
});

const byId = async (id: string) => (await db().select().from(orgs).where(eq(orgs.id, id)))[0]!;

describe("kept member counts", () => {
  it("follow joins, leaves, transfers, role changes, deactivation, a move and an archive", async () => {
    expect(await countDrift()).toEqual([]);
    // makeTree: secA and memA in branch A, secB and memB in branch B.
    expect(await keptCounts(tree.committee.id)).toEqual({ members: 0, subtree: 4 });
    expect(await keptCounts(tree.branchA.id)).toEqual({ members: 2, subtree: 2 });

    const sec = await as(tree.secA);
    const admin = await as(tree.admin);
    const added = await sec.post(`/api/orgs/${tree.branchA.id}/members`, {
      username: "count.join",
      displayName: "新党员",
    });
    expect(added.status).toBe(201);
    expect(await keptCounts(tree.branchA.id)).toEqual({ members: 3, subtree: 3 });
    expect(await keptCounts(tree.committee.id)).toEqual({ members: 0, subtree: 5 });

    // A transfer ends one membership and opens another: the committee keeps its count.
    expect((await admin.post(`/api/users/${added.body.id}/transfer`, { toOrgId: tree.branchB.id })).status).toBe(200);
    expect(await keptCounts(tree.branchA.id)).toEqual({ members: 2, subtree: 2 });
    expect(await keptCounts(tree.branchB.id)).toEqual({ members: 3, subtree: 3 });
    expect(await keptCounts(tree.committee.id)).toEqual({ members: 0, subtree: 5 });

    // A secretary's role is not a member; a deactivated account still is.
    const grant = { orgId: tree.branchB.id, role: "secretary" };
    expect((await admin.post(`/api/users/${added.body.id}/roles`, grant)).status).toBe(201);
    expect((await admin.post(`/api/users/${added.body.id}/deactivate`)).status).toBe(200);
    expect(await keptCounts(tree.branchB.id)).toEqual({ members: 3, subtree: 3 });

    // Leaving: the member role revoked ends the membership.
    const leave = { orgId: tree.branchB.id, role: "member" };
    expect((await admin.post(`/api/users/${added.body.id}/roles/revoke`, leave)).status).toBe(200);
    expect(await keptCounts(tree.branchB.id)).toEqual({ members: 2, subtree: 2 });
    expect(await countDrift()).toEqual([]);

    // A move takes branch B's members from nobody in the tree (the committee holds both) to the new committee.
    const created = await postOrg(admin, tree.committee.id, "新区党委", "committee", "regional");
    expect((await admin.post(`/api/orgs/${tree.branchB.id}/move`, { parentId: created.body.id })).status).toBe(200);
    expect(await keptCounts(created.body.id)).toEqual({ members: 0, subtree: 2 });
    expect(await keptCounts(tree.committee.id)).toEqual({ members: 0, subtree: 4 });
    expect(await countDrift()).toEqual([]);

    // An emptied branch archives with nothing left to count.
    const empty = await postOrg(admin, tree.committee.id, "撤并支部", "branch", "village");
    const moved = await admin.post(`/api/orgs/${empty.body.id}/members`, {
      username: "count.arch",
      displayName: "将转出",
    });
    expect(await keptCounts(empty.body.id)).toEqual({ members: 1, subtree: 1 });
    expect((await admin.post(`/api/users/${moved.body.id}/transfer`, { toOrgId: tree.branchA.id })).status).toBe(200);
    expect((await admin.post(`/api/orgs/${empty.body.id}/archive`)).status).toBe(200);
    expect(await keptCounts(empty.body.id)).toEqual({ members: 0, subtree: 0 });
    expect(await countDrift()).toEqual([]);
  });

  it("equal a fresh count after every write of a random sequence, and so do every org's kept study months", async () => {
    const root = await makeOrg(null, "随机市委", "committee");
    const committees = [root, await makeOrg(root, "甲区", "committee"), await makeOrg(root, "乙区", "committee")];
    const branches: Awaited<ReturnType<typeof makeOrg>>[] = [];
    for (const c of committees.slice(1))
      for (const n of [1, 2, 3]) branches.push(await makeOrg(c, `支部${n}`, "branch"));
    const groups = [await makeOrg(branches[0]!, "一组", "group"), await makeOrg(branches[3]!, "二组", "group")];
    const people: Awaited<ReturnType<typeof makeUser>>[] = [];
    for (let i = 0; i < 12; i++) people.push(await makeUser(`随机${i}`));
    const actor = people[0]!.id;
    // Each person has credited study, so every org's kept months (built now) must follow who is in it.
    const course = await publishedCourse(await as(tree.publisher), tree.school.id);
    for (const [i, p] of people.entries())
      await insertCompletion({
        userId: p.id,
        courseId: course.id,
        orgId: branches[0]!.id,
        status: "credited",
        hours: 0.25 * (i + 1),
        completedAt: Date.now() - 60_000 * (i + 1),
      });
    const year = Number(dayIn(Date.now(), "Asia/Shanghai").slice(0, 4));
    const holders = [...committees, ...branches, ...groups];
    for (const o of holders) await branchMonths(db(), await byId(o.id), year);
    // Each kept month of the tree's orgs against a fresh sum over the active people of the org's subtree
    // (an IN list: each person once), within the month's kept bounds; and 12 rows kept for every org.
    const monthsDrift = async () => {
      const { results } = await env.DB.prepare(
        `WITH sums AS (SELECT b.org_id, b.month, b.online_hours, b.offline_hours, b.completions,
            (SELECT json_array(coalesce(sum(c.hours), 0), count(*)) FROM course_completions c
              WHERE c.status = 'credited' AND c.completed_at >= b.starts_at AND c.completed_at < b.ends_at
                AND c.user_id IN (SELECT user_id FROM people WHERE people.path = o.path)) AS online,
            (SELECT coalesce(sum(f.hours), 0) FROM offline_credits f
              WHERE substr(f.studied_on, 1, 7) = printf('%04d-%02d', b.year, b.month)
                AND f.user_id IN (SELECT user_id FROM people WHERE people.path = o.path)) AS offline
          FROM orgs o JOIN branch_study_months b ON b.org_id = o.id AND b.year = ?2
          WHERE o.path >= ?1 AND o.path < substr(?1, 1, length(?1) - 1) || '0'),
        people AS (SELECT o.path, m.user_id FROM orgs o JOIN orgs d ON d.path >= o.path
            AND d.path < substr(o.path, 1, length(o.path) - 1) || '0'
          JOIN memberships m ON m.org_id = d.id AND m.role = 'member' AND m.ended_at IS NULL
          JOIN users u ON u.id = m.user_id AND u.active = 1)
        SELECT * FROM sums`,
      )
        .bind(root.path, year)
        .all<{
          org_id: string;
          month: number;
          online_hours: number;
          offline_hours: number;
          completions: number;
          online: string;
          offline: number;
        }>();
      const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
      const drift = results
        .filter((r) => {
          const [hours, n] = JSON.parse(r.online) as [number, number];
          return !near(r.online_hours, hours) || r.completions !== n || !near(r.offline_hours, r.offline);
        })
        .map(
          (r) =>
            `${r.org_id} ${r.month}: ${r.online_hours}/${r.completions}/${r.offline_hours} ≠ ${r.online}/${r.offline}`,
        );
      const kept = new Map<string, number>();
      for (const r of results) kept.set(r.org_id, (kept.get(r.org_id) ?? 0) + 1);
      for (const o of holders) if (kept.get(o.id) !== 12) drift.push(`${o.name}: ${kept.get(o.id) ?? 0} rows kept`);
      return drift;
    };
    let seed = 20261201;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const theirs = async () =>
      db()
        .select()
        .from(memberships)
        .where(eq(memberships.userId, pick(people).id));
    const ops: Record<string, () => Promise<unknown>> = {
      join: () =>
        db()
          .insert(memberships)
          .values({
            id: newId(),
            userId: pick(people).id,
            orgId: pick([...branches, ...groups]).id,
            role: pick(["member", "member", "secretary"] as const),
            startedAt: Date.now(),
          }),
      end: async () => {
        const m = (await theirs()).find((r) => r.endedAt === null);
        if (m) await db().update(memberships).set({ endedAt: Date.now() }).where(eq(memberships.id, m.id));
      },
      reopen: async () => {
        const m = (await theirs()).find((r) => r.endedAt !== null);
        if (m) await db().update(memberships).set({ endedAt: null }).where(eq(memberships.id, m.id));
      },
      reassign: async () => {
        const m = (await theirs())[0];
        if (m)
          await db()
            .update(memberships)
            .set({ orgId: pick(holders).id })
            .where(eq(memberships.id, m.id));
      },
      role: async () => {
        const m = (await theirs())[0];
        const role = pick(["member", "secretary", "admin"] as const);
        if (m) await db().update(memberships).set({ role }).where(eq(memberships.id, m.id));
      },
      remove: async () => {
        const m = (await theirs())[0];
        if (m) await db().delete(memberships).where(eq(memberships.id, m.id));
      },
      move: async () => {
        const org = await byId(pick([...committees.slice(1), ...branches, ...groups]).id);
        const parents = org.kind === "group" ? branches : committees;
        await moveOrg(db(), actor, org, await byId(pick(parents).id));
      },
      transfer: async () => {
        const m = (await theirs()).find((r) => r.endedAt === null && r.role === "member");
        if (!m) return;
        const now = Date.now();
        await db().batch([
          db()
            .update(memberships)
            .set({ endedAt: now })
            .where(and(eq(memberships.id, m.id), isNull(memberships.endedAt))),
          db()
            .insert(memberships)
            .values({ id: newId(), userId: m.userId, orgId: pick(branches).id, role: "member", startedAt: now }),
        ]);
      },
    };
    const names = Object.keys(ops);
    const done: string[] = [];
    const took = new Set<string>();
    for (let step = 0; step < 80; step++) {
      const name = pick(names);
      // A write the schema refuses (a second active membership of the same kind, a move under itself)
      // changes nothing, and the counts must say so too.
      await ops[name]!().then(
        () => took.add(name),
        () => {},
      );
      done.push(name);
      expect([step, name, await countDrift(), await monthsDrift()]).toEqual([step, name, [], []]);
    }
    expect(new Set(done).size).toBe(names.length);
    // Each kind of write went through at least once (moves and joins are sometimes refused).
    expect([...took].sort()).toEqual([...names].sort());
    expect((await keptCounts(root.id))!.subtree).toBeGreaterThan(0);
  });

  it("attacker: counts of orgs outside the caller's subtree are never shown, nor are their changes", async () => {
    const secA = await as(tree.secA);
    const memA = await as(tree.memA);
    const treeA = await secA.get("/api/orgs");
    expect(treeA.body.items.map((o: { id: string }) => o.id)).toEqual([tree.branchA.id]);
    expect(treeA.body.items[0]).toEqual(
      expect.objectContaining({ members: expect.any(Number), subtreeMembers: expect.any(Number) }),
    );
    // Another branch's roster (and its total) is 404; a plain member's own branch is 403.
    for (const id of [tree.branchB.id, tree.committee.id, "guessed-org-id"]) {
      const res = await secA.get(`/api/orgs/${id}/members?limit=1`);
      expect(res.status).toBe(404);
      expect(res.body.total).toBeUndefined();
    }
    const own = await memA.get(`/api/orgs/${tree.branchA.id}/members?limit=1`);
    expect(own.status).toBe(403);
    expect(own.body.total).toBeUndefined();
    // Branch B grows: nothing secA can read changes.
    const before = JSON.stringify((await secA.get("/api/orgs")).body);
    await makeUser("悄悄加入", [[tree.branchB, "member"]]);
    expect(JSON.stringify((await secA.get("/api/orgs")).body)).toBe(before);
  });
});
