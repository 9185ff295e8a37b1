// 堡垒指数 at scale: 2,000 branches of 10 members under the demo committee, each with two confirmed service
// records and a by-hand assessment. Query counts (read off the code paths, asserted in tests/bastion):
//   one queue message (one branch):      2 round trips — a batch of 5 reads (the branch with all its records in
//                                        one statement, the model versions, the member study indicator, the held
//                                        meetings, the rhythm versions: orglife's face) + 1 upsert.
//   POST /api/orgs/:id/bastion/score:    session 1 + org 1 + branches 1, then sendBatch per 100 messages.
//   GET  /api/orgs/:id/bastion (a page): session 1 + org 1 + one batch (counts per band, branches, the page) = 3, any subtree.
//   GET  /api/orgs/:id/bastion/score:    session 1 + org 1 + one batch (score, models, assessments) + names 1 = 4.
// Measured 2026-12-01 on the shared 2-core machine, before organisational life was read (one-SELECT baseline 2,535 req/s, hello 13,918):
//   2,003 branches scored through the queue in 13.5 s (6.7 ms per branch); an earlier, busier run 40–54 s.
//   overview page of 50 (band 0-59 of 2,003): 186 req/s, p50 80 ms = 7% of one-SELECT; lagging band 193 req/s = 8%;
//   one branch's named explanation: 305 req/s, p50 47 ms = 12% of one-SELECT.
const BRANCHES = 2000;
const MEMBERS = 10;
const lit = (v) => (typeof v === "number" ? String(v) : v === null ? "NULL" : `'${String(v).replaceAll("'", "''")}'`);
const values = (rows) => rows.map((r) => `(${r.map(lit).join(", ")})`).join(", ");

