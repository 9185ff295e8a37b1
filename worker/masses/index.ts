// The masses feature's public face: what other features may use.
export { branchRoundResults, branchRoundsQuery, closedInPeriod, wholeRoundShare } from "./results";
export { throttled } from "./public";
export { looksLikeToken, newRatingToken, tokenHash } from "./tokens";
export { type MemberRatingRow, memberRatingShare, memberRatingsSql } from "./member-record";
