/**
 * What the model sees at the cursor, for the Inspector panel: the next-token distribution before and
 * after the temperature, the whole-word candidates, the BPE pieces of the context and (when the
 * model ships an attention graph) the last position's attention over them. Built only from the
 * Engine's public API, on the same document KV cache the keystrokes use, so an inspection of the
 * context a prediction just used feeds no tokens at all.
 */
import { performance } from 'node:perf_hooks';
import type { AttentionResult, AttentionRows } from './attention_session';
import { modelContext, splitAtCursor } from './cursor_context';
import type { Engine } from './engine';
import { normalizeOptions } from './options';
import { distributionOf, topTokens } from './sampling';
import type { Prediction, PredictOptions, PredictRequest } from './types';
import { END_OF_TEXT, type Vocabulary } from './vocabulary';

/** Rows of the distribution the panel can show; the top-k cut-off is marked among them. */
export const MAX_SHOWN_TOKENS = 40;
export const DEFAULT_SHOWN_TOKENS = 20;
/** Pieces of context in the token strip: enough to see a sentence or two. */
export const STRIP_TOKENS = 64;

export interface InspectOptions extends Partial<PredictOptions> {
  /** Temperature previewed by the panel's slider; the candidates use `temperature` (the setting). */
  previewTemperature: number;
  /** Distribution rows wanted: at least topK, at most MAX_SHOWN_TOKENS. */
  show?: number;
  /** Whether to run the attention graph (only when the panel shows it). */
  attention: boolean;
  /**
   * Whether to compute the candidates. The panel says no when the editor already holds the ghost
   * text's prediction for this cursor: that one is the truth on screen, and recomputing it costs.
   */
  candidates?: boolean;
}

export interface TokenRow {
  id: number;
  /** The token's text with its leading space (" robot"); '' for <|endoftext|>. */
  text: string;
  /** The model's own probability, softmax(logits). */
  probability: number;
  /** softmax(logits / T) over the whole vocabulary at the previewed T; T = 0 puts all mass on the best token. */
  tempered: number;
  /** Chance of being drawn when sampling: `tempered` renormalized over the top-k, 0 below the cut-off. */
  sampled: number;
  inTopK: boolean;
  /** Consistent with the typed part of the current word (the only tokens a completion can start with). */
  matchesTyped: boolean;
}

export interface TokenPiece {
  ids: number[];
  /** Exact text ('' for <|endoftext|>); consecutive pieces concatenate to the context window's text. */
  text: string;
  special: boolean;
}

export interface AttentionView {
  layers: number;
  heads: number;
  /** [layer][head][piece]: attention of the last context position on each shown piece (summed over its ids). */
  weights: number[][][];
  /** [layer][head]: attention on the context before the first shown piece. */
  earlier: number[][];
}

export interface Inspection {
  mode: Prediction['mode'];
  typed: string;
  topK: number;
  previewTemperature: number;
  /** Best first; `show` rows. */
  distribution: TokenRow[];
  /** Probability of every token not shown (model, and at the previewed temperature). */
  restProbability: number;
  restTempered: number;
  /** The candidates and phrase the keyboard offers here, with the settings' temperature (unless not asked for). */
  prediction?: Prediction;
  /** The last STRIP_TOKENS pieces of the context the model was fed. */
  pieces: TokenPiece[];
  /** Context tokens before the first shown piece. */
  hiddenTokens: number;
  contextTokens: number;
  /** Absent when not asked for. */
  attention?: AttentionView | { unavailable: string };
  latencyMs: number;
}

export type AttentionProvider = (ids: readonly number[]) => Promise<AttentionResult>;

/**
 * The inspection of the cursor at the end of `text`, or undefined when `yieldTo` says a keystroke is
 * waiting: it is checked between the stages that can cost a model call, so a prediction waits at
 * most for one of them.
 */
export async function inspect(
  engine: Engine,
  request: PredictRequest<InspectOptions>,
  attention?: AttentionProvider,
  yieldTo: () => boolean = () => false,
): Promise<Inspection | undefined> {
  const started = performance.now();
  const { docId, text, textOffset, options } = request;
  const { options: predictOptions } = normalizeOptions(options, engine.info.nPositions);
  const cursor = splitAtCursor(text);
  // The context as the prediction reads it, so this is usually a cache hit: the ghost text's prediction fed it moments ago.
  const { entry } = await engine.contextLogits(docId, modelContext(text, cursor), predictOptions.contextTokens, textOffset);
  if (yieldTo()) return undefined;
  const prediction = options.candidates === false ? undefined : await engine.predict({ docId, text, textOffset, options: predictOptions });
  const show = Math.max(predictOptions.topK, Math.min(MAX_SHOWN_TOKENS, Math.round(options.show ?? DEFAULT_SHOWN_TOKENS)));
  const preview = Number.isFinite(options.previewTemperature) ? Math.min(2, Math.max(0, options.previewTemperature)) : 1;
  const rows = nextTokenRows(engine.vocabulary, entry.lastLogits, show, predictOptions.topK, preview, cursor.typed === '' ? undefined : cursor.required);
  const all = tokenPieces(engine.vocabulary, entry.ids);
  const first = Math.max(0, all.length - STRIP_TOKENS);
  const hiddenTokens = all.slice(0, first).reduce((n, p) => n + p.ids.length, 0);
  const pieces = all.slice(first);
  let attentionView: Inspection['attention'];
  if (options.attention && attention) {
    if (yieldTo()) return undefined;
    const result = await attention(entry.ids);
    attentionView = 'rows' in result ? attentionOnPieces(result.rows, pieces, hiddenTokens) : result;
  }
  return {
    mode: cursor.typed === '' ? 'next-word' : 'completion',
    typed: cursor.typed,
    topK: predictOptions.topK,
    previewTemperature: preview,
    distribution: rows,
    restProbability: Math.max(0, 1 - rows.reduce((s, r) => s + r.probability, 0)),
    restTempered: Math.max(0, 1 - rows.reduce((s, r) => s + r.tempered, 0)),
    prediction,
    pieces,
    hiddenTokens,
    contextTokens: entry.ids.length,
    attention: attentionView,
    latencyMs: performance.now() - started,
  };
}

