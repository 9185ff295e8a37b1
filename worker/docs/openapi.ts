import { inflateSync, strFromU8 } from "fflate";
import * as z from "zod/mini";
import { isPublicPath } from "../auth";
import { validatorSchemas } from "../lib/validate";
import { RESPONSES } from "./responses.gen";
import { SUMMARIES } from "./summaries";
import { TAGS, tagOf } from "./tags";

interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

type Schema = Record<string, unknown>;
type Content = Record<string, Schema>;
type CodesByStatus = Record<string, string[]>;
/**
 * What responses.mjs read off the handlers: per operation, per status, per media type, the types they return;
 * and the error codes each can answer, found by following its handlers' source (worker/docs/errors.mjs).
 */
interface Responses {
  errorCodes: string[];
  operations: Record<string, Record<string, Content>>;
  errors: { operations: Record<string, CodesByStatus>; everyOperation: CodesByStatus };
}
const readResponses = (): Responses =>
  JSON.parse(strFromU8(inflateSync(Uint8Array.from(atob(RESPONSES), (ch) => ch.charCodeAt(0)))));

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { required: true; content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  security?: Record<string, []>[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  components: Record<string, Record<string, unknown>>;
  security: Record<string, []>[];
  paths: Record<string, Record<string, Operation>>;
}

const IN: Record<string, string> = { query: "query", param: "path", header: "header", cookie: "cookie" };
const STATUS_TEXT: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "206": "Partial content",
  "400": "Bad input",
  "401": "Not logged in",
  "403": "Not allowed here",
  "404": "Not found, or not visible to the caller",
  "409": "Not in this state",
  "410": "Expired",
  "413": "Too large",
  "415": "Unsupported file type",
  "422": "Refused",
  "429": "Too many attempts",
  "500": "Failed on the server",
  "503": "Busy, try again",
};
const SAFE_METHODS = new Set(["get", "head", "options"]);
/** The Error body with `code` narrowed to those this status can carry. */
const errorSchema = (codes: string[]) => ({
  allOf: [
    { $ref: "#/components/schemas/Error" },
    { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } },
  ],
});

/**
 * The codes an operation can answer, by status: those its handlers throw, those the app's middleware throws
 * (csrf only refuses writes), a write's lost race, a malformed JSON body (Hono's HTTPException, rendered by
 * app.onError) and a crash.
 */
function errorCodes(responses: Responses, method: string, path: string, jsonBody: boolean): CodesByStatus {
  const out: Record<string, Set<string>> = {};
  const add = (byStatus: CodesByStatus) => {
    for (const [status, codes] of Object.entries(byStatus))
      for (const code of codes) {
        out[status] ??= new Set();
        out[status].add(code);
      }
  };
  add(responses.errors.operations[`${method} ${path}`] ?? {});
  add(responses.errors.everyOperation);
  if (SAFE_METHODS.has(method)) out["403"]?.delete("csrf");
  // A write that loses a race to a unique index (two keepers recording one step) is a conflict (app.onError).
  else add({ "409": ["conflict"] });
  if (jsonBody) add({ "400": ["bad_request"] });
  add({ "500": ["internal"] });
  return Object.fromEntries(
    Object.entries(out)
      .filter(([, codes]) => codes.size > 0)
      .map(([status, codes]) => [status, [...codes].sort()]),
  );
}

const words = (path: string) => path.replace(/^\/api\/?/, "").split("/");
/** get /api/orgs/{id}/members → getOrgsByIdMembers: unique per method and path, url-safe. */
const operationId = (method: string, path: string) =>
  method +
  words(path)
    .map((w) => (w.startsWith("{") ? `By-${w.slice(1, -1)}` : w))
    .join("-")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
/** The written summary (worker/docs/summaries.ts): a route without one fails the build of the document. */
function summaryOf(method: string, path: string) {
  const written = SUMMARIES[`${method} ${path}`];
  if (!written) throw new Error(`no summary for ${method} ${path}: write one in worker/docs/summaries.ts`);
  const [summary, description] = written;
  return description ? { summary, description } : { summary };
}

function describeResponses(responses: Responses, method: string, path: string, jsonBody: boolean) {
  const out: Record<string, unknown> = {};
  for (const [status, content] of Object.entries(responses.operations[`${method} ${path}`] ?? {})) {
    if (Number(status) >= 400) continue; // described below, with their codes
    out[status] = {
      description: STATUS_TEXT[status] ?? "OK",
      content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])),
    };
  }
  const typed = responses.operations[`${method} ${path}`] ?? {};
  for (const [status, codes] of Object.entries(errorCodes(responses, method, path, jsonBody))) {
    const error = errorSchema(codes);
    // A status that also answers a body of its own (an import's rejected rows) keeps it beside the Error.
    const own = typed[status]?.["application/json"];
    const schema = own && own.$ref !== "#/components/schemas/Error" ? { anyOf: [own, error] } : error;
    out[status] = {
      description: `${STATUS_TEXT[status] ?? "Refused"}: ${codes.map((code) => `\`${code}\``).join(", ")}`,
      content: { "application/json": { schema } },
    };
  }
  return out;
}

/** The OpenAPI document read off the app's own routes, their validators and their handlers' response types. */
export function buildOpenApi(routes: readonly RouteEntry[]): OpenApiDocument {
  const responses = readResponses();
  const paths: OpenApiDocument["paths"] = {};
  for (const r of routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/")) continue;
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const method = r.method.toLowerCase();
    const secured = !(isPublicPath(r.path) || r.path === "/api/auth/login");
    const operator = r.path.startsWith("/api/ops/");
    paths[path] ??= {};
    const methods = paths[path];
    methods[method] ??= {
      operationId: operationId(method, path),
      ...summaryOf(method, path),
      tags: [tagOf(path)],
      parameters: [],
      ...(secured ? {} : { security: [] as [] }),
      ...(operator ? { security: [{ operator: [] }] } : {}),
      responses: {},
    };
    const op = methods[method];
    const found = typeof r.handler === "function" ? validatorSchemas.get(r.handler) : undefined;
    if (!found) continue;
    const json = z.toJSONSchema(found.schema, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    const where = IN[found.target];
    if (found.target === "json") {
      op.requestBody = { required: true, content: { "application/json": { schema: json } } };
    } else if (where) {
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        const required = where === "path" || (json.required?.includes(name) ?? false);
        op.parameters.push({ name, in: where, required, schema });
      }
    }
  }
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods))
      op.responses = describeResponses(responses, method, path, op.requestBody !== undefined);
  const stale = Object.keys(SUMMARIES).filter((key) => {
    const [method = "", path = ""] = key.split(" ");
    return !paths[path]?.[method];
  });
  if (stale.length) throw new Error(`summaries of no route in worker/docs/summaries.ts: ${stale.join(", ")}`);
  return {
    openapi: "3.1.0",
    info: {
      title: "Vanguard learning platform API",
      version: "1.0.0",
      description:
        "先锋学习的 JSON API. Log in with POST /api/auth/login; the session cookie then authorizes every call. " +
        "Writes need an Origin header of this site. Errors are `{ error: { code, message, details } }`.",
    },
    servers: [{ url: "/", description: "This deployment" }],
    tags: TAGS,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "session" },
        operator: { type: "http", scheme: "bearer", description: "The OPERATOR_TOKEN secret (README: How it scales)" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "details"],
              properties: {
                code: { type: "string", enum: responses.errorCodes },
                message: { type: "string", description: "For people, in the caller's language" },
                details: { description: "null, or one entry per field or row: `{ path, code, message }`" },
              },
            },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}
