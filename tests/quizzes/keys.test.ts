import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { practiceDays } from "../../schema";
import { as, type Client, db, makeTree, makeUser } from "../fixtures";
import { makeQuiz, type Tree } from "./helpers";

// An attacker's view of the answer key: bots that answer by any pattern of the ids they receive. Authors
// (and GIFT) put the right answer first, so every bank here does. Over N four-option questions a bot that
// knows nothing gets Binomial(N, 1/4) right: mean N/4; the bounds below are about four standard
// deviations either side, so a fair test fails by chance less than once in ten thousand runs.
const N = 120;
const LOW = 12;
const HIGH = 50;
const MATCHES = 30; // four pairs each: 120 pairs, the same bounds on pairs matched

const choiceGift = Array.from(
  { length: N },
  (_, i) => `::c${i}:: 选择题 ${i} {=正确${i} ~错误${i}甲 ~错误${i}乙 ~错误${i}丙}`,
).join("\n\n");
const matchGift = Array.from(
  { length: MATCHES },
  (_, i) =>
    `::m${i}:: 配对题 ${i} {=左甲${i} -> 右甲${i} =左乙${i} -> 右乙${i} =左丙${i} -> 右丙${i} =左丁${i} -> 右丁${i}}`,
).join("\n\n");

interface Opt {
  id: string;
  html: string;
}
interface Q {
  slot: number;
  type: string;
  stemHtml: string;
  options: Opt[];
  lefts: Opt[];
  rights: { id: string; text: string }[];
  response: unknown;
  rightAnswer?: { choices?: string[]; pairs?: Record<string, string> };
}
interface A {
  id: string;
  questions: Q[];
}

let tree: Tree;
let school: Client;
let choiceQuiz: string;
let matchQuiz: string;
let bankId: string;

const byText = (q: Q) => q.stemHtml.replace(/<[^>]+>/g, "").trim();
const rightChoice = (q: Q) => q.options.find((o) => o.html.includes("正确"))?.id as string;
const sorted = (xs: { id: string }[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
const ids = (a: A) =>
  a.questions.flatMap((q) => [...(q.options ?? []), ...(q.lefts ?? []), ...(q.rights ?? [])].map((o) => o.id));

async function start(c: Client, quizId: string): Promise<A> {
  const r = await c.post(`/api/quizzes/${quizId}/attempts`);
  // A new attempt each time, never a resumed one.
  expect(r.status, JSON.stringify(r.body.error)).toBe(201);
  return r.body;
}
async function answerAll(c: Client, a: A, pick: (q: Q) => unknown) {
  return Promise.all(
    a.questions.map((q) => c.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: pick(q), seq: 1 })),
  );
}
async function submit(c: Client, a: A) {
  const r = await c.post(`/api/attempts/${a.id}/submit`);
  expect(r.body.state).toBe("closed");
  return r.body as A & { score: number; maxScore: number };
}
/** Starts an attempt, answers every question with `pick`, submits; the score (questions right). */
async function bot(c: Client, quizId: string, pick: (q: Q, a: A) => unknown) {
  const a = await start(c, quizId);
  const saves = await answerAll(c, a, (q) => pick(q, a));
  expect(saves.every((s) => s.status === 200)).toBe(true);
  return (await submit(c, a)).score;
}

beforeAll(async () => {
  tree = await makeTree();
  school = await as(tree.publisher);
  const bank = await school.post("/api/banks", {
    ownerOrgId: tree.school.id,
    name: "题海",
    practiceOrgId: tree.committee.id,
  });
  bankId = bank.body.id;
  const gift = `$CATEGORY: 题海/单选\n\n${choiceGift}\n\n$CATEGORY: 题海/配对\n\n${matchGift}\n`;
  const imp = await school.request("POST", `/api/banks/${bankId}/import?format=gift`, gift, {
    "Content-Type": "text/plain",
  });
  expect(imp.status, JSON.stringify(imp.body)).toBe(200);
  const cats = (await school.get(`/api/banks/${bankId}`)).body.categories as { id: string; name: string }[];
  const cat = (name: string) => cats.find((c) => c.name === name)?.id as string;
  // Answers are shown right after submitting, so an attacker has a key to share.
  const all = { score: true, correctness: true, answer: true, feedback: true };
  const review = {
    during: { ...all, score: false, correctness: false, answer: false, feedback: false },
    immediately: all,
    open: all,
    closed: all,
  };
  choiceQuiz = await makeQuiz(
    school,
    tree,
    [
      { categoryId: cat("单选"), count: 100, points: 1 },
      { categoryId: cat("单选"), count: N - 100, points: 1 },
    ],
    { attemptsAllowed: 0, review },
  );
  matchQuiz = await makeQuiz(school, tree, [{ categoryId: cat("配对"), count: MATCHES, points: 4 }], {
    attemptsAllowed: 0,
    review,
  });
});

