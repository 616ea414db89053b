// A worker process for the booking race: the production container (its calendar service,
// its own PostgreSQL pool and Redis), told which leads try to book which slot. It prints
// "ready", waits for "go" on stdin so both processes fire at once, books every lead in
// parallel, prints "result <json>" and exits.
import { createInterface } from "node:readline";
import { createContainer } from "../../api/container.js";
import { loadConfig } from "../../core/config.js";
import { createLogger } from "../../core/logger.js";

interface RaceJob {
  tenantId: string;
  service: string;
  start: string;
  leads: Array<{ conversationId: string; contactId: string }>;
}

const job = JSON.parse(process.env.RACE_JOB ?? "{}") as RaceJob;
const c = await createContainer(loadConfig(), {
  logger: createLogger("silent"),
  dbPoolSize: 12,
  agent: { runTurn: () => Promise.reject(new Error("this process takes no turns")) },
});
process.stdout.write("ready\n");
const rl = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => rl.on("line", (l) => l.trim() === "go" && resolve()));
const results = await Promise.all(
  job.leads.map(async (l) => {
    try {
      const r = await c.calendar.service.book(
        { tenantId: job.tenantId, role: "lead", conversationId: l.conversationId, contactId: l.contactId },
        { service: job.service, start: job.start },
      );
      return r.ok ? { ok: true, bookingId: "booking" in r ? r.booking.id : null, status: "booking" in r ? r.booking.status : null } : { ok: false, reason: r.reason };
    } catch (err) {
      return { ok: false, crash: String(err) };
    }
  }),
);
process.stdout.write(`result ${JSON.stringify(results)}\n`);
rl.close();
await c.close();
process.exit(0);
