// `npm run bench:router` — today's tier router (agent/route.ts) on the labelled replay set
// (agent/router/replay), with always-smart, always-fast, always-local and random routers as
// baselines in the same run: tier shares, under-/over-routing against each turn's minimal
// adequate tier, exact match, estimated cost against always-smart (bench/router-cost.ts),
// and the decision's latency (feature extraction + routeTier, as agent/graph.ts does it).
// No database, no network. Writes bench/results/router.md and router.json.
// Options (env): ROUTER_PASSES (timed passes, default 20), ROUTER_WARMUP (default 5),
// ROUTER_SEEDS (random-router seeds, default 20).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { defaultIntentClassifier } from "../agent/intent/classifier.js";
import { ownerIntentClassifier } from "../agent/intent/owner.js";
import { routeTier } from "../agent/route.js";
import { OWNER_INTENT_ROUTING, turnFeatures } from "../agent/router/features.js";
import { stateFeatures } from "../agent/router/state.js";
import { approvalDecision } from "../agent/approval-words.js";
import { REPLAY, TAGS, type ReplayCase } from "../agent/router/replay/index.js";
import { costAgainstSmart, percentile, routingRates, seededRandom, TIER_ORDER, underBy, type GroupRate, type RoutingRates } from "../agent/router/metrics.js";
import type { Role, TierName } from "../agent/types.js";
import { describeTokenModel, PRICE_SETS } from "./router-cost.js";
import { renderMarkdown, renderText, type Table } from "./table.js";

const PASSES = Number(process.env.ROUTER_PASSES ?? 20);
const WARMUP = Number(process.env.ROUTER_WARMUP ?? 5);
const SEEDS = Number(process.env.ROUTER_SEEDS ?? 20);

const AIMS = { smartShare: 0.12, under: 0.02, p99Ms: 5, costRatio: 0.1 };

type Llm = "fast" | "smart";
/** Both LLM tiers configured, every provider's circuit closed, the tenant's budget ok. */
const BOTH: ReadonlySet<Llm> = new Set<Llm>(["fast", "smart"]);

interface Decision {
  tier: TierName;
  reason: string;
  intent: string;
  confidence: number;
  words: number;
}

const classifier = defaultIntentClassifier();
const ownerClassifier = ownerIntentClassifier();

/** A caller is a lead on the phone: the agent's roles are lead and owner. */
const roleOf = (c: ReplayCase): Role => (c.role === "owner" ? "owner" : "lead");

/** The NLU context the state features read times in (the replay's businesses are written in one zone). */
const NLU = { timezone: "Europe/London", locale: "en-GB", currency: "GBP", now: new Date("2026-11-24T12:00:00Z") };

/**
 * The router's decision exactly as agent/graph.ts's route node makes it: `turnFeatures`
 * (agent/router/features.ts: base intent, word count, risk, asks, and for owners the owner
 * intent) on the pending text, the conversation state (agent/router/state.ts: the replay's
 * `context.state` stands for what the graph reads from the checkpointed messages), both LLM
 * tiers available, budget "ok", all providers healthy. An owner's plain yes/no to a pending
 * approval is decided before any routing (agent/approval-words.ts): no model, local.
 */
function decide(c: ReplayCase, ownerIntent = OWNER_INTENT_ROUTING, withState = true): Decision {
  const text = c.text.trim(); // pendingHumanText: the pending human message(s), trimmed
  const f = turnFeatures(text, roleOf(c), classifier, { ownerIntent, ownerClassifier });
  const s = withState ? c.context?.state : undefined;
  if (s === "awaiting_approval" && roleOf(c) === "owner" && approvalDecision(text)) {
    return { tier: "local", reason: "approval decided in words", intent: f.intent, confidence: f.confidence, words: f.words };
  }
  const state = s === "mid_booking" || s === "awaiting_approval" ? stateFeatures(text, s, NLU) : undefined;
  const d = routeTier({ ...f, available: BOTH, budget: "ok", health: BOTH, ...(state ? { state } : {}) });
  return { tier: d.tier, reason: d.reason, intent: f.intent, confidence: f.confidence, words: f.words };
}

interface RouterResult {
  name: string;
  rates: RoutingRates;
  /** Cost as a share of always-smart, per price set (PRICE_SETS order). */
  cost: number[];
  /** Estimated USD per 1,000 turns with the first price set. */
  usdPer1k: number;
  latency?: { p50: number; p99: number; max: number; n: number };
  note?: string;
}

