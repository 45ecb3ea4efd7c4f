/**
 * What "Download GPT-2 (124M)" fetches: OpenAI's GPT-2 as the quantized ONNX export in the
 * transformers.js layout (config.json + onnx/decoder_model_merged_quantized.onnx), pinned to one
 * revision of the Hugging Face repository so the bytes can never change under a fixed hash.
 * No tokenizer files: the engine bundles gpt-tokenizer (GPT-2's BPE is fixed).
 */
import { readFileSync } from 'node:fs';
import type { Manifest } from './download';

/**
 * TO BE FILLED IN ON A CONNECTED MACHINE: the commit of huggingface.co/Xenova/gpt2 and the sha256 of
 * both files at that commit (`curl -L URL | sha256sum`). While a hash is empty the command refuses
 * to download rather than accept unverified bytes (download.ts validateManifest).
 */
export const GPT2_REVISION = 'main';

export const GPT2_124M: Manifest = {
  id: 'gpt2-124m',
  name: 'GPT-2 (124M, quantized ONNX)',
  baseUrl: `https://huggingface.co/Xenova/gpt2/resolve/${GPT2_REVISION}/`,
  files: [
    { path: 'config.json', sha256: '' },
    { path: 'onnx/decoder_model_merged_quantized.onnx', sha256: '' },
  ],
};

/**
 * Tests replace the manifest (base URL + hashes) with a JSON file named by this environment
 * variable, pointing at a local server. An environment variable, not a setting, because a
 * workspace can set settings but cannot set the extension host's environment.
 */
export const MANIFEST_OVERRIDE_ENV = 'PREDICTIVE_KEYBOARD_DOWNLOAD_MANIFEST';

export function activeManifest(env: NodeJS.ProcessEnv = process.env): { manifest: Manifest; overridden: boolean } {
  const path = env[MANIFEST_OVERRIDE_ENV];
  if (!path) return { manifest: GPT2_124M, overridden: false };
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  return {
    manifest: {
      id: raw.id ?? GPT2_124M.id,
      name: raw.name ?? GPT2_124M.name,
      baseUrl: raw.baseUrl ?? GPT2_124M.baseUrl,
      files: raw.files ?? GPT2_124M.files,
    },
    overridden: true,
  };
}
