import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { cataloguePages } from "../../schema";
import type { SessionUser } from "../../worker/auth";
import { CATALOGUE_KEPT_PAGES, catalogue } from "../../worker/courses/catalogue";
import { as, Client, db, makeOrg, makeTree, makeUser, ORIGIN } from "../fixtures";
import { addBranches, meteredDb, meterStatements } from "../lib/scale";
import { course, publishedCourse, textLesson } from "./helpers";

// Catalogue pages are kept per (folded query, filters, page, the caller's trees, year) under the
// tenant's catalogue epoch, which triggers bump on every change a page shows (worker/courses/catalogue.ts).

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
const year = new Date().getFullYear();

// What catalogue() needs of a caller: their memberships (their trees).
const caller = (...orgs: { path: string }[]) =>
  ({ memberships: orgs.map((o) => ({ orgPath: o.path, role: "member" })) }) as unknown as SessionUser;

/**
 * The answer served now to a page asked twice (the second ask keeps a page the first only computed), and
 * its kept page written as the route does after answering.
 */
async function served(user: SessionUser, q: string, extra: { offset?: number; limit?: number } = {}) {
  const query = { q, limit: extra.limit ?? 20, offset: extra.offset ?? 0 };
  const first = await catalogue(db(), user, query);
  await first.keep?.();
  const { json, keep } = await catalogue(db(), user, query);
  await keep?.();
  expect(json).toBe(first.json);
  return JSON.parse(json) as { items: { id: string; title: string; credit: number; lessons: number }[] };
}

/** The same answer computed from the tables, with no page kept. */
async function fresh(user: SessionUser, q: string) {
  await db().delete(cataloguePages);
  return served(user, q);
}

const keptCount = async () => (await db().select().from(cataloguePages)).length;

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
});