describe("choice ids carry no key", () => {
  it("bots answering by id pattern score at chance; a reader scores 100%", async () => {
    const member = await as(tree.memA);
    const scores = {
      firstShown: await bot(member, choiceQuiz, (q) => ({ choice: q.options[0]?.id })),
      lastShown: await bot(member, choiceQuiz, (q) => ({ choice: q.options.at(-1)?.id })),
      smallestId: await bot(member, choiceQuiz, (q) => ({ choice: sorted(q.options)[0]?.id })),
      largestId: await bot(member, choiceQuiz, (q) => ({ choice: sorted(q.options).at(-1)?.id })),
    };
    for (const [name, score] of Object.entries(scores)) {
      expect(score, name).toBeGreaterThanOrEqual(LOW);
      expect(score, name).toBeLessThanOrEqual(HIGH);
    }
    const reader = await start(member, choiceQuiz);
    expect(reader.questions).toHaveLength(N);
    // Nothing authored reaches the browser: no o1…oN.
    expect(ids(reader).some((id) => /^o\d+$/.test(id))).toBe(false);
    await answerAll(member, reader, (q) => ({ choice: rightChoice(q) }));
    expect((await submit(member, reader)).score).toBe(N);
  }, 60_000);

  it("ids are per attempt: another member's or an earlier attempt's key does not transfer, by id or by position", async () => {
    const reader = await as(await makeUser("reader", [[tree.branchA, "member"]]));
    const copier = await as(await makeUser("copier", [[tree.branchB, "member"]]));
    const r1 = await start(reader, choiceQuiz);
    await answerAll(reader, r1, (q) => ({ choice: rightChoice(q) }));
    const reviewed = await submit(reader, r1);
    expect(reviewed.score).toBe(N);
    // The key as the reader's review shows it: per question (by its text), the right id and its position.
    const key = new Map(
      reviewed.questions.map((q) => {
        const right = q.rightAnswer?.choices?.[0] as string;
        return [byText(q), { id: right, position: q.options.findIndex((o) => o.id === right) }];
      }),
    );
    expect(key.size).toBe(N);

    for (const [who, client] of [
      ["another member", copier],
      ["the same member, next attempt", reader],
    ] as const) {
      const a = await start(client, choiceQuiz);
      // No id of the shared attempt appears in this one.
      const mine = new Set(ids(a));
      expect(
        ids(r1).filter((id) => mine.has(id)),
        who,
      ).toEqual([]);
      // Sending the shared ids is refused, and stores nothing.
      const sent = await answerAll(client, a, (q) => ({ choice: key.get(byText(q))?.id }));
      expect(
        sent.every((s) => s.status === 422 && s.body.error.details[0].code === "unknown_option"),
        who,
      ).toBe(true);
      expect((await client.get(`/api/attempts/${a.id}`)).body.questions.every((q: Q) => q.response === null)).toBe(
        true,
      );
      // Answering by the shared positions instead is chance.
      await answerAll(client, a, (q) => ({ choice: q.options[key.get(byText(q))?.position ?? 0]?.id }));
      const score = (await submit(client, a)).score;
      expect(score, who).toBeGreaterThanOrEqual(LOW);
      expect(score, who).toBeLessThanOrEqual(HIGH);
    }
  }, 60_000);

  it("an attempt keeps its ids across reloads, so saves queued offline replay, and shows saved answers in them", async () => {
    const member = await as(tree.memB);
    const a = await start(member, choiceQuiz);
    const q = a.questions[0] as Q;
    const choice = rightChoice(q);
    // Saved before a reload with the ids of the first page, replayed after it.
    const again = (await member.get(`/api/attempts/${a.id}`)).body as A;
    expect(again.questions[0]?.options).toEqual(q.options);
    expect((await member.post(`/api/quizzes/${choiceQuiz}/attempts`)).body.questions[0].options).toEqual(q.options);
    for (const seq of [1, 1, 2]) {
      const r = await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, { response: { choice }, seq });
      expect(r.status).toBe(200);
    }
    const resumed = (await member.get(`/api/attempts/${a.id}`)).body as A;
    expect(resumed.questions[0]?.response).toEqual({ choice });
    const multi = await member.request("PUT", `/api/attempts/${a.id}/slots/${q.slot}`, {
      response: { choices: [choice, "o1"] },
      seq: 3,
    });
    expect(multi.status).toBe(422);
    expect((await member.get(`/api/attempts/${a.id}`)).body.questions[0].response).toEqual({ choice });
    const done = await submit(member, a);
    expect(done.score).toBe(1);
    expect(done.questions[0]?.rightAnswer).toEqual({ choices: [choice] });
  });
});

