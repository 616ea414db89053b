// The intent evaluation: train on the bundled examples (data.ts, owner-data.ts) and test on
// the router's labelled replay set (agent/router/replay: the test set — never trained on).
// `npx tsx agent/intent/eval.ts` prints the comparison; eval.test.ts pins floors.
//
// Label mapping (replay → classifier). Leads and callers (base classifier, data.ts):
//   greeting, thanks, goodbye, human_request, memory_recall, memory_forget → the same label;
//   faq, availability, book, reschedule, cancel, pay → question; a prediction of "complex"
//     (a request that needs reasoning) counts as "question" too: the replay's intents do not
//     split requests by how much reasoning they need (its minTier does; bench:router scores that);
//   complaint → complaint;
//   confirm, smalltalk, unclear → other (yes/no, chit-chat, nothing to act on);
//   not scored: slot_answer (means something only against the pending question: the
//     conversation state decides it, not the text), opt_out / opt_in / help (the consent
//     step's keyword lists answer them before the agent runs), out_of_scope (pure
//     injections and odd asks: no label fits).
// Owners (owner classifier, owner-data.ts): owner_teach → teach, owner_forget → forget,
//   owner_contacts → list_contacts, owner_documents → ingestion_status, owner_cost →
//   usage_report; owner_bookings whose tool is list_bookings → bookings, owner_campaign whose
//   tool is campaign_control / campaign_results → the same label; every other owner intent (bookings, campaigns, creative, reports,
//   settings, confirm, greeting, thanks, help, out_of_scope, unclear) → none (not a local
//   owner command).
import { pathToFileURL } from "node:url";
import { REPLAY, type Intent as ReplayIntent, type Lang } from "../router/replay/index.js";
import { IntentClassifier, type ClassifierOptions, type ModelKind } from "./classifier.js";
import { EXAMPLES, type Intent } from "./data.js";
import { OWNER_EXAMPLES, type OwnerIntent } from "./owner-data.js";

export const BASE_LABEL_MAP: Partial<Record<ReplayIntent, Intent>> = {
  greeting: "greeting", thanks: "thanks", goodbye: "goodbye", human_request: "human_request",
  memory_recall: "memory_recall", memory_forget: "memory_forget",
  faq: "question", availability: "question", book: "question", reschedule: "question", cancel: "question", pay: "question", complaint: "complaint",
  confirm: "other", smalltalk: "other", unclear: "other",
};

export const OWNER_LABEL_MAP: Partial<Record<ReplayIntent, OwnerIntent>> = {
  owner_teach: "teach", owner_forget: "forget", owner_contacts: "list_contacts", owner_documents: "ingestion_status", owner_cost: "usage_report",
};
/** Owner turns whose first tool is a read the local tier does (bookings, campaign control and results). */
export const OWNER_TOOL_LABEL: Partial<Record<string, OwnerIntent>> = {
  list_bookings: "bookings", campaign_control: "campaign_control", campaign_results: "campaign_results",
};
const ownerGold = (c: { intent: ReplayIntent; tool: string }): OwnerIntent =>
  OWNER_LABEL_MAP[c.intent] ?? ((c.intent === "owner_bookings" || c.intent === "owner_campaign" ? OWNER_TOOL_LABEL[c.tool] : undefined) ?? "none");

/** The confidence at which the router / local tier acts on each label (agent/route.ts ROUTE_THRESHOLDS, OWNER_LOCAL_CONFIDENCE). */
export const ACT_THRESHOLD = (label: string): number => (label === "question" ? 0.85 : 0.7);

export interface TestCase<L extends string> {
  id: string;
  text: string;
  lang: Lang;
  gold: L;
}

const key = (t: string) => t.trim().toLowerCase();
/**
 * Replay texts that are also training examples, word for word (short ones: "Hi", "ok",
 * "list all customers" were in data.ts before the replay was written). Left out of the
 * scored sets, so every figure is on text the model has not seen.
 */
export function seenInTraining(): Set<string> {
  return new Set([...Object.values(EXAMPLES).flat(), ...Object.values(OWNER_EXAMPLES).flat()].map(key));
}

export function baseTestSet(): TestCase<Intent>[] {
  const seen = seenInTraining();
  return REPLAY.filter((c) => c.role !== "owner" && BASE_LABEL_MAP[c.intent] && !seen.has(key(c.text)))
    .map((c) => ({ id: c.id, text: c.text.trim(), lang: c.lang, gold: BASE_LABEL_MAP[c.intent]! }));
}

export function ownerTestSet(): TestCase<OwnerIntent>[] {
  const seen = seenInTraining();
  return REPLAY.filter((c) => c.role === "owner" && !seen.has(key(c.text)))
    .map((c) => ({ id: c.id, text: c.text.trim(), lang: c.lang, gold: ownerGold(c) }));
}

export interface EvalResult {
  name: string;
  n: number;
  accuracy: number;
  macroF1: number;
  byLang: Record<string, { n: number; accuracy: number }>;
  /** Every language but English together. */
  nonEnglish: { n: number; accuracy: number };
  /** Predictions at or above the act threshold: their share of the set and their accuracy. */
  acted: { coverage: number; accuracy: number };
  /** Predictions not flagged unsure: share and accuracy. */
  sure: { coverage: number; accuracy: number };
  trainMs: number;
  classifyUs: { p50: number; p99: number };
  errors: Array<{ id: string; text: string; gold: string; predicted: string; confidence: number }>;
}

