// Optional CPU profiling of chosen phases (`npm run bench -- --profile`), in-process through
// the inspector: each phase's .cpuprofile is written to the OS temp folder (open it in
// Chrome DevTools) and summarized as self time per package or project file.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  phase: string;
  file: string;
  /** Share of sampled time (idle included) per package / project folder, largest first. */
  top: Array<{ where: string; percent: number }>;
}

export interface Profiler {
  readonly enabled: boolean;
  readonly summaries: ProfileSummary[];
  run<T>(phase: string, fn: () => Promise<T>): Promise<T>;
}

/** node_modules/<pkg>, a project folder, a node: module, or V8's own bucket ("(garbage collector)", "wasm"...). */
function bucket(f: ProfileNode["callFrame"]): string {
  const url = f.url;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split("/");
    return `npm:${parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.startsWith("wasm://")) return "wasm (Prisma query compiler)";
  if (url.startsWith("node:")) return url.startsWith("node:internal/crypto") ? "node:crypto" : "node: (runtime)";
  if (url.startsWith("file://")) {
    const rel = url.replace(/^file:\/\/.*?\/(agent|api|bench|channels|core|knowledge|tools|test|prisma)\//, "$1/");
    return rel.split("/").slice(0, 2).join("/");
  }
  return f.functionName.startsWith("(") ? f.functionName : `native: ${f.functionName || "(anonymous)"}`;
}

export function summarizeProfile(phase: string, file: string, p: CpuProfile, limit = 12): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!);
    const dt = p.timeDeltas[i] ?? 0;
    if (!node) continue;
    total += dt;
    const key = bucket(node.callFrame);
    time.set(key, (time.get(key) ?? 0) + dt);
  }
  const top = [...time]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, t]) => ({ where, percent: total ? (t / total) * 100 : 0 }));
  return { phase, file, top };
}

export function createProfiler(enabled: boolean): Profiler {
  const summaries: ProfileSummary[] = [];
  return {
    enabled,
    summaries,
    async run(phase, fn) {
      if (!enabled) return fn();
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      try {
        return await fn();
      } finally {
        const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
        session.disconnect();
        const file = join(tmpdir(), `growai-bench-${phase.replace(/[^a-z0-9]+/gi, "-")}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        summaries.push(summarizeProfile(phase, file, profile));
      }
    },
  };
}
