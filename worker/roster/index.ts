// The roster feature's public face: what other features may use.
export { authorizedUser } from "./access";
