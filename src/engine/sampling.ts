/** Numerics shared by word search and phrase continuation: tempered log-softmax, top-k, seeded sampling. */

/**
 * log Σ exp(logits / temperature), computed stably, and in the same pass the share of the
 * probability that falls on the tokens `marked` flags (one exp per token, not two).
 */
export function logNormalizer(logits: Float32Array, temperature: number, marked?: Uint8Array): { logZ: number; markedShare: number } {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  let markedSum = 0;
  const scale = 1 / temperature;
  if (marked) {
    for (let i = 0; i < logits.length; i++) {
      const e = Math.exp((logits[i] - max) * scale);
      sum += e;
      if (marked[i]) markedSum += e;
    }
  } else {
    for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] - max) * scale);
  }
  return { logZ: max * scale + Math.log(sum), markedShare: Math.min(1, markedSum / sum) };
}

/** Log-probabilities of a distribution at a temperature, read lazily per token. */
export class TemperedDistribution {
  private readonly logZ: number;
  /** Probability of the tokens flagged by `marked` (0 without a mask). */
  readonly markedShare: number;
  constructor(
    readonly logits: Float32Array,
    readonly temperature: number,
    readonly marked?: Uint8Array,
    /** Already known (the graph normalised the row): skips the 50,257-way pass. */
    known?: { logZ: number; markedShare: number },
  ) {
    ({ logZ: this.logZ, markedShare: this.markedShare } = known ?? logNormalizer(logits, temperature, marked));
  }

  logProb(token: number): number {
    return this.logits[token] / this.temperature - this.logZ;
  }
}

const distributions = new WeakMap<Float32Array, Map<number, TemperedDistribution>>();

/**
 * The same logits come back keystroke after keystroke while a word is typed (the context is
 * unchanged), so their normalizers are computed once per logits array and temperature. A cached
 * normalizer serves a request with a mask only if it was computed with that very mask: a phrase
 * step normalises without one, and the word search must not then read a share of 0.
 */
export function distributionOf(logits: Float32Array, temperature: number, marked?: Uint8Array): TemperedDistribution {
  let byTemperature = distributions.get(logits);
  if (!byTemperature) distributions.set(logits, (byTemperature = new Map()));
  let distribution = byTemperature.get(temperature);
  if (!distribution || (marked !== undefined && distribution.marked !== marked)) {
    byTemperature.set(temperature, (distribution = new TemperedDistribution(logits, temperature, marked)));
  }
  return distribution;
}

/**
 * Registers a row of log-probabilities (log Z = 0 at temperature 1) whose `marked` share the graph
 * computed (onnx_graph.normalizedLogitsAppendix), so distributionOf(row, 1, marked) costs nothing.
 */
export function registerNormalized(logProbs: Float32Array, marked: Uint8Array, markedShare: number): void {
  distributions.set(logProbs, new Map([[1, new TemperedDistribution(logProbs, 1, marked, { logZ: 0, markedShare: Math.min(1, markedShare) })]]));
}

/** The `k` highest-logit tokens among those `accept` selects, best first. */
export function topTokens(logits: Float32Array, k: number, accept: (token: number) => boolean, among?: ArrayLike<number>): number[] {
  const best: number[] = [];
  const consider = (token: number): void => {
    const value = logits[token];
    // The cheap comparison first: `accept` may cost more and is asked only about tokens that would enter.
    if (best.length === k && value <= logits[best[k - 1]]) return;
    if (!accept(token)) return;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(token);
    while (i > 0 && logits[best[i - 1]] < value) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = token;
  };
  if (among) for (let i = 0; i < among.length; i++) consider(among[i]);
  else for (let token = 0; token < logits.length; token++) consider(token);
  return best;
}

/** mulberry32: small, fast and good enough to make sampling repeatable from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws one index with probability proportional to `weights`. */
export function sampleIndex(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Orders items by a draw without replacement proportional to their weights (Gumbel top-k), so the
 * first k of the result are a weighted sample of k distinct items.
 */
export function sampleOrder<T>(items: readonly T[], weight: (item: T) => number, random: () => number): T[] {
  const keyed = items.map((item) => {
    const w = Math.max(weight(item), 1e-30);
    const u = Math.min(Math.max(random(), 1e-12), 1 - 1e-12);
    return { item, key: Math.log(w) - Math.log(-Math.log(u)) };
  });
  keyed.sort((a, b) => b.key - a.key);
  return keyed.map(({ item }) => item);
}

/**
 * The candidates a prediction returns, by top-k and temperature (README, "top-k and temperature,
 * exactly"): the `topK` most probable words first (`probability`, the model's own at temperature 1
 * with the caches blended in), then, at temperature T > 0 with more than one of them, their order
 * is a draw without replacement in proportion to p^(1/T), the word-level tempered distribution.
 * Top-k chooses the set and temperature only its order, so top-k = 1 is the most probable word at
 * every temperature, with the cache on or off.
 */
export function rankCandidates<T extends { probability: number }>(items: readonly T[], topK: number, temperature: number, random: () => number): T[] {
  const best = [...items].sort((a, b) => b.probability - a.probability).slice(0, Math.max(0, topK));
  if (temperature <= 0 || best.length < 2) return best;
  return sampleOrder(best, (h) => Math.pow(Math.max(h.probability, 1e-30), 1 / temperature), random);
}
