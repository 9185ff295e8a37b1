// The evaluations feature's public face: what other features may use.
export { listCycles } from "./service";
