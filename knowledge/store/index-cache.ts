// Per-tenant cache of built indexes. An index is reused without asking PostgreSQL for
// `ttlMs` after its last version check; after that one cheap query (entry count and
// max(updatedAt) for the tenant) decides whether to keep it or rebuild. So a change made
// by another process is seen within ttlMs (plus the time of one query); a change made
// through this process invalidates at once. Loads are single-flight per tenant, and a
// load that started before an invalidation never installs its (stale) result.
export interface Loaded<T> {
  version: string;
  value: T;
}

interface Slot<T> {
  version: string;
  value: T;
  checkedAt: number;
}

export class IndexCache<T> {
  private readonly slots = new Map<string, Slot<T>>();
  private readonly loading = new Map<string, { generation: number; promise: Promise<T> }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxTenants: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(tenantId: string, version: () => Promise<string>, load: () => Promise<Loaded<T>>): Promise<T> {
    const slot = this.slots.get(tenantId);
    if (slot) {
      if (this.now() - slot.checkedAt < this.ttlMs) return this.touch(tenantId, slot).value;
      const generation = this.generation(tenantId);
      const current = await version();
      if (current === slot.version && this.slots.get(tenantId) === slot && this.generation(tenantId) === generation) {
        slot.checkedAt = this.now();
        return slot.value;
      }
    }
    return this.reload(tenantId, load);
  }

  /** Forget a tenant's index (after a write through this process). */
  invalidate(tenantId: string): void {
    this.generations.set(tenantId, this.generation(tenantId) + 1);
    this.slots.delete(tenantId);
  }

  has(tenantId: string): boolean {
    return this.slots.has(tenantId);
  }

  private reload(tenantId: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const generation = this.generation(tenantId);
    const inflight = this.loading.get(tenantId);
    if (inflight && inflight.generation === generation) return inflight.promise;
    const promise = load()
      .then(({ version, value }) => {
        if (this.generation(tenantId) === generation) {
          this.slots.delete(tenantId);
          this.slots.set(tenantId, { version, value, checkedAt: this.now() });
          this.evict();
        }
        return value;
      })
      .finally(() => {
        if (this.loading.get(tenantId)?.promise === promise) this.loading.delete(tenantId);
      });
    this.loading.set(tenantId, { generation, promise });
    return promise;
  }

  private touch(tenantId: string, slot: Slot<T>): Slot<T> {
    // Map keeps insertion order: re-insert to mark as most recently used
    this.slots.delete(tenantId);
    this.slots.set(tenantId, slot);
    return slot;
  }

  private evict(): void {
    while (this.slots.size > this.maxTenants) {
      const oldest = this.slots.keys().next().value;
      if (oldest === undefined) return;
      this.slots.delete(oldest);
    }
  }

  private generation(tenantId: string): number {
    return this.generations.get(tenantId) ?? 0;
  }
}
