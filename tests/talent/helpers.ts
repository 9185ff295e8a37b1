import { DEFAULT_RULE } from "../../schema/talent/values";
import type { Client } from "../fixtures";

/** An assessment answering the built-in rules: every criterion met with evidence, no negative item. */
export function fullAssessment(over: Record<string, unknown> = {}) {
  return {
    decision: "admit",
    on: "2026-02-01",
    criteria: DEFAULT_RULE.criteria.map((c) => ({ key: c.key, met: true, evidence: `档案：${c.label}` })),
    negatives: DEFAULT_RULE.negatives.map((n) => ({ key: n.key, hit: false })),
    reason: "支部推荐，党委研究同意入库",
    ...over,
  };
}

export async function nominated(by: Client, memberId: string, over: Record<string, unknown> = {}) {
  const r = await by.post("/api/talent/reserves", {
    memberId,
    track: "top",
    source: "committee",
    reason: "带头发展产业",
    on: "2026-01-10",
    ...over,
  });
  if (r.status !== 201) throw new Error(`nominate: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}
