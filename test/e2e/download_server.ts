/**
 * A local HTTP server standing in for Hugging Face in the E2E download tests. It serves the
 * project's own model in the transformers.js layout, and can misbehave on demand: wrong bytes
 * (checksum), a cut-off body, an HTML error page, or a redirect to plain http.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ServeMode = 'ok' | 'checksum' | 'truncated' | 'html' | 'redirect-http';

export interface DownloadServer {
  origin: string;
  mode: ServeMode;
  requests: string[];
  /** Writes the manifest the extension reads through PREDICTIVE_KEYBOARD_DOWNLOAD_MANIFEST. */
  writeManifest(path: string): void;
  close(): void;
}

export async function startDownloadServer(modelDir: string, modelFile = 'model.onnx'): Promise<DownloadServer> {
  const files: Record<string, Buffer> = {
    'config.json': readFileSync(join(modelDir, 'config.json')),
    'onnx/decoder_model_merged_quantized.onnx': readFileSync(join(modelDir, modelFile)),
  };
  const state: { mode: ServeMode; requests: string[] } = { mode: 'ok', requests: [] };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').replace(/^\/gpt2\//, '').split('?')[0]);
    state.requests.push(`${state.mode} ${path}`);
    const body = files[path];
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const big = path.endsWith('.onnx');
    if (big && state.mode === 'html') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('<!DOCTYPE html>\n<html><head><title>We had to rate limit you</title></head><body>Too many requests</body></html>\n');
      return;
    }
    if (big && state.mode === 'redirect-http') {
      res.writeHead(302, { location: `http://cdn.example.com/${path}` });
      res.end();
      return;
    }
    if (big && state.mode === 'checksum') {
      const wrong = Buffer.from(body);
      wrong[wrong.length >> 1] ^= 0xff;
      res.writeHead(200, { 'content-length': String(wrong.length) });
      res.end(wrong);
      return;
    }
    if (big && state.mode === 'truncated') {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, body.length >> 2), () => setTimeout(() => res.destroy(), 50));
      return;
    }
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    origin,
    get mode() {
      return state.mode;
    },
    set mode(m: ServeMode) {
      state.mode = m;
    },
    requests: state.requests,
    writeManifest(path: string) {
      const manifest = {
        id: 'gpt2-124m',
        name: 'GPT-2 (124M, quantized ONNX) [local test server]',
        baseUrl: `${origin}/gpt2/`,
        files: Object.entries(files).map(([p, b]) => ({ path: p, sha256: createHash('sha256').update(b).digest('hex') })),
      };
      writeFileSync(path, JSON.stringify(manifest, null, 2));
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
