// Serving the masses: scoring a branch of 200 members, and a 2,000-event growth archive.
// Query counts (read off the code paths, also asserted in tests/vanguard and tests/archives):
//   POST /api/orgs/:id/vanguard/score (200 members): session 1 + org auth 1 + scoreBranch 3 round trips
//     = 1 (org) + batch of 11 reads (members, model versions, 9 indicators) + batch of 5 writes
//     (2 × ceil(200/100) JSON upserts/inserts + the branch aggregate)  => 17 statements, 5 round trips.
//   GET /api/orgs/:id/vanguard/preview: the same reads, no writes => 12 statements + session + auth.
//   GET /api/archives/:id?limit=200 (a page of 2,000): session 1 + authorizedUser 1 + page 1 = 3 queries;
//     the whole archive in 10 pages; the export (JSON or CSV, all 2,000): 3 queries.
export default async function (h) {
  const committee = await h.d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const member = await h.d1.prepare("SELECT id FROM users WHERE username = 'member'").first();
  const now = Date.now();
  const rid = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const branchId = rid();
  const statements = [
    h.d1
      .prepare(
        "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, time_zone, created_at) VALUES (?, ?, ?, ?, 'branch', 'community', 'Asia/Shanghai', ?)",
      )
      .bind(branchId, committee.id, `${committee.path}${branchId}/`, "压测支部（200 人）", now),
  ];
  const yearStart = Date.UTC(new Date().getUTCFullYear(), 0, 1) - 8 * 3_600_000;
  for (let i = 0; i < 200; i++) {
    const uid = rid();
    statements.push(
      h.d1
        .prepare(
          "INSERT INTO users (id, username, display_name, locale, active, created_at, updated_at) VALUES (?, ?, ?, 'zh-CN', 1, ?, ?)",
        )
        .bind(uid, `bench-${i}-${uid.slice(0, 4)}`, `压测党员${i}`, now, now),
      h.d1
        .prepare("INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, 'member', ?)")
        .bind(rid(), uid, branchId, now),
      h.d1
        .prepare(
          "INSERT INTO service_records (id, member_id, org_id, category, served_on, served_at, hours, place, people_served, description, status, created_at) VALUES (?, ?, ?, 'volunteer', '2026-01-02', ?, ?, '社区', 5, '志愿服务', 'confirmed', ?)",
        )
        .bind(rid(), uid, branchId, yearStart + 86_400_000, 1 + (i % 8), now),
    );
  }
  for (let i = 0; i < 2000; i++) {
    statements.push(
      h.d1
        .prepare(
          "INSERT INTO archive_events (id, member_id, org_id, kind, summary, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          rid(),
          member.id,
          branchId,
          ["service", "study", "quiz", "appraisal"][i % 4],
          JSON.stringify({ n: i }),
          now - i * 3_600_000,
          now,
        ),
    );
  }
  for (let i = 0; i < statements.length; i += 500) await h.d1.batch(statements.slice(i, i + 500));

  const admin = await h.cookie("admin");
  const mine = await h.cookie("member");
  const y = new Date().getFullYear();
  const period = { from: `${y}-01-01`, to: `${y}-12-31` };
  const t0 = performance.now();
  const once = await fetch(`${h.url}/api/orgs/${branchId}/vanguard/score`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json" },
    body: JSON.stringify(period),
  });
  console.log(
    `scoreBranch, 200 members, one request: ${(performance.now() - t0).toFixed(0)} ms (status ${once.status}); 17 statements in 3 round trips`,
  );
  await h.measure(
    "POST vanguard/score, 200 members (17 stmts)",
    { method: "POST", path: `/api/orgs/${branchId}/vanguard/score`, body: period, headers: { cookie: admin } },
    { requests: 50, seconds: 3 },
  );
  await h.measure(
    "GET vanguard/preview, 200 members (12 stmts)",
    { path: `/api/orgs/${branchId}/vanguard/preview?from=${period.from}&to=${period.to}`, headers: { cookie: admin } },
    { requests: 50, seconds: 3 },
  );
  await h.measure(
    "GET archive page of 200 / 2,000 (3 queries)",
    { path: `/api/archives/${member.id}?limit=200`, headers: { cookie: mine } },
    { requests: 200, seconds: 3 },
  );
  await h.measure(
    "GET archive export JSON, 2,000 (3 queries)",
    { path: `/api/archives/${member.id}/export`, headers: { cookie: mine } },
    { requests: 50, seconds: 3 },
  );
}
