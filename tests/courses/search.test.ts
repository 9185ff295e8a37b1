import { beforeAll, describe, expect, it } from "vitest";
import { as, type Client, makeOrg, makeTree, makeUser } from "../fixtures";
import { course, publishedCourse, textLesson } from "./helpers";

let tree: Awaited<ReturnType<typeof makeTree>>;
let school: Client;
let member: Client;

interface Hit {
  id: string;
  title: string;
  snippet: { text: string; hit: boolean }[] | null;
}
const search = async (who: Client, q: string, extra = "") => {
  const r = await who.get(`/api/catalogue?q=${encodeURIComponent(q)}${extra}`);
  expect(r.status).toBe(200);
  return r.body as { items: Hit[]; nextOffset: number | null };
};
const ids = (page: { items: Hit[] }) => page.items.map((c) => c.id);
const hitText = (h: Hit | undefined) => h?.snippet?.filter((p) => p.hit).map((p) => p.text);

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  member = await as(tree.memA);
});

describe("catalogue search across written forms", () => {
  it("a traditional query finds a simplified course and a simplified query a traditional one", async () => {
    const simplified = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ title: "第一课", body: "要坚持走好新时代的群众路线，密切党群干群关系。" })],
      { title: "基层治理实务", summary: "社区服务", tags: [] },
    );
    const traditional = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ title: "第一課", body: "黨的組織生活制度與民主評議黨員。" })],
      { title: "組織生活會", summary: "支部組織生活", tags: [] },
    );
    const fromTw = await search(member, "群眾路線");
    expect(ids(fromTw)).toContain(simplified.id);
    // The snippet is the course's own text, the hit marked as the course wrote it.
    expect(hitText(fromTw.items.find((c) => c.id === simplified.id))).toEqual(["群众路线"]);
    const fromCn = await search(member, "民主评议党员");
    expect(ids(fromCn)).toEqual([traditional.id]);
    expect(hitText(fromCn.items[0])).toEqual(["民主評議黨員"]);
    // Short queries (under the trigram's three characters) fold too.
    expect(ids(await search(member, "組織"))).toContain(traditional.id);
    expect(ids(await search(member, "组织"))).toContain(traditional.id);
    // A course edited into the other form is found by its new text only.
    await school.patch(`/api/courses/${traditional.id}`, { title: "組織生活會（修訂）" });
    const renamed = await search(member, "组织生活会（修订）");
    expect(ids(renamed)).toEqual([traditional.id]);
  });

  it("orders by relevance: a title hit above a body hit, newest first among equals", async () => {
    const body = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ body: "本课讲述乡村振兴战略，以及产业、人才、文化、生态和组织的振兴。" })],
      { title: "农村工作概论", summary: "", tags: [] },
    );
    const title = await publishedCourse(school, tree.school.id, [textLesson({ body: "产业兴旺。" })], {
      title: "乡村振兴专题",
      summary: "",
      tags: [],
    });
    const found = await search(member, "乡村振兴");
    expect(ids(found)).toEqual([title.id, body.id]);
    // Still paginated: one per page, the next offset points at the body hit.
    const first = await search(member, "乡村振兴", "&limit=1");
    expect(ids(first)).toEqual([title.id]);
    expect(first.nextOffset).toBe(1);
    expect(ids(await search(member, "乡村振兴", "&limit=1&offset=1"))).toEqual([body.id]);
  });

  it("returns snippets as text segments: markup in a course stays text", async () => {
    const evil = '<img src=x onerror="alert(1)">廉洁自律准则<script>alert(2)</script>';
    const c = await publishedCourse(school, tree.school.id, [textLesson({ body: evil })], {
      title: "纪律教育",
      summary: "",
      tags: [],
    });
    for (const q of ["廉洁自律", "廉洁"]) {
      const [hit] = (await search(member, q)).items.filter((i) => i.id === c.id);
      // The text as written, angle brackets and all, cut from the lesson: nothing escaped, nothing built.
      const text = hit?.snippet?.map((p) => p.text).join("") ?? "";
      expect(text).toMatch(/[<>]/);
      for (const piece of text.split("…").filter(Boolean)) expect(evil).toContain(piece);
      expect(hitText(hit)).toEqual([q]);
      // Every segment is plain text; the page renders them as text nodes.
      expect(hit?.snippet?.every((p) => typeof p.text === "string" && typeof p.hit === "boolean")).toBe(true);
    }
    // The marks used inside the Worker cannot be smuggled in by a course's own text.
    const sneaky = await publishedCourse(
      school,
      tree.school.id,
      [textLesson({ body: "前文\u0002标记\u0003后文：党风廉政建设" })],
      { title: "标记测试", summary: "", tags: [] },
    );
    const [hit] = (await search(member, "党风廉政")).items.filter((i) => i.id === sneaky.id);
    expect(hitText(hit)).toEqual(["党风廉政"]);
  });

  it("finds nothing outside the caller's visible catalogue, and the order does not leak it", async () => {
    const word = "基层减负增效";
    const mine = await publishedCourse(school, tree.school.id, [textLesson({ body: `${word}的做法。` })], {
      title: "减负",
      summary: "",
      tags: [],
    });
    const draft = await school.post("/api/courses", course(tree.school.id, { title: `${word}草稿`, tags: [] }));
    expect(draft.status).toBe(201);
    const before = await search(member, word);
    expect(ids(before)).toEqual([mine.id]);
    // Another tree's school publishes courses full of the same words.
    const otherRoot = await makeOrg(null, "外市委", "committee");
    const otherSchool = await makeOrg(otherRoot, "外党校", "school", "school");
    const otherPublisher = await as(await makeUser("otherpub", [[otherSchool, "school"]]));
    const theirs = await publishedCourse(
      otherPublisher,
      otherSchool.id,
      [textLesson({ body: `${word}。${word}。${word}。` })],
      { title: word, summary: word, tags: [word] },
    );
    const after = await search(member, word);
    expect(after).toEqual(before);
    expect(ids(await search(member, "减负"))).not.toContain(theirs.id);
    // The other tree's member sees theirs and not ours.
    const outsider = await as(await makeUser("othermem", [[otherRoot, "member"]]));
    expect(ids(await search(outsider, word))).toEqual([theirs.id]);
  });

  it("lists each course's live lessons and minutes as they are after every lesson change", async () => {
    const c = await publishedCourse(
      school,
      tree.school.id,
      [
        textLesson({ title: "甲", body: "课时统计甲。", minutes: 20 }),
        textLesson({ title: "乙", body: "课时统计乙。", minutes: 15 }),
      ],
      { title: "课时统计专题", summary: "", tags: [] },
    );
    const listed = async () => {
      const [hit] = (await search(member, "课时统计专题")).items as unknown as { lessons: number; minutes: number }[];
      return hit && { lessons: hit.lessons, minutes: hit.minutes };
    };
    expect(await listed()).toEqual({ lessons: 2, minutes: 35 });
    const added = await school.post(`/api/courses/${c.id}/lessons`, textLesson({ minutes: 5 }));
    expect(added.status).toBe(201);
    expect(await listed()).toEqual({ lessons: 3, minutes: 40 });
    expect((await school.patch(`/api/courses/${c.id}/lessons/${c.lessonIds[0]}`, { minutes: 30 })).status).toBe(200);
    expect(await listed()).toEqual({ lessons: 3, minutes: 50 });
    expect((await school.request("DELETE", `/api/courses/${c.id}/lessons/${c.lessonIds[1]}`)).status).toBe(200);
    expect(await listed()).toEqual({ lessons: 2, minutes: 35 });
    // A removed lesson's text is no longer found.
    expect(ids(await search(member, "课时统计乙"))).toEqual([]);
  });
});
