import { createExecutionContext, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { as, type Client, makeOrg, makeUser } from "../fixtures";
import { postOrg } from "../orgs/helpers";

// Every API request runs in one D1 session; its bookmark goes back to the client, which sends it with
// the next request so that request reads at least what the client wrote. Local D1 has one instance
// (every query is served by the primary), so these tests prove the bookmark's round trip and that
// the read carrying it sees the write; replicas themselves exist only on Cloudflare.

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
let admin: Client;
let committee: { id: string; path: string };

beforeAll(async () => {
  committee = await makeOrg(null, "书签市委", "committee");
  admin = await as(await makeUser("bookmark-admin", [[committee, "admin"]]));
});

describe("D1 sessions and bookmarks", () => {
  it("a write returns a bookmark; a read sent with it sees the write and answers a bookmark no older", async () => {
    const created = await postOrg(admin, committee.id, "新建支部", "branch", "community");
    expect(created.status).toBe(201);
    const written = created.headers.get("x-d1-bookmark");
    expect(written).toMatch(BOOKMARK);
    const read = await admin.request("GET", `/api/orgs/${created.body.id}`, undefined, { "x-d1-bookmark": written! });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe("新建支部");
    const after = read.headers.get("x-d1-bookmark");
    expect(after).toMatch(BOOKMARK);
    expect(after! >= written!).toBe(true);
  });

  it("bookmarks grow with writes, as D1 sorts them oldest to newest", async () => {
    const first = (await admin.patch(`/api/orgs/${committee.id}`, { name: "书签市委一" })).headers.get("x-d1-bookmark");
    const second = (await admin.patch(`/api/orgs/${committee.id}`, { name: "书签市委二" })).headers.get(
      "x-d1-bookmark",
    );
    expect(second! > first!).toBe(true);
  });

  it("a bookmark that is not one is ignored, not passed to D1", async () => {
    for (const junk of [
      "first-primary",
      "zzzz",
      "00000001-00000002-00004e2f-0a83ea2fceebc654de0640c422be465'",
      "a".repeat(500),
    ]) {
      const r = await admin.request("GET", `/api/orgs/${committee.id}`, undefined, { "x-d1-bookmark": junk });
      expect(r.status).toBe(200);
      expect(r.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
      expect(r.headers.get("x-d1-bookmark")).not.toBe(junk);
    }
  });

  it("with D1_SESSIONS off every query goes to the primary and no bookmark is handed out", async () => {
    const req = new Request(`https://app.test/api/orgs/${committee.id}`, { headers: { Cookie: admin.cookie } });
    const res = await app.fetch(req, { ...env, D1_SESSIONS: "off" }, createExecutionContext());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-d1-bookmark")).toBeNull();
  });

  it("local D1 serves every query from its one instance, the primary", async () => {
    const r = await env.DB.withSession("first-unconstrained").prepare("SELECT 1 AS one").run();
    expect(r.meta.served_by_primary).toBe(true);
  });
});
