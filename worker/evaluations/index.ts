// The evaluations feature's public face: what other features may use.
export { cycleClosed } from "./cycles";
