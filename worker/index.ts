import { app } from "./app";
import { onCron as developmentCron } from "./development/jobs";
import type { BranchMessage, Env } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { claimDue } from "./lib/due";
import { onCron as massesCron } from "./masses/jobs";
import { onCron as quizzesCron } from "./quizzes/jobs";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    await quizzesCron(env, controller.scheduledTime);
    // Work indexed by its next moment (due_work): one claim per tick, handed to the job of each kind.
    const due = await claimDue(env.DB, controller.scheduledTime);
    await evaluationsCron(env, controller.scheduledTime, due);
    await developmentCron(env, controller.scheduledTime);
    await massesCron(env, controller.scheduledTime);
  },
  // One queue today (EVAL_QUEUE); dispatch on batch.queue when others arrive.
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    await evaluationsQueue(batch as unknown as Parameters<typeof evaluationsQueue>[0], env);
  },
} satisfies ExportedHandler<Env, BranchMessage>;
