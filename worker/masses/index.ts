// The masses feature's public face: what other features may use.
export { branchRoundResults, branchRoundsQuery, closedInPeriod, wholeRoundShare } from "./results";
