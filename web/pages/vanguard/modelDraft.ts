import { modelBody } from "../../../schema/vanguard/validation";
import { DEFAULT_MODEL, type ModelDefinition, type ModelItem } from "../../../schema/vanguard/values";
import { ApiFailure } from "../../api";
import { fieldText } from "../../i18n/errors";

type DraftItem = ModelItem & { on: boolean };
export interface Draft {
  name: string;
  base: number;
  bonusCap: number;
  deductionCap: number;
  items: DraftItem[];
}

/** The model's items (on) followed by the default items it lacks (off), so an item can be turned back on. */
export function toDraft(name: string, d: ModelDefinition): Draft {
  const keys = new Set(d.items.map((i) => i.key));
  const off = DEFAULT_MODEL.items.filter((i) => !keys.has(i.key)).map((i) => ({ ...i, on: false }));
  return { name, ...d, items: [...d.items.map((i) => ({ ...i, on: true })), ...off] };
}

/** The request body, checked as the API checks it; throws an ApiFailure carrying the field paths. */
export function toBody(d: Draft) {
  const items = d.items.filter((i) => i.on).map(({ on: _, ...i }) => i);
  const body = {
    name: d.name,
    definition: { base: d.base, bonusCap: d.bonusCap, deductionCap: d.deductionCap, items },
  };
  const parsed = modelBody.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
    throw new ApiFailure(400, "invalid_input", "invalid json", details);
  }
  if (Math.abs(baseSum(d) - d.base) > 1e-9) {
    throw new ApiFailure(422, "invalid", "base mismatch", [{ path: "definition.base", code: "base_mismatch" }]);
  }
  return parsed.data;
}

export const baseSum = (d: Draft) => d.items.filter((i) => i.on && i.part === "base").reduce((s, i) => s + i.max, 0);

/** The path of an item's field in the body (only items that are on are sent). */
export const itemPath = (d: Draft, index: number, field: string) =>
  `definition.items.${d.items.slice(0, index).filter((i) => i.on).length}.${field}`;

/** A field's error: the model's own codes in the feature's words, the rest as usual. */
export function modelFieldText(err: unknown, path: string, own: (code: "base_mismatch" | "duplicate_key") => string) {
  const code = err instanceof ApiFailure ? err.field(path)?.code : undefined;
  return code === "base_mismatch" || code === "duplicate_key" ? own(code) : fieldText(err, path);
}
