import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../worker/auth";
import { catalogue } from "../../worker/courses/catalogue";
import { indexLesson } from "../../worker/courses/search";
import { foldHanzi } from "../../worker/lib/fold";
import { as, type Client, db, makeTree } from "../fixtures";
import { meteredDb } from "../lib/scale";
import { course, publishedCourse, textLesson } from "./helpers";

// The catalogue search below 3 characters reads course_search_grams (kept by triggers on
// course_search_docs); from 3 the FTS5 trigram index. Both must find exactly what a scan of the text finds.

/** Every single character and pair of `s` (by code point), as the triggers cut them. */
const gramsOf = (s: string) => {
  const cs = [...s];
  return [...cs, ...cs.slice(0, -1).map((c, i) => c + cs[i + 1])];
};

/**
 * The grams table against the text: exactly the grams of each listed row (a published course's), none of
 * any other row, and every row of a published course listed.
 */
async function expectGramsOfListedText() {
  const docs = await db().all<{ id: number; t: string; b: string; listed: number; status: string }>(
    sql`SELECT d.id, d.folded_title AS t, d.folded_body AS b, d.listed, c.status
      FROM course_search_docs d JOIN courses c ON c.id = d.course_id`,
  );
  const grams = await db().all<{ gram: string; docId: number }>(
    sql`SELECT gram, doc_id AS docId FROM course_search_grams`,
  );
  const held = new Map<number, Set<string>>();
  for (const g of grams) held.set(g.docId, (held.get(g.docId) ?? new Set()).add(g.gram));
  for (const d of docs) {
    expect(Boolean(d.listed), `${d.id}`).toBe(d.status === "published");
    const want = d.listed ? new Set([...gramsOf(norm(d.t)), ...gramsOf(norm(d.b))]) : new Set<string>();
    expect([...(held.get(d.id) ?? [])].sort(), `${d.id}`).toEqual([...want].sort());
  }
  expect(grams.every((g) => docs.some((d) => d.id === g.docId))).toBe(true);
}

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let member: Client;

interface Hit {
  id: string;
  snippet: { text: string; hit: boolean }[] | null;
}
const search = async (q: string) => {
  const r = await member.get(`/api/catalogue?q=${encodeURIComponent(q)}&limit=100`);
  expect(r.status).toBe(200);
  return r.body.items as Hit[];
};
const ids = (items: Hit[]) => items.map((i) => i.id);
const norm = (s: string) => foldHanzi(s).replace(/[A-Z]/g, (ch) => ch.toLowerCase());

// Simplified and traditional pairs, ASCII of both cases, punctuation LIKE would treat specially, spaces.
const ALPHABET = [..."党黨组組织織群众眾路线線建设設aBb %_，、"];
let seed = 20261202;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
// Trimmed as the API trims titles, never empty (a text lesson needs text).
const text = (min: number, max: number) =>
  Array.from({ length: min + random(max - min + 1) }, () => ALPHABET[random(ALPHABET.length)])
    .join("")
    .trim() || "党";

/** Each course's searched rows as (title, body), as course_search_docs holds them. */
const published: { id: string; docs: [string, string][] }[] = [];

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  member = await as(tree.memA);
  for (let i = 0; i < 14; i++) {
    const title = text(2, 10);
    const summary = text(0, 12);
    const lessons = Array.from({ length: 1 + random(2) }, () => ({ title: text(1, 8), body: text(1, 20) }));
    const c = await publishedCourse(
      school,
      tree.school.id,
      lessons.map((l) => textLesson(l)),
      { title, summary, tags: [] },
    );
    published.push({
      id: c.id,
      docs: [[title, `${summary}\n`], ...lessons.map((l) => [l.title, l.body] as [string, string])],
    });
  }
  // A draft of the same alphabet: never found.
  const draft = await school.post(
    "/api/courses",
    course(tree.school.id, { title: text(4, 10), summary: text(8, 12), tags: [] }),
  );
  expect(draft.status).toBe(201);
});

