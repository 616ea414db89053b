// Tenants, their channel accounts (credentials encrypted at rest) and owner identities.
// Prisma stays inside repositories; they return plain objects.
import type { Db } from "../db.js";
import { Prisma } from "../db.js";
import { TtlCache } from "../cache.js";
import { decrypt, encrypt } from "../crypto.js";
import { AppError, NotFoundError } from "../errors.js";
import { isUniqueViolation } from "./unique.js";
import type { Channel } from "../../prisma/generated/enums.js";

export type { Channel };

export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  currency: string;
  helpText: string | null;
  createdAt: Date;
}

export interface TenantSettings {
  /** An approved WhatsApp template with one body variable, used outside the 24-hour window. */
  whatsappTemplate?: { name: string; language: string };
}

export interface ChannelAccountRow {
  id: string;
  tenantId: string;
  channel: Channel;
  externalId: string;
  displayName: string | null;
  active: boolean;
  hasCredentials: boolean;
  createdAt: Date;
}

const tenantSelect = {
  id: true, slug: true, name: true, timezone: true, locale: true, currency: true, helpText: true, createdAt: true,
} as const;
const accountSelect = {
  id: true, tenantId: true, channel: true, externalId: true, displayName: true, active: true, createdAt: true,
  credentialsEnc: true,
} as const;

type AccountRecord = Prisma.ChannelAccountGetPayload<{ select: typeof accountSelect }>;

function toAccountRow({ credentialsEnc, ...rest }: AccountRecord): ChannelAccountRow {
  return { ...rest, hasCredentials: credentialsEnc !== null };
}

/** Associated data binding a credentials ciphertext to its tenant and account identity. */
const credentialsAad = (tenantId: string, channel: Channel, externalId: string) => `${tenantId}|${channel}|${externalId}`;

/**
 * How long hot reads may be served from this process's memory. Changes made through this
 * repository (the admin API) invalidate them at once in this process; other processes see
 * them within the TTL. See core/README.md.
 */
export const TENANT_CACHE = {
  profileTtlMs: 60_000,
  settingsTtlMs: 30_000,
  credentialsTtlMs: 30_000,
  ownerTtlMs: 30_000,
  maxEntries: 10_000,
} as const;

export class TenantRepo {
  private readonly profiles = new TtlCache<string, TenantRow>(TENANT_CACHE.maxEntries, TENANT_CACHE.profileTtlMs);
  private readonly settingsCache = new TtlCache<string, TenantSettings>(TENANT_CACHE.maxEntries, TENANT_CACHE.settingsTtlMs);
  /** key: tenantId|accountId */
  private readonly credentialsCache = new TtlCache<string, { account: ChannelAccountRow; credentials: Record<string, string> }>(
    TENANT_CACHE.maxEntries, TENANT_CACHE.credentialsTtlMs,
  );
  /** key: tenantId|channel|address */
  private readonly owners = new TtlCache<string, boolean>(TENANT_CACHE.maxEntries * 5, TENANT_CACHE.ownerTtlMs);

  constructor(private readonly db: Db, private readonly credentialsKey: Buffer) {}

  /** Forget everything cached about a tenant (this process). */
  invalidate(tenantId: string): void {
    this.profiles.delete(tenantId);
    this.settingsCache.delete(tenantId);
    const mine = (k: string) => k.startsWith(`${tenantId}|`);
    this.credentialsCache.deleteWhere(mine);
    this.owners.deleteWhere(mine);
  }

