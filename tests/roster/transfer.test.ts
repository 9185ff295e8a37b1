import { applyD1Migrations, createExecutionContext, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { onlineYearStatement } from "../../worker/courses/years";
import type { Env } from "../../worker/env";
import worker from "../../worker/index";
import { getDb } from "../../worker/lib/db";
import { newId } from "../../worker/lib/ids";
import { personalTables, readRecord, TRAVEL, travelPlan } from "../../worker/roster/travel";
import { PASSWORD } from "../fixtures";
import { putDirectory } from "../lib/directory";
import { countDrift, keptCounts } from "../orgs/helpers";

// A member of a branch in the city (the embedded DB, app.test) moves to a branch of the county
// (DB_OTHER, other.test): the county's secretary accepts, the record lands there, the city keeps a stub.

const directory = [
  { id: "home", name: "甲市", hosts: ["app.test"], binding: "DB", root: "/" },
  { id: "other", name: "乙县", hosts: ["other.test"], binding: "DB_OTHER", root: "/" },
];
const tenantsEnv = (over: Partial<Record<string, unknown>> = {}) =>
  ({ ...env, DIRECTORY: env.TEST_DIRECTORY, ...over }) as unknown as Env;

async function call(
  host: string,
  method: string,
  path: string,
  o: { body?: unknown; cookie?: string | undefined; env?: Env } = {},
) {
  const headers: Record<string, string> = { Origin: `https://${host}` };
  if (o.cookie) headers.Cookie = o.cookie;
  if (o.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await worker.fetch(
    new Request(`https://${host}${path}`, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    }) as never,
    o.env ?? tenantsEnv(),
    createExecutionContext(),
  );
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("session="))
    ?.split(";")[0];
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, cookie };
}

async function login(host: string, username: string) {
  const r = await call(host, "POST", "/api/auth/login", { body: { username, password: PASSWORD } });
  return { status: r.status, cookie: r.cookie };
}

let password: Awaited<ReturnType<typeof hashPassword>>;
const run = (d1: D1Database, sql: string, ...values: unknown[]) =>
  d1
    .prepare(sql)
    .bind(...values)
    .run();

async function org(d1: D1Database, name: string, kind: string, parent?: { id: string; path: string }) {
  const id = newId();
  const path = `${parent?.path ?? "/"}${id}/`;
  await run(
    d1,
    "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, created_at) VALUES (?, ?, ?, ?, ?, 'unit', ?)",
    id,
    parent?.id ?? null,
    path,
    name,
    kind,
    Date.now(),
  );
  return { id, path };
}

async function person(d1: D1Database, name: string, roles: [{ id: string }, string][]) {
  const id = newId();
  const username = `${name}-${id.slice(0, 6)}`;
  await run(
    d1,
    `INSERT INTO users (id, username, display_name, password_hash, password_salt, password_iterations, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    username,
    name,
    password.passwordHash,
    password.passwordSalt,
    password.passwordIterations,
    Date.now(),
    Date.now(),
  );
  for (const [o, role] of roles) {
    await run(
      d1,
      "INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, ?, ?)",
      newId(),
      id,
      o.id,
      role,
      Date.now(),
    );
  }
  return { id, username };
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/**
 * A row in any table, every required column filled (a parent row made for each foreign key), so that
 * every table of the record gets rows without this test naming their columns: a table added to the
 * schema and to TRAVEL is moved and compared here too.
 */
async function fill(d1: D1Database, tbl: string, fixed: Record<string, unknown> = {}) {
  const [cols, fks] = await d1.batch([
    d1.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').bind(tbl),
    d1.prepare('SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)').bind(tbl),
  ]);
  const row: Record<string, unknown> = {};
  for (const c of (cols?.results ?? []) as ColumnInfo[]) {
    const fk = ((fks?.results ?? []) as { from: string; table: string; to: string | null }[]).find(
      (f) => f.from === c.name,
    );
    if (c.name in fixed) row[c.name] = fixed[c.name];
    else if (fk) row[c.name] = (await fill(d1, fk.table))[fk.to ?? "id"];
    else if (c.notnull || c.pk) {
      const t = c.type.toUpperCase();
      row[c.name] = t.includes("INT")
        ? 1 + Math.floor(Math.random() * 1e6)
        : t.includes("REAL")
          ? 1.5
          : JSON.stringify(`${tbl}.${c.name}-${newId()}`);
    }
  }
  const names = Object.keys(row);
  await run(
    d1,
    `INSERT INTO "${tbl}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
    ...names.map((n) => row[n]),
  );
  return row;
}

