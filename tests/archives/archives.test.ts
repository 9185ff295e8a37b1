import { beforeAll, describe, expect, it } from "vitest";
import { archiveEvents } from "../../schema";
import { ARCHIVE_KINDS } from "../../schema/archives/kinds";
import { chunkedInserts } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree, makeUser } from "../fixtures";

let tree: Awaited<ReturnType<typeof makeTree>>;
let big: { id: string; username: string };
const KINDS = ["service", "course_completed", "quiz.passed", "appraisal_grade"];
// 2025-01-01T00:00+08:00
const START_2025 = Date.UTC(2024, 11, 31, 16);

beforeAll(async () => {
  tree = await makeTree();
  big = await makeUser("big", [[tree.branchA, "member"]]);
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    id: newId(),
    memberId: big.id,
    orgId: tree.branchA.id,
    kind: KINDS[i % 4]!,
    summary: { n: i, note: i === 0 ? "=cmd()" : "普通" },
    // 1000 events in 2025, 1000 in 2026
    occurredAt: START_2025 + (i < 1000 ? 0 : 365 * 86_400_000) + i * 60_000,
    createdAt: Date.now(),
  }));
  await db().batch(chunkedInserts(db(), archiveEvents, rows) as [any, ...any[]]);
});

describe("growth archive", () => {
  it("pages a 2,000-event timeline newest first, filters by kind and year", async () => {
    const me = await as(big);
    const first = await me.get(`/api/archives/${big.id}?limit=200`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(200);
    expect(first.body.nextOffset).toBe(200);
    expect(first.body.items[0].summary.n).toBe(1999);
    let seen = 0;
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const r: any = await me.get(`/api/archives/${big.id}?limit=200&offset=${offset}`);
      seen += r.body.items.length;
      offset = r.body.nextOffset;
      pages++;
    }
    expect(seen).toBe(2000);
    expect(pages).toBe(10);
    const services2025 = await me.get(`/api/archives/${big.id}?kind=service&year=2025&limit=200`);
    expect(services2025.body.items).toHaveLength(200);
    expect(services2025.body.items.every((e: any) => e.kind === "service" && e.summary.n < 1000)).toBe(true);
    const rest = await me.get(`/api/archives/${big.id}?kind=service&year=2025&limit=200&offset=200`);
    expect(rest.body.items).toHaveLength(50);
    const facets = await me.get(`/api/archives/${big.id}/facets`);
    expect(facets.body.items).toContainEqual({ kind: "quiz.passed", year: 2026, n: 250 });
  });

  it("searches the words of event summaries on the server, paged, never the field names", async () => {
    const searcher = await makeUser("searcher", [[tree.branchA, "member"]]);
    const event = (summary: Record<string, unknown>, i: number) => ({
      id: newId(),
      memberId: searcher.id,
      orgId: tree.branchA.id,
      kind: "course_completed",
      summary,
      occurredAt: START_2025 + i * 60_000,
      createdAt: Date.now(),
    });
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => event({ title: `群众路线第${i}讲`, hours: 1 }, i)),
      event({ title: "党章学习", hours: 1 }, 40),
      event({ title: "100%_完成", hours: 1 }, 41),
    ];
    await db().batch(chunkedInserts(db(), archiveEvents, rows) as [any, ...any[]]);
    const me = await as(searcher);
    const q = (text: string, extra = "") =>
      me.get(`/api/archives/${searcher.id}?q=${encodeURIComponent(text)}${extra}`);
    const first = await q("群众路线", "&limit=20");
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextOffset).toBe(20);
    expect((await q("群众路线", "&limit=20&offset=20")).body).toMatchObject({ nextOffset: null });
    expect((await q("群众路线", "&limit=20&offset=20")).body.items).toHaveLength(10);
    expect((await q("党章")).body.items.map((e: any) => e.summary.title)).toEqual(["党章学习"]);
    // Field names, the branch's name (on every event) and LIKE wildcards are not matches.
    expect((await q("title")).body.items).toHaveLength(0);
    expect((await q(tree.branchA.name)).body.items).toHaveLength(0);
    expect((await q("%_")).body.items.map((e: any) => e.summary.title)).toEqual(["100%_完成"]);
    expect((await q("x".repeat(51))).status).toBe(400);
    // Another member's archive is not searched by reading one's own: an overseer's search stays per member.
    const other = await as(tree.memB);
    expect((await other.get(`/api/archives/${searcher.id}?q=${encodeURIComponent("党章")}`)).status).toBe(404);
  });

  it("exports JSON and CSV of one member's archive", async () => {
    const me = await as(big);
    const json = await me.get(`/api/archives/${big.id}/export`);
    expect(json.body.events).toHaveLength(2000);
    expect(json.body.member.displayName).toBe("big");
    const csv = await me.get(`/api/archives/${big.id}/export?format=csv&year=2026`);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split("\r\n");
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe("时间,事项,组织,详情");
    const all = await me.get(`/api/archives/${big.id}/export?format=csv`);
    expect(all.body).toContain("n：0；note：=cmd()");
  });

  it("member own, secretary the branch, committee the subtree; others refused", async () => {
    expect((await (await as(tree.secA)).get(`/api/archives/${big.id}`)).status).toBe(200);
    expect((await (await as(tree.admin)).get(`/api/archives/${big.id}/export`)).status).toBe(200);
    expect((await (await as(tree.memA)).get(`/api/archives/${big.id}`)).status).toBe(403);
    expect((await (await as(tree.secB)).get(`/api/archives/${big.id}`)).status).toBe(404);
    expect((await (await as(tree.memB)).get(`/api/archives/${big.id}/export?format=csv`)).status).toBe(404);
    expect((await (await as(tree.memA)).get("/api/archives/no-such-user")).status).toBe(404);
    expect((await (await as(tree.memA)).get(`/api/archives/${tree.memA.id}`)).status).toBe(200);
  });
});

