// Types for the parts of NLP.js (@nlpjs/*, MIT, CommonJS, no bundled types) that agent/intent uses.
declare module "@nlpjs/neural" {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  export interface NeuralCorpusItem {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: NeuralCorpusItem[]): { error: number; deltaError: number; iterations: number };
    /** Each output's activation (≥ 0; leaky ReLU clipped at 0); undefined before training. */
    run(input: Record<string, number>): Record<string, number> | undefined;
    /** Internals read to get each perceptron's linear pre-activation (run() clips it at 0). */
    perceptrons: Array<{ name: string; weights: Float32Array; bias: number }>;
    lookup: { transformInput(input: Record<string, number>): { keys: number[]; data: Record<number, number> } };
    toJSON(): unknown;
    fromJSON(json: unknown): void;
  }
  const mod: { NeuralNetwork: typeof NeuralNetwork };
  export default mod;
}

declare module "@nlpjs/lang-en-min" {
  const mod: { StemmerEn: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
declare module "@nlpjs/lang-es" {
  const mod: { StemmerEs: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
declare module "@nlpjs/lang-pt" {
  const mod: { StemmerPt: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
declare module "@nlpjs/lang-fr" {
  const mod: { StemmerFr: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
declare module "@nlpjs/lang-de" {
  const mod: { StemmerDe: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
declare module "@nlpjs/lang-hi" {
  const mod: { StemmerHi: new () => { stem(tokens: string[]): string[] } };
  export default mod;
}
