// The orgs feature's public face: what other features may use.
export { ANY_ROLE, authorizedOrg } from "./access";
export { type OrgRow, getOrg, listSubtrees, requireOrg } from "./service";
