/**
 * The Inspector's attention weights come from a SECOND graph next to the model (model_attn.onnx,
 * training/export_attention.py), never from the keystroke graph: the fast path must not pay for an
 * output only an open panel reads. The graph is opened on the first request and kept while the
 * model stays loaded.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRuntime } from './decoder_session';
import { describeError } from './errors';

export const ATTENTION_FILE = 'model_attn.onnx';

/** The last position's attention row for every layer and head, over `length` positions. */
export interface AttentionRows {
  layers: number;
  heads: number;
  length: number;
  /** [layer][head][position], row-major. */
  weights: Float32Array;
}

export type AttentionResult = { rows: AttentionRows } | { unavailable: string };

export interface AttentionShape {
  nLayer: number;
  nHead: number;
  nEmbd: number;
}

/**
 * Opens `model_attn.onnx` from a model folder lazily and runs it on a context's token ids. Two
 * layouts are read: the Inspector's own (input_ids -> attentions [layer, head, seq]) and the older
 * KV-cache export with per-layer outputs attentions.{i} [batch, head, seq] (training/export.py --attn),
 * fed an empty past.
 */
export class AttentionSource {
  private opened: Promise<InferenceSession | string> | undefined;
  private last: { key: string; rows: AttentionRows } | undefined;

  constructor(
    private readonly directory: string,
    private readonly shape: AttentionShape,
    private readonly threads: number,
  ) {}

  get file(): string {
    return join(this.directory, ATTENTION_FILE);
  }

  async rows(ids: readonly number[]): Promise<AttentionResult> {
    const session = await (this.opened ??= this.open());
    if (typeof session === 'string') return { unavailable: session };
    // The panel re-asks on every cursor move; the context often has not changed.
    const key = ids.join(',');
    if (this.last?.key === key) return { rows: this.last.rows };
    try {
      const rows = await this.run(session, ids);
      this.last = { key, rows };
      return { rows };
    } catch (error) {
      return { unavailable: `${ATTENTION_FILE} failed to run (${describeError(error).split('\n')[0]}).` };
    }
  }

  async dispose(): Promise<void> {
    const session = await this.opened;
    this.opened = Promise.resolve('The model was unloaded.');
    if (session && typeof session !== 'string') await session.release();
  }

  private async open(): Promise<InferenceSession | string> {
    if (!existsSync(this.file)) return `This model has no ${ATTENTION_FILE}, so attention cannot be shown (see training/export_attention.py).`;
    try {
      const ort = loadRuntime();
      const session = await ort.InferenceSession.create(await readFile(this.file), {
        intraOpNumThreads: this.threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
      const own = session.outputNames.includes('attentions');
      const perLayer = Array.from({ length: this.shape.nLayer }, (_, i) => `attentions.${i}`).every((name) => session.outputNames.includes(name));
      if (!own && !perLayer) {
        await session.release();
        return `${ATTENTION_FILE} has no "attentions" output.`;
      }
      return session;
    } catch (error) {
      return `${ATTENTION_FILE} could not be loaded (${describeError(error).split('\n')[0]}).`;
    }
  }

  private async run(session: InferenceSession, ids: readonly number[]): Promise<AttentionRows> {
    const ort = loadRuntime();
    const n = ids.length;
    const int64 = (values: ArrayLike<number>): Tensor => new ort.Tensor('int64', BigInt64Array.from(Array.from(values), (v) => BigInt(v)), [1, values.length]);
    const feeds: Record<string, Tensor> = { input_ids: int64(ids) };
    const inputs = new Set(session.inputNames);
    if (inputs.has('attention_mask')) feeds.attention_mask = int64(new Array<number>(n).fill(1));
    if (inputs.has('position_ids')) feeds.position_ids = int64(Array.from({ length: n }, (_, i) => i));
    const headDim = this.shape.nEmbd / this.shape.nHead;
    for (const name of session.inputNames) {
      if (name.startsWith('past_key_values.')) feeds[name] = new ort.Tensor('float32', new Float32Array(0), [1, this.shape.nHead, 0, headDim]);
    }
    const out = await session.run(feeds);
    if (out.attentions) {
      const [layers, heads, length] = out.attentions.dims;
      return { layers, heads, length, weights: Float32Array.from(out.attentions.data as Float32Array) };
    }
    const layers = this.shape.nLayer;
    const first = out['attentions.0'];
    const heads = first.dims[1];
    const length = first.dims[2];
    const weights = new Float32Array(layers * heads * length);
    for (let l = 0; l < layers; l++) weights.set((out[`attentions.${l}`].data as Float32Array).subarray(0, heads * length), l * heads * length);
    return { layers, heads, length, weights };
  }
}
