/**
 * The Inspector's attention weights come from a SECOND session, never from the keystroke graph:
 * the fast path must not pay for outputs only an open panel reads. That session is built on the
 * first request from the model file itself, with its attention Softmax nodes (one per layer)
 * exposed as extra outputs (onnx_graph.ts), so no second copy of the weights is shipped and the
 * rows always belong to the model that predicts. Exports whose softmax is out of reach (an
 * Optimum merged decoder hides it inside an If) can bring a model_attn.onnx
 * (training/export_attention.py) instead. The session is kept while the model stays loaded.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRuntime } from './decoder_session';
import { describeError } from './errors';
import { float16BitsToFloat32 } from './float16';
import { topLevelNodes, withExtraOutputs } from './onnx_graph';

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
  /** The model's ONNX file (ModelInfo.file); without it only model_attn.onnx is tried. */
  file?: string;
}

/** How the open session yields attention: the model's own Softmax outputs, or a model_attn.onnx layout. */
type Opened = { session: InferenceSession; softmax: string[] } | { session: InferenceSession; softmax?: undefined };

/**
 * Runs the attention session on a context's token ids, opened lazily. Three layouts are read: the
 * model file with its Softmax outputs exposed (preferred), and in model_attn.onnx either the
 * Inspector's own (input_ids -> attentions [layer, head, seq]) or the KV-cache export with per-layer
 * outputs attentions.{i} [batch, head, seq] (training/export.py --attn), fed an empty past.
 */
