// The masses feature's public face: what other features may use.

export { type MemberRatingRow, memberRatingShare, memberRatingsSql } from "./member-record";
export { throttled } from "./public";
export { branchRoundResults, branchRoundsQuery, closedInPeriod, wholeRoundShare } from "./results";
export { looksLikeToken, newRatingToken, tokenHash } from "./tokens";
