import type { QuestionBody } from "../../schema/banks/types";
import type { Db } from "../lib/db";

interface Bucket {
  bucket: number;
  n: number;
  total: number;
}
interface QRow {
  questionId: string;
  name: string;
  type: string;
  n: number;
  facility: number;
  sx: number;
  sxx: number;
  sy: number;
  syy: number;
  sxy: number;
}
interface Choice {
  questionId: string;
  pick: string;
  n: number;
}

/** Pearson correlation from sums; null when either side has no variance. */
function correlation(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): number | null {
  const vx = n * sxx - sx * sx;
  const vy = n * syy - sy * sy;
  if (n < 2 || vx <= 1e-12 || vy <= 1e-12) return null;
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy);
}

/**
 * Statistics of a quiz over its closed attempts, aggregated in SQL: four SELECTs sent as one batch
 * (histogram, per-question sums, chosen options, option texts), whatever the number of attempts.
 * Facility = mean fraction; discrimination = correlation between the question's fraction and the
 * rest of the test (the attempt's score without this question), as in Moodle.
 */
export async function quizStats(db: Db, quizId: string) {
  const closed = "a.quiz_id = ?1 AND a.state = 'closed'";
  const d1 = db.$client;
  const q = (text: string) => d1.prepare(text).bind(quizId);
  const [h, qr, ch, vr] = await d1.batch([
    q(
      `SELECT min(9, CAST(a.percent / 10 AS INTEGER)) AS bucket, count(*) AS n, sum(a.percent) AS total FROM quiz_attempts a WHERE ${closed} GROUP BY bucket`,
    ),
    q(`
      SELECT s.question_id AS questionId,
        (SELECT name FROM questions WHERE id = s.question_id) AS name,
        (SELECT type FROM questions WHERE id = s.question_id) AS type,
        count(*) AS n, avg(coalesce(s.fraction, 0)) AS facility,
        sum(coalesce(s.fraction, 0)) AS sx, sum(coalesce(s.fraction, 0) * coalesce(s.fraction, 0)) AS sxx,
        sum(a.score - coalesce(s.fraction, 0) * s.points) AS sy,
        sum((a.score - coalesce(s.fraction, 0) * s.points) * (a.score - coalesce(s.fraction, 0) * s.points)) AS syy,
        sum(coalesce(s.fraction, 0) * (a.score - coalesce(s.fraction, 0) * s.points)) AS sxy
      FROM attempt_slots s JOIN quiz_attempts a ON a.id = s.attempt_id
      WHERE s.quiz_id = ?1 AND ${closed}
      GROUP BY s.question_id`),
    // Picks are written when an attempt is graded, so only closed attempts have one: index-only.
    q(`SELECT s.question_id AS questionId, s.pick AS pick, count(*) AS n FROM attempt_slots s
      WHERE s.quiz_id = ?1 AND s.pick IS NOT NULL GROUP BY s.question_id, s.pick`),
    q(`
      SELECT q.id AS id, v.body AS body FROM questions q JOIN question_versions v ON v.id = q.version_id
      WHERE q.id IN (SELECT DISTINCT question_id FROM attempt_slots WHERE quiz_id = ?1)`),
  ]);
  const hist = (h?.results ?? []) as Bucket[];
  const qs = (qr?.results ?? []) as QRow[];
  const choices = (ch?.results ?? []) as Choice[];
  const versions = (vr?.results ?? []) as { id: string; body: string }[];
  const attempts = hist.reduce((n, b) => n + b.n, 0);
  const histogram = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i * 10 + 10,
    count: hist.find((b) => b.bucket === i)?.n ?? 0,
  }));
  const bodies = new Map(versions.map((v) => [v.id, JSON.parse(v.body) as QuestionBody]));
  const questions = qs.map((q) => {
    const body = bodies.get(q.questionId);
    const counts = new Map<string, number>();
    for (const c of choices) {
      if (c.questionId !== q.questionId) continue;
      const picked = c.pick.split(",");
      for (const k of picked) counts.set(k, (counts.get(k) ?? 0) + c.n);
    }
    let options: { id: string; text: string; fraction: number | null; count: number }[] = [];
    if (body?.type === "single" || body?.type === "multiple") {
      options = body.options.map((o) => ({
        id: o.id,
        text: o.text,
        fraction: o.fraction,
        count: counts.get(o.id) ?? 0,
      }));
    } else if (body?.type === "truefalse") {
      options = [true, false].map((v) => ({
        id: String(v),
        text: String(v),
        fraction: v === body.answer ? 1 : 0,
        count: counts.get(String(v)) ?? 0,
      }));
    }
    return {
      questionId: q.questionId,
      name: q.name,
      type: q.type,
      attempts: q.n,
      facility: Math.round(q.facility * 1000) / 10,
      discrimination: (() => {
        const r = correlation(q.n, q.sx, q.sy, q.sxx, q.syy, q.sxy);
        return r === null ? null : Math.round(r * 1000) / 10;
      })(),
      options,
    };
  });
  return {
    attempts,
    average: attempts ? Math.round((hist.reduce((n, b) => n + b.total, 0) / attempts) * 10) / 10 : null,
    histogram,
    questions,
    queries: 4,
  };
}
