import { type ClientResponse, hc } from "hono/client";
import type { AppType } from "../worker/app";

/** The typed client: routes and bodies are checked against the Worker's own types at build time. */
export const api = hc<AppType>("/api");

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
