import { type ClientResponse, hc } from "hono/client";
import type { AppType } from "../worker/app";

// The Worker answers every API request with its D1 session's bookmark; sent back, it makes the next
// read see at least this browser's own writes even when a read replica serves it. Kept across tabs.
const BOOKMARK = "x-d1-bookmark";
let bookmark: string | null = null;

function readBookmark() {
  try {
    return localStorage.getItem(BOOKMARK);
  } catch {
    return null; // storage refused (private mode): the bookmark lives as long as the page
  }
}

/** fetch for the API: carries the newest bookmark seen both ways (bookmarks sort oldest to newest). */
export const apiFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  const known = readBookmark() ?? bookmark;
  if (known) headers.set(BOOKMARK, known);
  const res = await fetch(input, { ...init, headers });
  const next = res.headers.get(BOOKMARK);
  if (next && (!known || next > known)) {
    bookmark = next;
    try {
      localStorage.setItem(BOOKMARK, next);
    } catch {}
  }
  return res;
};

/** The typed client: routes and bodies are checked against the Worker's own types at build time. */
export const api = hc<AppType>("/api", { fetch: apiFetch });

export interface ErrorDetail {
  path?: string;
  code?: string;
  message?: string;
  row?: number;
  column?: string;
  value?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
  /** The first problem reported for one field, for showing next to it. */
  field(path: string): ErrorDetail | undefined {
    return Array.isArray(this.details) ? (this.details as ErrorDetail[]).find((d) => d.path === path) : undefined;
  }
}

type Success<R> = R extends ClientResponse<infer T, any, any> ? Exclude<T, { error: unknown }> : never;

/** Awaits a client call and returns its body, or throws an ApiFailure carrying the server's error code. */
export async function call<R extends ClientResponse<any, any, any>>(request: Promise<R>): Promise<Success<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, "network", "network error", null);
  }
  const body = (await res.json().catch(() => null)) as any;
  if (!res.ok) {
    if (res.status === 401 && body?.error?.code === "unauthenticated") onUnauthenticated?.();
    throw new ApiFailure(res.status, body?.error?.code ?? "internal", body?.error?.message ?? "", body?.error?.details);
  }
  return body as Success<R>;
}

let onUnauthenticated: (() => void) | undefined;
export function whenUnauthenticated(fn: () => void) {
  onUnauthenticated = fn;
}
