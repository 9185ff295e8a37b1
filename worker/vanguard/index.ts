// The vanguard feature's public face: what other features may use.
export { scoreBranch } from "./branch";
export { massesIndicator } from "./indicators/masses";
export { serviceIndicator } from "./indicators/service";
export type { IndicatorScope, IndicatorValue } from "./indicators/types";
