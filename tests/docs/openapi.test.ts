import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { Client } from "../fixtures";

describe("OpenAPI", () => {
  it("documents exactly the routes the app serves, with the validators' schemas", async () => {
    const doc = (await new Client().get("/api/openapi.json")).body;
    const served = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m} ${path}`),
      ),
    );
    expect(documented).toEqual(served);
    const login = doc.paths["/api/auth/login"].post;
    expect(login.requestBody.content["application/json"].schema.required).toEqual(["username", "password"]);
    expect(login.security).toEqual([]);
    expect(doc.paths["/api/public/ratings/{token}"].post.security).toEqual([]);
    expect(doc.paths["/api/me"].get.security).toBeUndefined();
    const roster = doc.paths["/api/orgs/{id}/members"].get;
    expect(roster.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["id", "q", "limit", "offset"]),
    );
  });

  it("renders a self-contained docs page", async () => {
    const page = await new Client().get("/api/docs");
    expect(page.status).toBe(200);
    expect(page.body).toContain("/api/auth/login");
    expect(page.body).not.toMatch(/<script[^>]+src=/);
  });
});
