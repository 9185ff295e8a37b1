// The vanguard feature's public face: what other features may use.
export { scoreBranch } from "./branch";
