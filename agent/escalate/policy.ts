// Where a turn goes when a tier's output fails validation: one tier up, at most once per
// tier, never above the ceiling the route node set (hard budget → local, soft → fast), and
// only to a tier the deployment has and whose providers are not all open-circuited.
import type { TierName } from "../types.js";

const ORDER: readonly TierName[] = ["local", "fast", "smart"];

export interface EscalationLimits {
  /** The highest tier this turn may use (budget). */
  ceiling: TierName;
  /** LLM tiers usable now (present, some provider not open-circuited, none failed this turn). */
  usable: readonly TierName[];
  /** Tiers whose output already failed validation this turn. */
  failedValidation: readonly TierName[];
}

/** The next tier above `from`, or null when none may be tried. */
export function nextTier(from: TierName, limits: EscalationLimits): TierName | null {
  const top = ORDER.indexOf(limits.ceiling);
  for (let i = ORDER.indexOf(from) + 1; i <= top; i++) {
    const t = ORDER[i]!;
    if (limits.usable.includes(t) && !limits.failedValidation.includes(t)) return t;
  }
  return null;
}

/** The ceiling of a turn from its budget level. */
export function ceilingFor(budget: "ok" | "soft" | "hard" | undefined): TierName {
  return budget === "hard" ? "local" : budget === "soft" ? "fast" : "smart";
}
