import { app } from "./app";
import type { Env } from "./env";
import { onCron as quizzesCron } from "./quizzes/jobs";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    await quizzesCron(env, controller.scheduledTime);
    console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
  },
} satisfies ExportedHandler<Env>;