describe("matching ids carry no key", () => {
  it("pairing by id order or display order is chance; a reader matches every pair", async () => {
    const member = await as(await makeUser("matcher", [[tree.branchA, "member"]]));
    const pairUp = (lefts: Opt[], rights: { id: string }[]) =>
      Object.fromEntries(lefts.map((l, i) => [l.id, rights[i]?.id]));
    const pairs = {
      displayOrder: await bot(member, matchQuiz, (q) => ({ pairs: pairUp(q.lefts, q.rights) })),
      idOrder: await bot(member, matchQuiz, (q) => ({ pairs: pairUp(sorted(q.lefts) as Opt[], sorted(q.rights)) })),
    };
    for (const [name, score] of Object.entries(pairs)) {
      expect(score, name).toBeGreaterThanOrEqual(LOW);
      expect(score, name).toBeLessThanOrEqual(HIGH);
    }
    // A reader: 左甲3 goes with 右甲3.
    const read = (q: Q) => ({
      pairs: Object.fromEntries(
        q.lefts.map((l) => {
          const t = l.html
            .replace(/<[^>]+>/g, "")
            .trim()
            .replace("左", "右");
          return [l.id, q.rights.find((r) => r.text === t)?.id];
        }),
      ),
    });
    const a = await start(member, matchQuiz);
    const texts = a.questions.flatMap((q) => q.rights.map((r) => r.text));
    for (const id of ids(a)) {
      expect(id).not.toMatch(/^\d+$/);
      expect(texts).not.toContain(id);
    }
    await answerAll(member, a, read);
    const done = await submit(member, a);
    expect(done.score).toBe(MATCHES * 4);
    // The review's key is in this attempt's ids.
    expect(done.questions[0]?.rightAnswer).toEqual(read(done.questions[0] as Q));
  }, 60_000);
});

describe("daily practice ids carry no key", () => {
  it("answering the first shown or the smallest id is chance over many days; ids differ between members", async () => {
    const practiser = await makeUser("practiser", [[tree.branchA, "member"]]);
    const member = await as(practiser);
    const other = await as(await makeUser("neighbour", [[tree.branchA, "member"]]));
    // A new day, without waiting for one: today's set is forgotten and drawn again, with a new key.
    const newDay = () => db().delete(practiceDays).where(eq(practiceDays.userId, practiser.id));
    let firstShown = 0;
    let smallest = 0;
    let seen = 0;
    while (seen < 2 * N) {
      const day = (await member.get("/api/practice")).body;
      const choices = (day.questions as Q[]).map((q, index) => ({ q, index })).filter(({ q }) => q.type === "single");
      // The bot alternates over all answers, not within a day, so each way gets exactly N.
      for (const { q, index } of choices.slice(0, 2 * N - seen)) {
        expect(q.options.some((o) => /^o\d+$/.test(o.id))).toBe(false);
        const byFirst = seen % 2 === 0;
        const choice = byFirst ? q.options[0]?.id : sorted(q.options)[0]?.id;
        const r = await member.post("/api/practice/answer", { index, response: { choice } });
        expect(r.status).toBe(200);
        const right = r.body.questions[index].correctness === "right" ? 1 : 0;
        if (byFirst) firstShown += right;
        else smallest += right;
        seen++;
      }
      await newDay();
    }
    // N answers each way.
    for (const score of [firstShown, smallest]) {
      expect(score).toBeGreaterThanOrEqual(LOW);
      expect(score).toBeLessThanOrEqual(HIGH);
    }
    // The same question shows different ids to two members on the same day.
    const mine = (await member.get("/api/practice")).body.questions as Q[];
    const theirs = (await other.get("/api/practice")).body.questions as Q[];
    const all = (qs: Q[]) => new Set(qs.flatMap((q) => [...(q.options ?? []), ...(q.lefts ?? [])].map((o) => o.id)));
    const overlap = [...all(mine)].filter((id) => all(theirs).has(id));
    expect(overlap).toEqual([]);
    // The right answer, once revealed, is in the member's ids.
    const q = mine.find((x) => x.type === "single") as Q;
    const index = mine.indexOf(q);
    const right = q.options.find((o) => o.html.includes("正确"))?.id;
    const r = await member.post("/api/practice/answer", { index, response: { choice: right } });
    expect(r.body.questions[index]).toMatchObject({ correctness: "right", rightAnswer: { choices: [right] } });
    // An authored id is not one the set shows.
    const unanswered = mine.findIndex((x, i) => x.type === "single" && i !== index);
    if (unanswered >= 0) {
      const bad = await member.post("/api/practice/answer", { index: unanswered, response: { choice: "o1" } });
      expect(bad.status).toBe(422);
    }
  }, 120_000);
});
