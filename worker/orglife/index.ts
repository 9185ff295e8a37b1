// The orglife feature's public face: what other features may use.
export { type HeldMeeting, lifeAgainstRhythm, lifeStatements, meetingSource } from "./held";
export type { RuleRow } from "./rules";
