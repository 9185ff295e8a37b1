import type { Label, ModelDefinition, ModelItem, Part, ScoreStatus } from "../../schema/vanguard/values";
import type { IndicatorValue, SourceRef } from "./indicators/types";

/** The inputs of one member's score: each model item's indicator output, by item key. Stored with the score. */
export type Inputs = Record<string, IndicatorValue>;

interface Line {
  key: string;
  indicator: string;
  part: Part;
  label: Label;
  max: number;
  status: "ok" | "missing";
  reason?: string;
  value?: number;
  unit?: string;
  /** Points the rule gives (at most max), before base rescaling. */
  points?: number;
  /** What this line adds to the score (negative for deductions); base lines are rescaled. */
  contribution: number;
  sources: SourceRef[];
  detail?: Record<string, unknown>;
}

interface Adjustment {
  kind: "bonus_cap" | "deduction_cap" | "floor" | "veto";
  contribution: number;
}

export interface Explanation {
  base: number;
  bonusCap: number;
  deductionCap: number;
  /** Share of the base part backed by data (present items' max / base). */
  coverage: number;
  lines: Line[];
  adjustments: Adjustment[];
  status: ScoreStatus;
  score: number | null;
}

const h = (x: number) => Math.round(x * 100);

function rulePoints(item: ModelItem, value: number) {
  const v = Math.max(0, value);
  const r = item.rule;
  const raw = r.kind === "ratio" ? item.max * Math.min(1, v / r.target) : r.kind === "linear" ? v * r.perUnit : v;
  return Math.min(item.max, raw);
}

/**
 * Score = base + min(bonus, bonusCap) − min(deductions, deductionCap), at least 0; a veto sets it to 0.
 * Base items with data are rescaled to the full base (missing items are left out, never counted as 0);
 * no base data at all gives no score (insufficient_data). Everything is summed in hundredths, so the
 * explanation's contributions and adjustments add up to the score exactly.
 */
export function computeScore(def: ModelDefinition, inputs: Inputs): Explanation {
  const lines: Line[] = def.items.map((item) => {
    const input = inputs[item.key] ?? { missing: true as const, reason: "not_available" };
    const common = { key: item.key, indicator: item.indicator, part: item.part, label: item.label, max: item.max };
    if ("missing" in input) {
      return { ...common, status: "missing", reason: input.reason, contribution: 0, sources: [], detail: input.detail };
    }
    const points = item.part === "veto" ? input.value : h(rulePoints(item, input.value)) / 100;
    return {
      ...common,
      status: "ok",
      value: input.value,
      unit: input.unit,
      points,
      contribution: 0,
      sources: input.sources,
      detail: input.detail,
    };
  });
  const present = lines.filter((l) => l.part === "base" && l.status === "ok");
  const presentMax = present.reduce((s, l) => s + l.max, 0);
  let total = 0;
  for (const l of present) {
    const c = Math.round((h(l.points ?? 0) * def.base) / presentMax);
    l.contribution = c;
    total += c;
  }
  const adjustments: Adjustment[] = [];
  let bonus = 0;
  let deduction = 0;
  for (const l of lines) {
    if (l.status !== "ok") continue;
    if (l.part === "bonus") {
      l.contribution = h(l.points ?? 0);
      bonus += l.contribution;
    } else if (l.part === "deduction") {
      l.contribution = -h(l.points ?? 0);
      deduction -= l.contribution;
    }
  }
  total += bonus - deduction;
  if (bonus > h(def.bonusCap)) adjustments.push({ kind: "bonus_cap", contribution: h(def.bonusCap) - bonus });
  if (deduction > h(def.deductionCap))
    adjustments.push({ kind: "deduction_cap", contribution: deduction - h(def.deductionCap) });
  for (const a of adjustments) total += a.contribution;
  if (total < 0) {
    adjustments.push({ kind: "floor", contribution: -total });
    total = 0;
  }
  const vetoed = lines.some((l) => l.part === "veto" && l.status === "ok" && (l.value ?? 0) > 0);
  if (vetoed) {
    adjustments.push({ kind: "veto", contribution: -total });
    total = 0;
  }
  const status: ScoreStatus = vetoed ? "vetoed" : presentMax === 0 ? "insufficient_data" : "scored";
  return {
    base: def.base,
    bonusCap: def.bonusCap,
    deductionCap: def.deductionCap,
    coverage: def.base ? Math.round((presentMax / def.base) * 1000) / 1000 : 0,
    lines: lines.map((l) => ({ ...l, contribution: l.contribution / 100 })),
    adjustments: adjustments.map((a) => ({ ...a, contribution: a.contribution / 100 })),
    status,
    score: status === "insufficient_data" ? null : total / 100,
  };
}

/** The band a score falls in; what a member's index is shown as outside the member's own page. */
export const bandOf = (s: number | null) =>
  s === null ? "missing" : s < 60 ? "0-59" : s < 70 ? "60-69" : s < 80 ? "70-79" : s < 90 ? "80-89" : "90-100";

/** Counts per band (never a ranking, never a mean standing for the branch) of the scored members. */
export function distribution(scores: (number | null)[]) {
  const bands: Record<string, number> = { "0-59": 0, "60-69": 0, "70-79": 0, "80-89": 0, "90-100": 0, missing: 0 };
  let scored = 0;
  for (const s of scores) {
    const band = bandOf(s);
    bands[band] = (bands[band] ?? 0) + 1;
    if (s !== null) scored++;
  }
  return { bands, scored };
}
