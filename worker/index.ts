import type { Message } from "@cloudflare/workers-types";
import { app } from "./app";
import { onQueue as bastionQueue } from "./bastion/jobs";
import { onCron as coursesCron } from "./courses/jobs";
import { onCron as developmentCron } from "./development/jobs";
import type { AggregateMessage, BastionMessage, BranchMessage, Env, TickMessage } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { getDb } from "./lib/db";
import { claimDue } from "./lib/due";
import { pruneKept } from "./lib/kept";
import { envOfMessage } from "./lib/tenants";
import { firstTickOf, onceATick, sendTicks } from "./lib/ticks";
import { onCron as massesCron } from "./masses/jobs";
import { keepFigures, publishFigures } from "./ops/aggregates";
import { DEAD_LETTER_QUEUE, keepDeadLetters } from "./ops/dead-letters";
import { onCron as orglifeCron } from "./orglife/jobs";
import { onDue as quizWindows, onCron as quizzesCron } from "./quizzes/jobs";
import { onCron as talentCron } from "./talent/advisor-jobs";

type Work = Message<BranchMessage | BastionMessage | AggregateMessage | TickMessage>;

/** A failed tick tries again after this, up to max_retries (wrangler.toml), then lands in the dead letters. */
const TICK_RETRY_SECONDS = 60;
const HOUR = 3_600_000;

/** One tick of one tenant: every job on its own database. */
async function tick(env: Env, now: number) {
  // Work indexed by its next moment (due_work): one claim per tick, handed to the job of each kind.
  const due = await claimDue(env.DB, now);
  await coursesCron(env, now, due);
  await quizWindows(env, now, due);
  await quizzesCron(env, now, due);
  await evaluationsCron(env, now, due);
  await talentCron(env, now, due);
  await developmentCron(env, now, due);
  await orglifeCron(env, now, due);
  await massesCron(env, now);
  // Cheap maintenance on the first tick of each hour (the others stay as cheap as what is due): a bounded
  // slice of the kept pages looked at, the stale ones deleted.
  if (firstTickOf(now, HOUR)) await pruneKept(env.DB, now);
}

/**
 * One tenant's tick from its queue message, once per scheduled time however often it is delivered. A
 * failure (or another delivery still ticking) retries the message and leaves every other tenant alone.
 */
async function tenantTick(m: Message<TickMessage>, own: Env, root: Env) {
  const { tenant, now } = m.body;
  try {
    const run = await onceATick(own.DB, now, async () => {
      await tick(own, now);
      await publishFigures(root, { id: tenant, env: own }, now);
    });
    if (run === "held") m.retry({ delaySeconds: TICK_RETRY_SECONDS });
    else m.ack();
  } catch (err) {
    console.error("tenant tick failed", tenant, now, err);
    m.retry({ delaySeconds: TICK_RETRY_SECONDS });
  }
}

/**
 * One tenant's share of a batch, told apart by `kind` (none: a branch's work): ticks come on TICK_QUEUE,
 * the rest on EVAL_QUEUE (a replayed dead letter of either comes back on EVAL_QUEUE).
 */
async function work(messages: Work[], batch: MessageBatch<unknown>, env: Env, root: Env) {
  const kind = (m: Work) => ("kind" in m.body ? m.body.kind : "branch");
  for (const m of messages.filter((m) => kind(m) === "tick") as Message<TickMessage>[]) await tenantTick(m, env, root);
  const bastion = messages.filter((m) => kind(m) === "bastion") as Message<BastionMessage>[];
  if (bastion.length) await bastionQueue(bastion, env);
  const figures = messages.filter((m) => kind(m) === "aggregate") as Message<AggregateMessage>[];
  if (figures.length) {
    await keepFigures(
      getDb(env.DB),
      figures.map((m) => m.body),
    );
    for (const m of figures) m.ack();
  }
  const rest = messages.filter((m) => kind(m) === "branch") as Message<BranchMessage>[];
  if (rest.length) await evaluationsQueue({ ...batch, messages: rest } as never, env);
}

export default {
  fetch: app.fetch,
  // No D1 statement, whatever the number of tenants: each tenant's tick is a message of its own.
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    await sendTicks(env, controller.scheduledTime);
  },
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    const byTenant = new Map<string | undefined, Work[]>();
    for (const m of batch.messages as unknown as readonly Work[]) {
      // Figures go to the tenant above the one that sent them.
      const where = "kind" in m.body && m.body.kind === "aggregate" ? m.body.to : m.body.tenant;
      const list = byTenant.get(where) ?? [];
      list.push(m);
      byTenant.set(where, list);
    }
    for (const [tenant, messages] of byTenant) {
      const own = await envOfMessage(env, tenant);
      // Messages that failed every retry, kept in their tenant for the operator (/api/ops/dead-letters).
      if (batch.queue === DEAD_LETTER_QUEUE) await keepDeadLetters(getDb(own.DB), messages, Date.now());
      else await work(messages, batch, own, env);
    }
  },
} satisfies ExportedHandler<Env, BranchMessage | BastionMessage | AggregateMessage | TickMessage>;
