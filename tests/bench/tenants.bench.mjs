// Several tenants in one Worker (the harness runs three beside the embedded demo, each its own D1,
// migrated and seeded alike): a request on a tenant costs what it costs on the embedded one, and the
// same demo session does not open another tenant.
export default async function tenants(h) {
  const host = "t3.localhost";
  const home = await h.cookie("member");
  const third = await h.cookie("member", host);
  await h.measure("GET /api/me, embedded tenant", { path: "/api/me", headers: { cookie: home } });
  await h.measure("GET /api/me, tenant 3 of 3 (by host)", { path: "/api/me", headers: { cookie: third, host } });
  const crossed = await h.hostRequest("/api/me", { headers: { cookie: home, host } });
  console.log(`the embedded tenant's session at ${host}: ${crossed.status} (expected 401)`);
  if (crossed.status !== 401) throw new Error("a session crossed tenants");
}
