import type { Message } from "@cloudflare/workers-types";
import { app } from "./app";
import { onQueue as bastionQueue } from "./bastion/jobs";
import { onCron as coursesCron } from "./courses/jobs";
import { onCron as developmentCron } from "./development/jobs";
import type { BastionMessage, BranchMessage, Env } from "./env";
import { onCron as evaluationsCron, onQueue as evaluationsQueue } from "./evaluations/jobs";
import { claimDue } from "./lib/due";
import { onCron as massesCron } from "./masses/jobs";
import { onCron as orglifeCron } from "./orglife/jobs";
import { onDue as quizWindows, onCron as quizzesCron } from "./quizzes/jobs";

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
    await quizzesCron(env, controller.scheduledTime);
    // Work indexed by its next moment (due_work): one claim per tick, handed to the job of each kind.
    const due = await claimDue(env.DB, controller.scheduledTime);
    await coursesCron(env, controller.scheduledTime, due);
    await quizWindows(env, controller.scheduledTime, due);
    await evaluationsCron(env, controller.scheduledTime, due);
    await developmentCron(env, controller.scheduledTime);
    await massesCron(env, controller.scheduledTime);
    await orglifeCron(env, controller.scheduledTime);
  },
  // One queue (EVAL_QUEUE): bastion messages carry kind "bastion", the rest are evaluation work per branch.
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    const all = batch.messages as unknown as readonly Message<BranchMessage | BastionMessage>[];
    const isBastion = (m: Message<BranchMessage | BastionMessage>): m is Message<BastionMessage> =>
      "kind" in m.body && m.body.kind === "bastion";
    const bastion = all.filter(isBastion);
    if (bastion.length) await bastionQueue(bastion, env);
    const rest = all.filter((m) => !isBastion(m)) as Message<BranchMessage>[];
    if (rest.length) await evaluationsQueue({ ...batch, messages: rest } as never, env);
  },
} satisfies ExportedHandler<Env, BranchMessage | BastionMessage>;
