// Ingress resolves the tenant from the receiving identity on every webhook: a short-lived
// in-process cache keeps that off the database on the hot path. Changes through the admin
// API are seen within the TTL (and at once in the process that made them). Both caches
// are bounded (least recently used evicted first); unknown identities have their own,
// smaller cache, so forged ids can neither grow memory nor evict known accounts.
import { TtlCache } from "../../core/cache.js";
import type { ChannelAccountRow, Channel, TenantRepo } from "../../core/repos/tenants.js";

export interface ResolvedAccount {
  account: ChannelAccountRow;
  /** Per-account webhook secret (e.g. a tenant's own Meta app secret), decrypted. */
  webhookSecret?: string;
}

export class AccountResolver {
  private readonly known: TtlCache<string, ResolvedAccount>;
  private readonly unknown: TtlCache<string, true>;

  constructor(
    private readonly tenants: TenantRepo,
    ttlMs = 30_000,
    negativeTtlMs = 5_000,
    maxKnown = 10_000,
    maxUnknown = 1_000,
  ) {
    this.known = new TtlCache(maxKnown, ttlMs);
    this.unknown = new TtlCache(maxUnknown, negativeTtlMs);
  }

  async resolve(channel: Channel, externalId: string): Promise<ResolvedAccount | null> {
    const key = `${channel}|${externalId}`;
    const hit = this.known.get(key);
    if (hit) return hit;
    if (this.unknown.get(key)) return null;
    const account = await this.tenants.findAccount(channel, externalId);
    if (!account) {
      this.unknown.set(key, true);
      return null;
    }
    const { credentials } = account.hasCredentials ? await this.tenants.credentials(account.tenantId, account.id) : { credentials: {} as Record<string, string> };
    const value: ResolvedAccount = { account, ...(credentials.appSecret ? { webhookSecret: credentials.appSecret } : {}) };
    this.known.set(key, value);
    return value;
  }

  invalidate(channel: Channel, externalId: string): void {
    const key = `${channel}|${externalId}`;
    this.known.delete(key);
    this.unknown.delete(key);
  }
}
