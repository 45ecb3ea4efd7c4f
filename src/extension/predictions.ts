/**
 * One prediction per (document version, cursor): the inline provider and the suggestion strip ask
 * for the same thing on every keystroke, so they share one request instead of superseding each
 * other in the client. A shared request is cancelled only when every asker has cancelled.
 */
import * as vscode from 'vscode';
import type { Prediction } from '../engine/types';
import { commentAtEnd, commentSyntax } from './comments';
import type { CancelFlag, Ctx } from './ctx';
import { contextStart } from './edit_range';
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

/** Whether `doc` gets predictions at all: prose languages everywhere, code only in comments. */
export function languageMode(doc: vscode.TextDocument, s: Settings): 'prose' | 'comments' | undefined {
  if (s.languages.includes(doc.languageId)) return 'prose';
  if (s.commentsEnabled && commentSyntax(doc.languageId)) return 'comments';
  return undefined;
}

/** Text to send for a cursor at `position`, or undefined where no prediction belongs. */
export function contextAt(doc: vscode.TextDocument, position: vscode.Position, s: Settings): { text: string; offset: number } | undefined {
  const mode = languageMode(doc, s);
  if (!mode) return undefined;
  const line = doc.lineAt(position.line).text;
  // Inside a word ("rob|ot") a completion would duplicate the rest of it.
  if (/[\p{L}\p{N}_]/u.test(line.charAt(position.character))) return undefined;
  const cursor = doc.offsetAt(position);
  const start = contextStart(cursor);
  let text = doc.getText(new vscode.Range(doc.positionAt(start), position));
  let offset = start;
  if (mode === 'comments') {
    const lineStart = text.length - position.character;
    const c = commentAtEnd(doc.languageId, text, Math.max(0, lineStart));
    if (!c) return undefined;
    // The model sees only the comment's own words, not the code around it.
    text = text.slice(c.start);
    offset = start + c.start;
  }
  return { text, offset };
}

interface Shared {
  key: string;
  promise: Promise<PredictionAt | undefined>;
  askers: number;
  flag: CancelFlag & { cancel(): void };
}

function cancelFlag(): Shared['flag'] {
  const listeners: (() => void)[] = [];
  const flag = {
    isCancellationRequested: false,
    onCancellationRequested: (cb: () => void) => listeners.push(cb),
    cancel: () => {
      if (flag.isCancellationRequested) return;
      flag.isCancellationRequested = true;
      listeners.forEach((cb) => cb());
    },
  };
  return flag;
}

export class Predictions implements vscode.Disposable {
  private inflight: Shared | undefined;
  private last: { key: string; result: PredictionAt } | undefined;
  private readonly emitter = new vscode.EventEmitter<PredictionAt>();
  /** Every fresh prediction, for the strip (which may not have asked for it). */
  readonly onDidPredict = this.emitter.event;

  constructor(private readonly ctx: Ctx) {}

  /** The prediction for the cursor, or undefined (not prose here, disabled, superseded, cancelled, failed). */
  async at(doc: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<PredictionAt | undefined> {
    const s = this.ctx.settings;
    if (!s.enabled || token?.isCancellationRequested) return undefined;
    const where = contextAt(doc, position, s);
    if (!where) return undefined;
    const opts = this.ctx.options();
    const offset = doc.offsetAt(position);
    const key = `${doc.uri.toString()}|${doc.version}|${offset}|${where.offset}|${JSON.stringify(opts)}|${this.ctx.modelDir}`;
    if (this.last?.key === key) return this.last.result;

    let shared = this.inflight;
    if (!shared || shared.key !== key || shared.flag.isCancellationRequested) {
      const flag = cancelFlag();
      const uri = doc.uri.toString();
      const version = doc.version;
      const promise = this.ctx.predict(uri, where.text, where.offset, opts, flag).then((prediction) => {
        if (!prediction) return undefined;
        const result: PredictionAt = { uri, version, offset, line: position.line, character: position.character, prediction };
        this.last = { key, result };
        this.emitter.fire(result);
        return result;
      });
      shared = { key, promise, askers: 0, flag };
      this.inflight = shared;
      void promise.finally(() => {
        if (this.inflight === shared) this.inflight = undefined;
      });
    }
    const mine = shared;
    mine.askers++;
    const sub = token?.onCancellationRequested(() => {
      if (--mine.askers <= 0) mine.flag.cancel();
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
    if (!r || r.uri !== doc.uri.toString() || r.version !== doc.version || r.offset !== doc.offsetAt(position)) return undefined;
    return r;
  }

  clear(): void {
    this.last = undefined;
    this.inflight?.flag.cancel();
    this.inflight = undefined;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
