// Real calls against the client generated from /api/openapi.json (api.gen.ts, written by
// tests/docs/contract.mjs): they must type-check, and each wrong call must not (@ts-expect-error fails
// the check when the line it marks type-checks).
import createClient from "openapi-fetch";
import type { paths } from "./api.gen";

const api = createClient<paths>({ baseUrl: "https://vanguard.example" });

export async function member() {
  const login = await api.POST("/api/auth/login", { body: { username: "member", password: "demo-2026" } });
  if (login.error) return login.error.error.code satisfies string;
  const userId: string = login.data.userId;

  const me = await api.GET("/api/me");
  const roles: ("member" | "secretary" | "school" | "admin")[] = me.data?.memberships.map((m) => m.role) ?? [];
  const branch = me.data?.memberships.find((m) => m.role === "member")?.orgId ?? "";

  const roster = await api.GET("/api/orgs/{id}/members", {
    params: { path: { id: branch }, query: { q: "张", limit: 20 } },
  });
  const names: string[] = roster.data?.items.map((m) => m.displayName) ?? [];
  const next: string | null | undefined = roster.data?.next;

  await api.PATCH("/api/me", { body: { locale: "zh-TW" } });
  return { userId, roles, names, next };
}

export async function wrong() {
  // @ts-expect-error the password is text, not a number
  await api.POST("/api/auth/login", { body: { username: "member", password: 2026 } });
  // @ts-expect-error the body needs a password
  await api.POST("/api/auth/login", { body: { username: "member" } });
  // @ts-expect-error the roster's limit is a number
  await api.GET("/api/orgs/{id}/members", { params: { path: { id: "x" }, query: { limit: "all" } } });
  // @ts-expect-error no such locale
  await api.PATCH("/api/me", { body: { locale: "fr" } });
  // @ts-expect-error /api/me answers no `password` field
  (await api.GET("/api/me")).data?.password;
  // @ts-expect-error the API has no such path
  await api.GET("/api/passwords");
  // Error codes are the operation's own: a login is refused for its credentials, never for a quiz's quota.
  const login = await api.POST("/api/auth/login", { body: { username: "member", password: "x" } });
  const locked: boolean = login.error?.error.code === "account_locked";
  // @ts-expect-error login never answers `no_attempts_left`
  const quota: boolean = login.error?.error.code === "no_attempts_left";
  return { locked, quota };
}