/** Rows in every table of the record (two where the member is the key), and in the tables that stay. */
async function recordOf(d1: D1Database, memberId: string) {
  const made: Record<string, Record<string, unknown>[]> = {};
  for (const [tbl, travel] of Object.entries(TRAVEL)) {
    if (!("by" in travel) || tbl === "memberships") continue;
    const fixed = tbl === "archive_events" ? { kind: "joined", summary: '{"orgName":"x"}' } : {};
    for (let i = 0; i < 2; i++) {
      const row = await fill(d1, tbl, {
        ...fixed,
        [travel.by]: memberId,
        ...(tbl === "study_years" ? { year: 2020 + i } : {}),
      });
      made[tbl] = [...(made[tbl] ?? []), row];
    }
  }
  for (const [tbl, travel] of Object.entries(TRAVEL)) {
    if ("parent" in travel) await fill(d1, tbl, { [travel.via]: made[travel.parent]?.[0]?.id });
  }
  await fill(d1, "notifications", { user_id: memberId });
  await fill(d1, "eval_votes", { ratee_id: memberId });
}

const sortRows = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The city's branch with its secretary and a member with a full record; a county branch with its. */
async function scene() {
  const cityCommittee = await org(env.DB, "甲市委", "committee");
  const cityBranch = await org(env.DB, "甲市某支部", "branch", cityCommittee);
  const beside = await org(env.DB, "甲市另一支部", "branch", cityCommittee);
  const secretary = await person(env.DB, "甲书记", [[cityBranch, "secretary"]]);
  const besideSecretary = await person(env.DB, "乙书记", [[beside, "secretary"]]);
  const member = await person(env.DB, "转接党员", [[cityBranch, "member"]]);
  await recordOf(env.DB, member.id);
  const county = await org(env.DB_OTHER, "乙县委", "committee");
  const countyBranch = await org(env.DB_OTHER, "乙县某支部", "branch", county);
  const countyBeside = await org(env.DB_OTHER, "乙县另一支部", "branch", county);
  const countySecretary = await person(env.DB_OTHER, "县书记", [[countyBranch, "secretary"]]);
  const countyBesideSecretary = await person(env.DB_OTHER, "县另一书记", [[countyBeside, "secretary"]]);
  const cookies = {
    secretary: (await login("app.test", secretary.username)).cookie,
    beside: (await login("app.test", besideSecretary.username)).cookie,
    county: (await login("other.test", countySecretary.username)).cookie,
    countyBeside: (await login("other.test", countyBesideSecretary.username)).cookie,
    member: (await login("app.test", member.username)).cookie,
  };
  return { cityBranch, member, countyBranch, cookies };
}

type Scene = Awaited<ReturnType<typeof scene>>;

const send = (s: Scene, over: Record<string, unknown> = {}, cookie = s.cookies.secretary) =>
  call("app.test", "POST", `/api/users/${s.member.id}/transfer-out`, {
    cookie,
    body: { tenant: "other", toOrgId: s.countyBranch.id, note: "工作调动", ...over },
  });

const keptAt = async (d1: D1Database, transferId: string) => {
  const { results } = await d1
    .prepare("SELECT tbl, row FROM transfer_rows WHERE transfer_id = ?")
    .bind(transferId)
    .all<{ tbl: string; row: string }>();
  const byTable: Record<string, Record<string, unknown>[]> = {};
  for (const r of results) byTable[r.tbl] = [...(byTable[r.tbl] ?? []), JSON.parse(r.row)];
  return byTable;
};

