// The plumbing every fake provider server shares: read a body, listen on loopback, poll
// for captured requests, close (timers and keep-alive connections included).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export interface FakeServer {
  baseUrl: string;
  /** Timers to clear at close (scripted response delays). */
  timers: Set<NodeJS.Timeout>;
  /** Resolves after `ms`, unless the server closes first. */
  sleep(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Serve `handle` on 127.0.0.1 and a free port; an exception answers 500, never a hang. */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<FakeServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    timers,
    sleep: (ms) => new Promise<void>((r) => timers.add(setTimeout(r, ms))),
    close() {
      for (const t of timers) clearTimeout(t);
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Resolves with `items()` once it has at least `n` entries; rejects after `timeoutMs`. */
export async function waitForCount<T>(items: () => T[], n: number, timeoutMs: number, what: string, noun: string): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  while (items().length < n) {
    if (Date.now() > deadline) throw new Error(`${what}: expected ${n} ${noun}, saw ${items().length} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return items();
}

/** What a fake answers; recorded on the captured request before it is written. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Record the answer on the capture, then write it as JSON (unless the client already gave up). */
export function answerJson(res: ServerResponse, captured: { status: number; response: unknown }, answer: Answer, contentType = "application/json"): void {
  captured.status = answer.status;
  captured.response = answer.body;
  if (res.destroyed) return;
  res.writeHead(answer.status, { "content-type": contentType, ...answer.headers });
  res.end(JSON.stringify(answer.body));
}
