import { expect } from "vitest";
import { as, Client, type makeTree } from "../fixtures";

export type Tree = Awaited<ReturnType<typeof makeTree>>;
type Person = { id: string; username: string };

const DAY = 86_400_000;
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const today = shanghaiDay(Date.now());
export const monthAgo = shanghaiDay(Date.now() - 30 * DAY);
export const thisYear = Number(today.slice(0, 4));

let ip = 0;
/** A person without an account, each on their own address (rate limits are per address). */
export function anon(prefix = "10.7") {
  const headers = { "CF-Connecting-IP": `${prefix}.${Math.floor(++ip / 250)}.${ip % 250}` };
  const c = new Client();
  return {
    get: (token: string) => c.request("GET", `/api/public/ratings/${token}`, undefined, headers),
    post: (token: string, answers: Record<string, string>, comment?: string) =>
      c.request("POST", `/api/public/ratings/${token}`, { answers, ...(comment ? { comment } : {}) }, headers),
    check: (code: string, fingerprint: string) =>
      c.request(
        "GET",
        `/api/public/seals?code=${encodeURIComponent(code)}&fingerprint=${encodeURIComponent(fingerprint)}`,
        undefined,
        headers,
      ),
  };
}

/** The branch sets each member's pledges for this year (approved at once); returns their ids by member. */
export async function setPledges(tree: Tree, plan: [Person, string[]][], year = thisYear) {
  const sec = await as(tree.secA);
  const out = new Map<string, string[]>();
  for (const [who, texts] of plan) {
    for (const text of texts) {
      const r = await sec.post(`/api/orgs/${tree.branchA.id}/pledges`, { memberId: who.id, year, text });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      out.set(who.id, [...(out.get(who.id) ?? []), r.body.id]);
    }
  }
  return out;
}

/** A year-end pledge round of branchA, open until far in the future. */
export async function pledgeRound(tree: Tree, tokensPerRatee: number, year = thisYear) {
  const sec = await as(tree.secA);
  const r = await sec.post(`/api/orgs/${tree.branchA.id}/rating-rounds`, {
    title: `${year} 年度党员承诺评诺`,
    target: "pledge",
    year,
    tokensPerRatee,
    closesOn: "2999-12-31",
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const tokens = r.body.tokens as { token: string; rateeId: string }[];
  return { id: r.body.round.id as string, sec, tokensOf: (id: string) => tokens.filter((t) => t.rateeId === id) };
}

/** Every item of a public view answered the same way. */
export async function answerAll(person: ReturnType<typeof anon>, token: string, answer: string) {
  const view = await person.get(token);
  expect(view.status).toBe(200);
  const answers = Object.fromEntries(view.body.items.map((i: { key: string }) => [i.key, answer]));
  return person.post(token, answers);
}

/** Participation counts (how many links were used) and clocks differ by design; nothing else may. */
const CHANGING = new Set(["count", "used", "usedTokens", "headSeq", "computedAt", "exportedAt"]);
const strip = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(strip)
    : x && typeof x === "object"
      ? Object.fromEntries(
          Object.entries(x)
            .filter(([k]) => !CHANGING.has(k))
            .map(([k, v]) => [k, strip(v)]),
        )
      : x;

/** Each url's body as its client reads it (every one must answer 200), without what differs by design. */
export async function readAll(urls: [Client, string][]) {
  const out: Record<string, unknown> = {};
  for (const [client, url] of urls) {
    const r = await client.get(url);
    expect(r.status, url).toBe(200);
    out[url] = strip(r.body);
  }
  return out;
}
