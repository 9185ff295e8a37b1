import { appraisalIndicator } from "./appraisal";
import { manualBonus, manualDeduction, manualVeto } from "./manual";
import { massesIndicator } from "./masses";
import { selfAnalysisIndicator } from "./self-analysis";
import { serviceIndicator } from "./service";
import type { Indicator } from "./types";

/**
 * The registry. To add an indicator (see the interface in ./types.ts): one file beside these, one
 * line here. Expected after merging: study, mastery (the default model already names them, and reports them
 * as missing until they are registered).
 */
export const INDICATORS: Indicator[] = [
  serviceIndicator,
  massesIndicator,
  selfAnalysisIndicator,
  appraisalIndicator,
  manualBonus,
  manualDeduction,
  manualVeto,
];

export const indicatorByKey = new Map(INDICATORS.map((i) => [i.key, i]));
