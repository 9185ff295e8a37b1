// The archives feature's public face: what other features may use.
export { authorizedArchive } from "./access";
