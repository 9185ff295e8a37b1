// The orgs feature's public face: what other features may use.
export { ANY_ROLE, authorizedOrg } from "./access";
export { type OrgMove, orgMoving, rebase } from "./moves";
export { getOrg, listSubtrees, type OrgRow, orgRenaming, requireOrg } from "./service";
