import { app } from "./app";
import type { Env } from "./env";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, _env: Env, _ctx: ExecutionContext) {
    console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
  },
} satisfies ExportedHandler<Env>;
