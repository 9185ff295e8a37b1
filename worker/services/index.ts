// The services feature's public face: what other features may use.
export { servicesToConfirm } from "./home";
export { confirmedServiceSql, type ServiceSumRow } from "./member-record";
