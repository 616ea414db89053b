// The web chat's delivery path: replies are appended to a Redis stream per chat session
// (kept for a day, last 200 entries) and announced on a pub/sub channel so the API
// process answering the browser's long poll wakes at once. One subscriber connection
// serves every waiting request of a process.
import type { WebDelivery, WebReply } from "../../channels/web/adapter.js";
import type { Redis } from "../../core/redis.js";

export class WebMailbox implements WebDelivery {
  private readonly waiters = new Map<string, Set<() => void>>();
  private subscribed = false;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis | null,
    private readonly prefix: string,
  ) {}

  private key(receiver: string, sessionId: string): string {
    return `${this.prefix}:web:${receiver}:${sessionId}`;
  }

  /** Append a reply; returns its stream id (the message's provider id). */
  async publish(receiver: string, sessionId: string, reply: Omit<WebReply, "id" | "at">): Promise<string> {
    const key = this.key(receiver, sessionId);
    const body = JSON.stringify({ text: reply.text, buttons: reply.buttons ?? [], at: new Date().toISOString() });
    const id = await this.redis.xadd(key, "MAXLEN", "~", "200", "*", "m", body);
    await this.redis.pexpire(key, 24 * 3600_000);
    await this.redis.publish(`${this.prefix}:web-notify`, key);
    return String(id);
  }

  /** Replies after `cursor` ("0" for all), waiting up to `waitMs` for one to arrive. */
  async read(receiver: string, sessionId: string, cursor: string, waitMs: number): Promise<WebReply[]> {
    const key = this.key(receiver, sessionId);
    const now = await this.range(key, cursor);
    if (now.length || waitMs <= 0 || !this.subscriber) return now;
    await this.ensureSubscribed();
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(key) ?? new Set();
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      set.add(done);
      this.waiters.set(key, set);
    });
    return this.range(key, cursor);
  }

  private async range(key: string, cursor: string): Promise<WebReply[]> {
    const start = cursor === "0" ? "-" : `(${cursor}`;
    const rows = await this.redis.xrange(key, start, "+", "COUNT", 100);
    return rows.map(([id, fields]) => {
      const body = JSON.parse(fields[1] ?? "{}") as Omit<WebReply, "id">;
      return { id, ...body };
    });
  }

  private async ensureSubscribed(): Promise<void> {
    if (this.subscribed || !this.subscriber) return;
    this.subscribed = true;
    this.subscriber.on("message", (_channel: string, key: string) => {
      for (const wake of [...(this.waiters.get(key) ?? [])]) wake();
    });
    await this.subscriber.subscribe(`${this.prefix}:web-notify`);
  }

  /** Wake every waiting request (shutdown). */
  wakeAll(): void {
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
  }
}
