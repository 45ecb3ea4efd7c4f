// The download command's verification rules against a local imitation of the Hugging Face Hub over
// HTTPS (test/helpers/hub_server.ts): commit resolution, tree API sizes and hashes, the redirect to
// a second (CDN) host, and every fault as its own case, each leaving no partial file behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkUrl,
  downloadModel,
  DownloadError,
  expectationFrom,
  gitBlobOid,
  looksLikeHtml,
  removeStaleStaging,
  type DownloadOptions,
  type DownloadRecord,
  type HubModel,
} from '../../src/extension/download';
import { ENDPOINT_CA_ENV, ENDPOINT_ENV, GPT2_MODELS, hubEndpoint } from '../../src/extension/model_manifest';
import { startHub, type Hub, type HubFault } from '../helpers/hub_server';

const CONFIG = Buffer.from(JSON.stringify({ model_type: 'gpt2', n_layer: 1 }, null, 2));
const WEIGHTS = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) & 0xff));
const MODEL: HubModel = { id: 't', name: 'test model', repo: 'Xenova/test-gpt2', revision: 'main', files: ['config.json', 'onnx/decoder_model_merged_quantized.onnx'] };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let hub: Hub;
let root = '';
let opts: DownloadOptions;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'pk-dl-'));
  hub = await startHub({
    [MODEL.repo]: [
      { path: 'config.json', body: CONFIG, lfs: false },
      { path: 'onnx/decoder_model_merged_quantized.onnx', body: WEIGHTS, lfs: true },
      { path: 'onnx/decoder_model_merged.onnx', body: Buffer.alloc(10, 1), lfs: true },
    ],
  });
  opts = { endpoint: hub.endpoint, ca: hub.ca, stallMs: 400 };
});

after(() => {
  hub.close();
  rmSync(root, { recursive: true, force: true });
});

/** Names under `root` that start with `name`: the model folder and any staging leftovers. */
const leftovers = (name: string) => readdirSync(root).filter((n) => n.startsWith(name));

test('download: resolves the commit, verifies against the tree, follows the CDN redirect, records download.json', async () => {
  hub.fault = 'none';
  hub.requests.length = 0;
  const dest = join(root, 'ok');
  const progress: number[] = [];
  const record = await downloadModel(MODEL, dest, { ...opts, onProgress: (p) => progress.push(p.received / p.total) });
  const commit = hub.commitOf(MODEL.repo);
  assert.equal(record.commit, commit);
  assert.deepEqual(readFileSync(join(dest, 'onnx', 'decoder_model_merged_quantized.onnx')), WEIGHTS);
  assert.deepEqual(readFileSync(join(dest, 'config.json')), CONFIG);
  assert.deepEqual(leftovers('ok'), ['ok']);
  const onDisk = JSON.parse(readFileSync(join(dest, 'download.json'), 'utf8')) as DownloadRecord;
  assert.equal(onDisk.commit, commit);
  assert.deepEqual(
    onDisk.files.map((f) => [f.path, f.size, f.sha256, f.lfs]),
    [
      ['config.json', CONFIG.length, sha256(CONFIG), false],
      ['onnx/decoder_model_merged_quantized.onnx', WEIGHTS.length, sha256(WEIGHTS), true],
    ],
  );
  assert.equal(onDisk.files[0].gitOid, gitBlobOid(CONFIG));
  assert.equal(progress.at(-1), 1);
  // Every file came from the resolved commit, never from the moving branch; the weights from the CDN host.
  const gets = hub.requests.filter((r) => r.startsWith('GET'));
  assert.ok(gets.every((r) => !r.includes('/resolve/main/')), gets.join('\n'));
  assert.ok(gets.includes(`GET hub /${MODEL.repo}/resolve/${commit}/onnx/decoder_model_merged_quantized.onnx`));
  assert.ok(gets.some((r) => r.startsWith(`GET cdn /repos/${sha256(WEIGHTS)}`)));
  assert.ok(hub.requests.includes(`HEAD hub /${MODEL.repo}/resolve/main/config.json`));
  assert.ok(hub.requests.includes(`GET hub /api/models/${MODEL.repo}/tree/${commit}/onnx`));
});

test('download: a push to main after the commit was resolved does not mix two commits', async () => {
  hub.fault = 'none';
  const dest = join(root, 'moving');
  const before = hub.commitOf(MODEL.repo);
  let pushed = '';
  const record = await downloadModel(MODEL, dest, {
    ...opts,
    onProgress: () => {
      if (pushed) return;
      pushed = hub.push(MODEL.repo, [
        { path: 'config.json', body: Buffer.from('{"n_layer": 2}'), lfs: false },
        { path: 'onnx/decoder_model_merged_quantized.onnx', body: Buffer.alloc(5000, 3), lfs: true },
      ]);
    },
  });
  assert.notEqual(pushed, before);
  assert.equal(record.commit, before);
  assert.deepEqual(readFileSync(join(dest, 'config.json')), CONFIG);
  assert.deepEqual(readFileSync(join(dest, 'onnx', 'decoder_model_merged_quantized.onnx')), WEIGHTS);
  // Put the original back as main for the other tests.
  hub.push(MODEL.repo, [
    { path: 'config.json', body: CONFIG, lfs: false },
    { path: 'onnx/decoder_model_merged_quantized.onnx', body: WEIGHTS, lfs: true },
  ]);
});

