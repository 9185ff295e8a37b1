// Member development at scale: 300 branches of 200 members (60,000) and 3,000 people in the pipeline,
// a third of them overdue. Query counts (read off the code paths; each list is one query that sorts
// the whole subtree on an index and reads only its page's rows):
//   GET /api/orgs/:id/development (register page): session 1 + org auth 1 + register 1 = 3 queries, any subtree.
//   GET /api/orgs/:id/development/overdue:           3 queries.
//   GET /api/orgs/:id/development/export (CSV):      3 queries.
//   cron tick: the claim on due_work_due_idx (each open case's next warning is its row, kept by the
//     migration's triggers), then for the claimed cases one batch of 4 statements (2 INSERT … SELECT
//     notices, the next moments, the rows done); with nothing due, the claim alone.
const DAY = 86_400_000;
const lit = (v) => (typeof v === "number" ? String(v) : v === null ? "NULL" : `'${String(v).replaceAll("'", "''")}'`);
const values = (rows) => rows.map((r) => `(${r.map(lit).join(", ")})`).join(", ");

export default async function (h) {
  const committee = await h.d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const now = Date.now();
  const rid = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const orgs = [];
  const users = [];
  const members = [];
  const cases = [];
  let firstBranch = null;
  for (let b = 0; b < 300; b++) {
    const id = rid();
    firstBranch ??= id;
    orgs.push([
      id,
      committee.id,
      `${committee.path}${id}/`,
      `压测支部${b}`,
      "branch",
      "community",
      "Asia/Shanghai",
      now,
    ]);
    for (let i = 0; i < 210; i++) {
      const uid = rid();
      users.push([uid, `dev-bench-${b}-${i}-${uid.slice(0, 4)}`, `压测${b}-${i}`, "zh-CN", 1, now, now]);
      if (i === 0) members.push([rid(), uid, id, "secretary", now]);
      if (i < 200) members.push([rid(), uid, id, "member", now]);
      else {
        // Ten in the pipeline per branch: overdue, due within the 14-day warning, or later.
        const due = now + [-20, 5, 40][i % 3] * DAY;
        const dueOn = new Date(due).toISOString().slice(0, 10);
        cases.push([rid(), uid, id, "applicant", "open", "talk", due, dueOn, now, now]);
      }
    }
  }
  const chunks = (table, cols, rows) => {
    const out = [];
    for (let i = 0; i < rows.length; i += 500) {
      out.push(h.d1.prepare(`INSERT INTO ${table} (${cols}) VALUES ${values(rows.slice(i, i + 500))}`));
    }
    return out;
  };
  const t0 = performance.now();
  const statements = [
    ...chunks("orgs", "id, parent_id, path, name, kind, org_type, time_zone, created_at", orgs),
    ...chunks("users", "id, username, display_name, locale, active, created_at, updated_at", users),
    ...chunks("memberships", "id, user_id, org_id, role, started_at", members),
    ...chunks(
      "dev_cases",
      "id, user_id, org_id, stage, status, next_step, next_due, next_due_on, created_at, updated_at",
      cases,
    ),
  ];
  for (let i = 0; i < statements.length; i += 50) await h.d1.batch(statements.slice(i, i + 50));
  console.log(
    `seeded ${members.length - 300} members and ${cases.length} in the pipeline in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
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
  const range = [committee.path, `${committee.path.slice(0, -1)}0`];
  // The register's inner query: the subtree sorted on dev_cases_org_status_idx alone, ids only.
  const pageIds = `SELECT c.id FROM orgs o JOIN dev_cases c ON c.org_id = o.id AND +c.status = 'open'
    WHERE o.path >= ? AND o.path < ? ORDER BY c.next_due IS NULL, c.next_due, c.id LIMIT ? OFFSET ?`;
  console.log("register plan:", await plan(pageIds, ...range, 51, 0));
  console.log(
    "overdue plan:",
    await plan(
      "SELECT c.id FROM orgs o JOIN dev_cases c ON c.org_id = o.id AND +c.status = 'open' AND +c.next_due < ? WHERE o.path >= ? AND o.path < ?",
      now,
      ...range,
    ),
  );

  // The queries alone, straight on D1, sequentially (no HTTP, no concurrency): the median of 9 runs.
  const median = async (run) => {
    const times = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[4].toFixed(1);
  };
  // The whole register query as the Worker sends it: the page of ids, then its rows' people and branches.
  const registerSql = (limit, offset) =>
    h.d1
      .prepare(
        `SELECT c.id, u.display_name, o.name, c.stage, c.next_step, c.next_due_on, c.next_due
           FROM (${pageIds}) p JOIN dev_cases c ON c.id = p.id JOIN users u ON u.id = c.user_id
           JOIN orgs o ON o.id = c.org_id ORDER BY c.next_due IS NULL, c.next_due, c.id`,
      )
      .bind(...range, limit, offset)
      .all();
  console.log(
    `register query alone (3,000 sorted): first page of 50 ${await median(() => registerSql(51, 0))} ms, page at offset 2,900 ${await median(() => registerSql(51, 2900))} ms`,
  );

  const admin = await h.cookie("admin");
  // One request at a time through the Worker (session, authorization, query, JSON): the median of 9.
  const once = async (path) =>
    median(() => fetch(`${h.url}${path}`, { headers: { cookie: admin } }).then((r) => r.text()));
  console.log(
    `sequential: register page ${await once(`/api/orgs/${committee.id}/development?limit=50`)} ms, last page ${await once(`/api/orgs/${committee.id}/development?limit=50&offset=2950`)} ms, one branch ${await once(`/api/orgs/${firstBranch}/development`)} ms, overdue page ${await once(`/api/orgs/${committee.id}/development/overdue?limit=50`)} ms, CSV ${await once(`/api/orgs/${committee.id}/development/export`)} ms`,
  );
  const measureGet = (label, path, requests = 100, seconds = 3) =>
    h.measure(label, { path, headers: { cookie: admin } }, { requests, seconds });
  await measureGet("GET register page of 50, 3,000 under committee", `/api/orgs/${committee.id}/development?limit=50`);
  await measureGet("GET register of one branch (10)", `/api/orgs/${firstBranch}/development`);
  await measureGet(
    "GET overdue list page of 50, 1,000 overdue",
    `/api/orgs/${committee.id}/development/overdue?limit=50`,
  );
  await measureGet("GET register CSV, 3,000 rows", `/api/orgs/${committee.id}/development/export`, 20, 10);

  // The evaluation schedules would fan out to all 300 new branches: pause them to time this feature's part.
  await h.d1.prepare("UPDATE eval_schedules SET active = 0").run();
  const sent = async () =>
    (await h.d1.prepare("SELECT count(*) AS n FROM notifications WHERE kind LIKE 'dev_%'").first()).n;
  const due = async (at) =>
    (
      await h.d1
        .prepare("SELECT count(*) AS n FROM due_work WHERE kind = 'dev_deadline' AND due_at <= ?")
        .bind(at)
        .first()
    ).n;
  const claimed = await due(now);
  await h.jobRows();
  const t1 = performance.now();
  await h.cron(new Date(now));
  const first = performance.now() - t1;
  const busyRows = await h.jobRows();
  const afterFirst = await sent();
  const t2 = performance.now();
  await h.cron(new Date(now + 60_000));
  const again = performance.now() - t2;
  const idleRows = await h.jobRows();
  console.log(
    `cron tick (evaluation schedules paused): ${claimed} of ${cases.length} cases due, ${first.toFixed(0)} ms, ${afterFirst} development notices; the next tick (${await due(now + 60_000)} due): ${again.toFixed(0)} ms, ${(await sent()) - afterFirst} new`,
  );
  h.printRows(`cron: a tick with ${claimed} cases due, every job`, busyRows);
  h.printRows("cron: the next tick, nothing due, every job", idleRows);
  await h.d1.prepare("UPDATE eval_schedules SET active = 1").run();
}
