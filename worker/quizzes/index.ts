// The quizzes feature's public face: what other features may use.

export { essaysToGrade, memberQuizToDo } from "./home";
export { hasPassedQuiz } from "./service";
export { attemptGraded } from "./submit";
