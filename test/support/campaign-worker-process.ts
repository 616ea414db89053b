// A worker process for campaign crash tests and the campaign bench: the production
// container and all its workers, campaign settings from CAMPAIGN_SETTINGS (JSON). Prints
// "ready" once its workers run; a test or bench kills it with SIGKILL mid-run.
import { loadConfig } from "../../core/config.js";
import { createContainer } from "../../api/container.js";
import { createLogger } from "../../core/logger.js";

const config = loadConfig();
const c = await createContainer(config, {
  logger: createLogger((process.env.WORKER_LOG_LEVEL as "silent" | undefined) ?? "silent"),
  dbPoolSize: Number(process.env.DB_POOL ?? 10),
  workers: { lockDuration: 2000, stalledInterval: 1000 },
  campaigns: JSON.parse(process.env.CAMPAIGN_SETTINGS ?? "{}"),
});
c.startWorkers();
process.on("SIGTERM", async () => {
  await c.close();
  process.exit(0);
});
process.stdout.write("ready\n");
