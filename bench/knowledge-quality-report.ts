// Tables of `npm run bench:knowledge` (bench/knowledge.ts): per mode recall@1/@5, MRR, the
// no-answer threshold on both sets, recall on each batch and on low-overlap questions;
// the dense-weight sweep; provider embedders or why they did not run; lexical overlap.
import type { RetrievalReport } from "../knowledge/demo/evaluate.js";
import { LABEL_FIXES } from "../knowledge/demo/labels.js";
import type { OverlapSummary, QuestionOverlap } from "../knowledge/demo/overlap.js";
import { renderMarkdown, renderText, type Table } from "./table.js";

export interface ModeResult {
  mode: string;
  embedder: string;
  denseWeight: number;
  report: RetrievalReport;
  msPerQuery: number;
}
export interface NotRun {
  provider: string;
  reason: string;
}
export interface KnowledgeBenchInput {
  at: Date;
  machine: { cpu: string; cores: number; node: string };
  threshold: number;
  sets: { inScope: number; first: number; second: number; outOfScope: number };
  main: ModeResult[];
  sweep: ModeResult[];
  providers: Array<ModeResult[] | NotRun>;
  overlap: QuestionOverlap[];
  overlapSummary: Record<"all" | "first" | "second", OverlapSummary>;
  customBaseUrl: { openai: boolean; gemini: boolean };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function recallAt(ranks: number[], k: number): number {
  return ranks.length ? ranks.filter((r) => r >= 0 && r < k).length / ranks.length : 0;
}

function row(r: ModeResult, input: KnowledgeBenchInput, lowOverlap: Set<number>): string[] {
  const { report } = r;
  const first = report.ranks.slice(0, input.sets.first);
  const second = report.ranks.slice(input.sets.first);
  const low = report.ranks.filter((_, i) => lowOverlap.has(i));
  const above = report.inScopeTop.filter((s) => s >= input.threshold).length / report.inScopeTop.length;
  const below = report.outOfScopeTop.filter((s) => s < input.threshold).length / report.outOfScopeTop.length;
  return [
    r.mode, pct(report.recallAt1), pct(report.recallAt5), report.mrr.toFixed(3), pct(above), pct(below),
    `${pct(recallAt(first, 1))} / ${pct(recallAt(first, 5))}`,
    `${pct(recallAt(second, 1))} / ${pct(recallAt(second, 5))}`,
    `${pct(recallAt(low, 1))} / ${pct(recallAt(low, 5))}`,
    r.msPerQuery.toFixed(2),
  ];
}

export function renderKnowledgeReport(input: KnowledgeBenchInput): { text: string; markdown: string; json: unknown } {
  const lowOverlap = new Set(input.overlap.flatMap((o, i) => (o.shared <= 1 ? [i] : [])));
  const header = [
    "mode", "R@1", "R@5", "MRR", `in-scope top ≥ ${input.threshold}`, `out-of-scope top < ${input.threshold}`,
    `first ${input.sets.first}: R@1 / R@5`, `second ${input.sets.second}: R@1 / R@5`, `≤ 1 shared stem (${lowOverlap.size}): R@1 / R@5`, "ms/query",
  ];
  const where = `${input.machine.cores} × ${input.machine.cpu}, Node ${input.machine.node}, ${input.at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const tables: Table[] = [
    {
      title: `Retrieval on Glow Studio: ${input.sets.inScope} in-scope (${input.sets.first} + ${input.sets.second}), ${input.sets.outOfScope} out-of-scope questions — ${where}`,
      header, rows: input.main.map((r) => row(r, input, lowOverlap)),
      notes: ["Keyword only is the baseline; all modes share one tenant, one store implementation, PostgreSQL-backed, k = 5."],
    },
    { title: "Dense-weight sweep (local embedder): score = w·cosine + (1 − w)·normalized BM25", header, rows: input.sweep.map((r) => row(r, input, lowOverlap)) },
  ];
  const providerRows = input.providers.flatMap((p) => (Array.isArray(p) ? p.map((r) => row(r, input, lowOverlap)) : []));
  const notRun = input.providers.filter((p): p is NotRun => !Array.isArray(p)).map((p) => `${p.provider}: ${p.reason}`);
  const custom = Object.entries(input.customBaseUrl).filter(([, c]) => c).map(([p]) => `${p}: custom base URL (not the provider's own endpoint)`);
  tables.push({
    title: "Provider embedders (their own tenant, seeded with that embedder)",
    header, rows: providerRows,
    notes: [...notRun, ...custom, ...(providerRows.length ? ["The no-answer threshold was calibrated for the local embedder; it needs its own calibration for a provider."] : [])],
  });
  const s = input.overlapSummary;
  tables.push({
    title: "Lexical overlap: share of a question's content stems found in its labelled entry (title, content, tags)",
    header: ["set", "questions", "mean share", "share ≤ 1 stem", "share 0 stems"],
    rows: (["all", "first", "second"] as const).map((k) => [k, String(s[k].n), pct(s[k].meanShare), String(s[k].atMostOneStem), String(s[k].noStem)]),
    notes: [`Labelling fixes after measuring: ${LABEL_FIXES.length}.`],
  });
  const hybrid = input.main[2]!;
  const misses = hybrid.report.misses.map((m) => `"${m.q}" → ${m.got.join(", ") || "(nothing)"}`);
  const text = [...tables.map(renderText), [`${hybrid.mode} misses@5 (${misses.length}):`, ...misses.map((m) => `  ${m}`)].join("\n")].join("\n\n");
  const markdown = [
    "# Knowledge retrieval quality (`npm run bench:knowledge`)",
    "",
    `Machine: ${where}.`,
    "",
    ...tables.flatMap((t) => [renderMarkdown(t), ""]),
    `### ${hybrid.mode}: misses@5 (${misses.length})`,
    "",
    ...misses.map((m) => `- ${m}`),
    "",
  ].join("\n");
  const strip = (r: ModeResult) => ({ ...r, report: { ...r.report, inScopeTop: undefined, outOfScopeTop: undefined } });
  const json = {
    at: input.at.toISOString(), machine: input.machine, threshold: input.threshold, sets: input.sets,
    main: input.main.map(strip), sweep: input.sweep.map(strip),
    providers: input.providers.map((p) => (Array.isArray(p) ? p.map(strip) : p)),
    overlapSummary: input.overlapSummary, labelFixes: LABEL_FIXES, overlap: input.overlap,
  };
  return { text, markdown, json };
}
