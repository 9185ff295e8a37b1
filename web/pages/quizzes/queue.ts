/** Answers not yet confirmed by the server, kept in localStorage so a reload or a dropped connection loses nothing. */
export interface Pending {
  response: unknown;
  seq: number;
}

const key = (attemptId: string) => `quiz-queue:${attemptId}`;

export function readQueue(attemptId: string): Record<string, Pending> {
  try {
    return JSON.parse(localStorage.getItem(key(attemptId)) ?? "{}");
  } catch {
    return {};
  }
}

export function writeQueue(attemptId: string, q: Record<string, Pending>) {
  if (Object.keys(q).length === 0) localStorage.removeItem(key(attemptId));
  else localStorage.setItem(key(attemptId), JSON.stringify(q));
}

let last = 0;
/** A strictly increasing save number: the server keeps only the newest save per question. */
export function nextSeq() {
  last = Math.max(last + 1, Date.now());
  return last;
}
