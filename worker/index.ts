import { app } from "./app";
import type { Env } from "./env";
import type { BranchMessage } from "./evaluations/cycles";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
    await evaluationsCron(env, controller.scheduledTime);
  },
  // One queue today (EVAL_QUEUE); dispatch on batch.queue when others arrive.
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    await evaluationsQueue(batch as unknown as Parameters<typeof evaluationsQueue>[0], env);
  },
} satisfies ExportedHandler<Env, BranchMessage>;
