import { app } from "../../worker/app";
import { buildOpenApi } from "../../worker/docs/openapi";

type ErrorResponse = { content: { "application/json": { schema: { allOf?: unknown[]; anyOf?: unknown[] } } } };
interface Documented {
  pattern: RegExp;
  method: string;
  path: string;
  codes: Record<string, Set<string>>;
}

/** The `code` enum of an error response's schema (`allOf: [Error, { … code: { enum } }]`, maybe inside anyOf). */
function codesOf(response: ErrorResponse): string[] {
  const schema = response.content["application/json"].schema;
  const narrowed = JSON.stringify(schema).match(/"code":\{"enum":(\[[^\]]*\])/);
  return narrowed ? JSON.parse(narrowed[1]!) : [];
}

let table: Documented[] | undefined;
function documented() {
  table ??= Object.entries(buildOpenApi(app.routes).paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`),
      codes: Object.fromEntries(
        Object.entries(op.responses)
          .filter(([status]) => Number(status) >= 400)
          .map(([status, r]) => [status, new Set(codesOf(r as ErrorResponse))]),
      ),
    })),
  );
  return table;
}

/**
 * Every error answer the test suite meets (tests/fixtures.ts Client) must be one the OpenAPI document lists for
 * that operation and status: a code thrown where worker/docs/errors.mjs does not see it fails the test that met it.
 * A path that matches several routes (`/courses/mine` and `/courses/{id}`) may answer what any of them lists.
 */
export function assertDocumentedError(method: string, url: string, status: number, body: unknown) {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof code !== "string") return;
  const path = new URL(url).pathname;
  const candidates = documented().filter((d) => d.method === method && d.pattern.test(path));
  if (candidates.length === 0) return; // no such route: the app's catch-all 404
  if (candidates.some((d) => d.codes[String(status)]?.has(code))) return;
  const listed = candidates.map((d) => `${d.path}: ${JSON.stringify(d.codes[String(status)] ?? [])}`);
  throw new Error(`${method} ${path} answered ${status} ${code}, which the OpenAPI document does not list (${listed})`);
}
