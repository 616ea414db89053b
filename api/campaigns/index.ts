// createCampaigns: the campaign runner's parts, built by the container.
//   service        — schedule / pause / resume / cancel / stats (the chat tools call these)
//   startWorkers() — the control worker and the per-sender send workers of this process
import { Queue, type ConnectionOptions } from "bullmq";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { Sql } from "../../core/sql.js";
import type { CampaignContext } from "./context.js";
import { Pacer } from "./pacing.js";
import { CampaignRepo } from "./repo.js";
import { CampaignService } from "./service.js";
import { CONTROL_QUEUE, DEFAULT_SETTINGS, type CampaignSettings, type ControlJob } from "./types.js";
import { startCampaignWorkers, type CampaignWorkers } from "./workers.js";

export { CampaignService, type CampaignStats, type TransitionResult } from "./service.js";
export { resolveAudience, simpleAudience } from "./audience.js";
export type { CampaignSettings } from "./types.js";

export interface Campaigns {
  service: CampaignService;
  context: CampaignContext;
  startWorkers(): CampaignWorkers;
  /** Run the sweep now (it also runs at start and every sweepEveryMs once workers run). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export function createCampaigns(o: {
  sql: Sql; redis: Redis; connection: ConnectionOptions; prefix: string; logger: Logger;
  pipeline: CampaignContext["pipeline"]; settings?: Partial<CampaignSettings>;
}): Campaigns {
  const settings: CampaignSettings = { ...DEFAULT_SETTINGS, ...o.settings, rates: { ...DEFAULT_SETTINGS.rates, ...o.settings?.rates } };
  const control = new Queue<ControlJob>(CONTROL_QUEUE, {
    connection: o.connection, prefix: o.prefix,
    defaultJobOptions: { attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  const pacer = new Pacer(o.redis, o.connection, o.prefix, { recoverAfterMs: settings.recoverAfterMs, minShare: settings.minShare });
  const context: CampaignContext = {
    sql: o.sql, redis: o.redis, prefix: o.prefix, repo: new CampaignRepo(o.sql), pacer, control, pipeline: o.pipeline,
    logger: o.logger.child({ component: "campaigns" }), settings,
  };
  let workers: CampaignWorkers | null = null;
  return {
    service: new CampaignService(context),
    context,
    startWorkers() {
      workers = startCampaignWorkers(context, o.connection);
      return workers;
    },
    async sweep() {
      await workers?.sweep();
    },
    async close() {
      await workers?.close();
      await Promise.all([control.close(), pacer.close()]);
    },
  };
}
