// Organisational life at scale: 3,000 branches under the committee and a year of meetings (about 45 a
// branch: monthly committee, group and theme-day meetings, quarterly general meetings and lectures, a
// yearly organisational life meeting), a third of the branches skipping their lectures.
// Query counts (read off the code paths):
//   GET /api/orgs/:id/orglife/behind (committee view): session 1 + org auth 1 + one batch of 4 statements
//     (branches, rhythm versions, committee kinds, held meetings folded per branch and kind) = 3 round trips,
//     whatever the subtree.
//   GET /api/orgs/:id/orglife/behind/export (CSV): the same 3.
//   GET /api/orgs/:id/orglife (one branch's year): session 1 + org auth 1 + one batch of 8 statements = 3.
//   cron tick: the claim on due_work_due_idx (a row per branch and committee, due at its next month in
//     its zone), then for the claimed orgs one batch of 4 reads (claimed orgs, rhythm versions, their
//     officers, the branches inside them with held meetings folded) and one of writes (the next moments,
//     the notice inserts, 16 a statement); with nothing due, the claim alone.
const lit = (v) => (typeof v === "number" ? String(v) : v === null ? "NULL" : `'${String(v).replaceAll("'", "''")}'`);
const values = (rows) => rows.map((r) => `(${r.map(lit).join(", ")})`).join(", ");
const pad = (n) => String(n).padStart(2, "0");

export default async function (h) {
  const committee = await h.d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const now = Date.now();
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const lastMonth = Math.max(1, Number(today.slice(5, 7)) - 1);
  const rid = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const orgs = [];
  const meetings = [];
  const users = [];
  const secretaries = [];
  let firstBranch = null;
  const creator = (await h.d1.prepare("SELECT id FROM users WHERE username = 'secretary'").first()).id;
  for (let b = 0; b < 3000; b++) {
    const id = rid();
    firstBranch ??= id;
    const path = `${committee.path}${id}/`;
    orgs.push([id, committee.id, path, `压测支部${b}`, "branch", "community", "Asia/Shanghai", now]);
    // Each branch has a secretary: the cron tells every one of them what is due this month.
    const uid = rid();
    users.push([uid, `orglife-bench-${b}-${uid.slice(0, 4)}`, `压测书记${b}`, "zh-CN", 1, now, now]);
    secretaries.push([rid(), uid, id, "secretary", now]);
    const meeting = (kind, on) => meetings.push([rid(), id, kind, `${kind} ${on}`, on, "held", creator, now]);
    for (let m = 1; m <= lastMonth; m++) {
      for (const kind of ["committee_meeting", "group_meeting", "theme_day"]) meeting(kind, `${year}-${pad(m)}-10`);
      if (m % 3 === 2) {
        meeting("general_meeting", `${year}-${pad(m)}-20`);
        if (b % 3 !== 0) meeting("lecture", `${year}-${pad(m)}-25`);
      }
    }
    if (b % 2) meeting("life_meeting", `${year}-${pad(lastMonth)}-28`);
  }
  const chunks = (table, cols, rows, size = 500) => {
    const out = [];
    for (let i = 0; i < rows.length; i += size) {
      out.push(h.d1.prepare(`INSERT INTO ${table} (${cols}) VALUES ${values(rows.slice(i, i + size))}`));
    }
    return out;
  };
  const t0 = performance.now();
  const statements = [
    ...chunks("orgs", "id, parent_id, path, name, kind, org_type, time_zone, created_at", orgs),
    ...chunks("users", "id, username, display_name, locale, active, created_at, updated_at", users),
    ...chunks("memberships", "id, user_id, org_id, role, started_at", secretaries),
    ...chunks(
      "orglife_meetings",
      "id, branch_id, kind, topic, meeting_on, status, created_by, created_at",
      meetings,
      200, // D1 refuses statements over 100 KB
    ),
  ];
  for (let i = 0; i < statements.length; i += 50) await h.d1.batch(statements.slice(i, i + 50));
  console.log(
    `seeded ${orgs.length} branches and ${meetings.length} held meetings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
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
  const heldSql = `SELECT o.id, (SELECT group_concat(kind || ':' || months, ';') FROM (
      SELECT kind, group_concat(substr(meeting_on, 6, 2), '') AS months FROM orglife_meetings m
       WHERE m.branch_id = o.id AND m.status = 'held' AND meeting_on >= ? AND meeting_on < ? GROUP BY kind)) AS held
    FROM orgs o WHERE o.path >= ? AND o.path < ? AND o.kind = 'branch' AND o.archived_at IS NULL ORDER BY o.path`;
  const heldArgs = [`${year}-01-01`, `${year + 1}-01-01`, ...range];
  console.log("branches with held meetings, plan:", await plan(heldSql, ...heldArgs));
  const t3 = performance.now();
  const rows = (
    await h.d1
      .prepare(heldSql)
      .bind(...heldArgs)
      .all()
  ).results;
  const bytes = rows.reduce((n, r) => n + (r.held?.length ?? 0), 0);
  console.log(
    `  that statement alone: ${rows.length} rows (${bytes} bytes of folded meetings) in ${(performance.now() - t3).toFixed(0)} ms`,
  );

  const admin = await h.cookie("admin");
  for (const path of [`/api/orgs/${committee.id}/orglife/behind?limit=50`, `/api/orgs/${firstBranch}/orglife`]) {
    const t = performance.now();
    const r = await fetch(`${h.url}${path}`, { headers: { cookie: admin } });
    const body = await r.text();
    console.log(
      `one request ${path.split("/").slice(-1)}: ${r.status} in ${(performance.now() - t).toFixed(0)} ms, ${body.length} bytes`,
    );
  }
  // The branch's own page first: the subtree view's slow requests would still be queued behind it.
  const measureGet = (label, path, seconds) => h.measure(label, { path, headers: { cookie: admin } }, { seconds });
  await measureGet("GET one branch's year at a glance", `/api/orgs/${firstBranch}/orglife`, 3);
  await measureGet("GET behind page of 50, 3,000 branches", `/api/orgs/${committee.id}/orglife/behind?limit=50`, 15);
  await measureGet("GET behind CSV, 3,000 branches", `/api/orgs/${committee.id}/orglife/behind/export`, 15);

  // Time this feature's part of the tick alone: pause the evaluation schedules.
  await h.d1.prepare("UPDATE eval_schedules SET active = 0").run();
  const sent = async () =>
    (await h.d1.prepare("SELECT count(*) AS n FROM notifications WHERE kind LIKE 'orglife_%'").first()).n;
  const due = async (at) =>
    (
      await h.d1
        .prepare("SELECT count(*) AS n FROM due_work WHERE kind = 'orglife_rhythm' AND due_at <= ?")
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
    `cron tick (evaluation schedules paused; development's part included): ${claimed} orgs due, ${first.toFixed(0)} ms, ${afterFirst} orglife notices; the next tick (${await due(now + 60_000)} due): ${again.toFixed(0)} ms, ${(await sent()) - afterFirst} new`,
  );
  h.printRows(`cron: a tick with ${claimed} orgs due, every job`, busyRows);
  h.printRows("cron: the next tick, nothing due, every job", idleRows);
  await h.d1.prepare("UPDATE eval_schedules SET active = 1").run();
}