export default async function (h) {
  const committee = await h.d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const now = Date.now();
  const year = new Date(now + 8 * 3_600_000).getUTCFullYear() - 1;
  const start = Date.UTC(year, 0, 1) - 8 * 3_600_000;
  const end = Date.UTC(year + 1, 0, 1) - 8 * 3_600_000;
  const rid = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const orgs = [];
  const users = [];
  const members = [];
  const services = [];
  const items = [];
  const types = ["village", "community", "non_public", "social", "institution", "school"];
  for (let b = 0; b < BRANCHES; b++) {
    const id = rid();
    orgs.push([
      id,
      committee.id,
      `${committee.path}${id}/`,
      `堡垒压测支部${b}`,
      "branch",
      types[b % 6],
      "Asia/Shanghai",
      start,
    ]);
    for (let i = 0; i < MEMBERS; i++) {
      const uid = rid();
      users.push([uid, `bastion-bench-${b}-${i}-${uid.slice(0, 4)}`, `压测${b}-${i}`, "zh-CN", 1, now, now]);
      // Every tenth branch has had no secretary all year: lagging.
      if (i === 0 && b % 10) members.push([rid(), uid, id, "secretary", start]);
      members.push([rid(), uid, id, "member", start]);
      if (i < 2)
        services.push([
          rid(),
          uid,
          id,
          "volunteer",
          `${year}-06-01`,
          start + 150 * 86_400_000,
          3,
          "社区",
          5,
          "志愿服务",
          "confirmed",
          now,
        ]);
    }
    items.push([
      rid(),
      id,
      "duty",
      (b % 10) + 1,
      "年度考核",
      "考核表",
      `${year}-12-01`,
      end - 31 * 86_400_000,
      "bench",
      now,
    ]);
  }
  const chunks = (table, cols, rows) => {
    const out = [];
    for (let i = 0; i < rows.length; i += 400)
      out.push(h.d1.prepare(`INSERT INTO ${table} (${cols}) VALUES ${values(rows.slice(i, i + 400))}`));
    return out;
  };
  const t0 = performance.now();
  const statements = [
    ...chunks("orgs", "id, parent_id, path, name, kind, org_type, time_zone, created_at", orgs),
    ...chunks("users", "id, username, display_name, locale, active, created_at, updated_at", users),
    ...chunks("memberships", "id, user_id, org_id, role, started_at", members),
    ...chunks(
      "service_records",
      "id, member_id, org_id, category, served_on, served_at, hours, place, people_served, description, status, created_at",
      services,
    ),
    ...chunks(
      "bastion_items",
      "id, org_id, item_key, points, reason, evidence, occurred_on, occurred_at, recorded_by, created_at",
      items,
    ),
  ];
  for (let i = 0; i < statements.length; i += 50) await h.d1.batch(statements.slice(i, i + 50));
  console.log(
    `seeded ${BRANCHES} branches, ${users.length} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const plan = async (sql, ...binds) =>
    (
      await h.d1
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all()
    ).results
      .map((r) => r.detail)
      .join(" | ");
  const hi = `${committee.path.slice(0, -1)}0`;
  const overviewStatements = [
    [
      "counts",
      "SELECT band, count(*) AS n FROM bastion_scores WHERE period_start = ? AND period_end = ? AND org_path >= ? AND org_path < ? GROUP BY band",
      [start, end, committee.path, hi],
    ],
    [
      "branches",
      "SELECT count(*) AS n FROM orgs o WHERE o.kind = 'branch' AND o.archived_at IS NULL AND o.path >= ? AND o.path < ?",
      [committee.path, hi],
    ],
    [
      "page",
      `SELECT s.org_id, o.name, s.explanation FROM (SELECT rowid AS r FROM bastion_scores WHERE period_start = ? AND period_end = ?
         AND band = ? AND org_path >= ? AND org_path < ? ORDER BY org_name, org_id LIMIT 51) p
       JOIN bastion_scores s ON s.rowid = p.r JOIN orgs o ON o.id = s.org_id ORDER BY s.org_name, s.org_id`,
      [start, end, "0-59", committee.path, hi],
    ],
  ];
  // The evaluation schedules would fan out to the new branches on a cron tick: pause them.
  await h.d1.prepare("UPDATE eval_schedules SET active = 0").run();
  const admin = await h.cookie("admin");
  const scored = async () =>
    (
      await h.d1
        .prepare("SELECT count(*) AS n FROM bastion_scores WHERE period_start = ? AND period_end = ?")
        .bind(start, end)
        .first()
    ).n;
  const t1 = performance.now();
  const res = await fetch(`${h.url}/api/orgs/${committee.id}/bastion/score`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json", origin: h.url },
    body: JSON.stringify({ start, end }),
  });
  const { queued } = await res.json();
  const enqueued = performance.now() - t1;
  let n = await scored();
  while (n < queued && performance.now() - t1 < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    n = await scored();
  }
  const all = performance.now() - t1;
  console.log(
    `on demand: ${queued} messages queued in ${enqueued.toFixed(0)} ms; ${n} branches scored through the queue in ${(all / 1000).toFixed(1)} s (${((all / n) * 1).toFixed(1)} ms per branch, 2 round trips per message)`,
  );
  const size = await h.d1
    .prepare(
      "SELECT avg(length(explanation)) AS e, avg(length(summary)) AS s FROM bastion_scores WHERE period_start = ?",
    )
    .bind(start)
    .first();
  console.log(`stored per branch: explanation ${Math.round(size.e)} B, the overview's summary ${Math.round(size.s)} B`);
  const bands = await h.d1
    .prepare("SELECT band, count(*) AS n FROM bastion_scores WHERE period_start = ? GROUP BY band")
    .bind(start)
    .all();
  console.log("bands:", bands.results.map((r) => `${r.band} ${r.n}`).join(", "));

  // Each overview statement alone, straight on D1 (no Worker, no session), with its plan.
  for (const [label, sql, binds] of overviewStatements) {
    console.log(`  ${label} plan: ${await plan(sql, ...binds)}`);
    const t = performance.now();
    for (let i = 0; i < 20; i++)
      await h.d1
        .prepare(sql)
        .bind(...binds)
        .all();
    console.log(`  ${label}: ${((performance.now() - t) / 20).toFixed(1)} ms per statement`);
  }
  const q = `start=${start}&end=${end}`;
  const measureGet = (label, path, requests) =>
    h.measure(label, { path, headers: { cookie: admin } }, { requests, seconds: 3 });
  await measureGet(
    `GET overview, band 0-59 page of 50 of ${BRANCHES + 3} (3 queries)`,
    `/api/orgs/${committee.id}/bastion?${q}&band=0-59&limit=50`,
  );
  await measureGet(
    "GET overview, lagging band page (3 queries)",
    `/api/orgs/${committee.id}/bastion?${q}&band=lagging&limit=50`,
  );
  await measureGet("GET one branch's named explanation (4 queries)", `/api/orgs/${orgs[1][0]}/bastion/score?${q}`);
  await h.d1.prepare("UPDATE eval_schedules SET active = 1").run();
}
