// The banks feature's public face: what other features may use.
export { authorizedQuestion, publishRoot } from "./access";
export { finalGrade, grade, pickKey, rightAnswer } from "./grading";
export { renderText } from "./markdown";
