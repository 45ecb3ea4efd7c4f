/**
 * One prediction per (document version, cursor): the inline provider and the suggestion strip ask
 * for the same thing on every keystroke, so they share one request instead of superseding each
 * other in the client. A shared request is cancelled only when every asker has cancelled.
 */
import * as vscode from 'vscode';
import type { Prediction, PredictRequest } from '../engine/types';
import { commentAtEnd, withoutGutter } from './comments';
import type { Ctx } from './ctx';
import { contextWindow } from './edit_range';
import { insertionAt } from './insertion';
import { languageMode, predictedIn } from './language_mode';
import type { Settings } from './settings';

export interface PredictionAt {
  uri: string;
  version: number;
  /** Document offset of the cursor the prediction is for. */
  offset: number;
  line: number;
  character: number;
  prediction: Prediction;
}

/**
 * Whether `r` was made for exactly this document, version and cursor. Anything else is stale: the
 * person typed or moved while the model ran, and showing or inserting it would put words in the
 * wrong place.
 */
export function isAt(r: PredictionAt, doc: vscode.TextDocument, position: vscode.Position): boolean {
  return r.uri === doc.uri.toString() && r.version === doc.version && r.offset === doc.offsetAt(position);
}

/** Text to send for a cursor at `position`, or undefined where no prediction belongs. */
export function contextAt(doc: vscode.TextDocument, position: vscode.Position, s: Settings): { text: string; offset: number } | undefined {
  const mode = languageMode(doc, s);
  if (!mode) return undefined;
  // Inside a word (`rob|ot`, `don|'t`) or glued to what follows (`the |[docs]`, `|## Plans`): no word fits.
  if (!insertionAt(doc.lineAt(position.line).text, position.character).ok) return undefined;
  const window = contextWindow(doc.offsetAt(position), (from, to) => doc.getText(new vscode.Range(doc.positionAt(from), doc.positionAt(to))));
  let text = window.text;
  const start = window.start;
  let offset = start;
  if (mode === 'comments') {
    const lineStart = text.length - position.character;
    const c = commentAtEnd(doc.languageId, text, Math.max(0, lineStart));
    if (!c) return undefined;
    // The model sees only the comment's own words, not the code around it.
    text = withoutGutter(text.slice(c.start));
    offset = start + c.start;
  }
  return { text, offset };
}

/** The request for a cursor, in the one shape every layer down to the engine takes. */
export function requestAt(doc: vscode.TextDocument, position: vscode.Position, ctx: Ctx): PredictRequest<ReturnType<Ctx['options']>> | undefined {
  const where = contextAt(doc, position, ctx.settings);
  return where && { docId: doc.uri.toString(), text: where.text, textOffset: where.offset, options: ctx.options() };
}

interface Shared {
  key: string;
  promise: Promise<PredictionAt | undefined>;
  askers: number;
  source: vscode.CancellationTokenSource;
}

export class Predictions implements vscode.Disposable {
  /**
   * Not a stale-dropping layer (the worker client does that): it lets the provider and the strip,
   * which ask for the same cursor at the same moment, share one request.
   */
  private inflight: Shared | undefined;
  private last: { key: string; result: PredictionAt } | undefined;
  private readonly emitter = new vscode.EventEmitter<PredictionAt>();
  /** Every fresh prediction, for the strip (which may not have asked for it). */
  readonly onDidPredict = this.emitter.event;
  private readonly phraseEmitter = new vscode.EventEmitter<PredictionAt>();
  /**
   * The latest prediction's phrase grew (the worker sends the best word first, the further words
   * after): ghost text showing it may be asked for again. Never fired for a superseded prediction.
   */
  readonly onDidGrowPhrase = this.phraseEmitter.event;

  /** `silenced`: a snooze or "off for this file" (quick_controls.ts) holds every prediction back. */
  constructor(
    private readonly ctx: Ctx,
    private readonly silenced: (doc: vscode.TextDocument) => boolean = () => false,
  ) {}

  /** The prediction for the cursor, or undefined (not prose here, disabled, superseded, cancelled, failed). */
  async at(doc: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<PredictionAt | undefined> {
    if (token?.isCancellationRequested || !predictedIn(doc, this.ctx.settings) || this.silenced(doc)) return undefined;
    const request = requestAt(doc, position, this.ctx);
    if (!request) return undefined;
    const offset = doc.offsetAt(position);
    const key = `${request.docId}|${doc.version}|${offset}|${request.textOffset}|${JSON.stringify(request.options)}|${this.ctx.modelDir}`;
    if (this.last?.key === key) return this.last.result;

    let shared = this.inflight;
    if (!shared || shared.key !== key || shared.source.token.isCancellationRequested) {
      const source = new vscode.CancellationTokenSource();
      const version = doc.version;
      let result: PredictionAt | undefined;
      // May come before the provider has even read the first word: then it shows the whole phrase.
      const grow = (phrase: string): void => {
        if (!result || this.last?.result !== result || phrase === result.prediction.phrase || !phrase.startsWith(result.prediction.phrase)) return;
        result.prediction = { ...result.prediction, phrase, phrasePending: false };
        this.phraseEmitter.fire(result);
      };
      const promise = this.ctx.predict(request, source.token, grow).then((prediction) => {
        if (!prediction) return undefined;
        result = { uri: request.docId, version, offset, line: position.line, character: position.character, prediction };
        this.last = { key, result };
        this.emitter.fire(result);
        return result;
      });
      shared = { key, promise, askers: 0, source };
      this.inflight = shared;
      void promise.finally(() => {
        if (this.inflight === shared) this.inflight = undefined;
        source.dispose();
      });
    }
    const mine = shared;
    mine.askers++;
    const sub = token?.onCancellationRequested(() => {
      if (--mine.askers <= 0) mine.source.cancel();
    });
    try {
      const r = await mine.promise;
      return token?.isCancellationRequested ? undefined : r;
    } finally {
      sub?.dispose();
    }
  }

  /** The latest prediction if it is still for exactly this document version and cursor. */
  current(doc: vscode.TextDocument, position: vscode.Position): PredictionAt | undefined {
    const r = this.last?.result;
    // A snooze or "off for this file" that began after this answer hides it too (the strip asks here).
    return r && isAt(r, doc, position) && !this.silenced(doc) ? r : undefined;
  }

  clear(): void {
    this.last = undefined;
    this.inflight?.source.cancel();
    this.inflight = undefined;
  }

  dispose(): void {
    this.emitter.dispose();
    this.phraseEmitter.dispose();
  }
}
