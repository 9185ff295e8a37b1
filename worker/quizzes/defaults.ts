import type { ReviewOptions } from "../../schema/quizzes/types";

const none = { score: false, correctness: false, answer: false, feedback: false };
const all = { score: true, correctness: true, answer: true, feedback: true };

/** Moodle-like defaults: nothing during the attempt, the score right after, everything after close. */
export const DEFAULT_REVIEW: ReviewOptions = {
  during: none,
  immediately: { ...none, score: true, correctness: true },
  open: { ...none, score: true },
  closed: all,
};

/** Saves landing this long after the deadline (network latency) still count. */
export const GRACE_MS = 5_000;
/** "Immediately after" the attempt lasts two minutes, as in Moodle. */
export const IMMEDIATE_MS = 120_000;