describe("catalogue search by grams and trigrams against a scan of the text", () => {
  it("finds exactly the courses whose text holds the query, title hits first below 3 characters", async () => {
    const queries = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const { docs } = published[random(published.length)]!;
      const [t, b] = docs[random(docs.length)]!;
      const source = [...(random(2) ? t : b).replace("\n", "")];
      const n = 1 + random(4);
      const at = random(Math.max(1, source.length - n + 1));
      const q = source
        .slice(at, at + n)
        .join("")
        .trim();
      if (q) queries.add(q);
    }
    for (let i = 0; i < 10; i++) queries.add(text(1, 4).trim() || "党");
    let found = 0;
    for (const q of queries) {
      const needle = norm(q);
      const inTitle = (id: string) => published.find((c) => c.id === id)!.docs.some(([t]) => norm(t).includes(needle));
      const expected = published
        .filter((c) => c.docs.some(([t, b]) => norm(t).includes(needle) || norm(b).includes(needle)))
        .map((c) => c.id);
      const items = await search(q);
      expect(ids(items).sort(), q).toEqual([...expected].sort());
      found += items.length;
      if ([...needle].length < 3) {
        const flags = ids(items).map(inTitle);
        expect(flags, q).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
      }
      // Each snippet marks the query as the course wrote it.
      for (const item of items) {
        const hits = item.snippet?.filter((p) => p.hit).map((p) => norm(p.text));
        expect(hits, q).toEqual([needle]);
      }
    }
    expect(found).toBeGreaterThan(queries.size);
  });

  it("a short query reads its gram's postings, not every row", async () => {
    const meter = meteredDb();
    const user = { memberships: [{ orgPath: tree.branchA.path, role: "member" }] } as unknown as SessionUser;
    await catalogue(meter.db, user, { q: "鼷鼯", limit: 20, offset: 0 });
    // Nothing holds the gram: the postings lookup and the credit rules, whatever the rows of the index.
    expect(meter.meter.rowsRead).toBeLessThan(10);
  });

  // The new title holds a gram twice: the upsert of its row must not conflict with the trigger's rows.
  it("stays fresh after a course is retitled, a lesson added and removed, the course archived", async () => {
    const c = await publishedCourse(school, tree.school.id, [textLesson({ title: "第一课", body: "鹈鹕。" })], {
      title: "鸬鹚专题",
      summary: "",
      tags: [],
    });
    expect(ids(await search("鸬鹚"))).toEqual([c.id]);
    expect(ids(await search("鹈"))).toEqual([c.id]);
    expect((await school.patch(`/api/courses/${c.id}`, { title: "鸊鷉专题·鸊鷉" })).status).toBe(200);
    expect(ids(await search("鸬鹚"))).toEqual([]);
    expect(ids(await search("鸊鷉"))).toEqual([c.id]);
    const added = await school.post(`/api/courses/${c.id}/lessons`, textLesson({ title: "第二课", body: "鹡鸰。" }));
    expect(added.status).toBe(201);
    expect(ids(await search("鹡鸰"))).toEqual([c.id]);
    expect((await school.request("DELETE", `/api/courses/${c.id}/lessons/${added.body.id}`)).status).toBeLessThan(300);
    expect(ids(await search("鹡鸰"))).toEqual([]);
    expect((await school.post(`/api/courses/${c.id}/archive`)).status).toBe(200);
    expect(ids(await search("鸊鷉"))).toEqual([]);
    expect(ids(await search("鹈"))).toEqual([]);
    await expectGramsOfListedText();
  });

  it("indexes a draft's text not at all; an edit of a long published lesson writes only the grams that changed", async () => {
    await expectGramsOfListedText();
    // 5,000 characters of the alphabet (its pairs are ~400 grams; a real lesson's are thousands).
    const long = Array.from({ length: 5000 }, () => ALPHABET[random(ALPHABET.length)]).join("");
    const draft = await school.post("/api/courses", course(tree.school.id, { title: "鹳鹤草稿", tags: [] }));
    const lesson = await school.post(`/api/courses/${draft.body.id}/lessons`, textLesson({ body: long }));
    expect(lesson.status).toBe(201);
    // A draft's edit: no index row written at all (the row of course_search_docs, the epoch and no more).
    const meter = meteredDb();
    const edited = `${long.slice(0, 2500)}鹳鹤${long.slice(2500)}`;
    await meter.db.batch([indexLesson(meter.db, draft.body.id, lesson.body.id, { title: "第一课", body: edited })]);
    expect(meter.meter.rowsWritten).toBeLessThanOrEqual(4);
    expect(ids(await search("鹳鹤"))).toEqual([]);
    await expectGramsOfListedText();
    // Published: every gram in; then a small edit writes the few grams it changed and the FTS5 row.
    expect((await school.post(`/api/courses/${draft.body.id}/publish`)).status).toBe(200);
    expect(ids(await search("鹳鹤"))).toEqual([draft.body.id]);
    await expectGramsOfListedText();
    const again = meteredDb();
    await again.db.batch([
      indexLesson(again.db, draft.body.id, lesson.body.id, { title: "第一课", body: `${edited}鹈鹕` }),
    ]);
    expect(again.meter.rowsWritten).toBeLessThan(60);
    expect(ids(await search("鹈鹕"))).toContain(draft.body.id);
    await expectGramsOfListedText();
  });
});
