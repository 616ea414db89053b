// The first local classifier, kept as the evaluation's baseline (eval.ts): a multinomial
// naive Bayes over words, word bigrams and character trigrams, length-normalised and
// soft-maxed. ~2 ms to train, microseconds to classify.
import type { IntentModel, RawScores } from "./types.js";

/** The naive Bayes's own features, unchanged: words, character trigrams inside words, word bigrams, "?", length. */
export function nbFeatures(text: string): string[] {
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

export class NaiveBayesModel<L extends string> implements IntentModel<L> {
  readonly labels: L[];
  private readonly logPrior = new Map<L, number>();
  private readonly logLik = new Map<L, Map<string, number>>();
  private readonly logUnseen = new Map<L, number>();

  constructor(
    examples: Record<L, string[]>,
    private readonly features: (text: string) => string[] = nbFeatures,
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

  /** Posterior over the labels (soft-max of length-normalised log-likelihoods). */
  scores(text: string): RawScores<L> {
    const feats = this.features(text);
    const raw = {} as Record<L, number>;
    for (const intent of this.labels) {
      const lik = this.logLik.get(intent)!;
      const unseen = this.logUnseen.get(intent)!;
      let s = this.logPrior.get(intent)!;
      for (const f of feats) s += lik.get(f) ?? unseen;
      // length-normalised so long messages don't become absurdly confident
      raw[intent] = s / Math.sqrt(feats.length);
    }
    const max = Math.max(...(Object.values(raw) as number[]));
    let z = 0;
    for (const intent of this.labels) z += Math.exp(raw[intent] - max);
    const scores = {} as Record<L, number>;
    for (const intent of this.labels) scores[intent] = Math.exp(raw[intent] - max) / z;
    return scores;
  }
}
