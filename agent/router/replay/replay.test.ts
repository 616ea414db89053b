// Integrity of the router's replay set: schema, label consistency, documented mix, and the
// README's distribution tables (so they cannot drift from the data).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  BUSINESSES, CHANNELS, LANGS, LEAD_INTENTS, LEAD_ONLY_TOOLS, NO_TOOL_INTENTS, OWNER_INTENTS,
  OWNER_ONLY_TOOLS, REPLAY, ROLE_CHANNELS, ROLES, STATES, TAGS, TIERS, TOOL_EXCEPTIONS, TOOLS, TOOLS_BY_INTENT,
  type ReplayCase,
} from "./index.js";
import { DISTRIBUTION_END, DISTRIBUTION_START, distributionMarkdown } from "./stats.js";

const share = (pred: (c: ReplayCase) => boolean): number => REPLAY.filter(pred).length / REPLAY.length;
const bad = (pred: (c: ReplayCase) => boolean): string[] => REPLAY.filter(pred).map((c) => c.id);

describe("replay set: schema", () => {
  it("has at least 300 cases with unique, well-formed ids", () => {
    expect(REPLAY.length).toBeGreaterThanOrEqual(300);
    const ids = REPLAY.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bad((c) => !/^(lead|owner|caller|ml)-\d{3}$/.test(c.id))).toEqual([]);
    // the prefix names the file: lead-/owner-/caller- are English cases of that role, ml- are not English
    expect(bad((c) => c.id.startsWith("ml-") ? c.lang === "en" : !(c.id.startsWith(`${c.role}-`) && c.lang === "en"))).toEqual([]);
  });

  it("uses only values of each enum", () => {
    const inSet = <T extends string>(xs: readonly T[], v: string): boolean => (xs as readonly string[]).includes(v);
    expect(bad((c) => !inSet(ROLES, c.role))).toEqual([]);
    expect(bad((c) => !inSet(CHANNELS, c.channel))).toEqual([]);
    expect(bad((c) => !inSet(LANGS, c.lang))).toEqual([]);
    expect(bad((c) => !inSet(TIERS, c.minTier))).toEqual([]);
    expect(bad((c) => !inSet(TOOLS, c.tool))).toEqual([]);
    expect(bad((c) => !inSet(BUSINESSES, c.business))).toEqual([]);
    expect(bad((c) => !!c.context?.state && !inSet(STATES, c.context.state))).toEqual([]);
    expect(bad((c) => (c.tags ?? []).some((t) => !inSet(TAGS, t)))).toEqual([]);
    expect(bad((c) => new Set(c.tags ?? []).size !== (c.tags ?? []).length)).toEqual([]);
  });

  it("labels each role with its own intents and channels", () => {
    expect(bad((c) => c.role === "owner" && !(OWNER_INTENTS as readonly string[]).includes(c.intent))).toEqual([]);
    expect(bad((c) => c.role !== "owner" && !(LEAD_INTENTS as readonly string[]).includes(c.intent))).toEqual([]);
    expect(bad((c) => !ROLE_CHANNELS[c.role].includes(c.channel))).toEqual([]);
  });

  it("has a message, and a reason for every fast or smart label", () => {
    expect(bad((c) => c.text.trim().length === 0)).toEqual([]);
    expect(bad((c) => c.minTier !== "local" && (c.why ?? "").trim().length < 10)).toEqual([]);
    expect(bad((c) => c.why !== undefined && c.why.trim().length === 0)).toEqual([]);
  });

  it("keeps entities well-formed", () => {
    expect(bad((c) => Object.values(c.entities ?? {}).some((v) => typeof v === "string" && v.trim() === ""))).toEqual([]);
    expect(bad((c) => !!c.entities?.money && !(c.entities.money.amount > 0 && /^[A-Z]{3}$/.test(c.entities.money.currency)))).toEqual([]);
    expect(bad((c) => c.entities?.choice !== undefined && !(Number.isInteger(c.entities.choice) && c.entities.choice >= 1))).toEqual([]);
    expect(bad((c) => c.entities?.people !== undefined && !(Number.isInteger(c.entities.people) && c.entities.people >= 1))).toEqual([]);
    expect(bad((c) => c.intent === "confirm" && !c.entities?.yesno)).toEqual([]);
  });

  it("gives context turns to messages that only make sense with them", () => {
    const hasBotTurn = (c: ReplayCase): boolean => (c.context?.previous ?? []).some((t) => t.from === "assistant" && t.text.trim() !== "");
    expect(bad((c) => (c.intent === "slot_answer" || c.intent === "confirm") && !hasBotTurn(c))).toEqual([]);
    expect(bad((c) => c.context?.state === "awaiting_approval" && c.role !== "owner")).toEqual([]);
    expect(bad((c) => c.context?.state === "mid_booking" && c.role === "owner")).toEqual([]);
    expect(bad((c) => (c.context?.previous ?? []).some((t) => t.text.trim() === ""))).toEqual([]);
  });
});

