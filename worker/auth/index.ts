// The auth feature's public face: what other features may use.
export { authorizeAnyPath, authorizePath, hasRoleOver, rootsFor } from "./authorize";
export { hashPassword } from "./password";
export { isPublicPath } from "./public";
export { resetPassword } from "./service";
export type { SessionMembership, SessionUser } from "./session";
export { rideAlong } from "./speculation";
