import { DEVELOPMENT_LABELS } from "../../schema/development/labels";
import type { SessionUser } from "../auth";

type Locale = SessionUser["locale"];

// The development words of exports in the reader's language: the development pages' own
// labels (schema/development/labels.ts), with the export's row heading.
const LABELS: Record<Locale, Record<string, string>> = {
  "zh-CN": { rowHead: "环节", ...DEVELOPMENT_LABELS["zh-CN"] },
  "zh-TW": { rowHead: "環節", ...DEVELOPMENT_LABELS["zh-TW"] },
  en: { rowHead: "Step", ...DEVELOPMENT_LABELS.en },
};

/** The label of a coded value ("step_oath" → 入党宣誓); the code itself when none is known. */
export const devLabel = (locale: Locale, key: string) => LABELS[locale][key] ?? key;
