// The voice module: the <Gather> webhooks (an express Router for /webhooks/twilio/voice)
// and the ConversationRelay WebSocket server (attach `handleUpgrade` to the HTTP server's
// "upgrade" event). Built by the composition root from the pipeline's repositories.
import type { Router } from "express";
import type { Agent } from "../../agent/types.js";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import { CallRepo } from "../../core/repos/calls.js";
import type { Db } from "../../core/db.js";
import type { ContactMemoryService } from "../../knowledge/memory/service.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { VoiceAccounts } from "./accounts.js";
import type { VoiceDeps, VoiceSettings } from "./deps.js";
import { RelayServer } from "./relay.js";
import { voiceRoutes } from "./routes.js";
import { BlockingPool, CallState } from "./state.js";
import { VoiceTurns } from "./turn.js";

export const DEFAULT_TURN_BUDGET_MS = 2500;

export interface Voice {
  router: Router;
  /** For the HTTP server's "upgrade" event: true when the request was for the relay. */
  handleUpgrade: RelayServer["handleUpgrade"];
  deps: VoiceDeps;
  close(): Promise<void>;
}

export function createVoice(o: {
  db: Db;
  redis: Redis;
  prefix: string;
  agent: Agent;
  pipeline: Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues">;
  /** Per-contact memory: turns learn like chat turns; callers with a verified caller ID are greeted by name and their turns recall it. */
  memory?: ContactMemoryService;
  logger: Logger;
  settings: Partial<VoiceSettings>;
}): Voice {
  const calls = new CallRepo(o.db);
  const state = new CallState(o.redis, o.prefix);
  const pool = new BlockingPool(o.redis);
  const logger = o.logger.child({ channel: "voice" });
  const deps: VoiceDeps = {
    ...o.pipeline, calls, state, logger, ...(o.memory ? { memory: o.memory } : {}),
    accounts: new VoiceAccounts(o.pipeline.tenants),
    turns: new VoiceTurns({
      agent: o.agent, calls, messages: o.pipeline.messages, redis: o.redis, pool, state, logger, maxTurnMs: 30_000, ...(o.memory ? { memory: o.memory } : {}),
    }),
    settings: { budgetMs: o.settings.budgetMs ?? DEFAULT_TURN_BUDGET_MS, publicBaseUrl: o.settings.publicBaseUrl },
  };
  const relay = new RelayServer(deps);
  return {
    router: voiceRoutes(deps),
    handleUpgrade: relay.handleUpgrade,
    deps,
    async close() {
      await relay.close();
      await deps.turns.drain();
      await pool.close();
    },
  };
}
