export * from "./archives/tables";
export * from "./audit/tables";
export * from "./auth/tables";
export * from "./banks/tables";
export * from "./orgs/tables";
export * from "./quizzes/tables";
