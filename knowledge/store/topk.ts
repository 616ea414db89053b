// A fixed-capacity min-heap keeping the k best (score, index) pairs: O(n log k), no
// allocation per candidate.
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  get count(): number {
    return this.size;
  }

  /** The worst score kept (the k-th best once full); -Infinity when empty. */
  min(): number {
    return this.size ? this.scores[0]! : Number.NEGATIVE_INFINITY;
  }

  push(score: number, id: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.scores[i] = score;
      this.ids[i] = id;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= this.scores[i]!) break;
        this.swap(i, parent);
        i = parent;
      }
    } else if (this.k > 0 && score > this.scores[0]!) {
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  /** Best first; ties broken by lower id for determinism. */
  sorted(): Array<{ id: number; score: number }> {
    const out: Array<{ id: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ id: this.ids[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.scores[l]! < this.scores[m]!) m = l;
      if (r < this.size && this.scores[r]! < this.scores[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const s = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = s;
    const id = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = id;
  }
}
