// The quizzes feature's public face: what other features may use.

export { attemptStarting } from "./attempts";
export { essaysToGrade, memberQuizToDo } from "./home";
export { hasPassedQuiz } from "./service";
export { attemptGraded } from "./submit";
