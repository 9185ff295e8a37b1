// Autosave throughput/p99 and statistics over 10,000 attempts × 20 questions.
// Statements per request (read off the code): autosave = session lookup + 1 conditional UPDATE;
// statistics = session lookup + 1 quiz SELECT + 1 batch of 4 aggregate SELECTs (one round trip).
export default async function quizzes(h) {
  const member = h.cookie("member");
  const school = h.cookie("school");
  const headers = (cookie) => ({ Cookie: cookie, Origin: h.url, "Content-Type": "application/json" });
  const list = await (await fetch(`${h.url}/api/my/quizzes`, { headers: headers(member) })).json();
  const quiz = list.items.find((q) => q.title.includes("群众路线"));
  const start = await (
    await fetch(`${h.url}/api/quizzes/${quiz.id}/attempts`, { method: "POST", headers: headers(member) })
  ).json();
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

  // 10,000 closed attempts × 20 slots on a fresh quiz, inserted in bulk.
  const { results: qs } = await h.d1
    .prepare("SELECT q.id, q.version_id FROM questions q WHERE q.type != 'essay' LIMIT 20")
    .all();
  const { results: users } = await h.d1.prepare("SELECT id FROM users LIMIT 1").all();
  const owner = await h.d1
    .prepare("SELECT owner_org_id, owner_path, audience_org_id, audience_path, review FROM quizzes WHERE id = ?")
    .bind(quiz.id)
    .first();
  const statsQuiz = `bench-${Date.now()}`;
  await h.d1
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
    )
    .run();
  const N = 10_000;
  for (let base = 0; base < N; base += 200) {
    const stmts = [];
    for (let a = base; a < base + 200; a++) {
      const aid = `${statsQuiz}-a${a}`;
      let score = 0;
      const slotRows = qs.map((q, s) => {
        const f = (a * 7 + s * 13) % 10 < 6 + (a % 4) ? 1 : 0;
        score += f;
        return [
          `${aid}-s${s}`,
          aid,
          statsQuiz,
          s,
          q.id,
          q.version_id,
          1,
          JSON.stringify({ choice: f ? "o1" : "o2" }),
          f,
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
              `INSERT INTO attempt_slots (id, attempt_id, quiz_id, slot, question_id, version_id, points, response, fraction) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
            )
            .bind(...chunk.flat()),
        );
      }
    }
    await h.d1.batch(stmts);
  }
  const t0 = Date.now();
  const res = await fetch(`${h.url}/api/quizzes/${statsQuiz}/stats`, { headers: headers(school) });
  const stats = await res.json();
  const ms = Date.now() - t0;
  console.log(
    `quizzes: statistics for ${stats.attempts} attempts × ${qs.length} questions in ${ms} ms; D1 statements: session + 1 quiz + 1 batch of ${stats.queries}`,
  );
  const repeated = await h.measure(
    "quizzes: statistics 10k×20",
    { method: "GET", path: `/api/quizzes/${statsQuiz}/stats`, headers: headers(school) },
    { seconds: 5 },
  );
  return { autosave, statistics: { first: ms, ...repeated, queries: 2 + stats.queries } };
}
