import type { Message } from "@cloudflare/workers-types";
import { app } from "./app";
import { onQueue as bastionQueue } from "./bastion/jobs";
import { onCron as developmentCron } from "./development/jobs";
import type { BastionMessage, BranchMessage, Env } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { getDb } from "./lib/db";
import { claimDue } from "./lib/due";
import { envOfMessage, tenantEnvs } from "./lib/tenants";
import { onCron as massesCron } from "./masses/jobs";
import { DEAD_LETTER_QUEUE, keepDeadLetters } from "./ops/dead-letters";
import { onCron as orglifeCron } from "./orglife/jobs";
import { onCron as quizzesCron } from "./quizzes/jobs";

type Work = Message<BranchMessage | BastionMessage>;

/** One tick of one tenant: every job on its own database. */
async function tick(env: Env, now: number) {
  await quizzesCron(env, now);
  // Work indexed by its next moment (due_work): one claim per tick, handed to the job of each kind.
  const due = await claimDue(env.DB, now);
  await evaluationsCron(env, now, due);
  await developmentCron(env, now);
  await massesCron(env, now);
  await orglifeCron(env, now);
}

/** One tenant's share of a batch. One queue (EVAL_QUEUE): bastion messages carry kind "bastion". */
async function work(messages: Work[], batch: MessageBatch<unknown>, env: Env) {
  const isBastion = (m: Work): m is Message<BastionMessage> => "kind" in m.body && m.body.kind === "bastion";
  const bastion = messages.filter(isBastion);
  if (bastion.length) await bastionQueue(bastion, env);
  const rest = messages.filter((m) => !isBastion(m)) as Message<BranchMessage>[];
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
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, "scheduled work failed in some tenants");
  },
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    const byTenant = new Map<string | undefined, Work[]>();
    for (const m of batch.messages as unknown as readonly Work[]) {
      const list = byTenant.get(m.body.tenant) ?? [];
      list.push(m);
      byTenant.set(m.body.tenant, list);
    }
    for (const [tenant, messages] of byTenant) {
      const own = envOfMessage(env, tenant);
      // Messages that failed every retry, kept in their tenant for the operator (/api/ops/dead-letters).
      if (batch.queue === DEAD_LETTER_QUEUE) await keepDeadLetters(getDb(own.DB), messages, Date.now());
      else await work(messages, batch, own);
    }
  },
} satisfies ExportedHandler<Env, BranchMessage | BastionMessage>;
