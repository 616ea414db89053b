// Ingress resolves the tenant from the receiving identity on every webhook: a short-lived
// in-process cache keeps that off the database on the hot path. Changes through the admin
// API are seen within the TTL (and at once in the process that made them).
import type { ChannelAccountRow, Channel, TenantRepo } from "../../core/repos/tenants.js";

export interface ResolvedAccount {
  account: ChannelAccountRow;
  /** Per-account webhook secret (e.g. a tenant's own Meta app secret), decrypted. */
  webhookSecret?: string;
}

export class AccountResolver {
  private readonly cache = new Map<string, { value: ResolvedAccount | null; until: number }>();

  constructor(private readonly tenants: TenantRepo, private readonly ttlMs = 30_000, private readonly negativeTtlMs = 5_000) {}

  async resolve(channel: Channel, externalId: string): Promise<ResolvedAccount | null> {
    const key = `${channel}|${externalId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const account = await this.tenants.findAccount(channel, externalId);
    let value: ResolvedAccount | null = null;
    if (account) {
      const { credentials } = account.hasCredentials ? await this.tenants.credentials(account.tenantId, account.id) : { credentials: {} as Record<string, string> };
      value = { account, ...(credentials.appSecret ? { webhookSecret: credentials.appSecret } : {}) };
    }
    this.cache.set(key, { value, until: Date.now() + (value ? this.ttlMs : this.negativeTtlMs) });
    return value;
  }

  invalidate(channel: Channel, externalId: string): void {
    this.cache.delete(`${channel}|${externalId}`);
  }
}
