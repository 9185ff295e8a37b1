// Lessons marked to read offline without opening them: the page asks the service worker (web/pwa/sw.ts),
// which keeps the reads the lesson page needs beside its other study reads, and forgets them at logout.

export type OfflineAsk =
  | { offline: "list"; courseId: string }
  | { offline: "keep" | "drop"; courseId: string; lessonId: string };

const ANSWER_WITHIN_MS = 30_000;

/** The browser's service workers, or none: absent in some private windows, and reading it throws where storage is blocked. */
export function serviceWorkers(): ServiceWorkerContainer | undefined {
  try {
    return navigator.serviceWorker ?? undefined;
  } catch {
    return undefined;
  }
}

/** The worker's answer; null when none controls this page (first visit, private mode, no support). */
function ask<T>(message: OfflineAsk): Promise<T | null> {
  const worker = serviceWorkers()?.controller;
  if (!worker) return Promise.resolve(null);
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise<T | null>((resolve) => {
    port1.onmessage = (event) => resolve(event.data as T);
    // A worker of the version before (a new one waiting behind the banner) never answers.
    setTimeout(() => resolve(null), ANSWER_WITHIN_MS);
  });
  worker.postMessage(message, [port2]);
  return answer;
}

/** Ids of the course's lessons kept for offline on this device; null where nothing can be kept. */
export const offlineLessons = (courseId: string) => ask<string[]>({ offline: "list", courseId });

/** Keeps a lesson for offline; false when it could not be fetched (no network, no longer readable). */
export const keepOffline = async (courseId: string, lessonId: string) =>
  (await ask<boolean>({ offline: "keep", courseId, lessonId })) === true;

export const dropOffline = (courseId: string, lessonId: string) =>
  ask<boolean>({ offline: "drop", courseId, lessonId });
