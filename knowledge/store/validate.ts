// Input checks shared by the store implementations: a tenant id is required (never
// defaulted), entry input is bounded, and dedup uses a hash of the normalized content.
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import type { KnowledgeEntryInput } from "../types.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireTenant(tenantId: string): string {
  if (typeof tenantId !== "string" || tenantId.trim() === "") {
    throw new AppError("bad_request", "tenantId is required");
  }
  if (!UUID_RE.test(tenantId)) throw new AppError("bad_request", "tenantId must be a UUID");
  return tenantId;
}

export function isUuid(id: string): boolean {
  return typeof id === "string" && UUID_RE.test(id);
}

const entrySchema = z.object({
  title: z.string().trim().min(1).max(300),
  content: z.string().trim().min(1).max(200_000),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  source: z.string().trim().min(1).max(200).default("admin"),
  documentId: z.string().regex(UUID_RE, "documentId must be a UUID").nullish().transform((v) => v ?? null),
});

export type ValidEntryInput = z.output<typeof entrySchema>;

export function parseEntryInput(input: KnowledgeEntryInput): ValidEntryInput {
  const parsed = entrySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("bad_request", "invalid knowledge entry", { details: z.treeifyError(parsed.error) });
  }
  return parsed.data;
}

/** sha256 of the content with whitespace collapsed. */
export function contentHash(content: string): string {
  return createHash("sha256").update(content.replace(/\s+/g, " ").trim()).digest("hex");
}

/**
 * The dedup key of an entry (unique per tenant): its content, scoped to its document. The
 * same text in two documents is two entries, so deleting or re-ingesting one document
 * never takes text away from another (or from a fact taught in chat); entries outside
 * any document keep the plain content hash.
 */
export function entryHash(content: string, documentId: string | null): string {
  const plain = contentHash(content);
  return documentId ? createHash("sha256").update(`document:${documentId}\n${plain}`).digest("hex") : plain;
}

/** What gets embedded and keyword-indexed for a chunk: the entry title, then the chunk. */
export function embeddedText(title: string, chunk: string): string {
  return `${title}\n${chunk}`;
}