/** The `show` most probable next tokens with their probabilities at T = 1 and at `temperature`. */
export function nextTokenRows(vocabulary: Vocabulary, logits: Float32Array, show: number, topK: number, temperature: number, required?: string): TokenRow[] {
  const ids = topTokens(logits, show, () => true);
  const model = distributionOf(logits, 1);
  const probability = ids.map((id) => Math.exp(model.logProb(id)));
  // T = 0 is the limit of softmax(logits / T): everything on the most probable token.
  const tempered = temperature > 0 ? ids.map((id) => Math.exp(distributionOf(logits, temperature).logProb(id))) : ids.map((_, i) => (i === 0 ? 1 : 0));
  const k = Math.min(topK, ids.length);
  const topMass = tempered.slice(0, k).reduce((s, p) => s + p, 0);
  const lowerRequired = required?.toLowerCase();
  return ids.map((id, i) => {
    const text = id === END_OF_TEXT ? '' : vocabulary.strings[id];
    const lower = text.toLowerCase();
    return {
      id,
      text,
      probability: probability[i],
      tempered: tempered[i],
      sampled: i < k && topMass > 0 ? tempered[i] / topMass : 0,
      inTopK: i < k,
      matchesTyped: lowerRequired !== undefined && lower !== '' && (lower.startsWith(lowerRequired) || lowerRequired.startsWith(lower)),
    };
  });
}

/**
 * gpt-tokenizer decodes through one shared streaming TextDecoder, so the bytes of an unfinished
 * character stay pending from one decode() call to the next. Decoding a whole multi-byte character
 * (three byte-level tokens) empties it: anything pending comes out there, not in our text.
 */
const FLUSH_TEXT = ' \u{1F980}';
let flushIds: number[] | undefined;

/**
 * Token ids as readable pieces, decoded as one stream: a byte-level token that is only part of a
 * character (emoji, CJK) joins the tokens that complete it, so every piece is real text and the
 * pieces concatenate to exactly the decoded window.
 */
export function tokenPieces(vocabulary: Vocabulary, ids: readonly number[]): TokenPiece[] {
  flushIds ??= vocabulary.encode(FLUSH_TEXT);
  vocabulary.decode(flushIds);
  const pieces: TokenPiece[] = [];
  let group: number[] = [];
  let text = '';
  for (const id of ids) {
    if (id === END_OF_TEXT) {
      pieces.push({ ids: [id], text: '', special: true });
      continue;
    }
    group.push(id);
    text += vocabulary.decode([id]);
    // Nothing came out: every byte of this token waits for the rest of its character.
    if (text === '') continue;
    pieces.push({ ids: group, text, special: false });
    group = [];
    text = '';
  }
  if (group.length > 0) pieces.push({ ids: group, text: text + vocabulary.decode(flushIds).slice(0, -FLUSH_TEXT.length), special: false });
  return pieces;
}

/** Attention rows over token positions, summed per shown piece; positions before them go to `earlier`. */
export function attentionOnPieces(rows: AttentionRows, pieces: readonly TokenPiece[], hiddenTokens: number): AttentionView {
  const weights: number[][][] = [];
  const earlier: number[][] = [];
  for (let l = 0; l < rows.layers; l++) {
    weights.push([]);
    earlier.push([]);
    for (let h = 0; h < rows.heads; h++) {
      const base = (l * rows.heads + h) * rows.length;
      let before = 0;
      for (let p = 0; p < Math.min(hiddenTokens, rows.length); p++) before += rows.weights[base + p];
      let position = hiddenTokens;
      weights[l].push(
        pieces.map((piece) => {
          let sum = 0;
          for (let j = 0; j < piece.ids.length && position < rows.length; j++) sum += rows.weights[base + position++];
          return sum;
        }),
      );
      earlier[l].push(before);
    }
  }
  return { layers: rows.layers, heads: rows.heads, weights, earlier };
}
