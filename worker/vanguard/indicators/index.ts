import { appraisalIndicator } from "./appraisal";
import { manualBonus, manualDeduction, manualVeto } from "./manual";
import { massesIndicator, pledgesIndicator } from "./masses";
import { masteryIndicator } from "./mastery";
import { practiceIndicator } from "./practice";
import { selfAnalysisIndicator } from "./self-analysis";
import { serviceIndicator } from "./service";
import { studyIndicator } from "./study";
import type { Indicator } from "./types";

/**
 * The registry. To add an indicator (see the interface in ./types.ts): one file beside these, one
 * line here.
 */
export const INDICATORS: Indicator[] = [
  studyIndicator,
  masteryIndicator,
  serviceIndicator,
  massesIndicator,
  pledgesIndicator,
  practiceIndicator,
  selfAnalysisIndicator,
  appraisalIndicator,
  manualBonus,
  manualDeduction,
  manualVeto,
];
