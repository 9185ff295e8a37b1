/// <reference lib="webworker" />
// The service worker (built to /sw.js by the plugin in vite.config.ts, which fills in SHELL and VERSION).
// The shell comes from the cache of its own version, so a page always runs the files it was built with;
// a new version installs beside it and waits until the member chooses to refresh (web/pwa/register.tsx).
// What the member studied (API reads of the study journey) is kept, per device, until logout or login.
import type { OfflineAsk } from "./offline";

declare const self: ServiceWorkerGlobalScope;
declare const SHELL: string[];
declare const VERSION: string;

const SHELL_CACHE = `shell-${VERSION}`;
/** The signed-in member's study reads. One cache for whoever is signed in: emptied when that changes. */
const STUDY_CACHE = "study";
/** Reads kept for offline: the shell's own, courses and lessons, quizzes and attempts. Never materials. */
const KEPT = /^\/api\/(me|home|notifications|courses|quizzes|attempts)(\/|$)/;
const MATERIALS = /\/materials\//;
/** Who is signed in changes here: nothing the previous member read may be shown to the next. */
const SESSION_CHANGE = /^\/api\/auth\/(login|logout)$/;
/** A lesson marked for offline is an empty entry of the study cache under this path, beside its reads. */
const MARKS = "/pwa/offline/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Hashed files that did not change since the version before are taken from its cache, not downloaded.
      for (const url of SHELL) {
        const known = url.startsWith("/assets/") ? await caches.match(url) : undefined;
        const response = known ?? (await fetch(url, { cache: "reload" }));
        if (!response.ok) throw new Error(`${url}: ${response.status}`); // this version stays uninstalled
        await cache.put(url, response);
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate-update") void self.skipWaiting();
  else if (event.data?.offline && event.ports[0]) {
    const reply = event.ports[0];
    event.waitUntil(offline(event.data as OfflineAsk).then((answer) => reply.postMessage(answer)));
  }
});

/** Marks, unmarks and lists lessons kept for offline (web/pwa/offline.ts asks). Video is never kept. */
async function offline(ask: OfflineAsk): Promise<string[] | boolean> {
  const course = encodeURIComponent(ask.courseId);
  const cache = await caches.open(STUDY_CACHE);
  if (ask.offline === "list") {
    const prefix = new URL(`${MARKS}${course}/`, location.origin).href;
    const marks = (await cache.keys()).map((r) => r.url).filter((url) => url.startsWith(prefix));
    return marks.map((url) => decodeURIComponent(url.slice(prefix.length)));
  }
  const lesson = encodeURIComponent(ask.lessonId);
  const mark = `${MARKS}${course}/${lesson}`;
  // What the lesson page reads: the course's outline and the lesson (its text; materials stay online).
  const reads = [`/api/courses/${course}`, `/api/courses/${course}/lessons/${lesson}`];
  if (ask.offline === "drop") {
    await Promise.all([cache.delete(mark), cache.delete(reads[1] as string)]);
    return true;
  }
  for (const path of reads) {
    const request = new Request(path);
    const response = await fetch(request).catch(() => null);
    if (!response?.ok) return false;
    await remember(request, response);
  }
  await cache.put(mark, new Response(null));
  return true;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method !== "GET") {
    // Writes go to the network untouched, never to a cache.
    if (SESSION_CHANGE.test(url.pathname)) event.waitUntil(caches.delete(STUDY_CACHE));
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    if (KEPT.test(url.pathname) && !MATERIALS.test(url.pathname)) event.respondWith(networkFirst(request));
    return;
  }
  if (request.mode === "navigate") event.respondWith(fromShell("/", request));
  else if (SHELL.includes(url.pathname)) event.respondWith(fromShell(url.pathname, request));
});

async function fromShell(path: string, request: Request) {
  return (await caches.match(path, { cacheName: SHELL_CACHE })) ?? fetch(request);
}

/** The network's answer when there is one (kept for later); offline, the last answer kept. */
async function networkFirst(request: Request) {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const kept = await caches.match(request, { cacheName: STUDY_CACHE, ignoreVary: true });
    if (!kept) throw offline;
    return movedOn(kept);
  }
  await remember(request, response);
  return response;
}

/** Keeps a good JSON answer, stamped with when; a 401 (signed out) forgets everything kept. */
async function remember(request: Request, response: Response) {
  if (response.status === 401) await caches.delete(STUDY_CACHE);
  else if (response.ok && response.headers.get("content-type")?.includes("application/json")) {
    const copy = response.clone();
    const stamped = new Headers(copy.headers);
    stamped.set(KEPT_AT, String(Date.now()));
    const cache = await caches.open(STUDY_CACHE);
    await cache.put(request, new Response(await copy.blob(), { status: copy.status, headers: stamped }));
  }
}

const KEPT_AT = "x-kept-at";

/**
 * A kept answer that carries the server's clock (an attempt's `serverNow`, which its countdown corrects
 * the device clock by) has that clock moved on by the time it waited, so a reloaded countdown stays true.
 */
async function movedOn(kept: Response) {
  const keptAt = Number(kept.headers.get(KEPT_AT));
  const body = await kept.json();
  if (body && typeof body.serverNow === "number" && keptAt) body.serverNow += Date.now() - keptAt;
  const headers = new Headers(kept.headers);
  headers.delete("content-length");
  return Response.json(body, { status: kept.status, headers });
}
