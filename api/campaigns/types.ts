// Job payloads and settings of the campaign runner. Jobs carry keys only (tenant first).
import type { Channel } from "../../core/repos/tenants.js";

export const CONTROL_QUEUE = "campaigns";

/** `start`: at scheduledAt (delayed job `campaign-start:<id>:<version>`); `tick`: the campaign's heartbeat. */
export interface ControlJob {
  tenantId: string;
  campaignId: string;
  version?: number;
}

/** One recipient to send to (queue `campaign-send-<accountId>`, job id `cs-<recipientId>-<attempts>`). */
export interface SendJob {
  tenantId: string;
  campaignId: string;
  recipientId: string;
  accountId: string;
}

export const startJobId = (campaignId: string, version: number) => `campaign-start:${campaignId}:${version}`;
export const tickJobId = (campaignId: string, slot: number) => `campaign-tick:${campaignId}:${slot}`;
export const sendJobId = (recipientId: string, attempts: number) => `cs-${recipientId}-${attempts}`;

export interface CampaignSettings {
  /** Allowed messages per second per sending number, by channel (WhatsApp Cloud API: 80; a US long code: 1). */
  rates: Partial<Record<Channel, number>>;
  /** Per channel account id (or externalId): an allowed rate that differs from the channel's. */
  accountRates: Record<string, number>;
  /** The tick: feed the sender queue, reclaim dead workers' rows, follow statuses, detect completion. */
  tickMs: number;
  /** A `sending` row claimed longer ago than this belongs to a dead worker (above the provider timeout). */
  leaseMs: number;
  /** A provider call whose outcome is unknown waits this long for a receipt before it is reported uncertain. */
  uncertainAfterMs: number;
  /** Claims per recipient before it is given up on. */
  maxAttempts: number;
  /** How far ahead the feed fills a sender's queue, in seconds of its allowed rate. */
  feedAheadSeconds: number;
  /** Send-worker concurrency per sender queue, per process, at most (it is 0.6 × the sender's allowed rate, at least 4). */
  sendConcurrency: number;
  /** Lowest share of the allowed rate a run of 429s can push the pace to. */
  minShare: number;
  /** Quiet time after a 429 before the pace climbs back. */
  recoverAfterMs: number;
  /** The sweep (re-adds lost start/tick jobs, opens new sender queues, follows late receipts). */
  sweepEveryMs: number;
  /**
   * Which campaigns the sweep looks after: "all" in the database (production: one Redis
   * prefix per database), or "own" — those scheduled through this Redis prefix (tests and
   * benches share one database between prefixes).
   */
  sweepScope: "all" | "own";
  /** Receipts of a completed campaign are followed for this long. */
  followHours: number;
  /** Where the campaign's picture is served (PUBLIC_BASE_URL): without it, messages go without the picture. */
  publicBaseUrl?: string;
  /** Lock settings of the campaign workers (lower in tests so a killed worker's job returns fast). */
  lockDuration?: number;
  stalledInterval?: number;
}

export const DEFAULT_SETTINGS: CampaignSettings = {
  rates: { whatsapp: 80, sms: 1 },
  accountRates: {},
  tickMs: 1000,
  leaseMs: 60_000,
  uncertainAfterMs: 10 * 60_000,
  maxAttempts: 5,
  feedAheadSeconds: 3,
  sendConcurrency: 64,
  minShare: 0.1,
  recoverAfterMs: 5_000,
  sweepEveryMs: 30_000,
  sweepScope: "all",
  followHours: 48,
};
