import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { open } from 'node:fs/promises';
import { EngineError, describeError } from './errors';
import { float16ToFloat32, type Float16Data } from './float16';
import type { Gpt2Config } from './model_config';
import { LOG_PROBS_OUTPUT, MARKED_SHARE_OUTPUT, normalizedLogitsAppendix } from './onnx_graph';
import { checkThreads } from './options';
import { registerNormalized } from './sampling';
import type { PastState } from './past';

type Ort = typeof import('onnxruntime-node');

let runtime: Ort | undefined;

/** ONNX Runtime is a native addon: a missing binary must become a readable error, not a crash at import. */
export function loadRuntime(): Ort {
  if (runtime) return runtime;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runtime = require('onnxruntime-node') as Ort;
    return runtime;
  } catch (error) {
    throw new EngineError('runtime-unavailable', `ONNX Runtime could not be loaded (${describeError(error)}). Reinstall the extension for this platform.`);
  }
}

/** How one GPT-2 export names and types its inputs; found by reading the session, never assumed. */
export interface DecoderLayout {
  hasPositionIds: boolean;
  isMergedDecoder: boolean;
  pastType: 'float32' | 'float16';
  layerCount: number;
}

export interface StepResult {
  /**
   * [seq, vocab] logits, row-major, as float32. When the graph normalises (see DecoderSession.open)
   * these are log-probabilities: logits minus their log-normaliser, the same distribution at every
   * temperature.
   */
  logits: Float32Array;
  /** The last position's row of `logits`, its own copy, registered with its normaliser when known. */
  lastRow: Float32Array;
  present: PastState;
}

const PAST_INPUT = /^past_key_values\.(\d+)\.(key|value)$/;


export function describeLayout(inputs: readonly InferenceSession.ValueMetadata[], outputNames: readonly string[], config: Gpt2Config, file: string): DecoderLayout {
  const names = new Set(inputs.map((input) => input.name));
  for (const required of ['input_ids', 'attention_mask']) {
    if (!names.has(required)) throw new EngineError('model-invalid', `${file} has no "${required}" input; it is not a GPT-2 decoder export.`);
  }
  if (!outputNames.includes('logits')) throw new EngineError('model-invalid', `${file} has no "logits" output; it is not a GPT-2 language-model export.`);
  const pastInputs = inputs.filter((input) => PAST_INPUT.test(input.name));
  if (pastInputs.length === 0) {
    throw new EngineError(
      'model-invalid',
      `${file} takes no past_key_values inputs, so it cannot reuse a KV cache. Export it with past, e.g. Optimum's task "text-generation-with-past".`,
    );
  }
  const layerCount = pastInputs.length / 2;
  if (layerCount !== config.nLayer) {
    throw new EngineError('model-invalid', `${file} has ${pastInputs.length} past inputs (${layerCount} layers) but config.json says n_layer = ${config.nLayer}; the config belongs to another model.`);
  }
  for (let i = 0; i < layerCount; i++) {
    for (const part of ['key', 'value']) {
      if (!names.has(`past_key_values.${i}.${part}`)) throw new EngineError('model-invalid', `${file} lacks input past_key_values.${i}.${part}.`);
      if (!outputNames.includes(`present.${i}.${part}`)) throw new EngineError('model-invalid', `${file} lacks output present.${i}.${part}.`);
    }
  }
  const known = new Set(['input_ids', 'attention_mask', 'position_ids', 'use_cache_branch', 'token_type_ids']);
  const unknown = inputs.map((input) => input.name).filter((name) => !known.has(name) && !PAST_INPUT.test(name));
  if (unknown.length > 0) throw new EngineError('model-invalid', `${file} has inputs this engine cannot fill: ${unknown.join(', ')}.`);

  const firstPast = pastInputs[0];
  const pastType = firstPast.isTensor ? firstPast.type : 'float32';
  if (pastType !== 'float32' && pastType !== 'float16') {
    throw new EngineError('model-invalid', `${file} keeps its KV cache as ${pastType}; only float32 and float16 are supported.`);
  }
  if (firstPast.isTensor) {
    const heads = firstPast.shape[1];
    if (typeof heads === 'number' && heads !== config.nHead) {
      throw new EngineError('model-invalid', `${file} has ${heads} attention heads but config.json says n_head = ${config.nHead}.`);
    }
  }
  return { hasPositionIds: names.has('position_ids'), isMergedDecoder: names.has('use_cache_branch'), pastType, layerCount };
}

