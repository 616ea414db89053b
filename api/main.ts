// The GrowAI server: HTTP (webhooks, admin API, web chat) and, unless RUN_WORKERS=false,
// the pipeline workers in the same process. SIGTERM/SIGINT drain gracefully: stop taking
// requests, let active jobs finish, close connections.
import type { Server } from "node:http";
import { ConfigError, loadConfig } from "../core/config.js";
import { createLogger } from "../core/logger.js";
import { DEMO_TENANT } from "../knowledge/demo/salon.js";
import { createContainer } from "./container.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const c = await createContainer(config, { logger, defaultMetrics: true, homeRedirect: `/chat/${DEMO_TENANT.slug}` });
  const workers = config.RUN_WORKERS ? c.startWorkers() : null;
  const server: Server = c.app.listen(config.PORT, () => {
    const tiers = ["local", ...(config.OPENAI_API_KEY || config.GOOGLE_API_KEY ? ["fast", "smart"] : [])];
    logger.info({ port: config.PORT, workers: Boolean(workers), tiers }, `GrowAI listening on http://127.0.0.1:${config.PORT}`);
  });
  server.keepAliveTimeout = 65_000;
  server.on("upgrade", (req, socket, head) => {
    if (!c.voice.handleUpgrade(req, socket, head)) socket.destroy(); // ConversationRelay (api/voice/relay.ts)
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining");
    const force = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await c.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error("GrowAI failed to start:", err);
  process.exit(1);
});
