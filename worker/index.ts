import type { Message } from "@cloudflare/workers-types";
import { app } from "./app";
import { onQueue as bastionQueue } from "./bastion/jobs";
import { onCron as coursesCron } from "./courses/jobs";
import { onCron as developmentCron } from "./development/jobs";
import type { AggregateMessage, BastionMessage, BranchMessage, Env } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { getDb } from "./lib/db";
import { claimDue } from "./lib/due";
import { envOfMessage, tenantEnvs } from "./lib/tenants";
import { onCron as massesCron } from "./masses/jobs";
import { keepFigures, publishFigures } from "./ops/aggregates";
import { DEAD_LETTER_QUEUE, keepDeadLetters } from "./ops/dead-letters";
import { onCron as orglifeCron } from "./orglife/jobs";
import { onDue as quizWindows, onCron as quizzesCron } from "./quizzes/jobs";
import { onCron as talentCron } from "./talent/advisor-jobs";

type Work = Message<BranchMessage | BastionMessage | AggregateMessage>;

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
}

/** One tenant's share of a batch. One queue (EVAL_QUEUE), told apart by `kind` (none: a branch's work). */
async function work(messages: Work[], batch: MessageBatch<unknown>, env: Env) {
  const kind = (m: Work) => ("kind" in m.body ? m.body.kind : "branch");
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
  // Tenants one after another: each tick's cost is what is due in each, and one failing tenant's
  // error reaches the log after the others have run.
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    const failures: unknown[] = [];
    for (const t of tenantEnvs(env)) {
      try {
        await tick(t.env, controller.scheduledTime);
        await publishFigures(env, t, controller.scheduledTime);
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, "scheduled work failed in some tenants");
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
      const own = envOfMessage(env, tenant);
      // Messages that failed every retry, kept in their tenant for the operator (/api/ops/dead-letters).
      if (batch.queue === DEAD_LETTER_QUEUE) await keepDeadLetters(getDb(own.DB), messages, Date.now());
      else await work(messages, batch, own);
    }
  },
} satisfies ExportedHandler<Env, BranchMessage | BastionMessage | AggregateMessage>;