describe("kept catalogue pages", () => {
  it("a first ask is computed in one batch and not kept; asked again it is kept, then served from the kept page", async () => {
    await publishedCourse(school, tree.school.id, [textLesson({ body: "推进全面从严治党向基层延伸。" })], {
      title: "从严治党专题",
      summary: "",
      tags: [],
    });
    const member = caller(tree.branchA);
    await db().delete(cataloguePages);
    const meter = meteredDb();
    const query = { q: "从严治党", limit: 20, offset: 0 };
    const first = await catalogue(meter.db, member, query);
    // One statement (the page with its credit rules); no kept page looked up, none to keep.
    expect(meter.meter.statements).toBe(1);
    expect(first.keep).toBeNull();
    const computed = meter.meter.rowsRead;
    const second = await catalogue(meter.db, member, query);
    expect(second.json).toBe(first.json);
    expect(second.keep).not.toBeNull();
    await second.keep?.();
    expect(await keptCount()).toBe(1);
    const before = meter.meter.rowsRead;
    const again = await catalogue(meter.db, member, query);
    expect(again.keep).toBeNull();
    expect(again.json).toBe(first.json);
    // The kept page's read: the epoch row and the page (SQLite's own reads of the guard aside).
    expect(meter.meter.rowsRead - before).toBeLessThan(computed);
    expect(meter.meter.rowsRead - before).toBeLessThanOrEqual(8);
    // Held by this isolate since it kept it: D1 answers that the row is still that build, not its text.
    const held = await meterStatements(() => catalogue(db(), member, query));
    expect(held.result.json).toBe(first.json);
    expect(first.json.length).toBeGreaterThan(200);
    expect(held.statements.map((s) => s.answered)).toEqual([expect.any(Number)]);
    expect(held.statements[0]!.answered).toBeLessThan(100);
    // Through the route too: the answer as computed.
    const m = await as(tree.memA);
    const r = await m.get(`/api/catalogue?q=${encodeURIComponent("从严治党")}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.body).toEqual(JSON.parse(first.json));
  });

  it("stays right after a course is retitled, unpublished, a lesson added or removed, a credit rule changed", async () => {
    const word = "网格化治理";
    const c = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ body: `${word}的实践。`, minutes: 20 }), textLesson({ title: "第二课", body: "其他内容。" })],
      { title: `${word}专题`, summary: "", tags: [] },
    );
    const member = caller(tree.branchA);
    const check = async (change: () => Promise<unknown>) => {
      await served(member, word);
      expect(await keptCount()).toBeGreaterThan(0);
      await change();
      const now = await served(member, word);
      expect(now).toEqual(await fresh(member, word));
      return now;
    };
    const retitled = await check(() => school.patch(`/api/courses/${c.id}`, { title: `${word}（修订）` }));
    expect(retitled.items.map((i) => i.title)).toEqual([`${word}（修订）`]);
    const added = await check(() => school.post(`/api/courses/${c.id}/lessons`, textLesson({ body: "新增。" })));
    expect(added.items[0]?.lessons).toBe(3);
    const removed = await check(() => school.request("DELETE", `/api/courses/${c.id}/lessons/${c.lessonIds[1]}`));
    expect(removed.items[0]?.lessons).toBe(2);
    const before = removed.items[0]?.credit;
    const ruled = await check(() =>
      school.post(`/api/orgs/${tree.school.id}/study-rules`, {
        kind: "credit",
        fromYear: year,
        values: { longMinutes: 20, longHours: 3, midMinutes: 10, midHours: 1, shortHours: 0.5, checkpointBonus: 1 },
        source: "本校学时折算办法",
      }),
    );
    expect(ruled.items[0]?.credit).not.toBe(before);
    expect(ruled.items[0]?.credit).toBe(3);
    const unpublished = await check(() => school.post(`/api/courses/${c.id}/archive`));
    expect(unpublished.items).toEqual([]);
  });

  it("a draft never appears, before or after a page is kept, until it is published", async () => {
    const word = "接诉即办机制";
    const draft = await school.post("/api/courses", course(tree.school.id, { title: word, tags: [] }));
    expect(draft.status).toBe(201);
    const member = caller(tree.branchA);
    expect((await served(member, word)).items).toEqual([]);
    expect((await served(member, word)).items).toEqual([]);
    await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson());
    expect((await served(member, word)).items).toEqual([]);
    expect((await school.post(`/api/courses/${draft.body.id}/publish`)).status).toBe(200);
    expect((await served(member, word)).items.map((i) => i.id)).toEqual([draft.body.id]);
  });

  it("a first search reads the credit rules along its page's schools, not every org of the caller's trees", async () => {
    await publishedCourse(school, tree.school.id, [textLesson({ body: "村级组织换届选举。" })], {
      title: "换届选举专题",
      summary: "",
      tags: [],
    });
    const rowsOf = async (q: string) => {
      const meter = meteredDb();
      await catalogue(meter.db, caller(tree.branchA), { q, limit: 20, offset: 0 });
      return meter.meter.rowsRead;
    };
    const before = await rowsOf("换届选举");
    await addBranches(tree.committee, 300);
    // Another text (a first ask again), the same work: the 300 new branches are read by no one.
    expect(await rowsOf("换届选")).toBeLessThanOrEqual(before);
  });

  it("a draft's text, however long, moves no answer: not the hits, their order, nor a byte", async () => {
    // Two published courses that bm25 orders by the index's average length: one hit in a short lesson,
    // ten in a long one.
    const word = "枫桥经验";
    const short = await publishedCourse(school, tree.school.id, [textLesson({ body: `${word}。` })], {
      title: "短课",
      summary: "",
      tags: [],
    });
    const long = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ body: `${word}${"基层治理".repeat(4)}`.repeat(10) })],
      { title: "长课", summary: "", tags: [] },
    );
    const draft = await school.post("/api/courses", course(tree.school.id, { title: "草稿", summary: "", tags: [] }));
    const lesson = await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson({ body: "短。" }));
    const m = await as(tree.memA);
    const answers = async () => {
      const out: string[] = [];
      for (const q of [word, "枫桥", "枫", "经验。"]) {
        const r = await SELF.fetch(`${ORIGIN}/api/catalogue?q=${encodeURIComponent(q)}&limit=5`, {
          headers: { Origin: ORIGIN, Cookie: m.cookie },
        });
        out.push(await r.text());
      }
      return out;
    };
    const withShortDraft = await answers();
    expect(
      JSON.parse(withShortDraft[0]!)
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([short.id, long.id].sort());
    // The draft's lesson grows to 5,000 characters of other words: every answer the same, byte for byte.
    const filler = "不忘初心牢记使命".repeat(625);
    const edited = await school.patch(`/api/courses/${draft.body.id}/lessons/${lesson.body.id}`, { body: filler });
    expect(edited.status).toBe(200);
    expect(await answers()).toEqual(withShortDraft);
    // The probe is sharp: published, the same text does move the order (bm25's average length).
    expect((await school.post(`/api/courses/${draft.body.id}/publish`)).status).toBe(200);
    const published = await answers();
    expect(JSON.parse(published[0]!).items.map((i: { id: string }) => i.id)).not.toEqual(
      JSON.parse(withShortDraft[0]!).items.map((i: { id: string }) => i.id),
    );
  });

  it("a query matching only a draft answers byte for byte what a query matching nothing answers", async () => {
    // The draft's words: 3+ characters (the trigram index), 2 and 1 (the short path), traditional forms.
    const draft = await school.post(
      "/api/courses",
      course(tree.school.id, { title: "巘嶂草稿", summary: "巘嶂巑巒之秘", tags: ["巘嶂"] }),
    );
    expect(draft.status).toBe(201);
    expect(
      (await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson({ body: "巘嶂巑巒之秘。" }))).status,
    ).toBe(201);
    const m = await as(tree.memA);
    const answer = async (q: string) => {
      const r = await SELF.fetch(`${ORIGIN}/api/catalogue?q=${encodeURIComponent(q)}`, {
        headers: { Origin: ORIGIN, Cookie: m.cookie },
      });
      expect(r.status).toBe(200);
      return r.text();
    };
    // Asked three times each: the first ask (computed, not kept), the second (kept), the third (the kept page).
    for (const [probe, nothing] of [
      ["巘嶂巑巒", "巘嶂巑峦之外"],
      ["巑峦", "鼷鼯"],
      ["巘", "鼷"],
      ["巘嶂草稿", "鼷鼯草稿"],
    ] as const) {
      for (let i = 0; i < 3; i++) expect(await answer(probe)).toBe(await answer(nothing));
    }
    // The probes do reach the draft's text: published, every one finds it.
    expect((await school.post(`/api/courses/${draft.body.id}/publish`)).status).toBe(200);
    for (const probe of ["巘嶂巑巒", "巑峦", "巘", "巘嶂草稿"]) expect(await answer(probe)).toContain(draft.body.id);
  });

  it("a page kept for one tree is never served to a caller of another tree", async () => {
    const word = "红色物业联建";
    const ours = await publishedCourse(school, tree.school.id, [textLesson({ body: `${word}。` })], {
      title: word,
      summary: "",
      tags: [],
    });
    const otherRoot = await makeOrg(null, "邻市委", "committee");
    const otherSchool = await makeOrg(otherRoot, "邻市党校", "school", "school");
    const otherBranch = await makeOrg(otherRoot, "邻市支部", "branch", "community");
    const theirs = await publishedCourse(
      await as(await makeUser("neighbourpub", [[otherSchool, "school"]])),
      otherSchool.id,
      [textLesson({ body: `${word}。` })],
      { title: word, summary: "", tags: [] },
    );
    await db().delete(cataloguePages);
    // Ours first (kept), then a member of the other tree asks the same words: their own page.
    expect((await served(caller(tree.branchA), word)).items.map((i) => i.id)).toEqual([ours.id]);
    const outsider = await served(caller(otherBranch), word);
    expect(outsider.items.map((i) => i.id)).toEqual([theirs.id]);
    expect(outsider).toEqual(await fresh(caller(otherBranch), word));
    // And the other way round, and a member of both trees sees both: three pages, none shared.
    expect((await served(caller(tree.branchA), word)).items.map((i) => i.id)).toEqual([ours.id]);
    const both = await served(caller(tree.branchA, otherBranch), word);
    expect(both.items.map((i) => i.id).sort()).toEqual([ours.id, theirs.id].sort());
    expect(await keptCount()).toBe(3);
    // Through the route: the outsider's session gets theirs, never the page kept for our tree.
    const outsiderClient = await as(await makeUser("neighbour", [[otherBranch, "member"]]));
    const r = await outsiderClient.get(`/api/catalogue?q=${encodeURIComponent(word)}`);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual([theirs.id]);
  });

  it("keeps at most the most recent pages, and no endpoint lists the queries kept", async () => {
    await db().delete(cataloguePages);
    const member = caller(tree.branchA);
    // Pages filled straight in up to the bound, older than any new one.
    const rows = Array.from({ length: CATALOGUE_KEPT_PAGES }, (_, i) => ({
      key: `filler-${i}`,
      epoch: -1,
      body: "{}",
      createdAt: i,
    }));
    for (let i = 0; i < rows.length; i += 20)
      await db()
        .insert(cataloguePages)
        .values(rows.slice(i, i + 20));
    await served(member, "基层治理");
    expect(await keptCount()).toBe(CATALOGUE_KEPT_PAGES);
    const left = await db().select({ key: cataloguePages.key }).from(cataloguePages);
    expect(left.map((r) => r.key)).not.toContain("filler-0");
    // The API document has no path that reads kept pages: the catalogue answers only its own search.
    const doc = (await new Client().get<{ paths: Record<string, unknown> }>("/api/openapi.json")).body;
    expect(Object.keys(doc.paths).filter((p) => /catalogue|kept/i.test(p))).toEqual(["/api/catalogue"]);
  });
});
