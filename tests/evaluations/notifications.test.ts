import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../schema";
import { newId } from "../../worker/lib/ids";
import { as, db, makeTree } from "../fixtures";

// Searching one's notifications: by the cycle's name or period, or by kinds whose wording matched,
// page by page; never anyone else's.

let tree: Awaited<ReturnType<typeof makeTree>>;
const NOW = Date.now();

async function notice(userId: string, kind: string, cycle: string, label: string, minutesAgo: number) {
  await db()
    .insert(notifications)
    .values({
      id: newId(),
      userId,
      key: newId(),
      kind,
      params: { cycle, label },
      createdAt: NOW - minutesAgo * 60_000,
    });
}

beforeAll(async () => {
  tree = await makeTree();
  for (let i = 0; i < 5; i++) await notice(tree.memA.id, "opened", "季度党性分析", `2026-Q${(i % 4) + 1}`, i);
  await notice(tree.memA.id, "returned", "年度民主评议", "2026", 10);
  await notice(tree.memA.id, "opened", "100%_完成", "2026", 11);
  await notice(tree.memB.id, "opened", "季度党性分析", "2026-Q1", 0);
});

describe("notification search", () => {
  it("finds by the cycle's name or period, newest first, in pages", async () => {
    const mem = await as(tree.memA);
    const first = await mem.get(`/api/notifications?q=${encodeURIComponent("季度")}&limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextOffset).toBe(3);
    const rest = await mem.get(`/api/notifications?q=${encodeURIComponent("季度")}&limit=3&offset=3`);
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextOffset).toBeNull();
    const all = [...first.body.items, ...rest.body.items];
    expect(all.map((n: { createdAt: number }) => n.createdAt)).toEqual(
      [...all.map((n: { createdAt: number }) => n.createdAt)].sort((a, b) => b - a),
    );
    expect(all.every((n: { userId: string }) => n.userId === tree.memA.id)).toBe(true);
    const byLabel = await mem.get("/api/notifications?q=Q3");
    expect(byLabel.body.items.map((n: { params: { label: string } }) => n.params.label)).toEqual(["2026-Q3"]);
  });

  it("finds other features' notices by the course, quiz or person they name", async () => {
    await db()
      .insert(notifications)
      .values([
        {
          id: newId(),
          userId: tree.memA.id,
          key: newId(),
          kind: "course_due",
          params: { course: "群众路线专题" },
          createdAt: NOW,
        },
        {
          id: newId(),
          userId: tree.memA.id,
          key: newId(),
          kind: "quiz_opened",
          params: { quiz: "党章知识测验" },
          createdAt: NOW,
        },
        {
          id: newId(),
          userId: tree.memB.id,
          key: newId(),
          kind: "course_due",
          params: { course: "群众路线专题" },
          createdAt: NOW,
        },
      ]);
    const mem = await as(tree.memA);
    const course = await mem.get(`/api/notifications?q=${encodeURIComponent("群众路线")}`);
    expect(course.body.items.map((n: { userId: string; kind: string }) => [n.userId, n.kind])).toEqual([
      [tree.memA.id, "course_due"],
    ]);
    const quiz = await mem.get(`/api/notifications?q=${encodeURIComponent("党章")}`);
    expect(quiz.body.items.map((n: { kind: string }) => n.kind)).toEqual(["quiz_opened"]);
  });

  it("finds by the kinds whose wording matched, and takes % and _ literally", async () => {
    const mem = await as(tree.memA);
    const returned = await mem.get(`/api/notifications?q=${encodeURIComponent("退回")}&kinds=returned`);
    expect(returned.body.items.map((n: { kind: string }) => n.kind)).toEqual(["returned"]);
    const literal = await mem.get(`/api/notifications?q=${encodeURIComponent("%_")}`);
    expect(literal.body.items.map((n: { params: { cycle: string } }) => n.params.cycle)).toEqual(["100%_完成"]);
    expect((await mem.get(`/api/notifications?q=${encodeURIComponent("_")}`)).body.items).toHaveLength(1);
    // Unknown kinds are ignored, malformed ones refused.
    expect((await mem.get("/api/notifications?q=zz&kinds=nope")).body.items).toHaveLength(0);
    expect((await mem.get("/api/notifications?q=zz&kinds=DROP%20TABLE")).status).toBe(400);
    expect((await mem.get(`/api/notifications?q=${"长".repeat(51)}`)).status).toBe(400);
  });

  it("uses the reader's index: the plan searches notifications by user_id, never a full scan", async () => {
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT * FROM notifications WHERE user_id = ?1
         AND (json_extract(params, '$.cycle') LIKE ?2 ESCAPE '\\' OR json_extract(params, '$.label') LIKE ?2 ESCAPE '\\' OR kind IN ('returned'))
       ORDER BY created_at DESC, id DESC LIMIT 21`,
    )
      .bind(tree.memA.id, "%季度%")
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join(" | ");
    expect(details).toMatch(/USING INDEX notifications_user_(at_idx|key_unique)/);
    expect(details).not.toMatch(/^SCAN notifications$/m);
  });
});
