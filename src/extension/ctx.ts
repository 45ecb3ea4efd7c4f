/**
 * Owns the prediction client (the model worker process) and the current settings: starts the worker
 * lazily, the first time an editor needs a prediction, switches models when the settings change,
 * and reports state for the status bar. One client per window: the model is loaded once. It is the
 * only owner of the worker: the provider, the strip, the Inspector and the learner all go through it.
 */
import * as vscode from 'vscode';
import { cpus } from 'node:os';
import { PredictionClient, type CancellationLike, type ClientState } from '../worker/client';
import type { PersonalWord } from '../worker/protocol';
import { describeError } from '../engine/errors';
import type { Inspection, InspectOptions } from '../engine/inspect';
import { NUMERIC_OPTIONS, type NumericOptions } from '../engine/options';
import type { ModelInfo, Prediction, PredictOptions, PredictRequest } from '../engine/types';
import { readSettings } from './config';
import type { Log } from './output';
import { SlowPredictionLog } from './slow_log';
import { resolveThreads, type Settings } from './settings';

export type HostState = 'idle' | ClientState;

/** Requests slower than this count as slow in the log's summary: above one frame at 60 Hz plus margin, typing feels it. */
export const SLOW_MS = 50;

export class Ctx implements vscode.Disposable {
  settings: Settings;
  state: HostState = 'idle';
  stateDetail: string | undefined;
  /** Round trip seen by the extension host, and the engine's own share, of the last prediction. */
  lastLatencyMs: number | undefined;
  lastEngineMs: number | undefined;

  private client: PredictionClient | undefined;
  private starting: Promise<ModelInfo | undefined> | undefined;
  /** The model folder and threads the running client was given, to tell real switches from echoes. */
  private loaded: { dir: string; threads: number } | undefined;
  private lastWarnings = '';
  /** A folder that just failed to load: not retried on every unrelated settings change. */
  private failedDir: string | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly settingsEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeSettings = this.settingsEmitter.event;
  /** A prediction finished and `lastLatencyMs` changed; separate from state, which changes rarely. */
  private readonly latencyEmitter = new vscode.EventEmitter<void>();
  readonly onDidMeasureLatency = this.latencyEmitter.event;
  private readonly slowLog = new SlowPredictionLog(SLOW_MS);
  /** Handed to every worker this context starts, so a restarted one offers the same words. */
  private personalWords: PersonalWord[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly log: Log,
  ) {
    this.settings = this.readAndWarn();
  }

