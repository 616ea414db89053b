// A small in-process TTL cache with a bounded size (least recently used evicted first).
// Used for hot, rarely changing reads (tenant profile, decrypted credentials, owner
// identities, webhook receiver → account). Staleness bounds are documented in core/README.md.

export class TtlCache<K, V> {
  private readonly map = new Map<K, { value: V; until: number }>();

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The cached value, or undefined when absent or expired. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    // refresh recency: Map iterates in insertion order, the first key is the least recent
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    this.map.delete(key);
    this.map.set(key, { value, until: Date.now() + ttlMs });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.gen++;
    this.loading.delete(key);
    this.map.delete(key);
  }

  /** Drop every entry whose key matches (e.g. everything of one tenant). */
  deleteWhere(match: (key: K) => boolean): void {
    this.gen++;
    for (const key of [...this.loading.keys()]) if (match(key)) this.loading.delete(key);
    for (const key of [...this.map.keys()]) if (match(key)) this.map.delete(key);
  }

  clear(): void {
    this.gen++;
    this.loading.clear();
    this.map.clear();
  }

  /** Cached value, else `load()` (concurrent misses of one key share one load). */
  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    let p = this.loading.get(key);
    if (!p) {
      const gen = this.gen;
      const settle = () => {
        if (this.loading.get(key) === p) this.loading.delete(key);
      };
      p = load().then(
        (v) => {
          settle();
          // an invalidation while loading: the value may predate it, so it is not kept
          if (gen === this.gen) this.set(key, v);
          return v;
        },
        (err: unknown) => {
          settle();
          throw err;
        },
      );
      this.loading.set(key, p);
    }
    return p;
  }

  private readonly loading = new Map<K, Promise<V>>();
  /** Bumped by every invalidation. */
  private gen = 0;
}
