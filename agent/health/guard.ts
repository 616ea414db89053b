// The breaker as a call guard (agent/fallback.ts): an open provider is skipped, a call's
// outcome is reported to its provider's breaker. Redis trouble never stops a turn: the
// breaker then lets calls through (fails open) and the error is logged.
import type { Logger } from "../../core/logger.js";
import type { Admission, CallGuard, CallOutcome } from "../fallback.js";
import type { CircuitBreakers } from "./breaker.js";
import { countsAsOutage, retryAfterMs } from "./errors.js";

export function breakerGuard(breakers: CircuitBreakers, logger?: Logger): CallGuard {
  return {
    async admit(c) {
      let admitted: "closed" | "probe" | "open";
      try {
        admitted = await breakers.admit(c.provider);
      } catch (err) {
        logger?.warn({ err, provider: c.provider }, "circuit breaker unavailable; calling the provider anyway");
        return { done: async () => {} };
      }
      if (admitted === "open") return { refused: `${c.provider} circuit open` };
      const probe = admitted === "probe";
      return {
        async done(o: CallOutcome) {
          try {
            if ("skipped" in o || (!o.ok && o.aborted)) {
              if (probe) await breakers.releaseProbe(c.provider);
            } else if (o.ok) {
              await breakers.success(c.provider);
            } else if (countsAsOutage(o.error)) {
              const state = await breakers.failure(c.provider, retryAfterMs(o.error));
              if (state === "opened") logger?.warn({ provider: c.provider, probe }, "circuit opened: provider skipped until its cooldown ends");
            } else if (probe) {
              await breakers.releaseProbe(c.provider);
            }
          } catch (err) {
            logger?.warn({ err, provider: c.provider }, "could not record the call in the circuit breaker");
          }
        },
      } satisfies Admission;
    },
  };
}

/** Guards in order: each must admit; when a later one refuses, earlier admissions hear "skipped". */
export function allGuards(guards: readonly CallGuard[]): CallGuard | undefined {
  if (guards.length === 0) return undefined;
  if (guards.length === 1) return guards[0];
  return {
    async admit(c) {
      const taken: Admission[] = [];
      for (const g of guards) {
        const a = await g.admit(c);
        if ("refused" in a) {
          await Promise.all(taken.map((t) => t.done({ skipped: true })));
          return a;
        }
        taken.push(a);
      }
      return { done: async (o) => void (await Promise.all(taken.map((t) => t.done(o)))) };
    },
  };
}