describe("replay set: tools", () => {
  it("names a fitting first tool wherever the intent needs one", () => {
    const needsTool = (c: ReplayCase): boolean => c.intent in TOOLS_BY_INTENT && !(c.intent === "confirm" && c.entities?.yesno === "no");
    expect(bad((c) => needsTool(c) && (c.tool === "none" || !(TOOLS_BY_INTENT[c.intent] ?? []).includes(c.tool)))
      .filter((id) => !(id in TOOL_EXCEPTIONS))).toEqual([]);
    // each exception exists and really is one
    for (const id of Object.keys(TOOL_EXCEPTIONS)) {
      const c = REPLAY.find((x) => x.id === id);
      expect(c, id).toBeDefined();
      if (c) expect((TOOLS_BY_INTENT[c.intent] ?? []).includes(c.tool), id).toBe(false);
    }
    expect(bad((c) => c.intent === "confirm" && c.entities?.yesno === "no" && c.tool !== "none")).toEqual([]);
  });

  it("calls no tool for intents answered by a template or the pipeline", () => {
    expect(bad((c) => NO_TOOL_INTENTS.has(c.intent) && c.tool !== "none")).toEqual([]);
  });

  it("never gives a lead or caller an owner's tool, nor an owner a lead's", () => {
    expect(bad((c) => c.role !== "owner" && OWNER_ONLY_TOOLS.has(c.tool))).toEqual([]);
    expect(bad((c) => c.role === "owner" && LEAD_ONLY_TOOLS.has(c.tool))).toEqual([]);
  });
});

describe("replay set: the documented mix", () => {
  it("meets the audience, language and business mix of README.md", () => {
    expect(share((c) => c.role === "lead")).toBeGreaterThanOrEqual(0.55);
    expect(share((c) => c.role === "owner")).toBeGreaterThanOrEqual(0.2);
    expect(share((c) => c.role === "caller")).toBeGreaterThanOrEqual(0.12);
    expect(share((c) => c.lang !== "en")).toBeGreaterThanOrEqual(0.12);
    expect(new Set(REPLAY.filter((c) => c.lang !== "en").map((c) => c.lang)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(REPLAY.map((c) => c.business)).size).toBeGreaterThanOrEqual(8);
    expect(share((c) => c.business === "glow-studio")).toBeGreaterThanOrEqual(0.3);
    // every tier is used substantially (a bulk mislabelling would show here)
    for (const t of TIERS) expect(share((c) => c.minTier === t)).toBeGreaterThanOrEqual(0.05);
  });

  it("covers the cases the brief asks for", () => {
    const count = (pred: (c: ReplayCase) => boolean): number => REPLAY.filter(pred).length;
    expect(count((c) => c.intent === "opt_out")).toBeGreaterThanOrEqual(8);
    expect(count((c) => (c.tags ?? []).includes("injection"))).toBeGreaterThanOrEqual(5);
    expect(count((c) => (c.tags ?? []).includes("trap"))).toBeGreaterThanOrEqual(10);
    expect(count((c) => c.context?.state === "mid_booking")).toBeGreaterThanOrEqual(20);
    expect(count((c) => c.context?.state === "awaiting_approval")).toBeGreaterThanOrEqual(3);
    expect(count((c) => (c.context?.previous?.length ?? 0) > 0)).toBeGreaterThanOrEqual(30);
  });

  it("prints in README.md exactly the distribution of the data", () => {
    const readme = readFileSync(fileURLToPath(new URL("./README.md", import.meta.url)), "utf8");
    const start = readme.indexOf(DISTRIBUTION_START);
    const end = readme.indexOf(DISTRIBUTION_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const block = readme.slice(start + DISTRIBUTION_START.length, end).trim();
    // on a mismatch: npx tsx agent/router/replay/stats.ts, and paste its output over the block
    expect(block).toBe(distributionMarkdown(REPLAY));
  });
});
