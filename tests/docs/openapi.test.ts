import { describe, expect, it } from "vitest";
import * as z from "zod";
import { app } from "../../worker/app";
import { buildOpenApi, type OpenApiDocument, type Operation } from "../../worker/docs/openapi";
import { SUMMARIES } from "../../worker/docs/summaries";
import { as, Client, makeTree } from "../fixtures";
import { assertDocumentedError } from "./documented";

const served = async () => (await new Client().get<OpenApiDocument>("/api/openapi.json")).body;
const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
const content = (op: Operation, status: string) =>
  (op.responses[status] as { content: Record<string, { schema: Record<string, unknown> }> }).content;

const errorSchema = (codes: string[]) => ({
  allOf: [
    { $ref: "#/components/schemas/Error" },
    { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } },
  ],
});
const errorCodes = (op: Operation) =>
  Object.fromEntries(
    Object.entries(op.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status]) => [
        status,
        (content(op, status)["application/json"]!.schema as any).allOf[1].properties.error.properties.code.enum,
      ]),
  );

/** A real answer checked against the schema the document gives for it. */
function conforms(doc: OpenApiDocument, method: string, path: string, status: string, body: unknown) {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`${method} ${path} is not documented`);
  const schema = content(op, status)["application/json"]?.schema;
  return z.fromJSONSchema(schema as never).safeParse(body);
}

