// Posts signed webhooks from inside the benchmark process over keep-alive loopback
// connections and notes when each was acknowledged. Used by the pipeline benchmark, whose
// offered load is low enough (tens to hundreds of msg/s) to share the event loop.
import { Agent, request } from "node:http";
import type { SignedBody } from "./webhook-bodies.js";

export interface Ack {
  status: number;
  /** performance.now() when the whole response had arrived. */
  at: number;
}

export function poster(host: string, port: number, maxSockets = 256) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const post = (b: SignedBody): Promise<Ack> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host, port, agent, method: "POST", path: "/webhooks/whatsapp",
          headers: { "content-type": "application/json", "content-length": b.body.length, "x-hub-signature-256": b.signature },
        },
        (res) => {
          res.on("data", () => undefined);
          res.on("end", () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
          res.on("error", reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error("webhook POST timed out")));
      req.on("error", reject);
      req.end(b.body);
    });
  return { post, close: () => agent.destroy() };
}
