import { inflateSync, strFromU8 } from "fflate";
import * as z from "zod/mini";
import { isPublicPath } from "../auth";
import { validatorSchemas } from "../lib/validate";
import { RESPONSES } from "./responses.gen";
import { TAGS, tagOf } from "./tags";

interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

type Schema = Record<string, unknown>;
type Content = Record<string, Schema>;
/** What responses.mjs read off the handlers' types: per operation, per status, per media type. */
interface Responses {
  errorCodes: string[];
  operations: Record<string, Record<string, Content>>;
}
const readResponses = (): Responses =>
  JSON.parse(strFromU8(inflateSync(Uint8Array.from(atob(RESPONSES), (ch) => ch.charCodeAt(0)))));

export interface Operation {
  operationId: string;
  summary: string;
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
const VERB: Record<string, string> = { get: "Read", post: "Submit", put: "Replace", patch: "Update", delete: "Delete" };
const STATUS_TEXT: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "206": "Partial content",
  "422": "Refused",
};
const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

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
const summary = (method: string, path: string) => `${VERB[method] ?? method.toUpperCase()} ${words(path).join(" / ")}`;

function describeResponses(responses: Responses, method: string, path: string, secured: boolean) {
  const out: Record<string, unknown> = {};
  for (const [status, content] of Object.entries(responses.operations[`${method} ${path}`] ?? {})) {
    const isError = Number(status) >= 400;
    out[status] = {
      description: STATUS_TEXT[status] ?? (isError ? "The request was refused" : "OK"),
      content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])),
    };
  }
  if (secured) out["401"] ??= error("Not logged in (`unauthenticated`)");
  out["4XX"] = error("Refused: `{ error: { code, message, details } }`, the message in the caller's language");
  out["5XX"] = error("Failed on the server (`internal`, `busy`)");
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
      summary: summary(method, path),
      tags: [tagOf(path)],
      parameters: [],
      ...(secured ? {} : { security: [] as [] }),
      ...(operator ? { security: [{ operator: [] }] } : {}),
      responses: describeResponses(responses, method, path, secured),
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
