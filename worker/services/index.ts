// The services feature's public face: what other features may use.
export { servicesToConfirm } from "./home";