/** A database whose `prepare` fails once for the first statement matching `pattern`: a crash there. */
function failingOnce(d1: D1Database, pattern: RegExp) {
  const state = { failed: false };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            if (!state.failed && pattern.test(sql)) {
              state.failed = true;
              throw new Error("injected crash");
            }
            return (t as unknown as D1Database).prepare(sql);
          };
        }
        // A request's D1 session (D1_SESSIONS) prepares its statements too.
        if (prop === "withSession") return (...args: unknown[]) => wrap((t as any).withSession(...args));
        const value = Reflect.get(t, prop);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  return wrap(d1);
}

beforeAll(async () => {
  await applyD1Migrations(env.DB_OTHER, env.TEST_MIGRATIONS);
  await putDirectory(directory);
  password = await hashPassword(PASSWORD);
});

describe("the tables that travel", () => {
  it("lists every table of the schema that holds a person's rows, and none that is gone", async () => {
    const personal = await personalTables(env.DB);
    expect(personal.filter((t) => !(t in TRAVEL))).toEqual([]);
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{
      name: string;
    }>();
    const names = new Set(results.map((r) => r.name));
    expect(Object.keys(TRAVEL).filter((t) => !names.has(t))).toEqual([]);
    // Found from the schema, not from the list: the list cannot hide a table by leaving it out.
    expect(personal).toEqual(
      expect.arrayContaining(["course_completions", "dev_cases", "eval_decisions", "study_years"]),
    );
  });

  it("refuses to move anyone while a table of people's rows is not listed", async () => {
    await env.DB.exec("CREATE TABLE new_people_rows (id TEXT PRIMARY KEY, member_id TEXT NOT NULL)");
    try {
      await expect(travelPlan(env.DB)).rejects.toThrow(/new_people_rows/);
    } finally {
      await env.DB.exec("DROP TABLE new_people_rows");
    }
  });
});

