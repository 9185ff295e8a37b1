import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { QuestionBody, Response } from "../../schema/banks/types";
import { invalid } from "../lib/errors";

/** Choices, matching left items (by pair index) and matching right items (by text). */
type Kind = "c" | "l" | "r";
const encoder = new TextEncoder();

/**
 * The ids one attempt (or one practice day) shows for the choices and matching items of one question.
 * Authored ids follow authoring order, and authors (and GIFT) put the right answer first, so they never
 * leave the server: each becomes a keyed hash of a random per-attempt key that is never sent, the slot
 * and the authored id. One attempt always shows the same ids (reloads, offline replays); another attempt
 * or member sees unrelated ones. An empty key (attempts started before keys existed) shows authored ids.
 */
export class SlotIds {
  private reverse: Map<string, string> | null = null;
  constructor(
    private readonly key: string,
    private readonly slot: number,
    private readonly body: QuestionBody,
  ) {}

  /** The id the member sees for an authored one. */
  out(kind: Kind, id: string): string {
    if (!this.key) return id;
    const hash = sha256(encoder.encode(`${this.key}\u0000${this.slot}\u0000${kind}\u0000${id}`));
    return encodeBase32LowerCaseNoPadding(hash.subarray(0, 10));
  }

  /** The authored id behind one the member sent; undefined when this question does not show it. */
  back(kind: Kind, opaque: string): string | undefined {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const [k, id] of authoredIds(this.body)) this.reverse.set(`${k}:${this.out(k, id)}`, id);
    }
    return this.reverse.get(`${kind}:${opaque}`);
  }
}

function authoredIds(body: QuestionBody): [Kind, string][] {
  if (body.type === "single" || body.type === "multiple") return body.options.map((o) => ["c", o.id]);
  if (body.type === "matching")
    return [
      ...body.pairs.flatMap((p, i): [Kind, string][] => (p.left.trim() ? [["l", String(i)]] : [])),
      ...[...new Set(body.pairs.map((p) => p.right))].map((r): [Kind, string] => ["r", r]),
    ];
  return [];
}

const unknown = () =>
  invalid("the answer names an option this question does not show", [{ path: "response", code: "unknown_option" }]);

/** A response as the member sent it (shown ids) in authored ids, for storing and grading. */
export function responseIn(body: QuestionBody, response: Response | null, ids: SlotIds): Response | null {
  if (response === null) return null;
  const back = (kind: Kind, id: string) => {
    const authored = ids.back(kind, id);
    if (authored === undefined) throw unknown();
    return authored;
  };
  if ((body.type === "single" || body.type === "multiple") && "choice" in response)
    return { choice: back("c", response.choice) };
  if ((body.type === "single" || body.type === "multiple") && "choices" in response)
    return { choices: [...new Set(response.choices)].map((c) => back("c", c)) };
  if (body.type === "matching" && "pairs" in response)
    return {
      pairs: Object.fromEntries(
        Object.entries(response.pairs).flatMap(([l, r]) => (r === "" ? [] : [[back("l", l), back("r", r)]])),
      ),
    };
  // Nothing here names an option: another shape scores 0, as a missing answer does.
  return response;
}

/** A stored response (authored ids) as the member's page shows it. */
export function responseOut(body: QuestionBody, response: Response | null, ids: SlotIds): Response | null {
  if (response === null) return null;
  if ("choice" in response) return { choice: ids.out("c", response.choice) };
  if ("choices" in response) return { choices: response.choices.map((c) => ids.out("c", c)) };
  if (body.type === "matching" && "pairs" in response)
    return {
      pairs: Object.fromEntries(Object.entries(response.pairs).map(([l, r]) => [ids.out("l", l), ids.out("r", r)])),
    };
  return response;
}

/** The right answer (from rightAnswer, authored ids) in the ids this page shows. */
export function answerOut(answer: unknown, ids: SlotIds): unknown {
  const a = answer as { choices?: string[]; pairs?: Record<string, string> } | null;
  if (a?.choices) return { choices: a.choices.map((c) => ids.out("c", c)) };
  if (a?.pairs)
    return { pairs: Object.fromEntries(Object.entries(a.pairs).map(([l, r]) => [ids.out("l", l), ids.out("r", r)])) };
  return answer;
}
