// A closed-loop HTTP/1.1 load generator over raw keep-alive sockets (node:net): each of
// `connections` sockets sends one request, reads the whole response, sends the next. The
// response parser knows just enough HTTP (status line, Content-Length or a chunked body
// ending) for the servers measured here. Latency = request written → response complete.
import { connect, type Socket } from "node:net";
import { summarize, type Summary } from "./stats.js";

export interface LoadOptions {
  host: string;
  port: number;
  connections: number;
  /** Responses completing in the warm-up are not measured (but are counted). */
  warmupMs: number;
  durationMs: number;
  /** Hard bound on requests issued, whatever the duration. */
  maxRequests: number;
  /** One complete HTTP/1.1 request (head and body). */
  request: () => Buffer;
  drainTimeoutMs?: number;
}

export interface LoadResult {
  /** Requests written. */
  sent: number;
  /** Responses received, by status code. */
  statuses: Record<string, number>;
  /** Sockets lost or responses not parsed. */
  errors: number;
  measured: { requests: number; seconds: number; rps: number; latencyMs: Summary };
  /** CPU the generator itself used over the whole run (to see whether it was the bottleneck). */
  generatorCpuPercent: number;
}

const HEAD_END = Buffer.from("\r\n\r\n");
const CHUNKED_END = Buffer.from("0\r\n\r\n");

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const measureFrom = t0 + o.warmupMs;
  const measureTo = measureFrom + o.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let open = 0;
  let reconnects = 0;
  const sockets = new Set<Socket>();

  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(drainTimer);
      for (const s of sockets) s.destroy();
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const seconds = o.durationMs / 1000;
      resolve({
        sent, statuses, errors,
        measured: { requests: latencies.length, seconds, rps: latencies.length / seconds, latencyMs: summarize(latencies) },
        generatorCpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      });
    };
    const drainTimer = setTimeout(finish, o.warmupMs + o.durationMs + (o.drainTimeoutMs ?? 10_000));
    const more = () => performance.now() < measureTo && sent < o.maxRequests;

    const start = () => {
      const socket = connect({ host: o.host, port: o.port, noDelay: true });
      sockets.add(socket);
      open++;
      let buf: Buffer = Buffer.alloc(0);
      let startedAt = 0;
      let inFlight = false;
      const next = () => {
        if (!more()) {
          socket.end();
          return;
        }
        sent++;
        inFlight = true;
        startedAt = performance.now();
        socket.write(o.request());
      };
      socket.on("connect", next);
      socket.on("data", (chunk: Buffer) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        for (;;) {
          const headEnd = buf.indexOf(HEAD_END);
          if (headEnd < 0) return;
          const head = buf.toString("latin1", 0, headEnd);
          const status = head.slice(9, 12);
          const length = /\r\ncontent-length: *(\d+)/i.exec(head);
          let total: number;
          if (length) total = headEnd + 4 + Number(length[1]);
          else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
            const end = buf.indexOf(CHUNKED_END, headEnd + 4);
            if (end < 0) return;
            total = end + CHUNKED_END.length;
          } else total = headEnd + 4;
          if (buf.length < total) return;
          buf = buf.subarray(total);
          const now = performance.now();
          inFlight = false;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (now >= measureFrom && now <= measureTo) latencies.push(now - startedAt);
          next();
        }
      });
      socket.on("error", () => undefined);
      socket.on("close", () => {
        sockets.delete(socket);
        open--;
        if (inFlight) errors++;
        // a server that closed a connection it should have kept: replace it, a bounded number of times
        if (inFlight && more() && reconnects++ < 1000) start();
        else if (open === 0) finish();
      });
    };
    for (let i = 0; i < o.connections; i++) start();
  });
}

export function httpRequest(host: string, port: number, path: string, body: Buffer, headers: Record<string, string>): Buffer {
  let head = `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\nContent-Length: ${body.length}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), body]);
}
