// Calling a tier's chain: the first candidate that answers wins; a provider error or
// timeout moves on to the next candidate and is recorded. An aborted turn stops at once.
// An optional guard admits each LLM candidate first (provider circuit breaker, tenant
// budget reservation) and hears how its call ended; a refused candidate is skipped.
import type { AIMessage } from "@langchain/core/messages";
import type { Logger } from "../core/logger.js";
import type { Candidate } from "./models/tiers.js";

export interface FallbackResult {
  message: AIMessage;
  candidate: Candidate;
  failed: string[];
  notes: string[];
}

/** How a guarded call ended: answered, failed (aborted: the turn itself was cancelled), or never made. */
export type CallOutcome = { ok: true; message: AIMessage } | { ok: false; error: unknown; aborted: boolean } | { skipped: true };

export interface Admission {
  done(outcome: CallOutcome): Promise<void>;
}

export interface CallGuard {
  /** Before calling an LLM candidate: an admission, or why it is skipped ("circuit open"). */
  admit(c: Candidate): Promise<Admission | { refused: string }>;
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
  opts: { signal?: AbortSignal; logger?: Logger; guard?: CallGuard },
): Promise<FallbackResult> {
  const failed = [...alreadyFailed];
  const notes: string[] = [];
  let lastError: unknown;
  for (const candidate of chain) {
    if (failed.includes(candidate.key)) continue;
    const admission = opts.guard && candidate.tier !== "local" ? await opts.guard.admit(candidate) : null;
    if (admission && "refused" in admission) {
      notes.push(`${candidate.key} skipped (${admission.refused})`);
      continue;
    }
    try {
      const message = await call(candidate);
      await admission?.done({ ok: true, message });
      return { message, candidate, failed, notes };
    } catch (err) {
      await admission?.done({ ok: false, error: err, aborted: opts.signal?.aborted === true });
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
