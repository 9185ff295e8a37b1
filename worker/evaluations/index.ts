// The evaluations feature's face for the features after it (bastion, commendations).
export { cycleClosed } from "./cycles";
export { followupsHandled, openFollowupsQuery } from "./followups";
export { type LatestGradeRow, latestGradeSql } from "./member-record";
export { listCycles } from "./service";