/** One ONNX Runtime session on a GPT-2 decoder, fed a few tokens at a time on top of a past. */
export class DecoderSession {
  private constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    readonly layout: DecoderLayout,
    private readonly config: Gpt2Config,
    private readonly hasTokenTypeIds: boolean,
    /** The mask the graph's marked share is computed with; undefined when the graph gives plain logits. */
    private readonly marked: Uint8Array | undefined,
  ) {
    this.presentNames = Array.from({ length: layout.layerCount }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
  }

  /** The outputs extend() fetches: the keys and values of every layer. */
  private readonly presentNames: string[];

  /**
   * Opens `file`. With `marked` (Vocabulary.boundaryMask), the session is first tried with the
   * normalisation appended to the graph (onnx_graph.normalizedLogitsAppendix): JavaScript then never
   * runs a 50,257-way softmax for the word search. Any export ONNX Runtime rejects that way is
   * opened as it is.
   * @throws EngineError 'bad-request' for a thread count outside THREAD_LIMITS (before any session is
   * created: ONNX Runtime's own complaint would read as a bad model), 'model-missing' when unreadable.
   */
  static async open(file: string, config: Gpt2Config, threads: number, marked?: Uint8Array): Promise<DecoderSession> {
    checkThreads(threads);
    const ort = loadRuntime();
    const appendix = marked ? normalizedLogitsAppendix(marked) : new Uint8Array(0);
    let whole: Uint8Array;
    try {
      whole = await readFileWithRoom(file, appendix.length);
    } catch (error) {
      throw new EngineError('model-missing', `Cannot read ${file} (${describeError(error)}).`);
    }
    whole.set(appendix, whole.length - appendix.length);
    const bytes = whole.subarray(0, whole.length - appendix.length);
    const options: InferenceSession.SessionOptions = {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // A lean worker: the arena keeps the peak of every shape seen (long prefills, batches) for the
      // life of the session, and memory patterns are planned per input shape, which changes on every
      // call here (the past grows by a token). Off, the worker's RSS after 300 keystrokes measured
      // 317 MB against 391 MB with both on (bench/results/soak.json has the soak figures).
      enableCpuMemArena: false,
      enableMemPattern: false,
    };
    let session: InferenceSession | undefined;
    if (marked) {
      try {
        session = await ort.InferenceSession.create(whole, options);
      } catch {
        session = undefined;
      }
    }
    try {
      session ??= await ort.InferenceSession.create(bytes, options);
    } catch (error) {
      throw new EngineError('model-invalid', `${file} is not a loadable ONNX model (${describeError(error).split('\n')[0]}).`);
    }
    const layout = describeLayout(session.inputMetadata, session.outputNames, config, file);
    const normalized = marked && session.outputNames.includes(LOG_PROBS_OUTPUT) ? marked : undefined;
    return new DecoderSession(ort, session, layout, config, session.inputNames.includes('token_type_ids'), normalized);
  }

  /** Whether rows come normalised from the graph (log-probabilities, marked share known). */
  get normalizesInGraph(): boolean {
    return this.marked !== undefined;
  }

  get headDim(): number {
    return this.config.nEmbd / this.config.nHead;
  }

  makePastTensor(data: Float32Array | Uint16Array, dims: number[]): Tensor {
    return new this.ort.Tensor(this.layout.pastType, data, dims);
  }

  emptyPast(): PastState {
    const dims = [1, this.config.nHead, 0, this.headDim];
    const empty = (): Tensor => this.makePastTensor(this.layout.pastType === 'float16' ? new Uint16Array(0) : new Float32Array(0), dims);
    return { layers: Array.from({ length: this.layout.layerCount }, () => ({ key: empty(), value: empty() })), length: 0 };
  }

  /** Feeds `tokens` after `past` (absolute positions continue from past.length). */
  async step(tokens: readonly number[], past: PastState | undefined): Promise<StepResult> {
    if (tokens.length === 0) throw new EngineError('internal', 'step() needs at least one token.');
    const previous = past ?? this.emptyPast();
    const outputs = await this.run([tokens], previous, previous.layers);
    const logits = this.logitsOf(outputs);
    return { logits, lastRow: this.row(logits, outputs, tokens.length - 1), present: this.presentAfter(outputs, previous, tokens.length) };
  }

  /**
   * Feeds `tokens` after `past` for their keys and values alone (present.* [1, n_head, past + tokens,
   * head_dim]): no [tokens, 50,257] rows (200 KB a token) are copied into JavaScript. For a prefill,
   * whose rows but the last nobody reads. Throws EngineError('internal') for no tokens or a failed run.
   */
  async extend(tokens: readonly number[], past: PastState | undefined): Promise<PastState> {
    if (tokens.length === 0) throw new EngineError('internal', 'extend() needs at least one token.');
    const previous = past ?? this.emptyPast();
    const outputs = await this.run([tokens], previous, previous.layers, this.presentNames);
    return this.presentAfter(outputs, previous, tokens.length);
  }

  /** The past after feeding `fed` tokens on `previous`: the run's present.* outputs. */
  private presentAfter(outputs: InferenceSession.ReturnType, previous: PastState, fed: number): PastState {
    const layers = previous.layers.map((_, i) => ({ key: outputs[`present.${i}.key`], value: outputs[`present.${i}.value`] }));
    return { layers, length: previous.length + fed };
  }

  /**
   * Feeds several same-length continuations of one past in a single call, as a batch: the weights
   * are read once for all rows. Returns the logits after each row's last token.
   */
  async stepBatch(rows: ReadonlyArray<readonly number[]>, past: PastState): Promise<Float32Array[]> {
    const length = rows[0]?.length ?? 0;
    if (length === 0 || rows.some((row) => row.length !== length)) throw new EngineError('internal', 'stepBatch() needs rows of one non-zero length.');
    const repeat = (tensor: Tensor): Tensor => {
      const data = tensor.data as Float32Array | Uint16Array;
      const out = new (data.constructor as { new (n: number): Float32Array | Uint16Array })(data.length * rows.length);
      for (let b = 0; b < rows.length; b++) out.set(data, b * data.length);
      const [, heads, positions, headDim] = tensor.dims;
      return this.makePastTensor(out, [rows.length, heads, positions, headDim]);
    };
    const outputs = await this.run(rows, past, past.layers.map(({ key, value }) => ({ key: repeat(key), value: repeat(value) })));
    const logits = this.logitsOf(outputs);
    return rows.map((_, b) => this.row(logits, outputs, (b + 1) * length - 1));
  }

  private async run(rows: ReadonlyArray<readonly number[]>, past: PastState, pastLayers: PastState['layers'], fetches?: string[]): Promise<InferenceSession.ReturnType> {
    const { ort } = this;
    const batch = rows.length;
    const length = rows[0].length;
    const total = past.length + length;
    const ids = new BigInt64Array(batch * length);
    rows.forEach((row, b) => row.forEach((token, i) => (ids[b * length + i] = BigInt(token))));
    const feeds: Record<string, Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [batch, length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(batch * total).fill(1n), [batch, total]),
    };
    if (this.layout.hasPositionIds) {
      feeds.position_ids = new ort.Tensor('int64', BigInt64Array.from({ length: batch * length }, (_, i) => BigInt(past.length + (i % length))), [batch, length]);
    }
    if (this.hasTokenTypeIds) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch * length), [batch, length]);
    if (this.layout.isMergedDecoder) feeds.use_cache_branch = new ort.Tensor('bool', [past.length > 0], [1]);
    pastLayers.forEach(({ key, value }, i) => {
      feeds[`past_key_values.${i}.key`] = key;
      feeds[`past_key_values.${i}.value`] = value;
    });
    try {
      // Normalised rows replace the raw logits: leave those inside ONNX Runtime (200 KB a token).
      if (fetches) return await this.session.run(feeds, fetches);
      return await (this.marked ? this.session.run(feeds, this.session.outputNames.filter((name) => name !== 'logits')) : this.session.run(feeds));
    } catch (error) {
      throw new EngineError('internal', `ONNX Runtime failed to run the model (${describeError(error).split('\n')[0]}).`);
    }
  }

  /** Row `position` of [positions, vocab] `logits` as its own array, with its normaliser registered. */
  private row(logits: Float32Array, outputs: InferenceSession.ReturnType, position: number): Float32Array {
    const vocab = this.config.vocabSize;
    const row = logits.slice(position * vocab, (position + 1) * vocab);
    if (this.marked) registerNormalized(row, this.marked, (outputs[MARKED_SHARE_OUTPUT].data as Float32Array)[position]);
    return row;
  }

  private logitsOf(outputs: InferenceSession.ReturnType): Float32Array {
    const tensor = this.marked ? outputs[LOG_PROBS_OUTPUT] : outputs.logits;
    return tensor.type === 'float16' ? float16ToFloat32(tensor.data as Float16Data) : (tensor.data as Float32Array);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/**
 * The bytes of `file` followed by `room` bytes for the caller to fill, read straight into one buffer:
 * appending to a model after reading it would copy all of it (17 MB, 55-75 ms on the CI machine, on
 * every model load and worker restart).
 * @throws the file system's error (ENOENT, EISDIR, EACCES) when `file` cannot be read.
 */
async function readFileWithRoom(file: string, room: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size + room);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break; // the file shrank while being read: what was there is the model
      filled += bytesRead;
    }
    return buffer.subarray(0, filled + room);
  } finally {
    await handle.close();
  }
}
