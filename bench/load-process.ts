// Runs the load generator (load-child.ts) in a child process and returns its result.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadOptions, LoadResult } from "./http-load.js";

export interface ChildLoadOptions extends Omit<LoadOptions, "request"> {
  path: string;
  phoneNumberId: string;
  appSecret: string;
}

export interface ChildLoadResult {
  result: LoadResult;
  /** Distinct webhook bodies (wamids) the generator built. */
  issued: number;
}

export function runLoadInChild(o: ChildLoadOptions): Promise<ChildLoadResult> {
  const child = fork(fileURLToPath(new URL("./load-child.ts", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const limitMs = o.warmupMs + o.durationMs + 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`load generator did not finish within ${limitMs} ms`));
    }, limitMs);
    child.once("message", (m) => {
      clearTimeout(timer);
      const msg = m as { ok: true; result: LoadResult; issued: number } | { ok: false; error: string };
      if (msg.ok) resolve({ result: msg.result, issued: msg.issued });
      else reject(new Error(`load generator failed: ${msg.error}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.send(o);
  });
}
