import { fork, type ChildProcess } from 'node:child_process';
import type { ModelInfo, Prediction, PredictRequest } from '../engine/types';
import type { Inspection, InspectOptions } from '../engine/inspect';
import { RestartPolicy } from './backoff';
import type { ErrorCode, PersonalWord, WorkerRequest, WorkerResponse } from './protocol';

export type ClientState = 'starting' | 'ready' | 'error' | 'stopped';

/** Who waits for a prediction's further words (PredictionClient.predict's onPhrase). */
interface PhraseListener {
  docId: string;
  listener: (phrase: string) => void;
  /** Whether predict() has its answer; before that a phrase is kept in `early`. */
  answered: boolean;
  early?: string;
}

export class PredictionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PredictionError';
  }
}

export interface PredictionClientOptions {
  /** Absolute path of the bundled worker (out/worker.js). */
  workerPath: string;
  modelDir: string;
  threads: number;
  log?: (message: string) => void;
  onStateChange?: (state: ClientState, detail?: string) => void;
  /** A request running longer than this means the worker hangs: it is killed and restarted. */
  requestTimeoutMs?: number;
}

/**
 * The one cancellation shape of the keystroke path. VS Code's CancellationToken satisfies it, so the
 * extension passes its tokens straight down; this layer cannot import `vscode` itself.
 */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): unknown;
}

interface Pending {
  resolve: (response: WorkerResponse) => void;
  reject: (error: PredictionError) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The extension host's handle on the model worker process: typed requests with ids, stale answers
 * dropped, and a worker that is restarted with backoff when it dies.
 */
export class PredictionClient {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /**
   * The newest request id per document. Answers cross newer requests in the IPC pipe, so only this
   * side can tell that an answer is stale; the worker's latest-only queue just saves the model work.
   */
  private readonly latestByDoc = new Map<string, number>();
  private readonly restarts = new RestartPolicy();
  private ready: Promise<ModelInfo> | undefined;
  private currentState: ClientState = 'stopped';
  private currentModel: ModelInfo | undefined;
  private modelDir: string;
  private threads: number;
  private disposed = false;
  private personalWords: PersonalWord[] = [];
  private latestInspection = 0;
  /** Who waits for the further words of an answer that came with `phrasePending`, by request id. */
  private readonly phraseListeners = new Map<number, PhraseListener>();

  constructor(private readonly options: PredictionClientOptions) {
    this.modelDir = options.modelDir;
    this.threads = options.threads;
  }

  get state(): ClientState {
    return this.currentState;
  }

  get model(): ModelInfo | undefined {
    return this.currentModel;
  }

  /** The worker's process id, for diagnostics and fault-injection tests. */
  get workerPid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<ModelInfo> {
    this.restarts.reset();
    this.ready = this.launch();
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Loads another model; on failure the worker keeps the model it had and this rejects with the reason. */
  async setModel(modelDir: string, threads = this.threads): Promise<ModelInfo> {
    if (!this.child || this.currentState === 'error' || this.currentState === 'stopped') {
      this.modelDir = modelDir;
      this.threads = threads;
      return this.start();
    }
    await this.ready?.catch(() => undefined);
    const model = await this.load(modelDir, threads);
    this.modelDir = modelDir;
    this.threads = threads;
    return model;
  }

  /**
   * The prediction for `request`, or undefined when a newer request of the same document superseded
   * it or `cancel` fired. When the answer comes with `phrasePending` (the best word alone), `onPhrase`
   * is called once with the whole phrase if it arrives while this is still the document's newest
   * request; never for a stale one.
   */
  async predict(request: PredictRequest, cancel?: CancellationLike, onPhrase?: (phrase: string) => void): Promise<Prediction | undefined> {
    if (this.disposed) return undefined;
    const { docId } = request;
    const id = this.nextId++;
    this.latestByDoc.set(docId, id);
    for (const [older, waiting] of this.phraseListeners) if (waiting.docId === docId) this.phraseListeners.delete(older);
    if (this.currentState !== 'ready') {
      if (!this.ready) throw new PredictionError('not-loaded', 'The model worker has not been started.');
      await this.ready;
    }
    if (cancel?.isCancellationRequested || this.latestByDoc.get(docId) !== id) return undefined;
    const response = this.request({ kind: 'predict', id, ...request });
    cancel?.onCancellationRequested(() => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.send({ kind: 'cancel', id });
      this.settle(id, { kind: 'cancelled', id });
    });
    // Listening before the answer arrives: the phrase follows it in the same pipe, often in the same
    // read, and then arrives before this function resumes (early, below).
    const listening: PhraseListener | undefined = onPhrase && { docId, listener: onPhrase, answered: false };
    if (listening) this.phraseListeners.set(id, listening);
    let answer: WorkerResponse;
    try {
      answer = await response;
    } catch (error) {
      this.phraseListeners.delete(id);
      throw error;
    } finally {
      if (listening) listening.answered = true;
    }
    // An answer for anything but the newest request of its document is stale and never shown.
    if (answer.kind !== 'prediction' || this.latestByDoc.get(docId) !== id) {
      this.phraseListeners.delete(id);
      return undefined;
    }
    if (listening?.early !== undefined) {
      this.phraseListeners.delete(id);
      return { ...answer.prediction, phrase: listening.early, phrasePending: false };
    }
    if (!answer.prediction.phrasePending) this.phraseListeners.delete(id);
    return answer.prediction;
  }