describe("archive kinds", () => {
  it("filters and exports every kind the writers record; refuses kinds that do not exist", async () => {
    const one = await makeUser("kinds", [[tree.branchA, "member"]]);
    // One insert per kind: a single multi-row insert of every kind passes D1's 100-parameter limit.
    const inserts = ARCHIVE_KINDS.map((kind, i) =>
      db()
        .insert(archiveEvents)
        .values({
          id: newId(),
          memberId: one.id,
          orgId: tree.branchA.id,
          kind,
          summary: { n: i },
          occurredAt: START_2025 + i * 60_000,
          createdAt: Date.now(),
        }),
    );
    await db().batch([inserts[0]!, ...inserts.slice(1)]);
    // The branch secretary reads every kind; the member themself is not shown ORG_HELD_KINDS (tests/talent).
    const me = await as(tree.secA);
    const facets = await me.get(`/api/archives/${one.id}/facets`);
    expect(facets.body.items.map((f: { kind: string }) => f.kind).sort()).toEqual([...ARCHIVE_KINDS].sort());
    for (const kind of ARCHIVE_KINDS) {
      const q = `kind=${encodeURIComponent(kind)}`;
      const listed = await me.get(`/api/archives/${one.id}?${q}`);
      expect(listed.status, kind).toBe(200);
      expect(listed.body.items.map((e: { kind: string }) => e.kind)).toEqual([kind]);
      const json = await me.get(`/api/archives/${one.id}/export?${q}`);
      expect(json.status, kind).toBe(200);
      expect(json.body.events.map((e: { kind: string }) => e.kind)).toEqual([kind]);
      const csv = await me.get(`/api/archives/${one.id}/export?format=csv&${q}`);
      expect(csv.status, kind).toBe(200);
      expect((csv.body as string).trim().split("\r\n")).toHaveLength(2);
    }
    for (const bad of ["quiz.nope", "quiz_passed", "QUIZ.PASSED", "x".repeat(41)]) {
      const r = await me.get(`/api/archives/${one.id}?kind=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBeTruthy();
    }
  });
});
