// A compact multinomial naive-Bayes intent classifier trained at start-up from data.ts.
// Features: words, word bigrams, character trigrams inside words (typo tolerance) and a
// question-mark marker. ~2 ms to train, microseconds to classify, no downloaded weights.
import { EXAMPLES, type Intent } from "./data.js";

export interface IntentResult<L extends string = Intent> {
  intent: L;
  /** Posterior probability of the chosen intent, 0..1. */
  confidence: number;
  scores: Record<L, number>;
}

export function features(text: string): string[] {
  const lower = text.toLowerCase().normalize("NFKC");
  const words = lower.match(/[\p{L}\p{N}']+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    out.push(`w:${w}`);
    const padded = `^${w}$`;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  for (let i = 0; i + 1 < words.length; i++) out.push(`b:${words[i]}_${words[i + 1]}`);
  if (lower.includes("?")) out.push("q:mark");
  if (words.length === 0) out.push("empty");
  out.push(`len:${Math.min(words.length, 6)}`);
  return out;
}

/** Labels are the keys of `examples` (the base intents by default; owner intents reuse it). */
export class IntentClassifier<L extends string = Intent> {
  private readonly labels: L[];
  private readonly logPrior = new Map<L, number>();
  private readonly logLik = new Map<L, Map<string, number>>();
  private readonly logUnseen = new Map<L, number>();

  constructor(
    examples: Record<L, string[]> = EXAMPLES as Record<L, string[]>,
    private readonly alpha = 0.5,
  ) {
    this.labels = Object.keys(examples) as L[];
    const vocab = new Set<string>();
    const counts = new Map<L, Map<string, number>>();
    let total = 0;
    for (const intent of this.labels) {
      const c = new Map<string, number>();
      for (const ex of examples[intent]) {
        for (const f of features(ex)) {
          vocab.add(f);
          c.set(f, (c.get(f) ?? 0) + 1);
        }
      }
      counts.set(intent, c);
      total += examples[intent].length;
    }
    for (const intent of this.labels) {
      const c = counts.get(intent)!;
      let sum = 0;
      for (const v of c.values()) sum += v;
      const denom = sum + this.alpha * (vocab.size + 1);
      const lik = new Map<string, number>();
      for (const [f, n] of c) lik.set(f, Math.log((n + this.alpha) / denom));
      this.logLik.set(intent, lik);
      this.logUnseen.set(intent, Math.log(this.alpha / denom));
      this.logPrior.set(intent, Math.log(examples[intent].length / total));
    }
  }

  classify(text: string): IntentResult<L> {
    const feats = features(text);
    const raw = {} as Record<L, number>;
    for (const intent of this.labels) {
      const lik = this.logLik.get(intent)!;
      const unseen = this.logUnseen.get(intent)!;
      let s = this.logPrior.get(intent)!;
      for (const f of feats) s += lik.get(f) ?? unseen;
      // Length-normalised so long messages don't become absurdly confident.
      raw[intent] = s / Math.sqrt(feats.length);
    }
    const max = Math.max(...(Object.values(raw) as number[]));
    let z = 0;
    for (const intent of this.labels) z += Math.exp(raw[intent] - max);
    const scores = {} as Record<L, number>;
    let best: L = this.labels[0]!;
    for (const intent of this.labels) {
      scores[intent] = Math.exp(raw[intent] - max) / z;
      if (scores[intent] > scores[best]!) best = intent;
    }
    return { intent: best, confidence: scores[best], scores };
  }
}

let shared: IntentClassifier | undefined;
/** The classifier trained on the bundled examples (built on first use). */
export function defaultIntentClassifier(): IntentClassifier {
  shared ??= new IntentClassifier();
  return shared;
}
