// Checks a model's message before the graph acts on it. A message that fails is retried one
// tier up (./policy.ts), and the reason is recorded in the turn's route. Three checks:
//   malformed tool call — a call the provider could not parse (`invalid_tool_calls`) or
//     arguments the tool's zod schema rejects (a tool the role lacks is refused by the tools
//     step instead);
//   unsupported claim — the reply states a price, percentage or clock time that appears in
//     none of the turn's evidence (system prompt, the conversation window, tool results), or
//     says an action happened (booked, cancelled, refunded, link sent) with no successful
//     tool result of that kind this turn;
//   low confidence — the local tier said it is unsure (`response_metadata.unsure`), or it
//     answered "I don't know" while the knowledge search held a near miss an LLM could read.
// Pure; microseconds on a reply of a few hundred characters.
import { ToolMessage, type AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { extractMoney, extractPercents } from "../nlu/money.js";
import type { NluContext } from "../nlu/types.js";
import { parseSearchResult } from "../../tools/registry.js";
import { thisTurn } from "../history.js";
import { actionClaims } from "./claims.js";

export type ValidationKind = "malformed_tool_call" | "unsupported_claim" | "low_confidence";
export type Validation = { ok: true } | { ok: false; kind: ValidationKind; reason: string };

export interface ValidateContext {
  /** The role's tools, as bound (names and zod schemas). */
  tools: readonly StructuredToolInterface[];
  /** The system prompt the model saw (empty for the local tier). */
  prompt: string;
  /** The messages the model saw, oldest first (its window, including this turn's tool results). */
  window: readonly BaseMessage[];
  /** Money and dates are read in the tenant's currency and zone. */
  nlu: Pick<NluContext, "timezone" | "locale" | "currency">;
  /** The knowledge store's "relevant enough" score; a near miss is a hit at ≥ `nearMiss` × this. */
  minScore: number;
  nearMiss?: number;
}

/** Share of `minScore` a knowledge hit needs to count as a near miss an LLM might use (default 0.5). */
export const NEAR_MISS = 0.5;

const OK: Validation = { ok: true };
const fail = (kind: ValidationKind, reason: string): Validation => ({ ok: false, kind, reason });

export function validateMessage(message: AIMessage, ctx: ValidateContext): Validation {
  const calls = checkToolCalls(message, ctx.tools);
  if (!calls.ok) return calls;
  if (message.tool_calls?.length) return OK; // a valid call: its result will be checked, not the call
  const meta = (message.response_metadata ?? {}) as { unsure?: unknown; unsureReason?: unknown; grounded?: unknown };
  if (meta.unsure === true) {
    return fail("low_confidence", typeof meta.unsureReason === "string" ? `local tier unsure: ${meta.unsureReason}` : "local tier unsure");
  }
  if (meta.grounded === false) {
    const miss = nearMiss(thisTurn(ctx.window), ctx.minScore * (ctx.nearMiss ?? NEAR_MISS));
    if (miss) return fail("low_confidence", `no knowledge entry clearly answers (best ${miss.toFixed(2)} < ${ctx.minScore})`);
  }
  return checkClaims(message.text, ctx);
}

function checkToolCalls(message: AIMessage, tools: readonly StructuredToolInterface[]): Validation {
  const invalid = message.invalid_tool_calls ?? [];
  if (invalid.length) return fail("malformed_tool_call", `unparsable tool call${invalid[0]?.name ? ` (${invalid[0].name})` : ""}`);
  for (const call of message.tool_calls ?? []) {
    // a tool the role does not have is refused and logged by the tools step (executor.ts
    // screenCalls): often an injection attempt, which a stronger model should not be paid to retry
    const t = tools.find((x) => x.name === call.name);
    if (!t) continue;
    const schema = t.schema as { safeParse?: (v: unknown) => { success: boolean; error?: { issues?: { path: PropertyKey[]; message: string }[] } } };
    const parsed = schema.safeParse?.(call.args ?? {});
    if (parsed && !parsed.success) {
      const issue = parsed.error?.issues?.[0];
      return fail("malformed_tool_call", `bad arguments for ${call.name}${issue ? ` (${issue.path.map(String).join(".") || "args"}: ${issue.message})` : ""}`);
    }
  }
  return OK;
}


/** The best knowledge score at or above `floor` among this turn's searches that had no relevant hit, or null. */
function nearMiss(turn: readonly BaseMessage[], floor: number): number | null {
  let best: number | null = null;
  for (const m of turn) {
    if (!ToolMessage.isInstance(m) || m.status === "error") continue;
    const r = parseSearchResult(m.text);
    for (const h of r?.hits ?? []) if (h.score >= floor && (best === null || h.score > best)) best = h.score;
  }
  return best;
}

function messageText(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.text;
}

/** Clock times as minutes after midnight: "5pm", "5:30 pm", "17:30", "T17:30" (ISO). */
export function clockTimes(text: string): Set<number> {
  const out = new Set<number>();
  const t = text.toLowerCase();
  for (const m of t.matchAll(/(?<![\d:])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/g)) {
    let h = Number(m[1]) % 12;
    if (m[3]!.startsWith("p")) h += 12;
    if (Number(m[1]) <= 12) out.add(h * 60 + Number(m[2] ?? 0));
  }
  for (const m of t.matchAll(/(?<![\d:])([01]?\d|2[0-3])[:h]([0-5]\d)(?!\s*(?:a\.?m|p\.?m))/g)) out.add(Number(m[1]) * 60 + Number(m[2]));
  for (const m of t.matchAll(/(?<![\d:])(\d{1,2})\s*(?:o'?clock|uhr|h(?![a-z]))/g)) {
    const h = Number(m[1]);
    if (h <= 23) {
      out.add(h * 60);
      if (h < 12) out.add((h + 12) * 60);
    }
  }
  return out;
}

/** Amounts in minor units written in JSON fields of tool results ("priceMinor": 3000). */
function jsonMinorAmounts(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/"(?:price|amount|total|deposit|refunded)Minor"\s*:\s*(\d+)/g)) out.add(Number(m[1]));
  return out;
}

function checkClaims(reply: string, ctx: ValidateContext): Validation {
  if (!reply.trim()) return OK;
  const evidence = [ctx.prompt, ...ctx.window.map(messageText)].join("\n");
  const nlu = { ...ctx.nlu, now: new Date(0) };
  const money = extractMoney(reply, nlu);
  if (money.length) {
    const known = new Set(extractMoney(evidence, nlu).map((m) => m.minor));
    for (const n of jsonMinorAmounts(evidence)) known.add(n);
    const unknown = money.find((m) => !known.has(m.minor));
    if (unknown) return fail("unsupported_claim", `price ${unknown.span.text.trim()} is in no source`);
  }
  const pct = extractPercents(reply);
  if (pct.length) {
    const known = new Set(extractPercents(evidence).map((p) => p.basisPoints));
    const unknown = pct.find((p) => !known.has(p.basisPoints));
    if (unknown) return fail("unsupported_claim", `percentage ${unknown.span.text.trim()} is in no source`);
  }
  const times = clockTimes(reply);
  if (times.size) {
    const known = clockTimes(evidence);
    for (const t of times) {
      if (!known.has(t)) {
        return fail("unsupported_claim", `time ${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")} is in no source`);
      }
    }
  }
  const turn = thisTurn(ctx.window);
  const succeeded = new Set(
    turn.filter((m): m is ToolMessage => ToolMessage.isInstance(m) && m.status !== "error" && !/"ok"\s*:\s*false/.test(m.text)).map((m) => m.name ?? ""),
  );
  for (const claim of actionClaims(reply)) {
    if (!claim.tools.some((n) => succeeded.has(n))) return fail("unsupported_claim", `says "${claim.text}" with no ${claim.what} this turn`);
  }
  return OK;
}

