// The courses feature's public face: what other features may use.
export { rootOf, userRoots } from "./access";
export { completionArchive } from "./progress";
export { currentYear, effectiveQuota, yearStart } from "./study";
