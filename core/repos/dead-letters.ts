// Jobs that exhausted their attempts, kept for operators to inspect and replay.
import type { Db } from "../db.js";
import { Prisma } from "../db.js";
import { NotFoundError } from "../errors.js";

export interface DeadLetterInput {
  tenantId: string | null;
  queue: string;
  jobName: string;
  jobId: string;
  data: unknown;
  error: string;
  attempts: number;
}

const select = { id: true, tenantId: true, queue: true, jobName: true, jobId: true, data: true, error: true, attempts: true, createdAt: true, replayedAt: true } as const;

export class DeadLetterRepo {
  constructor(private readonly db: Db) {}

  async record(d: DeadLetterInput): Promise<void> {
    const data = { ...d, data: d.data as Prisma.InputJsonValue, error: d.error.slice(0, 2000) };
    await this.db.deadLetter.upsert({
      where: { queue_jobId: { queue: d.queue, jobId: d.jobId } },
      create: data,
      update: { error: data.error, attempts: d.attempts, replayedAt: null },
    });
  }

  list(opts: { limit: number; tenantId?: string; includeReplayed?: boolean }) {
    return this.db.deadLetter.findMany({
      where: { ...(opts.tenantId ? { tenantId: opts.tenantId } : {}), ...(opts.includeReplayed ? {} : { replayedAt: null }) },
      select,
      orderBy: { createdAt: "desc" },
      take: opts.limit,
    });
  }

  async get(id: string) {
    const row = await this.db.deadLetter.findUnique({ where: { id }, select });
    if (!row) throw new NotFoundError("dead letter");
    return row;
  }

  /** Claim a dead letter for replay; false if it was already replayed (a double click). */
  async claimReplay(id: string): Promise<boolean> {
    const r = await this.db.deadLetter.updateMany({ where: { id, replayedAt: null }, data: { replayedAt: new Date() } });
    return r.count === 1;
  }
}
