// The time-boxed voice turn. The webhook waits at most the budget for the agent; when the
// budget runs out the turn is NOT aborted: it keeps running here, and its outcome is
// pushed to a Redis list per call turn, where the <Redirect>ed continue request (on any
// API process) BLPOPs it with a second budget. A redelivered webhook never starts a second
// turn (SET NX per call turn); it waits for the first one's outcome the same way.
import type { Agent, TurnResult } from "../../agent/types.js";
import { forTheEar } from "../../channels/voice/speech.js";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { CallRepo } from "../../core/repos/calls.js";
import type { MessageRepo } from "../../core/repos/messages.js";
import type { ContactMemoryService } from "../../knowledge/memory/service.js";
import { learnFromTurn, recallMemory } from "../pipeline/memory.js";
import type { VoiceAccount } from "./accounts.js";
import type { BlockingPool, CallInfo, CallState } from "./state.js";

export interface Outcome {
  /** The reply written for the ear ("" when the agent chose not to answer). */
  spoken: string;
  handoff: boolean;
  turnId: string | null;
  failed: boolean;
}

export interface TurnRequest {
  account: VoiceAccount;
  call: CallInfo;
  callSid: string;
  n: number;
  text: string;
  confidence?: number | undefined;
  at: Date;
}

export interface Thought {
  inboundId: string;
  result: TurnResult;
  spoken: string;
  offers: string[];
  latencyMs: number;
}

export interface VoiceTurnDeps {
  agent: Agent;
  calls: CallRepo;
  messages: MessageRepo;
  redis: Redis;
  pool: BlockingPool;
  state: CallState;
  logger: Logger;
  /** Hard ceiling of one agent turn, far above the budget (the caller is still waiting). */
  maxTurnMs: number;
  /** Per-contact memory: recalled before the agent runs, learnt from after the commit. */
  memory?: ContactMemoryService;
}

const RESULT_TTL_S = 900;

export class VoiceTurns {
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly d: VoiceTurnDeps) {}

  /** Wait (at most `ms`) for turns still running, e.g. before the database is closed. */
  async drain(ms = 10_000): Promise<void> {
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, ms).unref())]);
  }

  /** Track a piece of turn work so shutdown waits for it. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Start turn `n` of the call once, and wait at most `budgetMs` for it. null: not done yet. */
  async answer(t: TurnRequest, budgetMs: number): Promise<Outcome | null> {
    const first = await this.d.redis.set(this.d.state.key(t.callSid, `started:${t.n}`), "1", "EX", 3600, "NX");
    if (first !== "OK") return this.wait(t.callSid, t.n, budgetMs);
    const run = this.track(this.run(t));
    let phase: "waiting" | "taken" | "gave-up" = "waiting";
    return new Promise<Outcome | null>((resolve) => {
      const timer = setTimeout(() => {
        if (phase !== "waiting") return;
        phase = "gave-up";
        resolve(null);
      }, budgetMs);
      void run.then((o) => {
        if (phase === "waiting") {
          phase = "taken";
          clearTimeout(timer);
          resolve(o);
        } else {
          void this.track(this.publish(t.callSid, t.n, o));
        }
      });
    });
  }

  /** The outcome of a turn that outlived its first budget, waiting at most `ms`. */
  async wait(callSid: string, n: number, ms: number): Promise<Outcome | null> {
    const raw = await this.d.pool.blpop(this.resultKey(callSid, n), ms);
    return raw ? (JSON.parse(raw) as Outcome) : null;
  }

  /** An outcome nobody took (the caller had hung up or moved on): the follow-up texts it. */
  async unclaimed(callSid: string, n: number): Promise<Outcome | null> {
    const raw = await this.d.redis.lpop(this.resultKey(callSid, n));
    return raw ? (JSON.parse(raw) as Outcome) : null;
  }

  /** Run the agent on what the caller said (storing the utterance meanwhile). */
  async think(t: TurnRequest): Promise<Thought> {
    const started = performance.now();
    // the caller's memory only on a call whose caller ID was verified (CallInfo.memoryAccess)
    const memoryAccess = t.call.memoryAccess === "full" ? "full" : "learn_only";
    const memory = memoryAccess === "full" ? await recallMemory(this.d.memory, t.account.tenant.id, t.call.contactId, this.d.logger) : undefined;
    const [u, result] = await Promise.all([
      this.d.calls.recordUtterance({
        tenantId: t.account.tenant.id, conversationId: t.call.conversationId, callSid: t.callSid, turn: t.n, text: t.text,
        confidence: t.confidence, at: t.at,
      }),
      this.d.agent.runTurn(
        {
          tenant: t.account.tenant, conversationId: t.call.conversationId, contactId: t.call.contactId, contactName: null,
          // A caller is always a lead: caller ID can be spoofed, so it never grants owner tools.
          role: "lead", channel: "voice", messages: [{ text: t.text, at: t.at }], ...(memory ? { memory } : {}), memoryAccess,
        },
        AbortSignal.timeout(this.d.maxTurnMs),
      ),
    ]);
    const ear = result.reply ? forTheEar(result.reply) : { text: "", offers: [] };
    return { inboundId: u.id, result, spoken: ear.text, offers: ear.offers, latencyMs: Math.round(performance.now() - started) };
  }

  /** Store the turn (claiming the utterance) and what is to be texted later. */
  async commit(t: TurnRequest, th: Thought): Promise<string | null> {
    const r = th.result;
    const [turnId] = await Promise.all([
      // the same atomic commit as chat turns; what was said is stored by the caller as spoken
      this.d.messages
        .commitTurn({
          tenantId: t.account.tenant.id, conversationId: t.call.conversationId, inboundIds: [th.inboundId], reply: null,
          tier: r.tier, model: r.model, latencyMs: th.latencyMs, route: r.route, handoff: r.handoff, usage: r.usage,
        })
        .then((c) => c?.turnId ?? null),
      this.d.state.addOffers(t.callSid, th.offers),
    ]);
    // learning never holds up what the caller hears; shutdown still waits for it. A call
    // with unverified caller ID still learns (what the caller says about themselves).
    if (turnId) {
      void this.track(learnFromTurn(this.d.memory, {
        tenantId: t.account.tenant.id, contactId: t.call.contactId, channel: "voice", messages: [{ id: th.inboundId, text: t.text }],
        forgetRequested: th.result.forgotMemory === true,
        // unverified caller ID: add new facts, never replace the contact's name, last service or language
        addOnly: t.call.memoryAccess !== "full",
      }, this.d.logger));
    }
    return turnId;
  }

  private async run(t: TurnRequest): Promise<Outcome> {
    try {
      const th = await this.think(t);
      const turnId = await this.commit(t, th);
      return { spoken: th.spoken, handoff: th.result.handoff, turnId, failed: false };
    } catch (err) {
      this.d.logger.error({ err, tenantId: t.account.tenant.id, callSid: t.callSid, turn: t.n }, "voice turn failed");
      return { spoken: "", handoff: false, turnId: null, failed: true };
    }
  }

  private async publish(callSid: string, n: number, o: Outcome): Promise<void> {
    const key = this.resultKey(callSid, n);
    try {
      await this.d.redis.multi().rpush(key, JSON.stringify(o)).expire(key, RESULT_TTL_S).exec();
    } catch (err) {
      this.d.logger.error({ err, callSid, turn: n }, "could not publish a late voice turn");
    }
  }

  private resultKey(callSid: string, n: number): string {
    return this.d.state.key(callSid, `result:${n}`);
  }
}