const pctl = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export function evaluate<L extends string>(name: string, examples: Record<L, string[]>, tests: TestCase<L>[], opts: ClassifierOptions): EvalResult {
  const t0 = performance.now();
  const c = new IntentClassifier<L>(examples, opts);
  const trainMs = performance.now() - t0;
  const labels = Object.keys(examples) as L[];
  const preds = tests.map((t) => {
    const r = c.classify(t.text);
    return r.intent === "complex" ? { ...r, intent: "question" as L } : r;
  });
  // timing: 5 passes, per message
  const times: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    for (const t of tests) {
      const a = performance.now();
      c.classify(t.text);
      times.push((performance.now() - a) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  let correct = 0;
  const byLang: Record<string, { n: number; ok: number }> = {};
  const tp: Record<string, number> = {}, fp: Record<string, number> = {}, fn: Record<string, number> = {};
  let acted = 0, actedOk = 0, sure = 0, sureOk = 0;
  const errors: EvalResult["errors"] = [];
  tests.forEach((t, i) => {
    const p = preds[i]!;
    const ok = p.intent === t.gold;
    if (ok) correct++;
    else errors.push({ id: t.id, text: t.text, gold: t.gold, predicted: p.intent, confidence: p.confidence });
    const g = (byLang[t.lang] ??= { n: 0, ok: 0 });
    g.n++;
    if (ok) g.ok++;
    if (ok) tp[t.gold] = (tp[t.gold] ?? 0) + 1;
    else {
      fp[p.intent] = (fp[p.intent] ?? 0) + 1;
      fn[t.gold] = (fn[t.gold] ?? 0) + 1;
    }
    if (p.confidence >= ACT_THRESHOLD(p.intent)) {
      acted++;
      if (ok) actedOk++;
    }
    if (!p.unsure) {
      sure++;
      if (ok) sureOk++;
    }
  });
  // macro-F1 over the labels that occur in the test set
  const present = labels.filter((l) => tests.some((t) => t.gold === l));
  const f1s = present.map((l) => {
    const a = tp[l] ?? 0, b = fp[l] ?? 0, d = fn[l] ?? 0;
    return a === 0 ? 0 : (2 * a) / (2 * a + b + d);
  });
  return {
    name, n: tests.length, accuracy: correct / tests.length, macroF1: f1s.reduce((s, x) => s + x, 0) / f1s.length,
    byLang: Object.fromEntries(Object.entries(byLang).map(([k, v]) => [k, { n: v.n, accuracy: v.ok / v.n }])),
    nonEnglish: (() => {
      const other = Object.entries(byLang).filter(([k]) => k !== "en").map(([, v]) => v);
      const n = other.reduce((a, v) => a + v.n, 0);
      return { n, accuracy: n ? other.reduce((a, v) => a + v.ok, 0) / n : Number.NaN };
    })(),
    acted: { coverage: acted / tests.length, accuracy: acted ? actedOk / acted : Number.NaN },
    sure: { coverage: sure / tests.length, accuracy: sure ? sureOk / sure : Number.NaN },
    trainMs, classifyUs: { p50: pctl(times, 50), p99: pctl(times, 99) }, errors,
  };
}

export const MODELS: ModelKind[] = ["naive-bayes", "naive-bayes-stems", "neural", "ensemble"];

export function evaluateAll(): { base: EvalResult[]; owner: EvalResult[] } {
  return {
    base: MODELS.map((m) => evaluate(`base: ${m}`, EXAMPLES, baseTestSet(), { model: m })),
    owner: MODELS.map((m) => evaluate(`owner: ${m}`, OWNER_EXAMPLES, ownerTestSet(), { model: m })),
  };
}

const LANG_ORDER = ["en", "es", "pt", "fr", "de", "hi", "hi-Latn", "ar"];
const pc = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");

export function markdown(results: EvalResult[]): string {
  const langs = LANG_ORDER.filter((l) => results.some((r) => r.byLang[l]));
  const head = ["model", "n", "accuracy", "macro-F1", `non-en (n=${results[0]!.nonEnglish.n})`, ...langs.map((l) => `${l} (n=${results[0]!.byLang[l]?.n ?? 0})`), "acted: coverage / accuracy", "sure: coverage / accuracy", "train ms", "classify p50 / p99 µs"];
  const rows = results.map((r) => [
    r.name, String(r.n), pc(r.accuracy), r.macroF1.toFixed(3), pc(r.nonEnglish.accuracy), ...langs.map((l) => pc(r.byLang[l]?.accuracy ?? Number.NaN)),
    `${pc(r.acted.coverage)} / ${pc(r.acted.accuracy)}`, `${pc(r.sure.coverage)} / ${pc(r.sure.accuracy)}`, r.trainMs.toFixed(0),
    `${r.classifyUs.p50.toFixed(0)} / ${r.classifyUs.p99.toFixed(0)}`,
  ]);
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { base, owner } = evaluateAll();
  console.log(markdown(base));
  console.log();
  console.log(markdown(owner));
  if (process.argv.includes("--errors")) {
    for (const r of [...base, ...owner]) {
      console.log(`\n## ${r.name} errors (${r.errors.length})`);
      for (const e of r.errors) console.log(`${e.id}\t${e.gold} → ${e.predicted} (${e.confidence.toFixed(2)})\t${e.text.slice(0, 90)}`);
    }
  }
}
