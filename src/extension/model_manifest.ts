/**
 * The GPT-2 models "Download a GPT-2 Model…" offers: OpenAI's weights as the quantized
 * transformers.js exports on the Hugging Face Hub (config.json + onnx/decoder_model_merged_quantized.onnx,
 * int8 weights, one merged decoder). No tokenizer files: the engine bundles gpt-tokenizer (GPT-2's
 * BPE is the same for the whole family). Nothing is pinned here: the commit, sizes and hashes come
 * from the Hub at download time (download.ts) and are recorded in the model folder's download.json.
 *
 * gpt2-medium is not offered: no transformers.js export of OpenAI's gpt2-medium under Xenova/ (the
 * account that publishes distilgpt2 and gpt2) could be confirmed; the gpt2-medium exports found on
 * the Hub are fine-tunes (chat, Alpaca), not OpenAI's weights.
 */
import { readFileSync } from 'node:fs';
import type { HubModel } from './download';
import { DEFAULT_ENDPOINT } from './download';

export interface OfferedModel extends HubModel {
  /** Why pick it, one line. */
  detail: string;
  /** Parameters, millions. */
  paramsM: number;
  /** Download size in MB as listed on the Hub (the exact bytes come from the tree API). Also its size on disk. */
  approxMB: number;
}

const FILES = ['config.json', 'onnx/decoder_model_merged_quantized.onnx'];

export const GPT2_MODELS: readonly OfferedModel[] = [
  {
    id: 'distilgpt2',
    name: 'distilgpt2 (82M)',
    repo: 'Xenova/distilgpt2',
    revision: 'main',
    files: FILES,
    detail: 'fastest: 6 layers, for laptops and older machines',
    paramsM: 82,
    approxMB: 85,
  },
  {
    id: 'gpt2',
    name: 'GPT-2 (124M)',
    repo: 'Xenova/gpt2',
    revision: 'main',
    files: FILES,
    detail: 'best predictions: 12 layers, for a recent machine',
    paramsM: 124,
    approxMB: 128,
  },
];

/**
 * Tests point the download at a local imitation of the Hub with these environment variables: an
 * https:// origin, and the PEM file of its self-signed certificate authority (trusted only for that
 * origin; VS Code's extension host does not pick up NODE_EXTRA_CA_CERTS). Environment variables,
 * not settings, because a workspace can set settings but cannot set the extension host's environment.
 */
export const ENDPOINT_ENV = 'PREDICTIVE_KEYBOARD_HUB_ENDPOINT';
export const ENDPOINT_CA_ENV = 'PREDICTIVE_KEYBOARD_HUB_CA';

export function hubEndpoint(env: NodeJS.ProcessEnv = process.env, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): { endpoint: string; overridden: boolean; ca?: string } {
  const e = env[ENDPOINT_ENV];
  if (!e) return { endpoint: DEFAULT_ENDPOINT, overridden: false };
  const caFile = env[ENDPOINT_CA_ENV];
  return { endpoint: e.replace(/\/+$/, ''), overridden: true, ...(caFile ? { ca: read(caFile) } : {}) };
}
