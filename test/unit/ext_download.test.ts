// The download command's verification rules against a local HTTP server: success, wrong checksum,
// truncated body, HTML error page, redirect to plain HTTP, and that no partial file is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkUrl, downloadModel, DownloadError, looksLikeHtml, removeStaleStaging, validateManifest, type Manifest } from '../../src/extension/download';
import { GPT2_124M, activeManifest, MANIFEST_OVERRIDE_ENV } from '../../src/extension/model_manifest';

const CONFIG = Buffer.from(JSON.stringify({ n_layer: 1 }));
const MODEL = Buffer.alloc(200_000, 7);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: Server;
let base = '';
let root = '';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'pk-dl-'));
  server = createServer((req, res) => {
    const u = req.url ?? '';
    if (u.endsWith('/config.json')) return void res.end(CONFIG);
    if (u.startsWith('/ok/')) return void res.end(MODEL);
    if (u.startsWith('/html/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end('<!DOCTYPE html><html><body>Rate limited</body></html>'.padEnd(500));
    }
    if (u.startsWith('/htmltype/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('oops');
    }
    if (u.startsWith('/truncated/')) {
      res.writeHead(200, { 'content-length': String(MODEL.length) });
      res.write(MODEL.subarray(0, 1000));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    if (u.startsWith('/redirect/')) {
      res.writeHead(302, { location: 'http://example.invalid/model.onnx' });
      return void res.end();
    }
    if (u.startsWith('/redirect-local/')) {
      res.writeHead(302, { location: u.replace('/redirect-local/', '/ok/') });
      return void res.end();
    }
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

after(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

const manifest = (prefix: string, modelSha = sha(MODEL)): Manifest => ({
  id: 't',
  name: 'test model',
  baseUrl: `${base}/${prefix}/`,
  files: [
    { path: 'config.json', sha256: sha(CONFIG) },
    { path: 'onnx/model.onnx', sha256: modelSha },
  ],
});

const onlyDest = (dir: string) => readdirSync(root).filter((n) => n.startsWith(dir));

test('download: success lands every file, nothing else', async () => {
  const dest = join(root, 'ok-model');
  const r = await downloadModel(manifest('ok'), dest, { allowLoopbackHttp: true });
  assert.equal(r.bytes, CONFIG.length + MODEL.length);
  assert.deepEqual(readFileSync(join(dest, 'onnx', 'model.onnx')), MODEL);
  assert.deepEqual(onlyDest('ok-model'), ['ok-model']);
});

test('download: redirect to loopback http is followed when allowed', async () => {
  const dest = join(root, 'redir-ok');
  await downloadModel(manifest('redirect-local'), dest, { allowLoopbackHttp: true });
  assert.ok(existsSync(join(dest, 'onnx', 'model.onnx')));
});

const refuses = async (name: string, m: Manifest, kind: DownloadError['kind'], message: RegExp) => {
  const dest = join(root, name);
  await assert.rejects(downloadModel(m, dest, { allowLoopbackHttp: true }), (e: unknown) => {
    assert.ok(e instanceof DownloadError, String(e));
    assert.equal(e.kind, kind);
    assert.match(e.message, message);
    return true;
  });
  assert.deepEqual(onlyDest(name), [], 'no partial file or folder is left');
};

test('download: wrong checksum', () => refuses('bad-sha', manifest('ok', 'a'.repeat(64)), 'checksum', /Checksum mismatch for model\.onnx/));
test('download: truncated body', () => refuses('trunc', manifest('truncated'), 'truncated', /model\.onnx/));
test('download: HTML error page sniffed from the body', () => refuses('html', manifest('html'), 'html', /web page instead of model\.onnx/));
test('download: HTML content type', () => refuses('htmltype', manifest('htmltype'), 'html', /web page/));
test('download: redirect to plain http', () => refuses('insecure-redirect', manifest('redirect'), 'insecure', /non-HTTPS/));
test('download: HTTP error status', () => refuses('missing', manifest('nothing-here'), 'http', /HTTP 404/));
test('download: unpinned hash is refused before any request', () => refuses('unpinned', manifest('ok', ''), 'manifest', /no pinned sha256/));

test('download: cancel removes the staging folder', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(downloadModel(manifest('ok'), join(root, 'cancelled'), { allowLoopbackHttp: true, signal: ac.signal }), /cancelled/);
  assert.deepEqual(onlyDest('cancelled'), []);
});

test('download: transport rules', () => {
  assert.throws(() => checkUrl('http://example.com/x', true), /only HTTPS/);
  assert.throws(() => checkUrl('http://127.0.0.1/x', false), /only HTTPS/);
  assert.throws(() => checkUrl('file:///etc/passwd', true), /only HTTPS/);
  assert.equal(checkUrl('http://127.0.0.1:9/x', true).port, '9');
  assert.equal(checkUrl('https://huggingface.co/x', false).host, 'huggingface.co');
  assert.ok(looksLikeHtml(Buffer.from('\n  <!doctype HTML>')));
  assert.ok(!looksLikeHtml(Buffer.from('{"a":1}')));
});

test('manifest: the shipped GPT-2 manifest is refused until its hashes are pinned; tests override it by env', () => {
  assert.ok(GPT2_124M.baseUrl.startsWith('https://huggingface.co/Xenova/gpt2/resolve/'));
  if (GPT2_124M.files.some((f) => f.sha256 === '')) assert.throws(() => validateManifest(GPT2_124M), /no pinned sha256/);
  else validateManifest(GPT2_124M);
  assert.equal(activeManifest({}).overridden, false);
  const path = join(root, 'manifest.json');
  writeFileSync(path, JSON.stringify({ baseUrl: `${base}/ok/`, files: [{ path: 'config.json', sha256: sha(CONFIG) }] }));
  const m = activeManifest({ [MANIFEST_OVERRIDE_ENV]: path });
  assert.equal(m.overridden, true);
  assert.equal(m.manifest.baseUrl, `${base}/ok/`);
  assert.equal(m.manifest.id, GPT2_124M.id);
});

test('download: leftovers of a killed download are removed', async () => {
  const parent = join(root, 'stale');
  mkdirSync(join(parent, 'gpt2-124m.partial-0123abcd'), { recursive: true });
  mkdirSync(join(parent, 'gpt2-124m'), { recursive: true });
  const removed = await removeStaleStaging(parent, async (d) => readdirSync(d));
  assert.deepEqual(removed, ['gpt2-124m.partial-0123abcd']);
  assert.deepEqual(readdirSync(parent), ['gpt2-124m']);
});
