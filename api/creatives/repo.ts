// The only Prisma calls on Creative. Every query filters by tenantId except `byToken`, the
// public route's lookup: the unguessable token is the capability, and it returns only
// what the route serves (bytes, type, hash), never the tenant.
import type { Db } from "../../core/db.js";

export interface CreativeRow {
  id: string;
  tenantId: string;
  kind: "generated" | "rendered";
  provider: "openai" | "gemini" | "local";
  prompt: string | null;
  mimeType: string;
  width: number;
  height: number;
  sha256: string;
  token: string;
  createdAt: Date;
}

export interface NewCreative {
  kind: CreativeRow["kind"];
  provider: CreativeRow["provider"];
  prompt: string | null;
  mimeType: string;
  width: number;
  height: number;
  bytes: Buffer;
  sha256: string;
  token: string;
}

export interface ServedCreative {
  bytes: Buffer;
  mimeType: string;
  sha256: string;
}

const meta = { id: true, tenantId: true, kind: true, provider: true, prompt: true, mimeType: true, width: true, height: true, sha256: true, token: true, createdAt: true } as const;

export class CreativeRepo {
  constructor(private readonly db: Db) {}

  async create(tenantId: string, c: NewCreative): Promise<CreativeRow> {
    const row = await this.db.creative.create({
      data: { tenantId, ...c, bytes: c.bytes as Uint8Array<ArrayBuffer> },
      select: meta,
    });
    return row as CreativeRow;
  }

  /** A creative's metadata, only within its tenant. */
  async get(tenantId: string, id: string): Promise<CreativeRow | null> {
    const row = await this.db.creative.findFirst({ where: { tenantId, id }, select: meta });
    return row ? (row as CreativeRow) : null;
  }

  /** A creative's bytes, only within its tenant. */
  async bytes(tenantId: string, id: string): Promise<ServedCreative | null> {
    return this.db.creative.findFirst({ where: { tenantId, id }, select: { bytes: true, mimeType: true, sha256: true } }).then((r) => (r ? { ...r, bytes: Buffer.from(r.bytes) } : null));
  }

  /** The public route's lookup by token (unique index). */
  async byToken(token: string): Promise<ServedCreative | null> {
    const row = await this.db.creative.findUnique({ where: { token }, select: { bytes: true, mimeType: true, sha256: true } });
    return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
  }
}
