import { env, SELF } from "cloudflare:test";
import { memberships, orgs, users } from "../schema";
import { type OrgKind, type OrgType, parentKindOf, type Role } from "../schema/orgs/values";
import { hashPassword } from "../worker/auth/password";
import type { SessionUser } from "../worker/auth/session";
import { getDb } from "../worker/lib/db";
import { newId } from "../worker/lib/ids";
import { assertDocumentedError } from "./docs/documented";

export const ORIGIN = "https://app.test";
export const PASSWORD = "correct-horse-1";

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps its session cookie and sends a same-origin Origin header. */
export class Client {
  cookie = "";
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { Origin: ORIGIN, ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).Cookie = this.cookie;
    if (body instanceof Uint8Array || typeof body === "string") init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    const res = await SELF.fetch(`${ORIGIN}${path}`, init);
    for (const set of res.headers.getSetCookie()) {
      const value = set.split(";")[0] ?? "";
      if (value.startsWith("session=")) this.cookie = value === "session=" ? "" : value;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (res.status >= 400) assertDocumentedError(method, `${ORIGIN}${path}`, res.status, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>("POST", path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>("PATCH", path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>("PUT", path, body ?? {});
  async login(username: string, password = PASSWORD) {
    const r = await this.post("/api/auth/login", { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
}

export const db = () => getDb(env.DB);

/** An org written straight to the table, under a parent that may hold it (as the API refuses otherwise). */
export async function makeOrg(
  parent: { id: string; path: string; kind: OrgKind } | null,
  name: string,
  kind: OrgKind,
  orgType: OrgType = "unit",
) {
  if (parent && parent.kind !== parentKindOf(kind)) throw new Error(`makeOrg: a ${kind} under a ${parent.kind}`);
  const id = newId();
  const row = {
    id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? "/"}${id}/`,
    name,
    kind,
    orgType,
    createdAt: Date.now(),
  };
  await db().insert(orgs).values(row);
  return row;
}

let passwordRecord: Awaited<ReturnType<typeof hashPassword>> | undefined;

export async function makeUser(name: string, roles: [{ id: string }, Role][] = []) {
  passwordRecord ??= await hashPassword(PASSWORD);
  const id = newId();
  const username = `${name}-${id.slice(0, 6)}`;
  const now = Date.now();
  await db()
    .insert(users)
    .values({ id, username, displayName: name, ...passwordRecord, createdAt: now, updatedAt: now });
  for (const [org, role] of roles) {
    await db().insert(memberships).values({ id: newId(), userId: id, orgId: org.id, role, startedAt: now });
  }
  return { id, username, displayName: name };
}

/** A committee with a school and two branches, and one person per role. */
export async function makeTree() {
  const committee = await makeOrg(null, "测试市委", "committee");
  const school = await makeOrg(committee, "测试党校", "school", "school");
  const branchA = await makeOrg(committee, "社区支部", "branch", "community");
  const branchB = await makeOrg(committee, "村支部", "branch", "village");
  const admin = await makeUser("admin", [[committee, "admin"]]);
  const publisher = await makeUser("school", [[school, "school"]]);
  const secA = await makeUser("secA", [
    [branchA, "secretary"],
    [branchA, "member"],
  ]);
  const secB = await makeUser("secB", [
    [branchB, "secretary"],
    [branchB, "member"],
  ]);
  const memA = await makeUser("memA", [[branchA, "member"]]);
  const memB = await makeUser("memB", [[branchB, "member"]]);
  return { committee, school, branchA, branchB, admin, publisher, secA, secB, memA, memB };
}

export const as = (user: { username: string }) => new Client().login(user.username);

/** The session's user the auth middleware would hand a service, for calling one directly. */
export const sessionUserOf = (
  u: { id: string; username: string; displayName: string },
  held: readonly (readonly [{ id: string; path: string; name: string }, Role, OrgKind])[],
): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  locale: "zh-CN",
  elder: false,
  sessionId: "counted",
  memberships: held.map(([o, role, orgKind]) => ({ orgId: o.id, orgPath: o.path, orgName: o.name, orgKind, role })),
});
