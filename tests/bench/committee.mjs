// A committee with an evaluation schedule, its branches and their members, written in one batch of
// set-based statements (a recursive count rather than tens of thousands of bound rows: seconds, not
// minutes). Ids are random and as long as the Worker's, so the bytes a member measured are a real
// member's. The orgs trigger makes every branch due under the schedule, as an import would.
const count = (n) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;
const randomId = "lower(hex(randomblob(12)))";
const BRANCH_NAME = "压测支部";

export async function seedCommittee(d1, { name, tag, frequency, phases, branches, perBranch, now }) {
  const id = crypto.randomUUID().replaceAll("-", "").slice(0, 24);
  const path = `/${id}/`;
  const members = `'${tag}-'`;
  await d1.batch([
    d1
      .prepare(
        "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, time_zone, created_at) VALUES (?1, NULL, ?2, ?3, 'committee', 'regional', 'Asia/Shanghai', ?4)",
      )
      .bind(id, path, name, now),
    d1
      .prepare(
        "INSERT INTO eval_schedules (id, org_id, org_path, name, frequency, phases, template, settings, active, created_at, updated_at) VALUES (?1, ?2, ?3, '压测民主评议', ?4, ?5, '[]', ?6, 1, ?7, ?7)",
      )
      .bind(
        `${id}s`,
        id,
        path,
        frequency,
        JSON.stringify(phases),
        JSON.stringify({ excellentQuota: 1 / 3, peerScope: "branch" }),
        now,
      ),
    // Materialized, so each branch's id and the id in its path are one random value.
    d1
      .prepare(
        `${count(branches)}, b AS MATERIALIZED (SELECT ${randomId} AS id, i FROM n)
         INSERT INTO orgs (id, parent_id, path, name, kind, org_type, time_zone, created_at)
         SELECT id, ?1, ?2 || id || '/', '${BRANCH_NAME}' || i, 'branch', 'community', 'Asia/Shanghai', ?3 FROM b`,
      )
      .bind(id, path, now),
    d1
      .prepare(
        `${count(branches * perBranch)} INSERT INTO users (id, username, display_name, created_at, updated_at)
         SELECT ${randomId}, ${members} || i, '压测党员' || i, ?1, ?1 FROM n`,
      )
      .bind(now),
    // Member i belongs to branch i / perBranch, found by the number in the names.
    d1
      .prepare(
        `WITH b AS MATERIALIZED (SELECT id, CAST(substr(name, ${BRANCH_NAME.length + 1}) AS INTEGER) AS k FROM orgs WHERE parent_id = ?1)
         INSERT INTO memberships (id, user_id, org_id, role, started_at)
         SELECT ${randomId}, u.id, b.id, 'member', ?2 FROM users u
           JOIN b ON b.k = CAST(substr(u.username, ${tag.length + 2}) AS INTEGER) / ${perBranch}
          WHERE u.username >= ${members} AND u.username < '${tag}.'`,
      )
      .bind(id, now),
  ]);
  const { results } = await d1.prepare("SELECT id FROM orgs WHERE parent_id = ?").bind(id).all();
  return { id, path, branches: results.map((r) => r.id) };
}