export class AttentionSource {
  private opened: Promise<Opened | string> | undefined;
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
    const opened = await (this.opened ??= this.open());
    if (typeof opened === 'string') return { unavailable: opened };
    // The panel re-asks on every cursor move; the context often has not changed.
    const key = ids.join(',');
    if (this.last?.key === key) return { rows: this.last.rows };
    try {
      const rows = opened.softmax ? await this.runSoftmax(opened.session, opened.softmax, ids) : await this.runAttentionGraph(opened.session, ids);
      this.last = { key, rows };
      return { rows };
    } catch (error) {
      return { unavailable: `The attention graph failed to run (${describeError(error).split('\n')[0]}).` };
    }
  }

  async dispose(): Promise<void> {
    const opened = await this.opened;
    this.opened = Promise.resolve('The model was unloaded.');
    if (opened && typeof opened !== 'string') await opened.session.release();
  }

  private async open(): Promise<Opened | string> {
    let hidden = '';
    if (this.shape.file) {
      try {
        const derived = await this.openDerived(this.shape.file);
        if (typeof derived !== 'string') return derived;
        hidden = derived;
      } catch (error) {
        hidden = `its attention could not be exposed (${describeError(error).split('\n')[0]})`;
      }
    }
    if (!existsSync(this.file)) {
      return `Attention cannot be shown: ${hidden || 'the model file is unknown'}, and the folder has no ${ATTENTION_FILE} (see training/export_attention.py).`;
    }
    try {
      const session = await this.create(await readFile(this.file));
      const own = session.outputNames.includes('attentions');
      const perLayer = Array.from({ length: this.shape.nLayer }, (_, i) => `attentions.${i}`).every((name) => session.outputNames.includes(name));
      if (!own && !perLayer) {
        await session.release();
        return `${ATTENTION_FILE} has no "attentions" output.`;
      }
      return { session };
    } catch (error) {
      return `${ATTENTION_FILE} could not be loaded (${describeError(error).split('\n')[0]}).`;
    }
  }

  /** The model file with one Softmax per layer exposed, or why not (a string). */
  private async openDerived(file: string): Promise<Opened | string> {
    const bytes = await readFile(file);
    const softmax = topLevelNodes(bytes)
      .filter((node) => node.opType === 'Softmax')
      .map((node) => node.outputs[0]);
    if (softmax.length !== this.shape.nLayer) {
      return `the model graph has ${softmax.length} top-level Softmax nodes, not one per layer (${this.shape.nLayer})`;
    }
    const session = await this.create(withExtraOutputs(bytes, softmax));
    if (!session.outputNames.includes('logits') || !session.inputNames.some((name) => name.startsWith('past_key_values.'))) {
      await session.release();
      return 'the model graph is not a decoder with a KV cache';
    }
    return { session, softmax };
  }

  private async create(bytes: Uint8Array): Promise<InferenceSession> {
    return loadRuntime().InferenceSession.create(bytes, {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Opened only for the panel: no arena kept around at the peak of a long context.
      enableCpuMemArena: false,
    });
  }

  /**
   * The model's own Softmax outputs are [batch, head, query, key]. The context minus its last
   * token goes in first, fetching only the KV cache; the last token then yields [1, head, 1, n]:
   * the rows wanted, without materializing every position's row (12 x 12 x 1024 x 1024 floats for
   * GPT-2 at full context).
   */
  private async runSoftmax(session: InferenceSession, softmax: readonly string[], ids: readonly number[]): Promise<AttentionRows> {
    const presents = session.outputNames.filter((name) => name.startsWith('present.'));
    const prefix = ids.slice(0, -1);
    let past: Record<string, Tensor> = this.emptyPast(session);
    if (prefix.length > 0) {
      const out = await session.run(this.feeds(session, prefix, 0, past), presents);
      past = Object.fromEntries(presents.map((name) => [name.replace('present.', 'past_key_values.'), out[name]]));
    }
    const out = await session.run(this.feeds(session, ids.slice(-1), prefix.length, past), [...softmax]);
    const layers = softmax.length;
    const heads = out[softmax[0]].dims[1];
    const length = ids.length;
    const weights = new Float32Array(layers * heads * length);
    softmax.forEach((name, l) => {
      const tensor = out[name];
      const data = tensor.type === 'float16' ? float16BitsToFloat32(tensor.data as Uint16Array) : (tensor.data as Float32Array);
      weights.set(data.subarray(0, heads * length), l * heads * length);
    });
    return { layers, heads, length, weights };
  }

  private emptyPast(session: InferenceSession): Record<string, Tensor> {
    const ort = loadRuntime();
    const headDim = this.shape.nEmbd / this.shape.nHead;
    const past: Record<string, Tensor> = {};
    for (const meta of session.inputMetadata) {
      if (!meta.name.startsWith('past_key_values.')) continue;
      const half = meta.isTensor && meta.type === 'float16';
      past[meta.name] = new ort.Tensor(half ? 'float16' : 'float32', half ? new Uint16Array(0) : new Float32Array(0), [1, this.shape.nHead, 0, headDim]);
    }
    return past;
  }

  private feeds(session: InferenceSession, ids: readonly number[], offset: number, past: Record<string, Tensor>): Record<string, Tensor> {
    const ort = loadRuntime();
    const n = ids.length;
    const int64 = (values: ArrayLike<number>): Tensor => new ort.Tensor('int64', BigInt64Array.from(Array.from(values), (v) => BigInt(v)), [1, values.length]);
    const feeds: Record<string, Tensor> = { ...past, input_ids: int64(ids) };
    const inputs = new Set(session.inputNames);
    if (inputs.has('attention_mask')) feeds.attention_mask = int64(new Array<number>(offset + n).fill(1));
    if (inputs.has('position_ids')) feeds.position_ids = int64(Array.from({ length: n }, (_, i) => offset + i));
    if (inputs.has('token_type_ids')) feeds.token_type_ids = int64(new Array<number>(n).fill(0));
    return feeds;
  }

  /** model_attn.onnx: its own layout or the per-layer KV-cache layout, on the whole context at once. */
  private async runAttentionGraph(session: InferenceSession, ids: readonly number[]): Promise<AttentionRows> {
    const feeds = this.feeds(session, ids, 0, this.emptyPast(session));
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
