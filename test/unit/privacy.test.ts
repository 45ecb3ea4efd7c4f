/** Nothing leaves the machine: only the explicit download command may use the network. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { join, relative } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { repoRoot } from '../../src/eval/paths';

const root = repoRoot();
const NETWORK_API = /\bfrom ['"](node:)?(https?|http2|net|tls|dgram|dns)['"]|require\(['"](node:)?(https?|http2|net|tls|dgram|dns)['"]\)|\bfetch\(|\bXMLHttpRequest\b|\bWebSocket\b/;
/** The one module allowed to open connections: the "Download GPT-2 (124M)" command. */
const ALLOWED = new Set(['src/extension/download.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('no source file but the download command uses a network API', () => {
  const offenders = sources(join(root, 'src'))
    .map((file) => relative(root, file))
    .filter((file) => !ALLOWED.has(file) && NETWORK_API.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(offenders, []);
  assert.ok(NETWORK_API.test(readFileSync(join(root, 'src/extension/download.ts'), 'utf8')), 'the check recognises the download module');
});

test('loading the model and predicting opens no connection', async () => {
  const attempts: unknown[] = [];
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    attempts.push(args[0]);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(input);
    throw new Error('network used');
  }) as typeof fetch;
  try {
    const engine = await Engine.load(join(root, 'test', 'fixtures', 'models', 'own'), { threads: 1 });
    await engine.predict({ docId: 'private', text: 'My secret plans for the robot are', textOffset: 0, options: { topK: 5, maxWords: 3 } });
    await engine.dispose();
  } finally {
    net.Socket.prototype.connect = originalConnect;
    globalThis.fetch = originalFetch;
  }
  assert.deepEqual(attempts, []);
});
