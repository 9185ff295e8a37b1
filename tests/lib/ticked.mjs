// The cron's scheduled invocation only sends each tenant a tick message (worker/lib/ticks.ts); the tick
// itself runs later in the tick queue's consumer. Harnesses that run the cron wait for it here.

/** Waits until every database has finished its tick at `at` (its cron_ticks row is done). */
export async function ticked(d1s, at, timeoutMs = 60_000) {
  const started = Date.now();
  for (const d1 of d1s) {
    for (;;) {
      const row = await d1.prepare("SELECT held_until AS h FROM cron_ticks WHERE scheduled_at = ?").bind(at).first();
      if (row && row.h === null) break;
      if (Date.now() - started > timeoutMs) throw new Error(`the tick at ${new Date(at).toISOString()} did not finish`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
