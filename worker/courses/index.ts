// The courses feature's public face: what other features may use.
export { branchesBehind, flaggedCompletions, memberStudyToDo } from "./home";
export { effectiveQuota, quotaKind } from "./study";
export { classRecord, enrollStatement, trainingClasses } from "./training";
