export * from "./archives/tables";
export * from "./audit/tables";
export * from "./auth/tables";
export * from "./evaluations/tables";
export * from "./masses/tables";
export * from "./orgs/tables";
export * from "./services/tables";
export * from "./vanguard/tables";
