// A compact multinomial naive-Bayes intent classifier trained at start-up from data.ts.
// Features: words, word bigrams, character trigrams inside words (typo tolerance) and a
// question-mark marker. ~2 ms to train, microseconds to classify, no downloaded weights.
import { EXAMPLES, INTENTS, type Intent } from "./data.js";

export interface IntentResult {
  intent: Intent;
  /** Posterior probability of the chosen intent, 0..1. */
  confidence: number;
  scores: Record<Intent, number>;
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

export class IntentClassifier {
  private readonly logPrior = new Map<Intent, number>();
  private readonly logLik = new Map<Intent, Map<string, number>>();
  private readonly logUnseen = new Map<Intent, number>();

  constructor(examples: Record<Intent, string[]> = EXAMPLES, private readonly alpha = 0.5) {
    const vocab = new Set<string>();
    const counts = new Map<Intent, Map<string, number>>();
    let total = 0;
    for (const intent of INTENTS) {
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
    for (const intent of INTENTS) {
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

  classify(text: string): IntentResult {
    const feats = features(text);
    const raw = {} as Record<Intent, number>;
    for (const intent of INTENTS) {
      const lik = this.logLik.get(intent)!;
      const unseen = this.logUnseen.get(intent)!;
      let s = this.logPrior.get(intent)!;
      for (const f of feats) s += lik.get(f) ?? unseen;
      // Length-normalised so long messages don't become absurdly confident.
      raw[intent] = s / Math.sqrt(feats.length);
    }
    const max = Math.max(...Object.values(raw));
    let z = 0;
    for (const intent of INTENTS) z += Math.exp(raw[intent] - max);
    const scores = {} as Record<Intent, number>;
    let best: Intent = INTENTS[0];
    for (const intent of INTENTS) {
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
