import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from './errors';

/** The subset of a Hugging Face GPT-2 config.json the engine needs. */
export interface Gpt2Config {
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nPositions: number;
  vocabSize: number;
  eosTokenId: number;
}

const GPT2_VOCAB_SIZE = 50257;

export async function readGpt2Config(modelDir: string): Promise<Gpt2Config> {
  const path = join(modelDir, 'config.json');
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new EngineError('model-missing', `No config.json in ${modelDir}. A GPT-2 model folder needs config.json beside its ONNX file.`);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(raw) as Record<string, unknown>;
  } catch (error) {
    throw new EngineError('model-invalid', `${path} is not valid JSON (${(error as Error).message}).`);
  }
  return parseGpt2Config(json, path);
}

export function parseGpt2Config(json: Record<string, unknown>, source = 'config.json'): Gpt2Config {
  const int = (keys: string[], fallback?: number): number => {
    for (const key of keys) {
      const value = json[key];
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    }
    if (fallback !== undefined) return fallback;
    throw new EngineError('model-invalid', `${source} lacks a positive integer ${keys.join(' / ')}; is this a GPT-2 config?`);
  };
  const modelType = json['model_type'];
  if (typeof modelType === 'string' && modelType !== 'gpt2') {
    throw new EngineError('model-invalid', `${source} describes a "${modelType}" model; only GPT-2-family models (model_type "gpt2") use GPT-2's tokenizer and cache layout.`);
  }
  const config: Gpt2Config = {
    nLayer: int(['n_layer', 'num_hidden_layers']),
    nHead: int(['n_head', 'num_attention_heads']),
    nEmbd: int(['n_embd', 'hidden_size']),
    nPositions: int(['n_positions', 'n_ctx', 'max_position_embeddings'], 1024),
    vocabSize: int(['vocab_size'], GPT2_VOCAB_SIZE),
    eosTokenId: int(['eos_token_id'], GPT2_VOCAB_SIZE - 1),
  };
  if (config.vocabSize !== GPT2_VOCAB_SIZE) {
    throw new EngineError('model-invalid', `${source} has vocab_size ${config.vocabSize}; GPT-2's BPE tokenizer needs 50257.`);
  }
  if (config.nEmbd % config.nHead !== 0) {
    throw new EngineError('model-invalid', `${source}: n_embd ${config.nEmbd} is not divisible by n_head ${config.nHead}.`);
  }
  return config;
}