  /**
   * What the model sees at the cursor, for the Inspector panel. The worker serves it only when no
   * prediction is waiting; undefined when a newer inspection superseded it.
   */
  async inspect(request: PredictRequest<InspectOptions>): Promise<Inspection | undefined> {
    if (this.disposed) return undefined;
    const id = this.nextId++;
    this.latestInspection = id;
    if (this.currentState !== 'ready') {
      if (!this.ready) throw new PredictionError('not-loaded', 'The model worker has not been started.');
      await this.ready;
    }
    if (this.latestInspection !== id) return undefined;
    const answer = await this.request({ kind: 'inspect', id, ...request });
    return answer.kind === 'inspection' && this.latestInspection === id ? answer.inspection : undefined;
  }

  /** Sends the personal dictionary; it is sent again automatically after a worker restart. */
  setPersonalWords(words: PersonalWord[]): void {
    this.personalWords = words;
    this.send({ kind: 'personal-words', words });
  }

  forget(docId: string): void {
    this.latestByDoc.delete(docId);
    for (const [id, waiting] of this.phraseListeners) if (waiting.docId === docId) this.phraseListeners.delete(id);
    this.send({ kind: 'forget', docId });
  }

  async stats(): Promise<Extract<WorkerResponse, { kind: 'stats' }>['stats']> {
    const answer = await this.request({ kind: 'stats', id: this.nextId++ });
    if (answer.kind !== 'stats') throw new PredictionError('internal', 'The worker answered stats with ' + answer.kind);
    return answer.stats;
  }

  dispose(): void {
    this.disposed = true;
    this.setState('stopped');
    this.rejectAll(new PredictionError('worker-crashed', 'The prediction client was disposed.'));
    this.child?.kill();
    this.child = undefined;
  }

  private async launch(): Promise<ModelInfo> {
    this.setState('starting');
    this.spawn();
    if (this.personalWords.length > 0) this.send({ kind: 'personal-words', words: this.personalWords });
    try {
      const model = await this.load(this.modelDir, this.threads);
      this.setState('ready', model.name);
      return model;
    } catch (error) {
      const failure = error instanceof PredictionError ? error : new PredictionError('internal', String(error));
      if (failure.code !== 'worker-crashed') {
        this.setState('error', failure.message);
        this.child?.kill();
      }
      throw failure;
    }
  }

  private async load(modelDir: string, threads: number): Promise<ModelInfo> {
    const answer = await this.request({ kind: 'load', id: this.nextId++, modelDir, threads });
    if (answer.kind !== 'loaded') throw new PredictionError('internal', 'The worker answered load with ' + answer.kind);
    this.currentModel = answer.model;
    this.log(`Loaded model ${answer.model.name} (${answer.model.nLayer} layers, ${answer.model.nEmbd} wide) from ${answer.model.file} in ${answer.model.loadMs.toFixed(0)} ms.`);
    return answer.model;
  }