  async create(input: { slug: string; name: string; timezone?: string; locale?: string; currency?: string; helpText?: string | null }): Promise<TenantRow> {
    try {
      return await this.db.tenant.create({ data: input, select: tenantSelect });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
        throw new AppError("conflict", `a tenant with slug "${input.slug}" already exists`);
      }
      throw err;
    }
  }

  /** The tenant's profile (cached, see TENANT_CACHE). */
  async get(tenantId: string): Promise<TenantRow> {
    const row = await this.profiles.getOrLoad(tenantId, async () => {
      const found = await this.db.tenant.findUnique({ where: { id: tenantId }, select: tenantSelect });
      if (!found) throw new NotFoundError("tenant");
      return found;
    });
    return { ...row };
  }

  /** Per-tenant settings (JSON), e.g. the approved WhatsApp re-engagement template (cached, see TENANT_CACHE). */
  async settings(tenantId: string): Promise<TenantSettings> {
    const settings = await this.settingsCache.getOrLoad(tenantId, () => this.loadSettings(tenantId));
    return structuredClone(settings);
  }

  private async loadSettings(tenantId: string): Promise<TenantSettings> {
    const row = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
    if (!row) throw new NotFoundError("tenant");
    return (row.settings ?? {}) as TenantSettings;
  }

  async updateSettings(tenantId: string, patch: Partial<TenantSettings>): Promise<TenantSettings> {
    this.settingsCache.delete(tenantId);
    const current = await this.loadSettings(tenantId);
    const next = { ...current, ...patch };
    await this.db.tenant.update({ where: { id: tenantId }, data: { settings: next as Prisma.InputJsonValue } });
    this.settingsCache.delete(tenantId);
    return next;
  }

  findBySlug(slug: string): Promise<TenantRow | null> {
    return this.db.tenant.findUnique({ where: { slug }, select: tenantSelect });
  }

  /** Register (or replace the credentials of) a channel account the tenant receives on. */
  async upsertChannelAccount(
    tenantId: string,
    input: { channel: Channel; externalId: string; displayName?: string | null; credentials?: Record<string, string> },
  ): Promise<ChannelAccountRow> {
    const credentialsEnc = input.credentials
      ? new Uint8Array(encrypt(this.credentialsKey, JSON.stringify(input.credentials), credentialsAad(tenantId, input.channel, input.externalId)))
      : null;
    const data = { displayName: input.displayName ?? null, credentialsEnc, active: true };
    const key = { channel: input.channel, externalId: input.externalId };
    // Create, or update only if it is this tenant's: two tenants racing for one identity
    // cannot move it from one to the other.
    const row = await this.db.channelAccount
      .create({ data: { tenantId, ...key, ...data }, select: accountSelect })
      .catch(async (err: unknown) => {
        if (!isUniqueViolation(err)) throw err;
        const updated = await this.db.channelAccount.updateMany({ where: { ...key, tenantId }, data });
        if (updated.count === 0) throw new AppError("conflict", `this ${input.channel} identity is registered to another tenant`);
        return this.db.channelAccount.findUniqueOrThrow({ where: { channel_externalId: key }, select: accountSelect });
      });
    return toAccountRow(row);
  }

  async listChannelAccounts(tenantId: string): Promise<ChannelAccountRow[]> {
    const rows = await this.db.channelAccount.findMany({ where: { tenantId }, select: accountSelect, orderBy: { createdAt: "asc" } });
    return rows.map(toAccountRow);
  }

  /** The account receiving on (channel, externalId): how ingress resolves the tenant. */
  async findAccount(channel: Channel, externalId: string): Promise<ChannelAccountRow | null> {
    const row = await this.db.channelAccount.findUnique({
      where: { channel_externalId: { channel, externalId } },
      select: accountSelect,
    });
    return row && row.active ? toAccountRow(row) : null;
  }

  /** The tenant's active account on a channel (the first registered), if any. */
  async accountFor(tenantId: string, channel: Channel): Promise<ChannelAccountRow | null> {
    const row = await this.db.channelAccount.findFirst({
      where: { tenantId, channel, active: true },
      select: accountSelect,
      orderBy: { createdAt: "asc" },
    });
    return row ? toAccountRow(row) : null;
  }

  /** Decrypted credentials of one of the tenant's accounts. Never log the result. */
  async credentials(tenantId: string, accountId: string): Promise<{ account: ChannelAccountRow; credentials: Record<string, string> }> {
    const hit = await this.credentialsCache.getOrLoad(`${tenantId}|${accountId}`, () => this.loadCredentials(tenantId, accountId));
    return { account: { ...hit.account }, credentials: { ...hit.credentials } };
  }

  private async loadCredentials(tenantId: string, accountId: string): Promise<{ account: ChannelAccountRow; credentials: Record<string, string> }> {
    const row = await this.db.channelAccount.findFirst({ where: { id: accountId, tenantId }, select: accountSelect });
    if (!row) throw new NotFoundError("channel account");
    const credentials = row.credentialsEnc
      ? (JSON.parse(decrypt(this.credentialsKey, row.credentialsEnc, credentialsAad(tenantId, row.channel, row.externalId))) as Record<string, string>)
      : {};
    return { account: toAccountRow(row), credentials };
  }

  async addOwner(tenantId: string, input: { channel: Channel; address: string; displayName?: string | null }) {
    this.owners.delete(`${tenantId}|${input.channel}|${input.address}`);
    try {
      return await this.db.ownerIdentity.upsert({
      where: { tenantId_channel_address: { tenantId, channel: input.channel, address: input.address } },
      create: { tenantId, channel: input.channel, address: input.address, displayName: input.displayName ?? null },
      update: { displayName: input.displayName ?? null },
      select: { id: true, channel: true, address: true, displayName: true, createdAt: true },
      });
    } finally {
      this.owners.delete(`${tenantId}|${input.channel}|${input.address}`);
    }
  }

  listOwners(tenantId: string) {
    return this.db.ownerIdentity.findMany({
      where: { tenantId },
      select: { id: true, channel: true, address: true, displayName: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    });
  }

  /** Whether (channel, address) is a registered owner of the tenant (cached, see TENANT_CACHE). */
  isOwner(tenantId: string, channel: Channel, address: string): Promise<boolean> {
    return this.owners.getOrLoad(`${tenantId}|${channel}|${address}`, async () => {
      const row = await this.db.ownerIdentity.findUnique({
        where: { tenantId_channel_address: { tenantId, channel, address } },
        select: { id: true },
      });
      return row !== null;
    });
  }
}
