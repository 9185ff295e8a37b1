// The evaluations feature's face for the features after it (bastion, commendations).
export { followupsHandled, openFollowupsQuery } from "./followups";
