// A worker process for crash tests: the same container as production, with an agent that
// announces each turn on stdout and then takes TURN_DELAY_MS before answering, so the
// test can kill the process mid-turn.
import { loadConfig } from "../../core/config.js";
import { createContainer } from "../../api/container.js";
import type { Agent } from "../../agent/types.js";
import { createLogger } from "../../core/logger.js";

const config = loadConfig();
const delayMs = Number(process.env.TURN_DELAY_MS ?? 10_000);
let inner: Agent | null = null;
const slow: Agent = {
  async runTurn(input, signal) {
    process.stdout.write(`turn-started ${input.conversationId}\n`);
    await new Promise((r) => setTimeout(r, delayMs));
    return inner!.runTurn(input, signal);
  },
};
const c = await createContainer(config, {
  logger: createLogger("silent"),
  agent: slow,
  lockTtlMs: 1500,
  workers: { lockDuration: 2000, stalledInterval: 1000 },
});
inner = slow;
c.startWorkers();
process.stdout.write("ready\n");