describe("OpenAPI", () => {
  it("documents exactly the routes the app serves, with the validators' schemas", async () => {
    const doc = await served();
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApi(app.routes))));
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    expect(new Set(operations(doc).map(({ method, path }) => `${method} ${path}`))).toEqual(routes);
    const login = doc.paths["/api/auth/login"]!.post!;
    expect(login.requestBody!.content["application/json"]!.schema).toMatchObject({
      required: ["username", "password"],
    });
    expect(login.security).toEqual([]);
    expect(doc.paths["/api/public/ratings/{token}"]!.post!.security).toEqual([]);
    expect(doc.paths["/api/me"]!.get!.security).toBeUndefined();
    const roster = doc.paths["/api/orgs/{id}/members"]!.get!;
    expect(roster.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["id", "q", "limit", "after"]));
  });

  it("gives every operation a summary, a unique url-safe operationId, a described tag and its responses", async () => {
    const doc = await served();
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(200);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    for (const { path, method, op } of ops) {
      expect(op.operationId, path).toMatch(/^[A-Za-z0-9]+$/);
      expect(op.summary, path).not.toBe("");
      expect(tags.has(op.tags[0]!), `${method} ${path}: ${op.tags[0]}`).toBe(true);
      const success = Object.keys(op.responses).filter((s) => s.startsWith("2"));
      expect(success.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const s of success) expect(Object.keys(content(op, s)).length, `${method} ${path} ${s}`).toBeGreaterThan(0);
      expect(content(op, "500")["application/json"]!.schema).toEqual(errorSchema(["internal"]));
    }
    const errorCode = (doc.components.schemas!.Error as any).properties.error.properties.code.enum;
    expect(errorCode).toEqual(expect.arrayContaining(["invalid_input", "unauthenticated", "meeting_not_planned"]));
  });

  it("reads the success bodies off the handlers: real answers conform, secrets are not in them", async () => {
    const doc = await served();
    const t = await makeTree();
    const login = await new Client().post("/api/auth/login", {
      username: t.secA.username,
      password: "correct-horse-1",
    });
    expect(conforms(doc, "post", "/api/auth/login", "200", login.body).success).toBe(true);
    const sec = await as(t.secA);
    const me = await sec.get("/api/me");
    expect(conforms(doc, "get", "/api/me", "200", me.body).error).toBeUndefined();
    // The schema is strict about what it describes: a different shape does not pass as /api/me.
    expect(conforms(doc, "get", "/api/me", "200", { ...me.body, memberships: [{ orgId: 1 }] }).success).toBe(false);
    const roster = await sec.get(`/api/orgs/${t.branchA.id}/members?limit=5`);
    expect(roster.status).toBe(200);
    expect(conforms(doc, "get", "/api/orgs/{id}/members", "200", roster.body).error).toBeUndefined();
    const refused = await sec.get(`/api/orgs/${t.branchB.id}/members`);
    expect([403, 404]).toContain(refused.status);
    expect(z.fromJSONSchema(doc.components.schemas!.Error as never).safeParse(refused.body).success).toBe(true);
    // Nothing the API answers may carry a password's hash or salt: the schemas of every answer say so.
    expect(JSON.stringify(doc.paths)).not.toMatch(/"(passwordHash|passwordSalt|salt|hash|tokenHash)"/);
  });

  it("gives every operation a summary written for readers, and refuses to build without one", async () => {
    const doc = await served();
    for (const { path, method, op } of operations(doc)) {
      expect(op.summary, `${method} ${path}`).toBe(SUMMARIES[`${method} ${path}`]![0]);
      // Written, not the path spelled out ("Read orgs / {id} / members", as it was generated).
      expect(op.summary, `${method} ${path}`).not.toMatch(/ \/ |\{/);
    }
    expect(doc.paths["/api/auth/login"]!.post!.description).toContain("429");
    const route = (method: string, path: string) => ({ method, path, handler: () => null });
    const routes = app.routes.filter((r) => r.method !== "ALL");
    expect(() => buildOpenApi([...routes, route("GET", "/api/orgs/:id/unwritten")])).toThrow(
      "no summary for get /api/orgs/{id}/unwritten",
    );
    // A summary left behind by a removed route fails too.
    expect(() => buildOpenApi(routes.filter((r) => r.path !== "/api/health"))).toThrow("summaries of no route");
  });

  it("lists the error codes each operation can answer, as its handlers and middleware throw them", async () => {
    const doc = await served();
    expect(errorCodes(doc.paths["/api/auth/login"]!.post!)).toEqual({
      "400": ["bad_request", "invalid_input"],
      "401": ["bad_credentials"],
      "403": ["csrf"],
      "404": ["tenant_unknown"],
      "409": ["conflict"],
      "429": ["account_locked", "address_locked"],
      "500": ["internal"],
    });
    // Through a helper that takes its code as an argument (ruleError), and through the authorizer.
    const decisions = errorCodes(doc.paths["/api/eval-cycles/{id}/decisions"]!.put!);
    expect(decisions["409"]).toEqual(expect.arrayContaining(["ballots_sealed", "cycle_closed", "quota_exceeded"]));
    expect(decisions["403"]).toEqual(expect.arrayContaining(["csrf", "forbidden", "own_case"]));
    expect(decisions["401"]).toEqual(["unauthenticated"]);
    // Through an in-process event another feature subscribes to (courses' checkpoint gate on a quiz).
    expect(errorCodes(doc.paths["/api/quizzes/{id}/attempts"]!.post!)["409"]).toContain("checkpoint_locked");
    // A read is never refused as cross-site, and a public read needs no session.
    const publicSeal = errorCodes(doc.paths["/api/public/ratings/{token}"]!.get!);
    expect(publicSeal["403"]).toBeUndefined();
    expect(publicSeal["401"]).toBeUndefined();
    expect(doc.paths["/api/public/ratings/{token}"]!.post!.responses["503"]).toBeDefined();
  });

  it("fails a test that meets an error code the document does not list for that operation", async () => {
    const url = "https://app.test/api/services/abc/confirm";
    expect(() => assertDocumentedError("POST", url, 404, { error: { code: "not_found" } })).not.toThrow();
    expect(() => assertDocumentedError("POST", url, 409, { error: { code: "quota_full" } })).toThrow(/does not list/);
    expect(() => assertDocumentedError("GET", "https://app.test/api/home", 403, { error: { code: "csrf" } })).toThrow();
    // The real client checks each answer it gets: a refused cross-site write is documented, so it passes.
    const t = await makeTree();
    const sec = await as(t.secA);
    const refused = await sec.request("POST", "/api/services", {}, { Origin: "https://evil.test" });
    expect(refused.body.error.code).toBe("csrf");
  });

  it("gives files their media types", async () => {
    const doc = await served();
    const types = (path: string) => Object.keys(content(doc.paths[path]!.get!, "200")).sort();
    const sheet = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"];
    expect(types("/api/orgs/{id}/study-report/export")).toEqual(sheet);
    expect(types("/api/orgs/{id}/development/export")).toEqual(sheet);
    expect(types("/api/archives/{id}/export")).toEqual(["application/json", ...sheet]);
    expect(types("/api/banks/{id}/export")).toEqual([...sheet, "text/plain"]);
    expect(types("/api/docs")).toEqual(["text/html"]);
  });

  it("renders a self-contained docs page with a try-it form per operation", async () => {
    const page = await new Client().get<string>("/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain("/api/auth/login");
    expect(page.body).not.toMatch(/<script[^>]+src=/);
    const forms = page.body.match(/<form data-method="\w+" data-path="[^"]+">/g) ?? [];
    expect(forms.length).toBe(operations(await served()).length);
    expect(page.body).toContain('<form data-method="get" data-path="/api/orgs/{id}/members">');
    expect(page.body).toMatch(/<input name="limit" data-in="query">/);
  });
});
