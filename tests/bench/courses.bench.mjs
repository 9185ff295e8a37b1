// Courses: "my study" with 50 assigned courses, the branch table for 200 members, search over 5,000 lessons.
// D1 round trips per request by a session the isolate has seen (worker/auth/speculation.ts: the session
// check rides first in the handler's first batch; a session's first read in an isolate costs one more):
//   GET /api/study/mine          one batch: session + the kept page (a point lookup)   = 1 round trip
//                                (worker/courses/kept.ts; when stale: 6 reads + the generations, then the
//                                page kept, 2 more; home's study part comes from the same kept row)
//   GET /api/home                a plain member's: session + the kept home (a point lookup)  = 1 round trip
//                                (worker/evaluations/home-kept.ts; when stale: ONE statement (the kept study
//                                part, open quizzes, the latest attempt, evaluation steps, follow-ups: a JSON
//                                column each) with the stamp, then the answer kept, 2 more)
//   GET /api/orgs/:id/study-report one batch: session + the remembered org + 5 reads     = 1 round trip
//                                (a page of 50 members; /courses: the subtree's course rates and flagged,
//                                kept as served like the page: session + the org + the kept row;
//                                /months: the chart of the year, the org's own 12 kept branch_study_months
//                                rows, a committee's as a branch's)
//   GET /api/courses/:id/lessons/:lessonId  session + the lesson with its course        = 1 round trip
//   GET /api/catalogue?q=        a page the isolate has not answered: session + the page by bm25 over the
//                                folded FTS5 trigram index (course_search_grams' postings for 1–2
//                                characters) with its snippets + the credit versions          = 1 round trip
//                                asked again: session + the kept page (worker/courses/catalogue.ts), or
//                                when none is kept, one more with the epoch, then one write after the answer
// The lines after each D1 line print the round trips counted by the meter.
import { STUDY_YEARS_FROM_SOURCES } from "../../worker/dev/sql.mjs";
import { foldHanzi } from "../../worker/lib/fold.ts";
import { firstSearches } from "./catalogue-first.mjs";

const DAY = 86_400_000;

// Statements are kept as [sql, ...params] and prepared per batch: thousands of prepared statements
// held at once through Miniflare's proxy make it drop the connection.
async function inBatches(d1, statements, size = 100) {
  for (let i = 0; i < statements.length; i += size) {
    await d1.batch(statements.slice(i, i + size).map(([sql, ...params]) => d1.prepare(sql).bind(...params)));
  }
}
const S = (sql, ...params) => [sql, ...params];
// A row of the catalogue search as the Worker writes it (its triggers fill the FTS5 index and the grams).
const searchDoc = (courseId, lessonId, title, body) =>
  S(
    `INSERT INTO course_search_docs (course_id, lesson_id, title, body, folded_title, folded_body)
       VALUES (?, ?, ?, ?, ?, ?)`,
    courseId,
    lessonId,
    title,
    body,
    foldHanzi(title),
    foldHanzi(body),
  );