  get embeddedModelDir(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'models', 'prose-gpt2').fsPath;
  }

  get modelDir(): string {
    return this.settings.modelPath !== '' ? this.settings.modelPath : this.embeddedModelDir;
  }

  get threads(): number {
    return resolveThreads(this.settings.threads, cpus().length);
  }

  get workerPid(): number | undefined {
    return this.client?.workerPid;
  }

  get model(): ModelInfo | undefined {
    return this.client?.model;
  }

  /** The engine's options as the settings give them (every OPTION_LIMITS entry is a setting of the same name). */
  options(): PredictOptions {
    const s = this.settings;
    const options: PredictOptions = Object.fromEntries(NUMERIC_OPTIONS.map((k) => [k, s[k]])) as NumericOptions;
    if (!s.learningDocumentCache) options.documentCache = false;
    if (!s.filterOffensiveWords) options.filterOffensiveWords = false;
    return options;
  }

  private readAndWarn(): Settings {
    const { settings, warnings } = readSettings(this.client?.model?.nPositions);
    const joined = warnings.join('\n');
    // Settings are re-read on every change; repeat a warning only when it is new.
    if (joined !== this.lastWarnings) warnings.forEach((w) => this.log.warn(w));
    this.lastWarnings = joined;
    return settings;
  }

  /** Re-reads settings (on a configuration change) and switches the model if its folder or threads changed. */
  async reloadSettings(): Promise<void> {
    this.settings = this.readAndWarn();
    this.settingsEmitter.fire();
    this.setState(this.state, this.stateDetail);
    if (!this.client) return;
    if (this.loaded && this.loaded.dir === this.modelDir && this.loaded.threads === this.threads) return;
    const target = `${this.modelDir}|${this.threads}`;
    if (this.failedDir === target) return;
    try {
      await this.switchModel(this.modelDir);
      this.failedDir = undefined;
    } catch (e) {
      this.failedDir = target;
      const msg = describeError(e);
      this.log.error(`Cannot use the model in ${this.modelDir}: ${msg} Keeping ${this.loaded?.dir ?? 'no model'}.`);
      void vscode.window.showErrorMessage(`Predictive Keyboard: cannot use the model in ${this.modelDir}: ${msg}`);
    }
  }

  /**
   * Starts the worker and loads the model unless already done; never throws (state says what
   * happened). After a failed start it does not retry by itself, or every keystroke would spawn a
   * process: a settings change, a model command or the toggle (resetError) allow the next try.
   */
  ensureStarted(): Promise<ModelInfo | undefined> {
    if (this.client) return this.starting ?? Promise.resolve(this.client.model);
    if (this.starting) return this.starting;
    this.starting = this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** After an error, lets the next request try again (a new model folder, a toggle). */
  resetError(): void {
    if (this.state === 'error') {
      this.client?.dispose();
      this.client = undefined;
      this.loaded = undefined;
      this.setState('idle');
    }
  }

  private async start(dir = this.modelDir): Promise<ModelInfo | undefined> {
    const threads = this.threads;
    this.client?.dispose();
    const client = new PredictionClient({
      workerPath: vscode.Uri.joinPath(this.extensionUri, 'out', 'worker.js').fsPath,
      modelDir: dir,
      threads,
      log: (m) => this.log.info(m),
      onStateChange: (state, detail) => {
        if (this.client !== client) return;
        if (state === 'error') this.log.error(`Model worker: ${detail ?? 'error'}`);
        else if (detail) this.log.info(`Model worker ${state}: ${detail}`);
        this.setState(state, detail);
      },
    });
    client.setPersonalWords(this.personalWords);
    this.client = client;
    this.setState('starting', `loading ${dir}`);
    this.log.info(`Loading model from ${dir} with ${threads} thread(s)…`);
    try {
      const model = await client.start();
      if (this.client !== client) return undefined;
      this.loaded = { dir, threads };
      this.failedDir = undefined;
      this.log.info(`Model "${model.name}" loaded in ${Math.round(model.loadMs)} ms (${model.nLayer} layers, context ${model.nPositions} tokens, ${model.file}).`);
      // contextTokens is clamped to the model's context, which is only known now.
      this.settings = this.readAndWarn();
      this.setState('ready');
      return model;
    } catch (e) {
      if (this.client !== client) return undefined;
      const msg = describeError(e);
      this.log.error(`Could not load the model from ${dir}: ${msg}`);
      this.failedDir = `${dir}|${threads}`;
      this.setState('error', msg);
      return undefined;
    }
  }

  /**
   * Validates `dir` by loading it; on success it becomes the running model. Rejects with a message
   * a person can act on, leaving the previous model in use.
   */
  async switchModel(dir: string): Promise<ModelInfo> {
    if (!this.client || this.state === 'error') {
      // Nothing running (or it failed): start straight on the requested folder.
      this.resetError();
      await this.starting;
      if (!this.client) {
        this.starting = this.start(dir).finally(() => {
          this.starting = undefined;
        });
        await this.starting;
      }
    }
    const client = this.client;
    if (!client) throw new Error('the model worker is not running');
    if (this.state === 'error') throw new Error(this.stateDetail ?? 'the model could not be loaded');
    if (this.loaded && this.loaded.dir === dir && this.loaded.threads === this.threads && client.model) return client.model;
    this.log.info(`Switching model to ${dir}…`);
    const model = await client.setModel(dir, this.threads);
    this.loaded = { dir, threads: this.threads };
    this.log.info(`Model "${model.name}" loaded in ${Math.round(model.loadMs)} ms from ${dir}.`);
    this.settings = this.readAndWarn();
    this.setState('ready');
    return model;
  }

  /** The prediction, or undefined; `onPhrase` as in PredictionClient.predict (the ghost text grows). */
  async predict(request: PredictRequest, cancel: CancellationLike, onPhrase?: (phrase: string) => void): Promise<Prediction | undefined> {
    await this.ensureStarted();
    const client = this.client;
    if (!client || this.state === 'error' || cancel.isCancellationRequested) return undefined;
    const t0 = performance.now();
    try {
      const p = await client.predict(request, cancel, onPhrase);
      if (!p) return undefined;
      const ms = performance.now() - t0;
      this.lastLatencyMs = ms;
      this.lastEngineMs = p.latencyMs;
      // At most one summary line a minute: a slow machine must not bury the log's errors.
      const slow = this.slowLog.record(ms, p.latencyMs, Date.now());
      if (slow) this.log.warn(slow);
      this.latencyEmitter.fire();
      return p;
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'error';
      this.log.errorOnce(`predict:${code}`, `Prediction failed (${code}): ${describeError(e)}`);
      return undefined;
    }
  }

  /**
   * What the model sees at the cursor, for the Inspector panel; the worker serves it after every
   * waiting prediction. Undefined when superseded or when no model is ready; rejects when it fails.
   */
  async inspect(request: PredictRequest<InspectOptions>): Promise<Inspection | undefined> {
    await this.ensureStarted();
    const client = this.client;
    if (!client || this.state !== 'ready') return undefined;
    return client.inspect(request);
  }

  /** The personal dictionary for every document; kept and given to each worker started later. */
  setPersonalWords(words: PersonalWord[]): void {
    this.personalWords = words;
    this.client?.setPersonalWords(words);
  }

  forget(docId: string): void {
    this.client?.forget(docId);
  }

  private setState(state: HostState, detail?: string): void {
    if (state === 'ready' && this.state !== 'ready') this.log.resetOnce();
    this.state = state;
    this.stateDetail = detail;
    this.stateEmitter.fire();
  }

  dispose(): void {
    this.client?.dispose();
    this.client = undefined;
    this.stateEmitter.dispose();
    this.settingsEmitter.dispose();
    this.latencyEmitter.dispose();
  }
}
