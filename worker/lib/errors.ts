import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../../schema/common/errors";

/** An error the client caused or may act on; rendered as { error: { code, message, details } }. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = "resource") => new ApiError(404, "not_found", `${what} not found`);
export const forbidden = () => new ApiError(403, "forbidden", "you may not do this here");
export const conflict = (message: string, details?: unknown) => new ApiError(409, "conflict", message, details);
export const invalid = (message: string, details?: unknown) => new ApiError(422, "invalid", message, details);

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

/** SQLite constraint violations arrive wrapped by drizzle in err.cause. */
export function isUniqueViolation(err: unknown): boolean {
  const text = `${err instanceof Error ? err.message : ""} ${err instanceof Error && err.cause instanceof Error ? err.cause.message : ""}`;
  return text.includes("UNIQUE constraint failed");
}
