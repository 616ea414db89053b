// Per-sender rate enforcement for the fake providers (off unless a test or bench sets a
// limit). Model: a token bucket per sending number — `perSecond` tokens a second, holding at
// most `burst` (default: one second's worth). A request that finds no token is refused the
// provider's way (WhatsApp 130429, Twilio 20429) and does not consume one. Every decision
// is recorded (time, sender, accepted) so a bench can count violations and rates itself.
export interface RateLimitRule {
  perSecond: number;
  /** Bucket size (default perSecond: a second's burst). */
  burst?: number;
}

export interface RateDecision {
  at: number;
  sender: string;
  accepted: boolean;
}

export class SenderBuckets {
  private readonly rules = new Map<string, Required<RateLimitRule>>();
  private readonly buckets = new Map<string, { tokens: number; ts: number }>();
  readonly decisions: RateDecision[] = [];

  set(sender: string, rule: RateLimitRule | null): void {
    if (!rule) {
      this.rules.delete(sender);
      this.buckets.delete(sender);
      return;
    }
    const burst = rule.burst ?? Math.max(1, rule.perSecond);
    this.rules.set(sender, { perSecond: rule.perSecond, burst });
    this.buckets.set(sender, { tokens: burst, ts: performance.now() });
  }

  /** True when `sender` may send now (a token is taken); false when the limit is hit. No rule: always true, not recorded. */
  take(sender: string): boolean {
    const rule = this.rules.get(sender);
    if (!rule) return true;
    const now = performance.now();
    const b = this.buckets.get(sender)!;
    b.tokens = Math.min(rule.burst, b.tokens + ((now - b.ts) / 1000) * rule.perSecond);
    b.ts = now;
    const accepted = b.tokens >= 1;
    if (accepted) b.tokens -= 1;
    this.decisions.push({ at: now, sender, accepted });
    return accepted;
  }

  reset(): void {
    this.decisions.length = 0;
    for (const [sender, rule] of this.rules) this.buckets.set(sender, { tokens: rule.burst, ts: performance.now() });
  }
}

/** The most requests `sender` had accepted within any sliding `windowMs` (for reports). */
export function peakInWindow(decisions: RateDecision[], sender: string, windowMs = 1000): number {
  const times = decisions.filter((d) => d.sender === sender && d.accepted).map((d) => d.at);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
