// What the campaign processors and the service share.
import type { Queue } from "bullmq";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { Sql } from "../../core/sql.js";
import type { ChannelAccountRow } from "../../core/repos/tenants.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import type { Pacer } from "./pacing.js";
import type { CampaignRepo } from "./repo.js";
import type { CampaignSettings, ControlJob } from "./types.js";

export interface CampaignContext {
  sql: Sql;
  redis: Redis;
  prefix: string;
  repo: CampaignRepo;
  pacer: Pacer;
  control: Queue<ControlJob>;
  /** tenants, contacts, messages, senders, metrics: the pipeline's own. */
  pipeline: Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "senders" | "metrics">;
  logger: Logger;
  settings: CampaignSettings;
}

/** The allowed rate of a sending account: its own setting, else its channel's. */
export function allowedRate(s: CampaignSettings, account: ChannelAccountRow): number {
  return s.accountRates[account.id] ?? s.accountRates[account.externalId] ?? s.rates[account.channel] ?? 1;
}

/** The campaigns scheduled through this Redis prefix (the sweep's scope "own"). */
export const ownKey = (prefix: string) => `${prefix}:campaigns-own`;

export const tickSlot = (tickMs: number, at = Date.now()) => Math.floor(at / tickMs);
