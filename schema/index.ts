export * from "./archives/tables";
export * from "./audit/tables";
export * from "./auth/tables";
export * from "./evaluations/tables";
export * from "./orgs/tables";