function evaluate(name: string, decided: TierName[]): RouterResult {
  const rates = routingRates(decided.map((t, i) => ({ decided: t, minTier: REPLAY[i]!.minTier })));
  const cost = PRICE_SETS.map((p) => costAgainstSmart(decided, p.perTurn).ratio);
  const total = costAgainstSmart(decided, PRICE_SETS[0]!.perTurn).total;
  return { name, rates, cost, usdPer1k: (total / decided.length) * 1000 / 1e6 };
}

/** The mean of each metric over several random routers. */
function meanOf(name: string, runs: RouterResult[], note: string): RouterResult {
  const avg = (f: (r: RouterResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const rates: RoutingRates = {
    n: runs[0]!.rates.n,
    shares: { local: avg((r) => r.rates.shares.local), fast: avg((r) => r.rates.shares.fast), smart: avg((r) => r.rates.shares.smart) },
    under: avg((r) => r.rates.under),
    over: avg((r) => r.rates.over),
    exact: avg((r) => r.rates.exact),
    underCount: avg((r) => r.rates.underCount),
    overCount: avg((r) => r.rates.overCount),
  };
  return { name, rates, cost: PRICE_SETS.map((_, i) => avg((r) => r.cost[i]!)), usdPer1k: avg((r) => r.usdPer1k), note };
}

function timeDecisions(): { samples: number[]; decisions: Decision[]; ownerSamples: number[] } {
  let sink = 0;
  const samples: number[] = [];
  const ownerSamples: number[] = [];
  let decisions: Decision[] = [];
  for (let pass = 0; pass < WARMUP + PASSES; pass++) {
    const timed = pass >= WARMUP;
    const out: Decision[] = [];
    for (const c of REPLAY) {
      const t0 = performance.now();
      const d = decide(c);
      const t1 = performance.now();
      out.push(d);
      sink += d.words;
      if (timed) samples.push(t1 - t0);
      // owners' turns also run the owner intent step (agent/intent/owner.ts) inside the decision
      if (c.role === "owner" && timed) ownerSamples.push(t1 - t0);
    }
    decisions = out;
  }
  if (sink < 0) console.log(sink);
  return { samples, decisions, ownerSamples };
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "—");
const msf = (v: number) => (v >= 1 ? v.toFixed(2) : v.toFixed(3));

function main(): void {
  const started = new Date();
  const { samples, decisions, ownerSamples } = timeDecisions();
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  const ownerSorted = Array.from(Float64Array.from(ownerSamples).sort());
  const latency = { p50: percentile(arr, 50), p99: percentile(arr, 99), max: arr[arr.length - 1] ?? Number.NaN, n: arr.length };

  const today = { ...evaluate("today's router (agent/route.ts)", decisions.map((d) => d.tier)), latency };
  // the same router on the base features only (before risk, asks, owner intent), and with the
  // owner intent step on whatever OWNER_INTENT_ROUTING says (the other setting of the flag)
  const baseOnly = evaluate("base features only (intent, words: the router before)", REPLAY.map((c) => {
    const f = turnFeatures(c.text.trim(), roleOf(c), classifier, { ownerIntent: false, ownerClassifier });
    return routeTier({ role: f.role, intent: f.intent, confidence: f.confidence, words: f.words, available: BOTH, budget: "ok", health: BOTH }).tier;
  }));
  const flipped = evaluate(`owner intent step ${OWNER_INTENT_ROUTING ? "off" : "on (not wired yet)"}`, REPLAY.map((c) => decide(c, !OWNER_INTENT_ROUTING).tier));
  const stateless = evaluate("without conversation state (mid-booking, approvals in words)", REPLAY.map((c) => decide(c, OWNER_INTENT_ROUTING, false).tier));
  const constant = (t: TierName) => evaluate(`always-${t}`, REPLAY.map(() => t));
  const randomRuns: RouterResult[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rnd = seededRandom(seed);
    randomRuns.push(evaluate(`random seed ${seed}`, REPLAY.map(() => TIER_ORDER[Math.floor(rnd() * 3)]!)));
  }
  const random = meanOf(`random (uniform, mean of ${SEEDS} seeds)`, randomRuns, `seeds 1–${SEEDS}`);
  const oracle = { ...evaluate("labels (minTier), reference", REPLAY.map((c) => c.minTier)), note: "the cheapest adequate routing: a floor, not a router" };
  const routers: RouterResult[] = [today, stateless, flipped, baseOnly, constant("smart"), constant("fast"), constant("local"), random, oracle];

  const machine = { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version, os: `${os.type()} ${os.release()}` };
  const when = `${started.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const machineLine = `${machine.cores} × ${machine.cpu}, Node ${machine.node}, ${when}`;

  // ── tables ────────────────────────────────────────────────────────────────
  const main: Table = {
    title: `Routers on the replay (${REPLAY.length} turns) — ${machineLine}`,
    header: ["router", "local", "fast", "smart", "under-routed", "over-routed", "exact", ...PRICE_SETS.map((p) => `cost vs always-smart (${p.name})`), "$ / 1k turns", "decision p50 / p99 (ms)"],
    rows: routers.map((r) => [
      r.name, pct(r.rates.shares.local), pct(r.rates.shares.fast), pct(r.rates.shares.smart),
      `${pct(r.rates.under)} (${fmtCount(r.rates.underCount)})`, `${pct(r.rates.over)} (${fmtCount(r.rates.overCount)})`, pct(r.rates.exact),
      ...r.cost.map(pct), `$${r.usdPer1k.toFixed(3)}`,
      r.latency ? `${msf(r.latency.p50)} / ${msf(r.latency.p99)}` : "—",
    ]),
    notes: [
      `Decision = turnFeatures (agent/router/features.ts: intent classifier, word count, risk, asks; owner intent step for owners) + routeTier, as agent/graph.ts's route node does it (both LLM tiers, budget ok, all providers healthy; callers route as leads; conversation state from each turn's labelled context, as the graph reads it from the checkpoint; an owner's plain yes/no to a pending approval is decided before routing, no model). ` +
        `Latency over ${PASSES} passes × ${REPLAY.length} turns after ${WARMUP} warm-up passes (n = ${latency.n}, max ${msf(latency.max)} ms); ` +
        `owners' turns alone (with the owner intent step): p50 ${msf(percentile(ownerSorted, 50))} / p99 ${msf(percentile(ownerSorted, 99))} ms.`,
      describeTokenModel(),
      `Random: each turn uniform over local/fast/smart (mulberry32, seeds 1–${SEEDS}); figures are the mean over seeds.`,
    ],
  };

  const aimRows: [string, string, number, boolean][] = [
    ["smart share ≤ 12 %", pct(today.rates.shares.smart), today.rates.shares.smart, today.rates.shares.smart <= AIMS.smartShare],
    ["under-routed ≤ 2 %", pct(today.rates.under), today.rates.under, today.rates.under <= AIMS.under],
    ["decision p99 ≤ 5 ms", `${msf(latency.p99)} ms`, latency.p99, latency.p99 <= AIMS.p99Ms],
    [`cost ≤ 10 % of always-smart (${PRICE_SETS[0]!.name})`, pct(today.cost[0]!), today.cost[0]!, today.cost[0]! <= AIMS.costRatio],
  ];
  const aims: Table = {
    title: "Aims (issue 5), today's router",
    header: ["aim", "measured", ""],
    rows: aimRows.map(([a, m, , ok]) => [a, m, ok ? "met" : "MISSED"]),
    notes: [
      `With ${PRICE_SETS[1]!.name} prices the cost is ${pct(today.cost[1]!)} of always-smart.`,
      `${flipped.name}: smart ${pct(flipped.rates.shares.smart)}, under-routed ${pct(flipped.rates.under)} (${fmtCount(flipped.rates.underCount)}), cost ${pct(flipped.cost[0]!)}.`,
      `For scale: routing every turn to exactly its labelled tier would be ${pct(oracle.rates.shares.smart)} smart and cost ${pct(oracle.cost[0]!)} ` +
        `(${PRICE_SETS[0]!.name}) / ${pct(oracle.cost[1]!)} (${PRICE_SETS[1]!.name}) of always-smart under this token model.`,
    ],
  };

  const routed = REPLAY.map((c, i) => ({ c, d: decisions[i]!, decided: decisions[i]!.tier, minTier: c.minTier }));
  const groupTable = (title: string, rows: GroupRate[]): Table => ({
    title,
    header: ["group", "turns", "under-routed", "rate"],
    rows: rows.map((g) => [g.key, String(g.n), String(g.under), pct(g.rate)]),
  });
  const byRole = underBy(routed, (r) => [r.c.role]);
  const byLang = underBy(routed, (r) => [r.c.lang]);
  const byTag = underBy(routed, (r) => r.c.tags ?? []).sort((a, b) => TAGS.indexOf(a.key as never) - TAGS.indexOf(b.key as never));
  const byMinTier = underBy(routed, (r) => [r.c.minTier]);
  const byIntentSeen = underBy(routed, (r) => [`${r.c.role === "owner" ? "owner" : "lead"}: ${r.d.intent}`]).sort((a, b) => b.under - a.under || a.key.localeCompare(b.key));
  const roleMix: Table = {
    title: "Tiers and over-routing by role (today's router)",
    header: ["role", "turns", "local", "fast", "smart", "under-routed", "over-routed", "cost vs always-smart"],
    rows: (["lead", "caller", "owner"] as const).map((role) => {
      const sub = routed.filter((r) => r.c.role === role);
      const r = routingRates(sub);
      return [role, String(r.n), pct(r.shares.local), pct(r.shares.fast), pct(r.shares.smart), pct(r.under), pct(r.over),
        pct(costAgainstSmart(sub.map((x) => x.decided), PRICE_SETS[0]!.perTurn).ratio)];
    }),
  };
  const breakdowns = [
    roleMix,
    groupTable("Under-routing by role (today's router)", byRole),
    groupTable("Under-routing by language", byLang),
    groupTable("Under-routing by tag (a turn can have several)", byTag),
    groupTable("Under-routing by minimal adequate tier", byMinTier),
    groupTable("Under-routing by role and intent the classifier saw", byIntentSeen),
  ];

  const under = routed.filter((r) => r.decided !== r.minTier && TIER_ORDER.indexOf(r.decided) < TIER_ORDER.indexOf(r.minTier));
  const clip = (s: string, n: number) => {
    const one = s.replace(/\s+/g, " ").trim();
    return one.length > n ? `${one.slice(0, n - 1)}…` : one;
  };
  const underList: Table = {
    title: `Under-routed turns (${under.length}): the to-do list for the router work`,
    header: ["id", "lang", "tags", "text", "minTier", "decided", "intent seen (conf.)", "owner intent seen", "labelled intent", "router's reason"],
    rows: under.map(({ c, d }) => {
      const owner = c.role === "owner" ? ownerClassifier.classify(c.text.trim()) : undefined;
      return [
        c.id, c.lang, (c.tags ?? []).join(" "), clip(c.text, 80), c.minTier, d.tier, `${d.intent} (${d.confidence.toFixed(2)})`,
        owner ? `${owner.intent} (${owner.confidence.toFixed(2)})` : "—", c.intent, d.reason,
      ];
    }),
  };

  const tables = [main, aims, ...breakdowns, underList];
  console.log(tables.map(renderText).join("\n\n"));

  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const md = [
    "# Tier router on the replay set (`npm run bench:router`)",
    "",
    `Machine: ${machineLine} (${machine.os}).`,
    "",
    `Today's router (agent/route.ts on agent/router/features.ts: the bundled intent classifier, risk vocabulary and ask counting; the owner intent step ${OWNER_INTENT_ROUTING ? "on" : "off (OWNER_INTENT_ROUTING; the next row turns it on)"}), measured for the router work of issue 5; ` +
      "the replay set is agent/router/replay (labels: each turn's minimal adequate tier). Under-routed = sent below that tier; over-routed = above.",
    "",
    ...tables.map((t) => `${renderMarkdown(t)}\n`),
  ].join("\n");
  writeFileSync(new URL("./results/router.md", import.meta.url), md);
  const json = {
    at: started.toISOString(),
    machine,
    replay: { turns: REPLAY.length },
    settings: { passes: PASSES, warmup: WARMUP, seeds: SEEDS, features: { available: [...BOTH], budget: "ok", health: [...BOTH] } },
    tokenModel: describeTokenModel(),
    priceSets: PRICE_SETS,
    aims: aimRows.map(([aim, measured, value, met]) => ({ aim, measured, value, met })),
    routers: routers.map((r) => ({ ...r, costNames: PRICE_SETS.map((p) => p.name) })),
    ownerTurnLatency: { p50: percentile(ownerSorted, 50), p99: percentile(ownerSorted, 99), n: ownerSorted.length },
    underBy: { role: byRole, lang: byLang, tag: byTag, minTier: byMinTier, intentSeen: byIntentSeen },
    randomSeeds: randomRuns.map((r) => ({ name: r.name, shares: r.rates.shares, under: r.rates.under, over: r.rates.over, cost: r.cost })),
    underRouted: under.map(({ c, d }) => ({
      id: c.id, role: c.role, lang: c.lang, tags: c.tags ?? [], text: c.text, minTier: c.minTier, decided: d.tier,
      intentSeen: d.intent, confidence: d.confidence, words: d.words, labelledIntent: c.intent, reason: d.reason,
      ...(c.role === "owner" ? { ownerIntentSeen: ownerClassifier.classify(c.text.trim()).intent } : {}),
    })),
  };
  writeFileSync(new URL("./results/router.json", import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
  console.log("\nwritten: bench/results/router.md, bench/results/router.json");
}

function fmtCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

main();
