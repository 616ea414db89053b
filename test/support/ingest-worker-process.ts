// A worker process for the ingestion crash test: the production container with a pause
// after each written entry (INGEST_THROTTLE_MS), so a test can SIGKILL it mid-document.
import { loadConfig } from "../../core/config.js";
import { createContainer } from "../../api/container.js";
import { createLogger } from "../../core/logger.js";

const c = await createContainer(loadConfig(), {
  logger: createLogger("silent"),
  workers: { lockDuration: 2000, stalledInterval: 1000 },
  ingest: { throttleMs: Number(process.env.INGEST_THROTTLE_MS ?? 50), progressEveryMs: 0 },
});
c.startWorkers();
process.stdout.write("ready\n");
