// What the pipeline's processors need. Built once in api/main.ts (or a test).
import type { Agent } from "../../agent/types.js";
import type { ChannelName, ChannelSender } from "../../channels/types.js";
import type { Logger } from "../../core/logger.js";
import type { Metrics } from "../metrics.js";
import type { ContactRepo } from "../../core/repos/contacts.js";
import type { ConversationRepo } from "../../core/repos/conversations.js";
import type { DeadLetterRepo } from "../../core/repos/dead-letters.js";
import type { HandoffRepo } from "../../core/repos/handoffs.js";
import type { MessageRepo, PendingMessage } from "../../core/repos/messages.js";
import type { TenantRepo } from "../../core/repos/tenants.js";
import type { ContactMemoryService } from "../../knowledge/memory/service.js";
import type { ConversationLocks } from "./lock.js";
import type { Queues } from "./queues.js";
import type { SenderRateLimiter } from "./rate-limit.js";

export interface PipelineSettings {
  /** A message this soon after the previous one is part of a burst; its turn waits for the burst to end. */
  burstWindowMs: number;
  /** Hard limit of one agent turn. */
  turnTimeoutMs: number;
  /** After a send attempt died mid-call, wait this long for a delivery receipt before sending again. */
  sendingGraceMs: number;
  attempts: number;
}

export interface PipelineDeps {
  tenants: TenantRepo;
  contacts: ContactRepo;
  conversations: ConversationRepo;
  messages: MessageRepo;
  deadLetters: DeadLetterRepo;
  handoffs: HandoffRepo;
  queues: Queues;
  agent: Agent;
  senders: ReadonlyMap<ChannelName, ChannelSender>;
  locks: ConversationLocks;
  limiter: SenderRateLimiter;
  logger: Logger;
  metrics: Metrics;
  settings: PipelineSettings;
  /** Per-contact memory: recalled before a lead's turn, learnt from after it is committed. */
  memory?: ContactMemoryService;
  /** Owners' documents → knowledge ingestion (api/ingest/owner-files.ts); without it files get the usual reply. */
  ownerFiles?: { take(tenantId: string, conversationId: string, batch: PendingMessage[]): Promise<PendingMessage[]> };
}
