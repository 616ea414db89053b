// A worker process for crash and shutdown tests: the production container, whose agent
// announces each turn on stdout and waits TURN_DELAY_MS before the real turn, so a test
// can stop the process mid-turn.
import { loadConfig } from "../../core/config.js";
import { createContainer } from "../../api/container.js";
import { createLogger } from "../../core/logger.js";

const config = loadConfig();
const delayMs = Number(process.env.TURN_DELAY_MS ?? 10_000);
const c = await createContainer(config, {
  logger: createLogger("silent"),
  lockTtlMs: 1500,
  workers: { lockDuration: 2000, stalledInterval: 1000 },
});
const real = c.pipeline.agent;
c.pipeline.agent = {
  async runTurn(input, signal) {
    process.stdout.write(`turn-started ${input.conversationId}\n`);
    await new Promise((r) => setTimeout(r, delayMs));
    return real.runTurn(input, signal);
  },
};
c.startWorkers();
// the same drain as api/main.ts: active jobs finish, nothing new is taken
process.on("SIGTERM", async () => {
  process.stdout.write("draining\n");
  await c.close();
  process.stdout.write("closed\n");
  process.exit(0);
});
process.stdout.write("ready\n");
