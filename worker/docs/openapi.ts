import * as z from "zod/mini";
import { isPublicPath } from "../auth";
import { validatorSchemas } from "../lib/validate";

interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

const IN: Record<string, string> = { query: "query", param: "path", header: "header", cookie: "cookie" };

/** The OpenAPI document read off the app's own routes and the schemas their validators use. */
export function buildOpenApi(routes: readonly RouteEntry[]) {
  const paths: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const r of routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/")) continue;
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const method = r.method.toLowerCase();
    paths[path] ??= {};
    const methods = paths[path];
    methods[method] ??= {
      operationId: `${method} ${r.path}`,
      tags: [r.path.split("/")[2] ?? "api"],
      parameters: [],
      ...(isPublicPath(r.path) || r.path === "/api/auth/login" ? { security: [] } : {}),
      responses: { "200": { description: "OK" }, "4XX": { description: "{ error: { code, message, details } }" } },
    };
    const op = methods[method];
    const found = typeof r.handler === "function" ? validatorSchemas.get(r.handler) : undefined;
    if (!found) continue;
    const json = z.toJSONSchema(found.schema, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    if (found.target === "json") {
      op.requestBody = { required: true, content: { "application/json": { schema: json } } };
    } else if (IN[found.target]) {
      const params = op.parameters as unknown[];
      for (const [name, schema] of Object.entries(json.properties ?? {})) {
        params.push({ name, in: IN[found.target], required: json.required?.includes(name) ?? false, schema });
      }
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: "Vanguard learning platform API", version: "1.0.0" },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "session" } } },
    security: [{ session: [] }],
    paths,
  };
}
