// Dependencies point inward (ARCHITECTURE.md): this reads every source file and checks
// what each top-level folder imports. Tests and test helpers are exempt.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** folder → the top-level folders it may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  core: ["prisma"],
  channels: ["core"],
  knowledge: ["core"],
  tools: ["core", "knowledge"],
  agent: ["core", "knowledge", "tools"],
  api: ["core", "channels", "knowledge", "tools", "agent", "prisma"],
};
/** Infrastructure packages a folder must not reach for directly. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  channels: /^(@prisma\/|prisma$|bullmq$|ioredis$|pg$|@langchain\/|express$|@qdrant\/)/,
  knowledge: /^(bullmq$|ioredis$|express$|@langchain\/langgraph)/,
  tools: /^(@prisma\/|prisma$|bullmq$|ioredis$|pg$|express$)/,
  agent: /^(@prisma\/|prisma$|bullmq$|ioredis$|express$)/,
};
/** channels may use only core/errors from the kernel. */
const CHANNELS_CORE = new Set(["core/errors.js"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "testing" ? [] : sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g),
    ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specs.map((m) => m[1] ?? "");
}

function violations(folder: string): string[] {
  const out: string[] = [];
  for (const file of sources(join(ROOT, folder))) {
    for (const spec of importsOf(file)) {
      const where = relative(ROOT, file);
      if (spec.startsWith("node:")) continue;
      if (!spec.startsWith(".")) {
        if (FORBIDDEN_PACKAGES[folder]?.test(spec)) out.push(`${where} → package ${spec}`);
        continue;
      }
      const target = relative(ROOT, resolve(dirname(file), spec));
      const top = target.split(/[\\/]/)[0]!;
      if (top === folder) continue;
      if (folder === "channels" && top === "core" && !CHANNELS_CORE.has(target)) out.push(`${where} → ${target}`);
      else if (!ALLOWED[folder]!.includes(top)) out.push(`${where} → ${target}`);
    }
  }
  return out;
}

describe("import boundaries", () => {
  for (const folder of Object.keys(ALLOWED)) {
    it(`${folder}/ imports only what it may`, () => {
      expect(sources(join(ROOT, folder)).length).toBeGreaterThan(0);
      expect(violations(folder)).toEqual([]);
    });
  }
});
