import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EngineError } from './errors';

export const EMBEDDED_MODEL_NAME = 'prose-gpt2';

/**
 * The embedded model ships in <package root>/models. Bundles live in <package root>/out, and the
 * unbundled sources one level deeper, so look upwards instead of trusting one fixed depth.
 */
export function defaultModelDir(): string {
  const candidates = [join(__dirname, '..', 'models', EMBEDDED_MODEL_NAME), join(__dirname, '..', '..', 'models', EMBEDDED_MODEL_NAME), join(__dirname, '..', '..', '..', 'models', EMBEDDED_MODEL_NAME)];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/**
 * ONNX files in the order they are tried: the project's and Optimum's plain export first, then the
 * merged decoder, then the transformers.js `onnx/` folder, preferring its quantized files for speed.
 */
const MODEL_FILE_CANDIDATES = [
  'model.onnx',
  'decoder_model_merged.onnx',
  'model_quantized.onnx',
  'decoder_model_merged_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
  'onnx/model_quantized.onnx',
  'onnx/decoder_model_merged.onnx',
  'onnx/model.onnx',
];

export interface ModelLocation {
  directory: string;
  file: string;
  name: string;
}

/** Accepts a model folder, or an .onnx file whose folder (or parent, for `onnx/`) holds config.json. */
export function locateModel(path: string): ModelLocation {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new EngineError('model-missing', `Model path ${absolute} does not exist.`);
  }
  if (statSync(absolute).isFile()) {
    if (!absolute.endsWith('.onnx')) {
      throw new EngineError('model-invalid', `${absolute} is not an .onnx file or a model folder.`);
    }
    const folder = resolve(absolute, '..');
    const directory = basename(folder) === 'onnx' && !existsSync(join(folder, 'config.json')) ? resolve(folder, '..') : folder;
    return { directory, file: absolute, name: basename(directory) };
  }
  const found = MODEL_FILE_CANDIDATES.map((candidate) => join(absolute, candidate)).find((file) => existsSync(file));
  if (!found) {
    throw new EngineError(
      'model-missing',
      `No GPT-2 ONNX file in ${absolute}. Expected one of: ${MODEL_FILE_CANDIDATES.join(', ')}.`,
    );
  }
  return { directory: absolute, file: found, name: basename(absolute) };
}
