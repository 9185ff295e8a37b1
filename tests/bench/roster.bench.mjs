// The roster at scale: a committee of 10,000 members (200 branches of 50) beside the demo, in the
// embedded tenant. A page of the committee walks the users' name index (it holds nearly the whole
// tenant); a page of one branch sorts the branch; a page 40 pages deep costs what the first does.
const BRANCHES = 200;
const PER_BRANCH = 50;
const NAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".split("");

export default async function (h) {
  const root = await h.d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const now = Date.now();
  const rid = () => crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const committee = { id: rid() };
  committee.path = `${root.path}${committee.id}/`;
  const orgs = [[committee.id, root.id, committee.path, "名册压测党委", "committee"]];
  const users = [];
  const members = [];
  let branch = null;
  for (let b = 0; b < BRANCHES; b++) {
    const id = rid();
    branch ??= id;
    orgs.push([id, committee.id, `${committee.path}${id}/`, `名册压测支部${b}`, "branch"]);
    for (let i = 0; i < PER_BRANCH; i++) {
      const uid = rid();
      // Names repeat, as real ones do: the order leans on its ties.
      const name = `${NAMES[(b * PER_BRANCH + i) % NAMES.length]}${NAMES[(b + i * 7) % NAMES.length]}${i % 3 ? "" : "华"}`;
      users.push([uid, `roster-bench-${b}-${i}`, name]);
      members.push([rid(), uid, id]);
    }
  }
  const insert = (rows, sql, width) => {
    const stmts = [];
    for (let i = 0; i < rows.length; i += Math.floor(90 / width)) {
      const chunk = rows.slice(i, i + Math.floor(90 / width));
      stmts.push(
        h.d1.prepare(sql(chunk.map(() => `(${Array(width).fill("?").join(", ")})`).join(", "))).bind(...chunk.flat()),
      );
    }
    return stmts;
  };
  const writes = [
    ...insert(
      orgs,
      (v) =>
        `INSERT INTO orgs (id, parent_id, path, name, kind, org_type, created_at) SELECT column1, column2, column3, column4, column5, 'unit', ${now} FROM (VALUES ${v})`,
      5,
    ),
    ...insert(
      users,
      (v) =>
        `INSERT INTO users (id, username, display_name, created_at, updated_at) SELECT column1, column2, column3, ${now}, ${now} FROM (VALUES ${v})`,
      3,
    ),
    ...insert(
      members,
      (v) =>
        `INSERT INTO memberships (id, user_id, org_id, role, started_at) SELECT column1, column2, column3, 'member', ${now} FROM (VALUES ${v})`,
      3,
    ),
  ];
  for (let i = 0; i < writes.length; i += 20) await h.d1.batch(writes.slice(i, i + 20));

  const admin = await h.cookie("admin");
  const page = (org, after) => `/api/orgs/${org}/members?limit=50${after ? `&after=${after}` : ""}`;
  let after = null;
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${h.url}${page(committee.id, after)}`, { headers: { cookie: admin } });
    after = (await res.json()).next;
  }
  await h.measure(`GET roster page, committee of ${BRANCHES * PER_BRANCH}`, {
    path: page(committee.id),
    headers: { cookie: admin },
  });
  await h.measure("GET roster page 41 of that committee", {
    path: `${page(committee.id, after)}&offset=2000`,
    headers: { cookie: admin },
  });
  await h.measure(`GET roster page, one branch of ${PER_BRANCH}`, { path: page(branch), headers: { cookie: admin } });
  // D1's own time for each statement (meta.duration), summed over 20 reads one after another: less
  // swayed by a loaded machine than the rates above.
  const demo = await h.d1.prepare("SELECT id FROM orgs WHERE parent_id IS NULL").first();
  const reads = [
    [`roster page, committee of ${BRANCHES * PER_BRANCH}`, page(committee.id)],
    // offset= serves a Worker that pages by offset (the one before keyset pages); this one ignores it.
    ["roster page 41 of that committee", `${page(committee.id, after)}&offset=2000`],
    [`roster page, one branch of ${PER_BRANCH}`, page(branch)],
    [
      `roster search in the committee of ${BRANCHES * PER_BRANCH}`,
      `${page(committee.id)}&q=${encodeURIComponent("王李")}`,
    ],
    ["roster page of the whole tenant (demo root)", page(demo.id)],
  ];
  for (const [label, path] of reads) {
    const request = { path, headers: { cookie: admin } };
    const { sqlMs, rowsRead } = await h.rows(`${label}, 20 times`, Array(20).fill(request));
    console.log(`${"".padEnd(44)} a page: ${rowsRead / 20} rows read, D1 time ${(sqlMs / 20).toFixed(2)} ms`);
  }
  // A roster write's rows (the triggers bump the roster generations of the member's orgs and their
  // ancestors), then the committee's first page rebuilt once and kept again.
  await h.rows("roster write: a committee member renamed", [
    {
      method: "PATCH",
      path: `/api/users/${users[0][0]}`,
      body: { displayName: "改名压测" },
      headers: { cookie: admin },
    },
  ]);
  await h.rows("roster page after it: rebuilt, then kept", [
    { path: page(committee.id), headers: { cookie: admin } },
    { path: page(committee.id), headers: { cookie: admin } },
  ]);
  // The committee's study chart of the year (worker/courses/branch-months.ts): the first read builds its
  // kept rows; after that it reads its own 12, however many branches it holds.
  const chart = { path: `/api/orgs/${committee.id}/study-report/months`, headers: { cookie: admin } };
  await fetch(`${h.url}${chart.path}`, { headers: chart.headers });
  await h.rows(`committee chart of the year, ${BRANCHES} branches`, [chart]);
  await h.measure(`GET committee chart of the year, ${BRANCHES} branches`, chart);
}
