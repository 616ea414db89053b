// An in-memory ContactDirectory for tests: tenant-partitioned, records every call so tests
// can prove it was (or was never) asked.
import type { ContactDirectory, ContactSummary } from "../owner/types.js";

export class MemoryContactDirectory implements ContactDirectory {
  private readonly contacts = new Map<string, ContactSummary[]>();
  readonly calls: Array<{ tenantId: string; limit: number; query?: string }> = [];

  add(tenantId: string, c: ContactSummary): this {
    this.contacts.set(tenantId, [...(this.contacts.get(tenantId) ?? []), c]);
    return this;
  }

  async listContacts(tenantId: string, opts: { limit: number; query?: string }): Promise<ContactSummary[]> {
    if (!tenantId) throw new Error("tenantId required");
    this.calls.push({ tenantId, ...opts });
    const q = opts.query?.toLowerCase();
    return (this.contacts.get(tenantId) ?? [])
      .filter((c) => !q || (c.name ?? "").toLowerCase().includes(q))
      .sort((a, b) => (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0))
      .slice(0, opts.limit);
  }
}
