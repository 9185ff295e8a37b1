// Autosave throughput/p99 and statistics over 10,000 attempts × 20 questions.
// Statements per request (read off the code): autosave = session lookup + 1 conditional UPDATE;
// statistics = session lookup + 1 quiz SELECT + 1 batch of 4 aggregate SELECTs (one round trip).
export default async function quizzes(h) {
  const member = await h.cookie("member");
  const school = await h.cookie("school");
  const headers = (cookie) => ({ Cookie: cookie, Origin: h.url, "Content-Type": "application/json" });
  const list = await (await fetch(`${h.url}/api/my/quizzes`, { headers: headers(member) })).json();
  const quiz = list.items.find((q) => q.title.includes("群众路线"));
  // D1 rows of one attempt: start it, open it, five autosaves as the member types, submit (after the timing).
  const opened = await h.rows("quizzes: attempt started and opened", [
    { method: "POST", path: `/api/quizzes/${quiz.id}/attempts`, headers: headers(member) },
  ]);
  const start = opened.answers[0];
  const viewed = await h.rows("quizzes: attempt page", [
    { path: `/api/attempts/${start.id}`, headers: headers(member) },
  ]);
  const autosave = await h.measure(
    "quizzes: autosave",
    {
      method: "PUT",
      path: `/api/attempts/${start.id}/slots/0`,
      body: JSON.stringify({ response: { text: "x" }, seq: Date.now() }),
      headers: headers(member),
    },
    { seconds: 5 },
  );

  const saves = await h.rows(
    "quizzes: 5 autosaves",
    Array.from({ length: 5 }, (_, i) => ({
      method: "PUT",
      path: `/api/attempts/${start.id}/slots/0`,
      body: { response: { text: `答案草稿${i}` }, seq: Date.now() + 1000 + i },
      headers: headers(member),
    })),
  );
  const submitted = await h.rows("quizzes: submit", [
    { method: "POST", path: `/api/attempts/${start.id}/submit`, headers: headers(member) },
  ]);
  const attempt = Object.fromEntries(
    ["queries", "rowsRead", "rowsWritten", "requests"].map((k) => [k, opened[k] + viewed[k] + saves[k] + submitted[k]]),
  );
  h.printRows("quizzes: one attempt with 5 autosaves, in all", attempt);

  // The deadline job on the due index: 50 attempts left open past their deadline (copies of the one
  // above with its answers; the triggers keep their due rows), closed by one tick; the next tick has none.
  const LATE = 50;
  const deadline = Date.now() - 60_000;
  await h.d1.batch([
    h.d1
      .prepare(
        `INSERT INTO quiz_attempts (id, quiz_id, user_id, org_id, number, state, started_at, deadline, max_score)
         SELECT 'bench-late-' || u.id, a.quiz_id, u.id, a.org_id, 99, 'open', ?2 - 600000, ?2, a.max_score
           FROM quiz_attempts a, (SELECT id FROM users LIMIT ?3) u WHERE a.id = ?1`,
      )
      .bind(start.id, deadline, LATE),
    h.d1
      .prepare(
        `INSERT INTO attempt_slots (id, attempt_id, quiz_id, slot, question_id, version_id, points, option_order, response, seq, saved_at)
         SELECT l.id || '-' || s.slot, l.id, s.quiz_id, s.slot, s.question_id, s.version_id, s.points, s.option_order, s.response, s.seq, s.saved_at
           FROM quiz_attempts l JOIN attempt_slots s ON s.attempt_id = ?1 WHERE l.id LIKE 'bench-late-%'`,
      )
      .bind(start.id),
  ]);
  // The tick runs in the tick queue's consumer (the scheduled invocation only sends it): both handlers' rows.
  const cronRows = async () => {
    const { cron, queue } = (await h.jobRows()).byDb.DB ?? {};
    const add = (k) => (cron?.[k] ?? 0) + (queue?.[k] ?? 0);
    return { queries: add("queries"), rowsRead: add("rowsRead"), rowsWritten: add("rowsWritten") };
  };
  await h.cron(new Date(deadline - 30_000));
  await cronRows();
  await h.cron();
  const busy = await cronRows();
  const { n } = await h.d1
    .prepare("SELECT count(*) AS n FROM quiz_attempts WHERE id LIKE 'bench-late-%' AND closed_by = 'cron'")
    .first();
  h.printRows(`quizzes: a tick closing ${n} of ${LATE} attempts past their deadline, every job`, busy);
  await h.cron(new Date(Date.now() + 15 * 60_000));
  h.printRows("quizzes: the next tick, no attempt due, every job", await cronRows());

  // A fresh quiz of 20 single-choice questions with 10,000 closed attempts, inserted in bulk.
  const { results: users } = await h.d1.prepare("SELECT id FROM users LIMIT 1").all();
  const owner = await h.d1
    .prepare("SELECT owner_org_id, owner_path, audience_org_id, audience_path, review FROM quizzes WHERE id = ?")
    .bind(quiz.id)
    .first();
  const statsQuiz = `bench-${Date.now()}`;
  const body = JSON.stringify({
    type: "single",
    options: [
      { id: "o1", text: "对", fraction: 1 },
      { id: "o2", text: "错", fraction: 0 },
      { id: "o3", text: "不知道", fraction: 0 },
    ],
  });
  const qs = Array.from({ length: 20 }, (_, i) => ({ id: `${statsQuiz}-q${i}`, version_id: `${statsQuiz}-v${i}` }));
  await h.d1.batch([
    h.d1
      .prepare(
        "INSERT INTO quizzes (id, owner_org_id, owner_path, audience_org_id, audience_path, title, slots, review, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'bench', '[]', ?, ?, 0, 0)",
      )
      .bind(
        statsQuiz,
        owner.owner_org_id,
        owner.owner_path,
        owner.audience_org_id,
        owner.audience_path,
        owner.review,
        users[0].id,
      ),
    ...qs.flatMap((q, i) => [
      h.d1
        .prepare(
          "INSERT INTO questions (id, bank_id, category_id, category_path, name, type, difficulty, tags, version, version_id, created_at, updated_at) VALUES (?, 'bench', 'bench', '/bench/', ?, 'single', 3, '[]', 1, ?, 0, 0)",
        )
        .bind(q.id, `压测题 ${i + 1}`, q.version_id),
      h.d1
        .prepare(
          "INSERT INTO question_versions (id, question_id, version, type, stem, format, body, created_by, created_at) VALUES (?, ?, 1, 'single', '题干', 'markdown', ?, 'bench', 0)",
        )
        .bind(q.version_id, q.id, body),
    ]),
  ]);
  const N = 10_000;
  const sizeBefore = await h.dbSize();
  for (let base = 0; base < N; base += 50) {
    const stmts = [];
    for (let a = base; a < base + 50; a++) {
      const aid = `${statsQuiz}-a${a}`;
      let score = 0;
      const slotRows = qs.map((q, s) => {
        const f = (a * 7 + s * 13) % 10 < 4 + (a % 6) ? 1 : 0;
        score += f;
        return [
          `${aid}-s${s}`,
          aid,
          statsQuiz,
          s,
          q.id,
          q.version_id,
          1,
          JSON.stringify({ choice: f ? "o1" : a % 2 ? "o2" : "o3" }),
          f,
          f ? "o1" : a % 2 ? "o2" : "o3",
        ];
      });
      stmts.push(
        h.d1
          .prepare(
            "INSERT INTO quiz_attempts (id, quiz_id, user_id, org_id, number, state, started_at, max_score, score, percent, pending_count) VALUES (?, ?, ?, 'x', ?, 'closed', 0, ?, ?, ?, 0)",
          )
          .bind(aid, statsQuiz, users[0].id, a + 1, qs.length, score, (100 * score) / qs.length),
      );
      for (let i = 0; i < slotRows.length; i += 10) {
        const chunk = slotRows.slice(i, i + 10);
        stmts.push(
          h.d1
            .prepare(
              `INSERT INTO attempt_slots (id, attempt_id, quiz_id, slot, question_id, version_id, points, response, fraction, pick) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
            )
            .bind(...chunk.flat()),
        );
      }
    }
    await h.d1.batch(stmts);
  }
  const bytes = (await h.dbSize()) - sizeBefore;
  console.log(
    `quizzes: storage of ${N} closed attempts × 20 answers: ${(bytes / 1e6).toFixed(1)} MB, ${Math.round(bytes / N)} bytes an attempt with its answers`,
  );
  // Statistics is a manager's page, not a hot path: time single requests one after another.
  const times = [];
  let stats;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${h.url}/api/quizzes/${statsQuiz}/stats`, { headers: headers(school) });
    stats = await res.json();
    times.push(Math.round(performance.now() - t0));
  }
  console.log(
    `quizzes: statistics for ${stats.attempts} attempts × ${stats.questions.length} questions: ${times.join(", ")} ms; D1: session + 1 quiz SELECT + 1 batch of ${stats.queries} aggregate SELECTs`,
  );
  return { autosave, attempt, statistics: { ms: times, queries: 2 + stats.queries } };
}
