// The ingress ceiling: a bare node:http server that reads the whole body and answers 200
// with the same small JSON the webhook route sends. Nothing else.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const ANSWER = Buffer.from(JSON.stringify({ received: true }));

export async function startBareServer(): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.on("data", () => undefined);
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": ANSWER.length });
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 65_000;
  const host = "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    host,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
