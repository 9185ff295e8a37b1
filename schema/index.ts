export * from "./archives/tables";
export * from "./audit/tables";
export * from "./auth/tables";
export * from "./courses/tables";
export * from "./orgs/tables";