test('download: the commit comes from the model API when the resolve HEAD has no X-Repo-Commit', async () => {
  hub.fault = 'commit-from-api';
  const record = await downloadModel(MODEL, join(root, 'api-commit'), opts);
  assert.equal(record.commit, hub.commitOf(MODEL.repo));
});

const refuses = async (fault: HubFault, kind: DownloadError['kind'], message: RegExp, extra: DownloadOptions = {}) => {
  hub.fault = fault;
  const name = `fault-${fault}`;
  try {
    await assert.rejects(downloadModel(MODEL, join(root, name), { ...opts, ...extra }), (e: unknown) => {
      assert.ok(e instanceof DownloadError, String(e));
      assert.equal(e.kind, kind, e.message);
      assert.match(e.message, message);
      return true;
    });
  } finally {
    hub.fault = 'none';
  }
  assert.deepEqual(leftovers(name), [], 'no partial file or folder is left');
};

test('download refuses: HTML error page (text/html)', () => refuses('html', 'html', /web page instead of decoder_model_merged_quantized\.onnx/));
test('download refuses: HTML error page sniffed from an octet-stream body', () => refuses('html-sniffed', 'html', /web page instead of decoder_model_merged_quantized\.onnx/));
test('download refuses: truncated body (connection dropped)', () => refuses('truncated', 'truncated', /cut off after \d+ of 300000 bytes/));
test('download refuses: wrong size announced by the server', () => refuses('wrong-size', 'size', /announced 299900 bytes .* lists 300000/));
test('download refuses: body longer than the tree says (no Content-Length)', () => refuses('oversize', 'size', /larger than the 300000 bytes/));
test('download refuses: wrong sha256', () => refuses('wrong-hash', 'checksum', /Checksum mismatch for decoder_model_merged_quantized\.onnx: the Hub lists sha256/));
test('download refuses: small file with a wrong git blob id', () => refuses('wrong-git-oid', 'checksum', /Checksum mismatch for config\.json: the Hub lists git object/));
test('download refuses: tree without an lfs entry for the weights', () => refuses('no-lfs', 'hub', /no usable lfs entry .*onnx\/decoder_model_merged_quantized\.onnx/));
test('download refuses: X-Linked-Etag that disagrees with the tree', () => refuses('linked-etag', 'checksum', /X-Linked-Etag .* disagrees/));
test('download refuses: server stalls mid-body (timeout)', () => refuses('stall', 'stalled', /stalled: nothing from localhost:\d+ .* after 1000 of 300000 bytes/));
test('download refuses: server never answers (timeout)', () => refuses('stall-headers', 'stalled', /No answer from 127\.0\.0\.1:\d+/));
test('download refuses: redirect to plain http', () => refuses('redirect-http', 'insecure', /non-HTTPS address \(http:\/\/localhost/));
test('download refuses: commit unknown', () => refuses('no-commit', 'hub', /did not say which commit/));

test('download refuses: a file the commit does not have', async () => {
  hub.fault = 'none';
  await assert.rejects(downloadModel({ ...MODEL, files: ['config.json', 'onnx/model_q4.onnx'] }, join(root, 'missing'), opts), /lists no file onnx\/model_q4\.onnx/);
  assert.deepEqual(leftovers('missing'), []);
});

test('download refuses: a repository the Hub does not have', async () => {
  await assert.rejects(downloadModel({ ...MODEL, repo: 'Xenova/nothing' }, join(root, 'norepo'), opts), (e: unknown) => e instanceof DownloadError && e.kind === 'http' && /HTTP 404/.test(e.message));
});

test('download refuses: a certificate nobody vouches for', async () => {
  await assert.rejects(downloadModel(MODEL, join(root, 'untrusted'), { ...opts, ca: undefined }), (e: unknown) => e instanceof DownloadError && e.kind === 'network');
  assert.deepEqual(leftovers('untrusted'), []);
});

test('download refuses: an http:// endpoint before any request', async () => {
  const n = hub.requests.length;
  await assert.rejects(downloadModel(MODEL, join(root, 'http-endpoint'), { ...opts, endpoint: hub.endpoint.replace('https:', 'http:') }), /only HTTPS/);
  assert.equal(hub.requests.length, n);
});

test('download: cancel mid-body removes everything', async () => {
  hub.fault = 'none';
  const ac = new AbortController();
  await assert.rejects(
    downloadModel(MODEL, join(root, 'cancelled'), { ...opts, signal: ac.signal, onProgress: (p) => p.file.endsWith('.onnx') && ac.abort() }),
    (e: unknown) => e instanceof DownloadError && e.kind === 'cancelled',
  );
  assert.deepEqual(leftovers('cancelled'), []);
});

test('download: cancel during a stall ends it at once', async () => {
  hub.fault = 'stall';
  const ac = new AbortController();
  const started = Date.now();
  setTimeout(() => ac.abort(), 100);
  try {
    await assert.rejects(downloadModel(MODEL, join(root, 'cancel-stall'), { ...opts, stallMs: 30_000, signal: ac.signal }), (e: unknown) => e instanceof DownloadError && e.kind === 'cancelled');
  } finally {
    hub.fault = 'none';
  }
  assert.ok(Date.now() - started < 5000);
  assert.deepEqual(leftovers('cancel-stall'), []);
});

test('download: a failed download keeps the model that was there', async () => {
  const dest = join(root, 'keep');
  await downloadModel(MODEL, dest, opts);
  hub.fault = 'wrong-hash';
  try {
    await assert.rejects(downloadModel(MODEL, dest, opts), /Checksum mismatch/);
  } finally {
    hub.fault = 'none';
  }
  assert.deepEqual(readFileSync(join(dest, 'onnx', 'decoder_model_merged_quantized.onnx')), WEIGHTS);
  assert.deepEqual(leftovers('keep'), ['keep']);
});

test('tree entries: what each promises', () => {
  const where = 'r@abc';
  const lfs = { type: 'file', path: 'onnx/m.onnx', oid: 'a'.repeat(40), size: 9, lfs: { oid: 'B'.repeat(64), size: 9 } };
  assert.deepEqual(expectationFrom('onnx/m.onnx', lfs, where), { path: 'onnx/m.onnx', size: 9, sha256: 'b'.repeat(64) });
  assert.deepEqual(expectationFrom('config.json', { type: 'file', oid: 'c'.repeat(40), size: 3 }, where), { path: 'config.json', size: 3, gitOid: 'c'.repeat(40) });
  assert.throws(() => expectationFrom('onnx/m.onnx', { ...lfs, lfs: undefined }, where), /no usable lfs entry/);
  assert.throws(() => expectationFrom('onnx/m.onnx', { ...lfs, lfs: { oid: 'short', size: 9 } }, where), /no usable lfs entry/);
  assert.throws(() => expectationFrom('config.json', { type: 'file', size: 3 }, where), /no git object id/);
  assert.throws(() => expectationFrom('onnx', { type: 'directory', path: 'onnx' }, where), /lists no file/);
  assert.equal(gitBlobOid(Buffer.from('hello\n')), 'ce013625030ba8dba906f756967f9e9ca394464a'); // `git hash-object` of "hello\n"
});

test('transport rules', () => {
  assert.throws(() => checkUrl('http://example.com/x'), /only HTTPS/);
  assert.throws(() => checkUrl('http://127.0.0.1/x'), /only HTTPS/);
  assert.throws(() => checkUrl('file:///etc/passwd'), /only HTTPS/);
  assert.equal(checkUrl('https://huggingface.co/x').host, 'huggingface.co');
  assert.ok(looksLikeHtml(Buffer.from('\n  <!doctype HTML>')));
  assert.ok(!looksLikeHtml(Buffer.from('{"a":1}')));
});

test('models offered: transformers.js quantized exports on the Hub; the endpoint is overridden only by env', () => {
  assert.deepEqual(GPT2_MODELS.map((m) => m.repo), ['Xenova/distilgpt2', 'Xenova/gpt2']);
  for (const m of GPT2_MODELS) {
    assert.equal(m.revision, 'main');
    assert.deepEqual(m.files, ['config.json', 'onnx/decoder_model_merged_quantized.onnx']);
  }
  assert.deepEqual(hubEndpoint({}), { endpoint: 'https://huggingface.co', overridden: false });
  assert.deepEqual(hubEndpoint({ [ENDPOINT_ENV]: 'https://127.0.0.1:9/' }), { endpoint: 'https://127.0.0.1:9', overridden: true });
  assert.deepEqual(hubEndpoint({ [ENDPOINT_ENV]: 'https://127.0.0.1:9', [ENDPOINT_CA_ENV]: '/ca.pem' }, (p) => `PEM of ${p}`), { endpoint: 'https://127.0.0.1:9', overridden: true, ca: 'PEM of /ca.pem' });
  // The certificate is trusted only for a test endpoint, never for huggingface.co.
  assert.deepEqual(hubEndpoint({ [ENDPOINT_CA_ENV]: '/ca.pem' }, () => 'PEM'), { endpoint: 'https://huggingface.co', overridden: false });
});

test('leftovers of a killed download are removed', async () => {
  const parent = join(root, 'stale');
  mkdirSync(join(parent, 'gpt2.partial-0123abcd'), { recursive: true });
  mkdirSync(join(parent, 'gpt2'), { recursive: true });
  const removed = await removeStaleStaging(parent, async (d) => readdirSync(d));
  assert.deepEqual(removed, ['gpt2.partial-0123abcd']);
  assert.deepEqual(readdirSync(parent), ['gpt2']);
});