describe("a member's transfer to another tenant", () => {
  it("moves the whole record: the same rows in the destination, the account signs in there only", async () => {
    const s = await scene();
    // 学时 of the source's own completions, none carried in from elsewhere.
    await run(
      env.DB,
      "UPDATE study_years SET online_hours = 4, carried_online_hours = 0 WHERE user_id = ?",
      s.member.id,
    );
    const plan = await travelPlan(env.DB);
    const before = await readRecord(env.DB, plan, s.member.id);
    // Every table of the record has rows in this scene (the test is not vacuous for any of them).
    for (const t of plan.tables) expect([t.tbl, (before[t.tbl] ?? []).length > 0]).toEqual([t.tbl, true]);

    // The secretary picks the destination by name from the other tenant's list.
    const tenants = await call("app.test", "GET", "/api/transfers/tenants", { cookie: s.cookies.secretary });
    expect(tenants.body.items).toEqual([{ id: "other", name: "乙县" }]);
    const branches = await call("app.test", "GET", "/api/transfers/tenants/other/branches?q=某支部", {
      cookie: s.cookies.secretary,
    });
    expect(branches.body.items).toEqual([expect.objectContaining({ id: s.countyBranch.id, name: "乙县某支部" })]);

    const counted = {
      city: await keptCounts(s.cityBranch.id),
      county: await keptCounts(s.countyBranch.id, env.DB_OTHER),
    };
    const sent = await send(s);
    expect(sent.status).toBe(201);
    expect(sent.body.state).toBe("delivered");
    const incoming = await call("other.test", "GET", `/api/orgs/${s.countyBranch.id}/transfers`, {
      cookie: s.cookies.county,
    });
    expect(incoming.body.items).toEqual([
      expect.objectContaining({ id: sent.body.id, side: "in", state: "pending", displayName: "转接党员" }),
    ]);
    const accepted = await call("other.test", "POST", `/api/transfers/${sent.body.id}/accept`, {
      cookie: s.cookies.county,
    });
    expect(accepted.status).toBe(200);

    // Row sets per table: the record as it came is the record as it left.
    const kept = await keptAt(env.DB_OTHER, sent.body.id);
    for (const t of plan.tables)
      expect([t.tbl, sortRows(kept[t.tbl] ?? [])]).toEqual([t.tbl, sortRows(before[t.tbl] ?? [])]);
    expect(Object.keys(kept).filter((t) => "stays" in (TRAVEL[t] ?? {}))).toEqual([]);
    // The live tables in the destination's own tables, the case now at the destination branch.
    const live = await readRecord(env.DB_OTHER, plan, s.member.id);
    for (const tbl of ["archive_events", "offline_credits", "dev_steps"]) {
      const arrived = (live[tbl] ?? []).filter((r) => r.kind !== "transferred");
      expect([tbl, sortRows(arrived)]).toEqual([tbl, sortRows(before[tbl] ?? [])]);
    }
    // The years' online 学时 arrive carried: their completions stay at the source with its courses.
    const carried = (before.study_years ?? []).map((r) => ({ ...r, carried_online_hours: r.online_hours }));
    expect(sortRows(live.study_years ?? [])).toEqual(sortRows(carried));
    // A recount at the destination (a course completed there) adds to them, it does not drop them.
    const year = (before.study_years ?? [])[0] as { year: number; online_hours: number };
    await getDb(env.DB_OTHER).batch([
      onlineYearStatement(getDb(env.DB_OTHER), s.member.id, Date.UTC(year.year, 6, 1), "UTC"),
    ]);
    const recounted = await env.DB_OTHER.prepare("SELECT online_hours FROM study_years WHERE user_id = ? AND year = ?")
      .bind(s.member.id, year.year)
      .first<{ online_hours: number }>();
    expect(recounted?.online_hours).toBe(year.online_hours);
    expect(sortRows(live.dev_cases ?? [])).toEqual(
      sortRows((before.dev_cases ?? []).map((r) => ({ ...r, org_id: s.countyBranch.id }))),
    );

    // Credentials moved: the same username and password sign in at the destination, not at the source.
    expect((await login("other.test", s.member.username)).status).toBe(200);
    expect((await login("app.test", s.member.username)).status).toBe(401);
    expect((await call("app.test", "GET", "/api/me", { cookie: s.cookies.member })).status).toBe(401);

    // The source's secretary reads nothing of the member now; the destination's does.
    for (const path of [`/api/users/${s.member.id}`, `/api/archives/${s.member.id}`]) {
      expect((await call("app.test", "GET", path, { cookie: s.cookies.secretary })).status).toBe(404);
      expect((await call("other.test", "GET", path, { cookie: s.cookies.county })).status).toBe(200);
    }
    const roster = await call("app.test", "GET", `/api/orgs/${s.cityBranch.id}/members`, {
      cookie: s.cookies.secretary,
    });
    expect(roster.body.items.map((m: { id: string }) => m.id)).not.toContain(s.member.id);
    const there = await call("other.test", "GET", `/api/orgs/${s.countyBranch.id}/members`, {
      cookie: s.cookies.county,
    });
    expect(there.body.items.map((m: { id: string }) => m.id)).toContain(s.member.id);
    // The kept member counts follow on both sides, and equal a fresh count in each tenant.
    expect(roster.body.total).toBe(counted.city!.subtree - 1);
    expect(there.body.total).toBe(counted.county!.subtree + 1);
    expect(await countDrift(env.DB)).toEqual([]);
    expect(await countDrift(env.DB_OTHER)).toEqual([]);

    // The source keeps an ended membership and a stub saying where the member went; both sides audited.
    const { results: ended } = await env.DB.prepare("SELECT ended_at FROM memberships WHERE user_id = ?")
      .bind(s.member.id)
      .all<{ ended_at: number | null }>();
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.every((m) => m.ended_at !== null)).toBe(true);
    const stub = await call("app.test", "GET", `/api/orgs/${s.cityBranch.id}/transfers`, {
      cookie: s.cookies.secretary,
    });
    expect(stub.body.items).toEqual([
      expect.objectContaining({ side: "out", state: "done", to: { tenant: "乙县", orgName: "乙县某支部" } }),
    ]);
    const audit = async (d1: D1Database) =>
      (
        await d1
          .prepare(
            "SELECT action FROM audit_log WHERE entity_id = ? AND action LIKE 'member_transfer%' ORDER BY at, action",
          )
          .bind(s.member.id)
          .all<{ action: string }>()
      ).results.map((r) => r.action);
    expect(await audit(env.DB)).toEqual(["member_transfer_sent", "member_transfer_done"]);
    expect(await audit(env.DB_OTHER)).toEqual(["member_transfer_received"]);
  });

  it("finishes after a crash at each step, with exactly one copy", async () => {
    const s = await scene();
    const before = await readRecord(env.DB, await travelPlan(env.DB), s.member.id);
    const lost = await send(s);
    expect(lost.status).toBe(201);

    const accept = (over?: Partial<Record<string, unknown>>) =>
      call("other.test", "POST", `/api/transfers/${lost.body.id}/accept`, {
        cookie: s.cookies.county,
        env: tenantsEnv(over),
      });
    // Crash after the record is kept, before the account lands; then after it lands, before the source closes.
    const states = async () =>
      Promise.all(
        [env.DB, env.DB_OTHER].map(
          async (d1) =>
            (
              await d1
                .prepare("SELECT state FROM member_transfers WHERE id = ?")
                .bind(lost.body.id)
                .first<{ state: string }>()
            )?.state,
        ),
      );
    expect((await accept({ DB_OTHER: failingOnce(env.DB_OTHER, /^INSERT INTO users/) })).status).toBe(500);
    expect(await states()).toEqual(["delivered", "accepted"]);
    expect((await accept({ DB: failingOnce(env.DB, /^UPDATE users SET active = 0/) })).status).toBe(500);
    expect(await states()).toEqual(["delivered", "copied"]);
    expect((await login("app.test", s.member.username)).status).toBe(200);
    expect((await accept()).status).toBe(200);
    expect(await states()).toEqual(["done", "done"]);
    expect((await accept()).status).toBe(200); // a receipt sent twice changes nothing

    const kept = await keptAt(env.DB_OTHER, lost.body.id);
    const count = (rows: Record<string, Record<string, unknown>[]>) =>
      Object.values(rows).reduce((n, list) => n + list.length, 0);
    expect(count(kept)).toBe(count(before));
    const one = async (sql: string) => (await env.DB_OTHER.prepare(sql).bind(s.member.id).first<{ n: number }>())?.n;
    expect(await one("SELECT count(*) AS n FROM memberships WHERE user_id = ? AND ended_at IS NULL")).toBe(1);
    expect(await one("SELECT count(*) AS n FROM archive_events WHERE member_id = ? AND kind = 'transferred'")).toBe(1);
    expect(
      await one("SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action LIKE 'member_transfer%'"),
    ).toBe(1);
    expect((await login("app.test", s.member.username)).status).toBe(401);
    expect((await login("other.test", s.member.username)).status).toBe(200);
  });

  it("a delivery that failed is delivered again, once", async () => {
    const s = await scene();
    const crashed = await call("app.test", "POST", `/api/users/${s.member.id}/transfer-out`, {
      cookie: s.cookies.secretary,
      body: { tenant: "other", toOrgId: s.countyBranch.id },
      env: tenantsEnv({ DB_OTHER: failingOnce(env.DB_OTHER, /^INSERT OR IGNORE INTO member_transfers/) }),
    });
    expect(crashed.status).toBe(500);
    const stub = await call("app.test", "GET", `/api/orgs/${s.cityBranch.id}/transfers`, {
      cookie: s.cookies.secretary,
    });
    const [letter] = stub.body.items;
    expect(letter.state).toBe("sent");
    for (let i = 0; i < 2; i++) {
      const again = await call("app.test", "POST", `/api/transfers/${letter.id}/deliver`, {
        cookie: s.cookies.secretary,
      });
      expect(again.body.state).toBe("delivered");
    }
    const there = await call("other.test", "GET", `/api/orgs/${s.countyBranch.id}/transfers`, {
      cookie: s.cookies.county,
    });
    expect(there.body.items.map((t: { id: string }) => t.id)).toEqual([letter.id]);
  });

  it("is refused for someone else's member, an unknown tenant or branch, a taken username, an open appraisal", async () => {
    const s = await scene();
    expect((await send(s, {}, s.cookies.beside)).status).toBe(404);
    // A member reads neither the other organisations nor their branches, nor writes a letter for themself.
    expect((await call("app.test", "GET", "/api/transfers/tenants", { cookie: s.cookies.member })).status).toBe(403);
    const peek = await call("app.test", "GET", "/api/transfers/tenants/other/branches", { cookie: s.cookies.member });
    expect(peek.status).toBe(403);
    expect((await send(s, {}, s.cookies.member)).status).toBe(403);
    expect((await send(s, { tenant: "nowhere" })).body.error.code).toBe("not_found");
    expect((await send(s, { tenant: "home" })).status).toBe(404);
    expect((await send(s, { toOrgId: newId() })).status).toBe(404);
    expect((await send(s, { toOrgId: "" })).status).toBe(400);
    // The destination gives the username to someone else.
    const twin = newId();
    await run(
      env.DB_OTHER,
      "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES (?, ?, '同名', 1, 1)",
      twin,
      s.member.username,
    );
    expect((await send(s)).status).toBe(409);
    await run(env.DB_OTHER, "DELETE FROM users WHERE id = ?", twin);
    // An appraisal open in the branch: its votes and quota are the source committee's to finish.
    const cycle = await fill(env.DB, "eval_cycles", { branch_id: s.cityBranch.id, status: "open" });
    const blocked = await send(s);
    expect([blocked.status, blocked.body.error.code]).toEqual([409, "in_open_evaluation"]);
    await run(env.DB, "UPDATE eval_cycles SET status = 'closed' WHERE id = ?", cycle.id);

    const sent = await send(s);
    expect(sent.status).toBe(201);
    expect((await send(s)).status).toBe(409); // one transfer at a time
    // Only the destination branch's secretary answers it, only on the destination's host.
    const id = sent.body.id;
    expect(
      (await call("other.test", "POST", `/api/transfers/${id}/accept`, { cookie: s.cookies.countyBeside })).status,
    ).toBe(404);
    expect(
      (await call("app.test", "POST", `/api/transfers/${id}/accept`, { cookie: s.cookies.secretary })).status,
    ).toBe(404);
    expect((await call("other.test", "GET", `/api/users/${s.member.id}`, { cookie: s.cookies.county })).status).toBe(
      404,
    );
  });

  it("a refused letter says why, and the member stays where they were", async () => {
    const s = await scene();
    const sent = await send(s);
    const refused = await call("other.test", "POST", `/api/transfers/${sent.body.id}/refuse`, {
      cookie: s.cookies.county,
      body: { reason: "接收支部名称有误" },
    });
    expect(refused.status).toBe(200);
    const stub = await call("app.test", "GET", `/api/orgs/${s.cityBranch.id}/transfers`, {
      cookie: s.cookies.secretary,
    });
    expect(stub.body.items[0]).toMatchObject({ state: "refused", refusal: "接收支部名称有误" });
    expect(
      (await call("other.test", "POST", `/api/transfers/${sent.body.id}/accept`, { cookie: s.cookies.county })).status,
    ).toBe(409);
    expect((await login("app.test", s.member.username)).status).toBe(200);
    expect((await call("app.test", "GET", `/api/users/${s.member.id}`, { cookie: s.cookies.secretary })).status).toBe(
      200,
    );
  });
});
