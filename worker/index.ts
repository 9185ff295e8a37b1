import { app } from "./app";
import { onCron as developmentCron } from "./development/jobs";
import type { BranchMessage, Env } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { onCron as orglifeCron } from "./orglife/jobs";
import { onCron as quizzesCron } from "./quizzes/jobs";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    await quizzesCron(env, controller.scheduledTime);
    await evaluationsCron(env, controller.scheduledTime);
    await developmentCron(env, controller.scheduledTime);
    await orglifeCron(env, controller.scheduledTime);
  },
  // One queue today (EVAL_QUEUE); dispatch on batch.queue when others arrive.
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    await evaluationsQueue(batch as unknown as Parameters<typeof evaluationsQueue>[0], env);
  },
} satisfies ExportedHandler<Env, BranchMessage>;
