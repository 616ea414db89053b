// The voice account a call reached (Twilio `To`), its tenant and its settings, cached
// briefly in process so a call's every turn does not decrypt credentials again.
//
// Voice account credentials (set by the Twilio numbers admin endpoint):
//   accountSid, authToken   Twilio's; authToken verifies X-Twilio-Signature
//   forwardTo               E.164 number a caller asking for a person is put through to
//   relay                   "true": answer with ConversationRelay instead of <Gather>
//   turnBudgetMs            per-number override of the time box (default from the container)
//   minConfidence           speech below this confidence is asked again (default 0.4)
import type { TenantProfile } from "../../agent/types.js";
import type { TenantRepo } from "../../core/repos/tenants.js";

export interface VoiceAccount {
  accountId: string;
  tenant: TenantProfile;
  number: string;
  authToken: string | undefined;
  forwardTo: string | undefined;
  relay: boolean;
  turnBudgetMs: number | undefined;
  minConfidence: number;
}

export class VoiceAccounts {
  private readonly cache = new Map<string, { value: VoiceAccount | null; until: number }>();

  constructor(private readonly tenants: TenantRepo, private readonly ttlMs = 30_000, private readonly negativeTtlMs = 5_000) {}

  /** The account receiving calls on `number`, or null when no tenant has it. */
  async resolve(number: string): Promise<VoiceAccount | null> {
    const hit = this.cache.get(number);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await this.load(number);
    this.cache.set(number, { value, until: Date.now() + (value ? this.ttlMs : this.negativeTtlMs) });
    return value;
  }

  private async load(number: string): Promise<VoiceAccount | null> {
    const account = await this.tenants.findAccount("voice", number);
    if (!account) return null;
    const [{ credentials: c }, tenant] = await Promise.all([
      this.tenants.credentials(account.tenantId, account.id),
      this.tenants.get(account.tenantId),
    ]);
    const budget = c.turnBudgetMs ? Number(c.turnBudgetMs) : NaN;
    const minConfidence = c.minConfidence ? Number(c.minConfidence) : NaN;
    return {
      accountId: account.id,
      tenant: { id: tenant.id, name: tenant.name, timezone: tenant.timezone, locale: tenant.locale, currency: tenant.currency, helpText: tenant.helpText },
      number,
      authToken: c.authToken || undefined,
      forwardTo: c.forwardTo || undefined,
      relay: c.relay === "true",
      turnBudgetMs: Number.isFinite(budget) && budget >= 200 && budget <= 12_000 ? budget : undefined,
      minConfidence: Number.isFinite(minConfidence) && minConfidence >= 0 && minConfidence <= 1 ? minConfidence : 0.4,
    };
  }
}
