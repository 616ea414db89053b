// The contract between the intent models (naive-bayes.ts, neural.ts) and IntentClassifier.

/** A probability for each label, summing to 1. */
export type RawScores<L extends string> = Record<L, number>;

/** A trained intent model: a distribution over its labels for one message. */
export interface IntentModel<L extends string> {
  readonly labels: L[];
  scores(text: string): RawScores<L>;
}

export interface IntentResult<L extends string> {
  intent: L;
  /** Probability of the chosen intent, 0..1. */
  confidence: number;
  /** Every label's probability (sum 1). */
  scores: Record<L, number>;
  /** The best label's probability minus the runner-up's. */
  margin: number;
  /** Too unsure to act on: confidence below UNSURE.confidence or margin below UNSURE.margin. Escalate. */
  unsure: boolean;
}