export default async function coursesBench(h) {
  const { d1 } = h;
  const now = Date.now();
  const committee = await d1.prepare("SELECT id, path FROM orgs WHERE parent_id IS NULL").first();
  const school = await d1.prepare("SELECT id, path FROM orgs WHERE kind = 'school'").first();
  const publisher = await d1.prepare("SELECT id FROM users WHERE username = 'school'").first();
  const st = [];
  const course = (id, title, body, lessons) => {
    st.push(
      S(
        `INSERT INTO courses (id, school_org_id, school_path, title, summary, category, level, tags, status,
             created_by, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, 'theory', 'member', '[]', 'published', ?, ?, ?, ?)`,
        id,
        school.id,
        school.path,
        title,
        body,
        publisher.id,
        now,
        now,
        now,
      ),
      searchDoc(id, "", title, body),
    );
    for (let l = 0; l < lessons; l++) {
      const lid = `${id}-l${l}`;
      const text = `第${l + 1}课 ${body}${l % 50 === 7 ? "坚持走好新时代的群众路线。" : ""}`;
      st.push(
        S(
          "INSERT INTO lessons (id, course_id, position, current_version_id, created_at) VALUES (?, ?, ?, ?, ?)",
          lid,
          id,
          l + 1,
          `${lid}-v1`,
          now,
        ),
        S(
          `INSERT INTO lesson_versions (id, lesson_id, version, kind, title, body, body_html, minutes, created_by, created_at)
             VALUES (?, ?, 1, 'text', ?, ?, '', 10, ?, ?)`,
          `${lid}-v1`,
          lid,
          `第${l + 1}课`,
          text,
          publisher.id,
          now,
        ),
        searchDoc(id, lid, `第${l + 1}课`, text),
      );
    }
  };

  // 50 courses of 2 lessons assigned as required to the committee (the demo member gets them all).
  const planId = "bench-plan";
  st.push(
    S(
      "INSERT INTO curriculum_plans (id, org_id, title, period, year, created_by, created_at) VALUES (?, ?, ?, 'year', ?, ?, ?)",
      planId,
      committee.id,
      "压测计划",
      new Date(now).getFullYear(),
      publisher.id,
      now,
    ),
  );
  for (let i = 0; i < 50; i++) {
    const id = `bench-c${i}`;
    course(id, `压测课程${i}`, "党员教育培训与基层党建工作实务。", 2);
    st.push(
      S(
        `INSERT INTO plan_items (id, plan_id, course_id, org_id, org_path, required, audience, due_at, created_at)
           VALUES (?, ?, ?, ?, ?, 1, 'all', ?, ?)`,
        `bench-pi${i}`,
        planId,
        id,
        committee.id,
        committee.path,
        now + (i - 10) * DAY,
        now,
      ),
    );
  }
  // 100 unassigned courses of 49 lessons: with the above, 5,000 lessons in the search index.
  for (let i = 0; i < 100; i++) course(`bench-s${i}`, `检索课程${i}`, "社会治理、乡村振兴与为民服务的经验做法。", 49);

  // A branch of 200 members, each with some progress and a few completions.
  const branchId = "bench-branch";
  const branchPath = `${committee.path}${branchId}/`;
  st.push(
    S(
      "INSERT INTO orgs (id, parent_id, path, name, kind, org_type, created_at) VALUES (?, ?, ?, ?, 'branch', 'unit', ?)",
      branchId,
      committee.id,
      branchPath,
      "压测党支部",
      now,
    ),
  );
  for (let m = 0; m < 200; m++) {
    const uid = `bench-cu${m}`;
    st.push(
      S(
        "INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        uid,
        `bench-course-${m}`,
        `学员${String(m).padStart(3, "0")}`,
        now,
        now,
      ),
      S(
        "INSERT INTO memberships (id, user_id, org_id, role, started_at) VALUES (?, ?, ?, 'member', ?)",
        `bench-cm${m}`,
        uid,
        branchId,
        now,
      ),
    );
    for (let c = 0; c < 5; c++) {
      const cid = `bench-c${(m + c) % 50}`;
      st.push(
        S(
          `INSERT INTO lesson_progress (id, user_id, course_id, lesson_id, version_id, opened_at, percent, position, completed_at, implausible, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 100, 0, ?, 0, ?)`,
          `bench-p${m}-${c}`,
          uid,
          cid,
          `${cid}-l0`,
          `${cid}-l0-v1`,
          now - DAY,
          now - DAY + 600_000,
          now,
        ),
      );
      if (c < 2) {
        st.push(
          S(
            `INSERT INTO course_completions (id, user_id, course_id, org_id, status, hours, checkpoint_passed, completed_at)
               VALUES (?, ?, ?, ?, ?, 0.5, 1, ?)`,
            `bench-cc${m}-${c}`,
            uid,
            cid,
            branchId,
            m % 40 === 0 && c === 1 ? "flagged" : "credited",
            now - DAY,
          ),
        );
      }
    }
  }
  await inBatches(d1, st);
  // Written straight into the tables, past the Worker: their study years as the migration backfills them.
  await d1.prepare(STUDY_YEARS_FROM_SOURCES).run();
  // Each course's live lessons and minutes, as the Worker keeps them on every lesson change.
  await d1
    .prepare(
      `UPDATE courses SET (lesson_count, minutes) = (SELECT count(*), coalesce(sum(v.minutes), 0) FROM lessons l JOIN lesson_versions v ON v.id = l.current_version_id WHERE l.course_id = courses.id AND l.removed_at IS NULL)`,
    )
    .run();

  const member = await h.cookie("member");
  const admin = await h.cookie("admin");
  const mine = await (await fetch(`${h.url}/api/study/mine`, { headers: { cookie: member } })).json();
  console.log(`my study: ${mine.required.length} required courses for the demo member`);
  const report = await (
    await fetch(`${h.url}/api/orgs/${branchId}/study-report/courses`, { headers: { cookie: admin } })
  ).json();
  const firstPage = await (
    await fetch(`${h.url}/api/orgs/${branchId}/study-report`, { headers: { cookie: admin } })
  ).json();
  console.log(
    `branch table: a page of ${firstPage.items.length} members, ${report.items.length} courses, ${report.flagged.length} flagged`,
  );

  // The charts a credit reaches kept first (the member's branch's and the committee's), as on a day of use.
  const { n: orgCount } = await d1
    .prepare("SELECT count(*) AS n FROM orgs WHERE path >= ? AND path < ?")
    .bind(committee.path, `${committee.path.slice(0, -1)}0`)
    .first();
  const memberBranches = await d1
    .prepare(
      "SELECT m.org_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.username = 'member' AND m.role = 'member' AND m.ended_at IS NULL",
    )
    .all();
  for (const id of [committee.id, ...memberBranches.results.map((b) => b.id)])
    await fetch(`${h.url}/api/orgs/${id}/study-report/months`, { headers: { cookie: admin } });
  // D1 rows of a lesson studied: opened, read half way, read to the end; and of the branch table.
  await h.rows("courses: a lesson studied (open, 50%, 100%)", [
    { path: "/api/courses/bench-c3/lessons/bench-c3-l1", headers: { cookie: member } },
    ...[50, 100].map((percent) => ({
      method: "POST",
      path: "/api/courses/bench-c3/lessons/bench-c3-l1/progress",
      body: { percent },
      headers: { cookie: member },
    })),
  ]);
  // Reads also print their round trips and the time D1 spent executing their SQL (meta.duration), beside round trips and rows.
  // Each after one unmetered read by the same session: the isolate has seen it (worker/auth/speculation.ts).
  const read = async (label, requests) => {
    for (const q of requests) await fetch(`${h.url}${q.path}`, { headers: q.headers });
    // A page is kept after its answer has left (waitUntil): let that write land before the metered read.
    await new Promise((done) => setTimeout(done, 200));
    const r = await h.rows(label, requests);
    console.log(
      `${"".padEnd(58)} ${String(r.trips).padStart(7)} round trips ${r.sqlMs.toFixed(2).padStart(7)} ms executing SQL`,
    );
  };
  await read("courses: lesson page", [
    { path: "/api/courses/bench-c3/lessons/bench-c3-l1", headers: { cookie: member } },
  ]);
  await read("courses: my study page", [{ path: "/api/study/mine", headers: { cookie: member } }]);
  await read("courses: home page", [{ path: "/api/home", headers: { cookie: member } }]);
  // A first search asks a page not kept yet (群眾路線 folds to 群众路线: a limit of its own).
  for (const [q, limit] of [
    ["群众路线", 19],
    ["群眾路線", 18],
    ["党建", 19],
  ]) {
    await h.rows(`courses: catalogue search ${q}, first`, [
      { path: `/api/catalogue?q=${encodeURIComponent(q)}&limit=${limit}`, headers: { cookie: member } },
    ]);
    // A page is kept the second time an isolate is asked it (worker/courses/catalogue.ts): ask once more
    // here, so read()'s own unmetered ask keeps it and the metered one is the kept read.
    await fetch(`${h.url}/api/catalogue?q=${encodeURIComponent(q)}`, { headers: { cookie: member } });
    await read(`courses: catalogue search ${q}, kept`, [
      { path: `/api/catalogue?q=${encodeURIComponent(q)}`, headers: { cookie: member } },
    ]);
  }
  await read("courses: branch study report, page of 50 of 200 members", [
    { path: `/api/orgs/${branchId}/study-report`, headers: { cookie: admin } },
  ]);
  // The first (unmetered) read builds the branch's kept months of the year; the metered one reads them.
  await read("courses: branch chart of the year, 200 members", [
    { path: `/api/orgs/${branchId}/study-report/months`, headers: { cookie: admin } },
  ]);
  await read(`courses: committee chart of the year, ${orgCount} orgs`, [
    { path: `/api/orgs/${committee.id}/study-report/months`, headers: { cookie: admin } },
  ]);
  // D1 rows of a membership write, the charts it reaches kept: one of the bench branch's members (2 courses
  // credited) joins a second branch of the committee, then leaves it.
  const other = await d1
    .prepare("SELECT id FROM orgs WHERE kind = 'branch' AND id <> ? AND archived_at IS NULL ORDER BY path LIMIT 1")
    .bind(branchId)
    .first();
  await fetch(`${h.url}/api/orgs/${other.id}/study-report/months`, { headers: { cookie: admin } });
  const second = { orgId: other.id, role: "member" };
  await h.rows("courses: a member joins a second branch", [
    { method: "POST", path: "/api/users/bench-cu1/roles", body: second, headers: { cookie: admin } },
  ]);
  await h.rows("courses: and leaves it", [
    { method: "POST", path: "/api/users/bench-cu1/roles/revoke", body: second, headers: { cookie: admin } },
  ]);
  await read("courses: branch course rates and flagged, 200 members", [
    { path: `/api/orgs/${branchId}/study-report/courses`, headers: { cookie: admin } },
  ]);
  // The committee's course rates: a first read computes them over the subtree and keeps them; the next is the kept row.
  const { n: people } = await d1
    .prepare("SELECT count(*) AS n FROM org_people WHERE org_id = ?")
    .bind(committee.id)
    .first();
  const rates = { path: `/api/orgs/${committee.id}/study-report/courses`, headers: { cookie: admin } };
  await d1
    .prepare("DELETE FROM kept_report_pages WHERE key > ? AND key < ?")
    .bind(`${committee.id} `, `${committee.id}!`)
    .run();
  await h.rows(`courses: committee course rates, ${people} people, first read`, [rates]);
  await read(`courses: committee course rates, ${people} people, kept read`, [rates]);

  await h.measure("GET my study, 50+ courses", {
    path: "/api/study/mine",
    headers: { cookie: member },
  });
  await h.measure("GET branch table, page of 50 of 200 members", {
    path: `/api/orgs/${branchId}/study-report`,
    headers: { cookie: admin },
  });
  await h.measure("GET branch chart of the year, 200 members", {
    path: `/api/orgs/${branchId}/study-report/months`,
    headers: { cookie: admin },
  });
  await h.measure(`GET committee chart of the year, ${orgCount} orgs`, {
    path: `/api/orgs/${committee.id}/study-report/months`,
    headers: { cookie: admin },
  });
  await h.measure("GET home, member with 50 courses", { path: "/api/home", headers: { cookie: member } });
  await h.measure("GET lesson page", {
    path: "/api/courses/bench-c3/lessons/bench-c3-l1",
    headers: { cookie: member },
  });
  await h.measure("GET catalogue search 群众路线, kept page", {
    path: `/api/catalogue?q=${encodeURIComponent("群众路线")}`,
    headers: { cookie: member },
  });
  await h.measure("GET catalogue search 群眾路線, kept page", {
    path: `/api/catalogue?q=${encodeURIComponent("群眾路線")}`,
    headers: { cookie: member },
  });
  await h.measure("GET catalogue search 党建, kept page", {
    path: `/api/catalogue?q=${encodeURIComponent("党建")}`,
    headers: { cookie: member },
  });
  await firstSearches(h, member, [
    ["GET catalogue search 群众路线, first searches", "群众路线", 100],
    ["GET catalogue search 群眾路線, first searches", "群眾路線", 100],
    ["GET catalogue search 党建 (grams), first searches", "党建", 50],
  ]);
}
