// Calling a tier's chain: the first candidate that answers wins; a provider error or
// timeout moves on to the next candidate and is recorded. An aborted turn stops at once.
import type { AIMessage } from "@langchain/core/messages";
import type { Logger } from "../core/logger.js";
import type { Candidate } from "./models/tiers.js";

export interface FallbackResult {
  message: AIMessage;
  candidate: Candidate;
  failed: string[];
  notes: string[];
}

export function describeError(err: unknown): string {
  const e = err as { status?: unknown; code?: unknown; name?: unknown; message?: unknown };
  if (typeof e?.status === "number") return `HTTP ${e.status}`;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.name === "string" && e.name !== "Error") return e.name;
  return typeof e?.message === "string" ? e.message.slice(0, 80) : "error";
}

export async function callWithFallback(
  chain: Candidate[],
  alreadyFailed: readonly string[],
  call: (c: Candidate) => Promise<AIMessage>,
  opts: { signal?: AbortSignal; logger?: Logger },
): Promise<FallbackResult> {
  const failed = [...alreadyFailed];
  const notes: string[] = [];
  let lastError: unknown;
  for (const candidate of chain) {
    if (failed.includes(candidate.key)) continue;
    try {
      const message = await call(candidate);
      return { message, candidate, failed, notes };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      lastError = err;
      failed.push(candidate.key);
      const why = describeError(err);
      notes.push(`${candidate.key} failed (${why})`);
      opts.logger?.warn({ provider: candidate.provider, model: candidate.model, why }, "model call failed, falling back");
    }
  }
  throw lastError ?? new Error("no model candidate left to call");
}
