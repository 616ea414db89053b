// Builds ingestion for the composition root: the document repository, the service the
// admin API and owner tools use, the owner-file step of the turn pipeline, and the worker.
import { createSlackFiles } from "../../channels/slack/files.js";
import { createMediaClient } from "../../channels/whatsapp/media.js";
import type { Db } from "../../core/db.js";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { ConversationRepo } from "../../core/repos/conversations.js";
import type { DocumentIntake } from "../../tools/registry.js";
import { DEFAULT_LIMITS } from "../../knowledge/ingest/index.js";
import type { KnowledgeStore } from "../../knowledge/types.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { ConversationLocks } from "../pipeline/lock.js";
import type { Queues } from "../pipeline/queues.js";
import { outboxNotifier } from "./notify.js";
import { createOwnerFiles } from "./owner-files.js";
import { DEFAULT_INGEST_SETTINGS, type IngestSettings } from "./processor.js";
import { DocumentRepo } from "./repo.js";
import { IngestService } from "./service.js";
import { startIngestWorker, type IngestWorkerSettings } from "./worker.js";

export interface IngestionDeps {
  db: Db;
  redis: Redis;
  prefix: string;
  knowledge: KnowledgeStore;
  queues: Pick<Queues, "ingest">;
  logger: Logger;
  graph: { baseUrl: string; apiVersion: string };
  slackApiBaseUrl: string;
  fetch?: typeof fetch;
  settings?: Partial<IngestSettings>;
  /** Where a pasted text's owner is told (add_text_document). */
  conversations: Pick<ConversationRepo, "get">;
}

/** The per-document locks (one writer per document: a job, or a delete). */
export const ingestLocks = (redis: Redis, prefix: string) => new ConversationLocks(redis, `${prefix}:ingest`, 10_000);

export function createIngestion(d: IngestionDeps) {
  const settings: IngestSettings = { limits: DEFAULT_LIMITS, ...DEFAULT_INGEST_SETTINGS, ...d.settings };
  const repo = new DocumentRepo(d.db);
  const locks = ingestLocks(d.redis, d.prefix);
  const logger = d.logger.child({ component: "ingest" });
  const service = new IngestService({ repo, knowledge: d.knowledge, queues: d.queues, locks, logger, limits: settings.limits, deleteWaitMs: settings.deleteWaitMs });
  const intake: DocumentIntake = {
    async addText(tenantId, conversationId, doc) {
      const conv = await d.conversations.get(tenantId, conversationId);
      const { document, outcome } = await service.accept(tenantId, {
        name: doc.name, kind: "text", bytes: new TextEncoder().encode(doc.text), mimeType: "text/plain", source: "chat",
        notify: { channel: conv.channel, address: conv.address },
      });
      return { name: document.name, outcome };
    },
  };
  return {
    service,
    intake,
    /** The parts that talk to people (the outbox, conversations, channel credentials) need the pipeline. */
    withPipeline(pipeline: PipelineDeps) {
      const notify = outboxNotifier(pipeline, logger);
      const ownerFiles = createOwnerFiles({
        pipeline, ingest: service,
        whatsappMedia: createMediaClient({ ...d.graph, ...(d.fetch ? { fetch: d.fetch } : {}) }),
        slackFiles: createSlackFiles({ apiBaseUrl: d.slackApiBaseUrl, ...(d.fetch ? { fetch: d.fetch } : {}) }),
      });
      return {
        ownerFiles,
        startWorker: (s: IngestWorkerSettings) =>
          startIngestWorker({ repo, knowledge: d.knowledge, locks, notify, logger, settings, service, deadLetters: pipeline.deadLetters }, s),
      };
    },
  };
}

export type Ingestion = ReturnType<typeof createIngestion>;
export { DocumentBusyError, IngestService } from "./service.js";
export type { DocumentView, AcceptOutcome } from "./types.js";
