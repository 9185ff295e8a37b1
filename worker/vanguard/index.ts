// The vanguard feature's public face: what other features may use.
export { scoreBranch } from "./branch";
export { massesIndicator } from "./indicators/masses";
export { serviceIndicator } from "./indicators/service";
export { studyIndicator } from "./indicators/study";
export type { IndicatorScope, IndicatorValue, SourceRef } from "./indicators/types";
export { type LatestScoreRow, latestScoreSql } from "./member-record";
export { checkDefinition } from "./model";
export { bandOf, computeScore, type Explanation, type Inputs } from "./score";
export { nameSources, type SourceKind } from "./sources";
