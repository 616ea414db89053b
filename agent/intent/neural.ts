// The local intent model: NLP.js's neural classifier (@nlpjs/neural — one layer of
// perceptrons with leaky-ReLU outputs, trained by gradient descent with momentum, as
// NLP.js's NluNeural uses it) over multilingual stem features (text.ts). Scores are the
// outputs squared and normalised to sum 1 (NLP.js's own normalisation); a message with no
// feature seen in training gets a uniform distribution, so it is "unsure" by construction.
import nlpjsNeural, { type NeuralSettings } from "@nlpjs/neural";
import type { IntentModel, RawScores } from "./types.js";
import { textFeatures, type FeatureOptions } from "./text.js";

const { NeuralNetwork } = nlpjsNeural;

/** NLP.js's defaults except fewer iterations (training stops far earlier on error anyway). */
export const NEURAL_SETTINGS: NeuralSettings = { iterations: 2000, errorThresh: 0.00005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07 };
export const NEURAL_FEATURES: FeatureOptions = { stems: true, charGrams: 0 };
/** Soft-max sharpness over the linear outputs: an output of 1 against 0s is ≈ 0.95 among 8 labels. */
export const SHARPNESS = 4;

export class NeuralModel<L extends string> implements IntentModel<L> {
  readonly labels: L[];
  private readonly net: InstanceType<typeof NeuralNetwork>;
  private readonly known = new Set<string>();
  readonly iterations: number;

  constructor(
    examples: Record<L, string[]>,
    private readonly features: FeatureOptions = NEURAL_FEATURES,
    settings: NeuralSettings = NEURAL_SETTINGS,
    private readonly sharpness = SHARPNESS,
  ) {
    this.labels = Object.keys(examples) as L[];
    const corpus = [];
    for (const label of this.labels) {
      for (const ex of examples[label]) {
        const input: Record<string, number> = {};
        for (const f of textFeatures(ex, features)) {
          input[f] = 1;
          this.known.add(f);
        }
        corpus.push({ input, output: { [label]: 1 } });
      }
    }
    this.net = new NeuralNetwork({ ...settings });
    this.iterations = this.net.train(corpus).iterations;
  }

  scores(text: string): RawScores<L> {
    const input: Record<string, number> = {};
    for (const f of textFeatures(text, this.features)) if (this.known.has(f)) input[f] = 1;
    const scores = {} as Record<L, number>;
    if (Object.keys(input).length === 0) {
      for (const l of this.labels) scores[l] = 1 / this.labels.length;
      return scores;
    }
    const { keys, data } = this.net.lookup.transformInput(input);
    const alpha = NEURAL_SETTINGS.alpha ?? 0.07;
    const linear = new Map<string, number>();
    for (const p of this.net.perceptrons) {
      let sum = p.bias;
      for (const k of keys) sum += (data[k] ?? 0) * (p.weights[k] ?? 0);
      linear.set(p.name, alpha * sum);
    }
    const max = Math.max(...linear.values());
    let z = 0;
    for (const l of this.labels) z += Math.exp(this.sharpness * ((linear.get(l) ?? -Infinity) - max));
    for (const l of this.labels) scores[l] = Math.exp(this.sharpness * ((linear.get(l) ?? -Infinity) - max)) / z;
    return scores;
  }
}