  private spawn(): void {
    const child = fork(this.options.workerPath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: WORKER_NODE_FLAGS,
      env: workerEnvironment(process.env),
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => this.log(`worker: ${chunk.toString().trimEnd()}`));
    child.stdout?.on('data', (chunk: Buffer) => this.log(`worker: ${chunk.toString().trimEnd()}`));
    child.on('message', (message) => {
      const response = message as WorkerResponse;
      if (response.kind === 'phrase') this.onPhrase(response.id, response.phrase);
      else this.settle(response.id, response);
    });
    child.on('error', (error) => this.log(`worker error: ${error.message}`));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = undefined;
    if (this.disposed) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    this.rejectAll(new PredictionError('worker-crashed', `The model worker stopped (${how}).`));
    if (this.currentState === 'error') return;
    const delay = this.restarts.onCrash(Date.now());
    if (delay === undefined) {
      this.log(`The model worker stopped (${how}) too often; giving up until the model is reloaded.`);
      this.setState('error', `The model worker keeps crashing (${how}).`);
      return;
    }
    this.log(`The model worker stopped (${how}); restarting in ${delay} ms.`);
    this.setState('starting', 'restarting after a crash');
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() => {
      if (this.disposed) throw new PredictionError('worker-crashed', 'The prediction client was disposed.');
      return this.launch();
    });
    this.ready.catch(() => undefined);
  }

  private request(message: WorkerRequest & { id: number }): Promise<WorkerResponse> {
    return new Promise<WorkerResponse>((resolve, reject) => {
      if (!this.child?.connected) {
        reject(new PredictionError('worker-crashed', 'The model worker is not running.'));
        return;
      }
      const entry: Pending = { resolve, reject };
      if (message.kind === 'predict' || message.kind === 'inspect') {
        entry.timer = setTimeout(() => {
          this.log(`A prediction took over ${this.options.requestTimeoutMs ?? 15_000} ms; restarting the worker.`);
          this.child?.kill('SIGKILL');
        }, this.options.requestTimeoutMs ?? 15_000);
      }
      this.pending.set(message.id, entry);
      this.send(message);
    });
  }

  private settle(id: number, response: WorkerResponse): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (response.kind === 'error') entry.reject(new PredictionError(response.code, response.message));
    else entry.resolve(response);
  }

  private onPhrase(id: number, phrase: string): void {
    const waiting = this.phraseListeners.get(id);
    if (!waiting) return;
    // Came before predict() returned its answer: it returns the whole phrase instead.
    if (!waiting.answered) {
      waiting.early = phrase;
      return;
    }
    this.phraseListeners.delete(id);
    // Only for the document's newest request: an older phrase belongs to text that has changed.
    if (this.latestByDoc.get(waiting.docId) === id) waiting.listener(phrase);
  }

  private rejectAll(error: PredictionError): void {
    this.phraseListeners.clear();
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  private send(message: WorkerRequest): void {
    if (this.child?.connected) this.child.send(message);
  }

  private setState(state: ClientState, detail?: string): void {
    this.currentState = state;
    this.options.onStateChange?.(state, detail);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

/**
 * V8 flags of the worker. A 2 MB young generation (default 16 MB per semi-space): the worker's
 * garbage is short-lived rows of logits, which are large and go straight to the large-object space,
 * so a big nursery only holds RSS (measured with bench/soak.ts, issue 14).
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=2'];

/**
 * The worker's environment: the caller's, with ELECTRON_RUN_AS_NODE (inside VS Code
 * process.execPath is Electron; this makes it plain Node). glibc's MALLOC_MMAP_THRESHOLD_ at 64 KiB
 * was tried (issue 14): it cut the worker's RSS by ~90 MB while typing, but made every keystroke
 * about twice as slow (each call's 200 KB rows became fresh mmap'd pages; measured side by side in
 * bench/results/latency.json's run), so it is not set; a value the person sets passes through.
 */
export function workerEnvironment(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...parent, ELECTRON_RUN_AS_NODE: '1' };
}
