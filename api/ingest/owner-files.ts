// An owner sends a document (WhatsApp document, Slack file in a DM with the app): fetch it
// from the provider with the business's token, accept it for ingestion, and answer at
// once ("Got it — adding price-list.pdf…"); the worker tells them when it is done. Each
// file message is answered and claimed on its own (commitTurn), so a crash before the
// claim re-runs this step: the second accept of the same bytes is a no-op. Leads' files,
// and owners' photos or voice notes, are left to the turn as before.
import { createHash, randomUUID } from "node:crypto";
import type { WhatsAppMediaClient } from "../../channels/whatsapp/media.js";
import type { SlackFiles } from "../../channels/slack/files.js";
import { DownloadError } from "../../channels/download.js";
import { detectKind, DocumentError, extensionOf, formatBytes, unsupportedReason } from "../../knowledge/ingest/index.js";
import type { PendingMessage } from "../../core/repos/messages.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { sendJobId } from "../pipeline/queues.js";
import type { IngestService } from "./service.js";
import type { AcceptOutcome } from "./types.js";

interface FileMeta {
  kind?: string;
  mediaType?: string;
  mediaId?: string;
  mimeType?: string;
  filename?: string;
  caption?: string;
  size?: number;
  url?: string;
  threadId?: string;
}

export interface OwnerFilesDeps {
  pipeline: Pick<PipelineDeps, "tenants" | "conversations" | "messages" | "queues" | "logger">;
  ingest: IngestService;
  whatsappMedia: WhatsAppMediaClient;
  slackFiles: SlackFiles;
}

const isDocument = (m: FileMeta) => m.kind === "media" && m.mediaType === "document";

export function createOwnerFiles(d: OwnerFilesDeps) {
  return {
    /** Answers each owner message carrying a document; returns the messages left for the agent. */
    async take(tenantId: string, conversationId: string, batch: PendingMessage[]): Promise<PendingMessage[]> {
      const rest: PendingMessage[] = [];
      for (const p of batch) {
        const meta = (p.payload ?? {}) as FileMeta;
        if (!isDocument(meta)) {
          rest.push(p);
          continue;
        }
        const started = performance.now();
        const reply = await acceptFile(d, tenantId, conversationId, meta);
        const committed = await d.pipeline.messages.commitTurn({
          tenantId, conversationId, inboundIds: [p.id], reply: { text: reply, ...(meta.threadId ? { threadId: meta.threadId } : {}) },
          tier: "local", model: "none", latencyMs: Math.round(performance.now() - started), route: "owner document → ingestion", handoff: false, usage: [],
        });
        if (committed?.replyId) {
          await d.pipeline.queues.outbox.add("send", { tenantId, messageId: committed.replyId }, { jobId: sendJobId(committed.replyId) });
        }
      }
      return rest;
    },
  };
}

async function acceptFile(d: OwnerFilesDeps, tenantId: string, conversationId: string, meta: FileMeta): Promise<string> {
  const conv = await d.pipeline.conversations.get(tenantId, conversationId);
  const name = meta.filename?.trim() || defaultName(meta);
  const kind = detectKind({ filename: name, ...(meta.mimeType ? { mimeType: meta.mimeType } : {}) });
  if (!kind) return unsupportedReason({ filename: name, ...(meta.mimeType ? { mimeType: meta.mimeType } : {}) });
  const max = d.ingest.limits.maxBytes;
  if (meta.size !== undefined && meta.size > max) return tooBig(name, meta.size, max);

  let bytes: Uint8Array;
  try {
    const { credentials } = await d.pipeline.tenants.credentials(tenantId, conv.channelAccountId);
    if (conv.channel === "whatsapp" && meta.mediaId) {
      bytes = (await d.whatsappMedia.download(meta.mediaId, credentials.accessToken ?? "", { maxBytes: max })).bytes;
    } else if (conv.channel === "slack" && meta.url) {
      bytes = await d.slackFiles.download(meta.url, credentials.botToken ?? "", { maxBytes: max, ...(meta.mimeType ? { expectedMime: meta.mimeType } : {}) });
    } else {
      return `I can't fetch files sent on ${conv.channel} yet — please send ${name} on WhatsApp or Slack, or paste its text here.`;
    }
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    d.pipeline.logger.warn({ tenantId, conversationId, reason: err.message }, "owner file download failed");
    // a provider blip: the turn is retried with backoff (nothing was claimed or answered)
    if (err.retryable) throw err;
    if (err.reason === "too_large") return tooBig(name, err.size ?? meta.size, max);
    return `I couldn't download ${name} from ${conv.channel === "slack" ? "Slack" : "WhatsApp"} (${err.message}). Could you send it again?`;
  }

  try {
    const { outcome } = await d.ingest.accept(tenantId, {
      name, kind: detectKind({ filename: name, bytes }) ?? kind, bytes, mimeType: meta.mimeType ?? null, source: conv.channel,
      notify: { channel: conv.channel, address: conv.address, ...(meta.threadId ? { threadId: meta.threadId } : {}) },
    });
    return acceptedText(name, outcome);
  } catch (err) {
    if (err instanceof DocumentError) return `I can't add ${name}: ${err.message}`;
    throw err;
  }
}

const EXTENSION: Record<string, string> = { "application/pdf": ".pdf", "text/csv": ".csv", "text/plain": ".txt", "text/markdown": ".md" };

/**
 * The name of a file sent without one: the day plus a short hash of the provider's media
 * id (or file URL), so two unnamed files of the same day are two documents, not one
 * replacing the other; the same message retried gets the same name.
 */
export function defaultName(meta: Pick<FileMeta, "mediaId" | "url" | "mimeType">, now = new Date()): string {
  const source = meta.mediaId ?? meta.url ?? randomUUID();
  const tag = createHash("sha256").update(source).digest("hex").slice(0, 8);
  const ext = EXTENSION[(meta.mimeType ?? "").split(";")[0]!.trim().toLowerCase()] ?? "";
  return `document-${now.toISOString().slice(0, 10)}-${tag}${ext}`;
}

function tooBig(name: string, size: number | undefined, max: number): string {
  const ext = extensionOf(name);
  const hint = ext === "pdf" ? " Could you split it, or send the pages with the prices and policies customers ask about?" : " Could you split it into smaller files?";
  return `${name}${size ? ` is ${formatBytes(size)}, which` : ""} is more than the ${formatBytes(max)} I can take.${hint}`;
}

export function acceptedText(name: string, outcome: AcceptOutcome): string {
  switch (outcome) {
    case "unchanged":
      return `I already have this exact version of ${name} — nothing to change.`;
    case "replacing":
      return `Got it — updating ${name} with this version; I'll tell you when it's done.`;
    default:
      return `Got it — adding ${name}; I'll tell you when it's done.`;
  }
}

export type OwnerFiles = ReturnType<typeof createOwnerFiles>;
