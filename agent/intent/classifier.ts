// The local intent classifier: `classify(text) → { intent, confidence, scores, margin, unsure }`.
// The model behind it (DEFAULT_MODEL) is an ensemble: NLP.js's neural classifier (neural.ts)
// over multilingual stem features (text.ts), averaged with a naive Bayes over words,
// character trigrams and the same NLP.js stems (naive-bayes.ts). Trained on first use from
// data.ts (≈ 0.15–0.8 s, no downloaded weights). The other models stay selectable for the
// evaluation (eval.ts), which is where the choice is measured. See README.md.
import { EXAMPLES, type Intent } from "./data.js";
import { NaiveBayesModel, nbFeatures } from "./naive-bayes.js";
import { NeuralModel } from "./neural.js";
import { textFeatures } from "./text.js";
import type { IntentModel, IntentResult } from "./types.js";

export type { IntentResult } from "./types.js";

export type ModelKind = "neural" | "naive-bayes" | "naive-bayes-stems" | "ensemble";

/**
 * "Unsure" (the router and the local tier escalate instead of acting): the best label is
 * below `confidence`, or the runner-up is within `margin` of it. 0.7 is the router's and
 * the local tier's act threshold for small talk and owner commands (agent/route.ts,
 * agent/models/local.ts).
 */
export const UNSURE = { confidence: 0.7, margin: 0.25 } as const;

/** The model behind the agent's classifiers: chosen on eval.ts's figures (README.md). */
export const DEFAULT_MODEL: ModelKind = "ensemble";

export interface ClassifierOptions {
  /** Default DEFAULT_MODEL. */
  model?: ModelKind;
}

/** Labels are the keys of `examples` (the base intents by default; owner intents reuse it). */
export class IntentClassifier<L extends string = Intent> {
  readonly model: IntentModel<L>;
  readonly kind: ModelKind;

  constructor(examples: Record<L, string[]> = EXAMPLES as Record<L, string[]>, opts: ClassifierOptions = {}) {
    this.kind = opts.model ?? DEFAULT_MODEL;
    this.model = buildModel(this.kind, examples);
  }

  classify(text: string): IntentResult<L> {
    const scores = this.model.scores(text);
    let best: L = this.model.labels[0]!;
    let second = 0;
    for (const l of this.model.labels) if (scores[l] > scores[best]) best = l;
    for (const l of this.model.labels) if (l !== best && scores[l] > second) second = scores[l];
    const confidence = scores[best];
    const margin = confidence - second;
    return { intent: best, confidence, scores, margin, unsure: confidence < UNSURE.confidence || margin < UNSURE.margin };
  }
}

/** Features of the stemmed naive Bayes: the naive Bayes's own plus NLP.js stems of each word (text.ts). */
const stemFeatures = (text: string) => [...nbFeatures(text), ...textFeatures(text, { stems: true, charGrams: 0 }).filter((f) => f.startsWith("s:"))];

/** The mean of two models' distributions. */
class Ensemble<L extends string> implements IntentModel<L> {
  readonly labels: L[];
  constructor(private readonly parts: IntentModel<L>[]) {
    this.labels = parts[0]!.labels;
  }
  scores(text: string): Record<L, number> {
    const all = this.parts.map((p) => p.scores(text));
    const out = {} as Record<L, number>;
    for (const l of this.labels) out[l] = all.reduce((s, x) => s + x[l], 0) / all.length;
    return out;
  }
}

function buildModel<L extends string>(kind: ModelKind, examples: Record<L, string[]>): IntentModel<L> {
  switch (kind) {
    case "neural":
      return new NeuralModel(examples);
    case "naive-bayes":
      return new NaiveBayesModel(examples);
    case "naive-bayes-stems":
      return new NaiveBayesModel(examples, stemFeatures);
    case "ensemble":
      return new Ensemble([new NeuralModel(examples), new NaiveBayesModel(examples, stemFeatures)]);
  }
}

let shared: IntentClassifier | undefined;
/** The classifier trained on the bundled examples (built on first use). */
export function defaultIntentClassifier(): IntentClassifier {
  shared ??= new IntentClassifier();
  return shared;
}
