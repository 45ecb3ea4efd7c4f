/**
 * The data the Inspector webview renders, and the messages both ways. Plain data, no `vscode`
 * import, so the rules (which candidates are the ghost text's) are unit-tested in plain Node.
 */
import type { Inspection, TokenPiece, TokenRow } from '../../engine/inspect';
import type { Prediction } from '../../engine/types';

/** The panel asks this long after the last keystroke or cursor move (bench/inspector_latency.ts uses it too). */
export const INSPECTOR_DEBOUNCE_MS = 100;
/** Attention is computed only once typing pauses this long. */
export const ATTENTION_PAUSE_MS = 400;

export interface CandidateView {
  word: string;
  probability: number;
  /** The candidate the ghost text starts with. */
  ghost: boolean;
}

export interface InspectorView {
  model: string;
  mode: Prediction['mode'];
  typed: string;
  topK: number;
  settingTemperature: number;
  previewTemperature: number;
  rows: number;
  distribution: TokenRow[];
  restProbability: number;
  restTempered: number;
  candidates: CandidateView[];
  /** The ghost text itself ('' when there is none). */
  phrase: string;
  /** 'ghost text': the very prediction the editor shows; 'inspector': recomputed for the panel. */
  candidatesFrom: 'ghost text' | 'inspector';
  pieces: TokenPiece[];
  hiddenTokens: number;
  contextTokens: number;
  attention: Inspection['attention'];
  latencyMs: number;
}

/** Extension -> webview. */
export type ToWebview = { type: 'inspection'; view: InspectorView } | { type: 'status'; text: string } | { type: 'applied'; temperature: number };

/** Webview -> extension. */
export type FromWebview = { type: 'ready' } | { type: 'preview'; temperature: number } | { type: 'rows'; rows: number } | { type: 'apply'; temperature: number };

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; temperature?: unknown; rows?: unknown };
  if (m.type === 'ready') return true;
  if (m.type === 'preview' || m.type === 'apply') return typeof m.temperature === 'number' && Number.isFinite(m.temperature);
  return m.type === 'rows' && typeof m.rows === 'number' && Number.isFinite(m.rows);
}

/**
 * The panel's view. `ghost` is the prediction the editor is showing for this exact cursor, when
 * there is one: at a temperature above 0 the candidates are a sample, and only that prediction is
 * the one on screen.
 */
export function toView(inspection: Inspection, ghost: Prediction | undefined, model: string, settingTemperature: number, rows: number): InspectorView {
  const prediction = ghost ?? inspection.prediction;
  return {
    model,
    mode: inspection.mode,
    typed: inspection.typed,
    topK: inspection.topK,
    settingTemperature,
    previewTemperature: inspection.previewTemperature,
    rows,
    distribution: inspection.distribution,
    restProbability: inspection.restProbability,
    restTempered: inspection.restTempered,
    candidates: (prediction?.candidates ?? []).map((c, i) => ({ word: c.word, probability: c.probability, ghost: i === 0 && prediction?.phrase !== '' })),
    phrase: prediction?.phrase ?? '',
    candidatesFrom: ghost ? 'ghost text' : 'inspector',
    pieces: inspection.pieces,
    hiddenTokens: inspection.hiddenTokens,
    contextTokens: inspection.contextTokens,
    attention: inspection.attention,
    latencyMs: inspection.latencyMs,
  };
}
