import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { quizAttempts } from "../../schema";
import { as, type Client, db, makeTree } from "../fixtures";

export type Tree = Awaited<ReturnType<typeof makeTree>>;
export type Bank = Awaited<ReturnType<typeof makeBank>>;

/** Markers that must never reach a member's browser before the review options allow. */
export const SECRETS = ["FBSECRET", "GFSECRET", "FILLKEY", "fillkey2", "TFWRONG", "TFRIGHT"];

export const GIFT = `$CATEGORY: 党建/群众路线

::single:: 群众路线的核心是？{=一切为了群众 #FBSECRET-a ~脱离群众 #FBSECRET-b ~形式主义 ####GFSECRET-1}

::multiple:: 服务型党组织要服务哪些人？{~%50%群众 ~%50%党员 ~%-100%自己#FBSECRET-c}

::tf:: 党的群众路线是党的生命线。{TRUE#TFWRONG#TFRIGHT}

::fill:: 密钥填空 {=FILLKEY =fillkey2}

::num:: 一个数 {#19219:0}

::match:: 配对 {=一 -> 1 =二 -> 2 =三 -> 3}

$CATEGORY: 党建/论述

::essay:: 谈谈体会 {####GFSECRET-essay}
`;

export async function makeBank(school: Client, tree: Tree, extra: Record<string, unknown> = {}) {
  const bank = await school.post("/api/banks", {
    ownerOrgId: tree.school.id,
    name: "党建题库",
    practiceOrgId: tree.committee.id,
    ...extra,
  });
  if (bank.status !== 201) throw new Error(JSON.stringify(bank.body));
  const imp = await school.request("POST", `/api/banks/${bank.body.id}/import?format=gift`, GIFT, {
    "Content-Type": "text/plain",
  });
  if (imp.status !== 200) throw new Error(JSON.stringify(imp.body));
  const qs = await school.get(`/api/banks/${bank.body.id}/questions?limit=100`);
  const byName = Object.fromEntries(qs.body.items.map((q: { name: string; id: string }) => [q.name, q.id])) as Record<
    string,
    string
  >;
  const full = await school.get(`/api/banks/${bank.body.id}`);
  return {
    bankId: bank.body.id as string,
    q: byName,
    categories: full.body.categories as { id: string; name: string; path: string }[],
  };
}

/** What most quiz files start from: a tree, its school's and a member's (memA) clients, and the GIFT bank. */
export async function quizSetup() {
  const tree = await makeTree();
  const school = await as(tree.publisher);
  const member = await as(tree.memA);
  return { tree, school, member, bank: await makeBank(school, tree) };
}

/** A quiz's slots: the bank's questions of these names, `points` each. */
export const slotsOf = (bank: Bank, names: string[], points = 2) =>
  names.map((n) => ({ questionId: bank.q[n] as string, points }));

const none = { score: false, correctness: false, answer: false, feedback: false };
const all = { score: true, correctness: true, answer: true, feedback: true };
const REVIEW_AFTER_CLOSE = {
  during: none,
  immediately: { ...none, score: true },
  open: { ...none, score: true },
  closed: all,
};

export async function makeQuiz(school: Client, tree: Tree, slots: unknown[], extra: Record<string, unknown> = {}) {
  const r = await school.post("/api/quizzes", {
    ownerOrgId: tree.school.id,
    audienceOrgId: tree.committee.id,
    title: "测验",
    slots,
    attemptsAllowed: 3,
    passPercent: 60,
    review: REVIEW_AFTER_CLOSE,
    published: true,
    ...extra,
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

/** A full-marks answer for each question type as shown in the attempt view. */
export function rightResponse(q: {
  type: string;
  options?: { id: string; html: string }[];
  lefts?: { id: string; html: string }[];
  rights?: { id: string; text: string }[];
}) {
  const opt = (text: string) => q.options?.find((o) => o.html.includes(text))?.id as string;
  const left = (text: string) => q.lefts?.find((l) => l.html.includes(text))?.id as string;
  const right = (text: string) => q.rights?.find((r) => r.text === text)?.id as string;
  switch (q.type) {
    case "single":
      return { choice: opt("一切为了群众") };
    case "multiple":
      return { choices: [opt("群众"), opt("党员")] };
    case "truefalse":
      return { value: true };
    case "fill":
      return { text: "ＦＩＬＬＫＥＹ" };
    case "numerical":
      return { number: 19219 };
    case "matching":
      return { pairs: { [left("一")]: right("1"), [left("二")]: right("2"), [left("三")]: right("3") } };
    default:
      return { text: "我的体会" };
  }
}

/** Starts, answers right, and submits one attempt (started a while ago, so it is not flagged). */
export async function takeOnce(c: Client, quizId: string) {
  const a = (await c.post(`/api/quizzes/${quizId}/attempts`)).body;
  await c.request("PUT", `/api/attempts/${a.id}/slots/0`, { response: rightResponse(a.questions[0]), seq: 1 });
  await db()
    .update(quizAttempts)
    .set({ startedAt: Date.now() - 300_000 })
    .where(eq(quizAttempts.id, a.id));
  expect((await c.post(`/api/attempts/${a.id}/submit`)).body.state).toBe("closed");
  return a.id as string;
}
