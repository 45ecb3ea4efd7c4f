/**
 * `npm run package -- --target T` for every platform onnxruntime-node ships: each .vsix is opened
 * and its entries listed, so what is checked is what a user installs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { repoRoot } from '../../src/eval/paths';

/** Mirrors scripts/package.mjs TARGETS: the CPU runtime's files for each platform. */
const TARGETS: Record<string, string[]> = {
  'linux-x64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'linux-arm64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'darwin-arm64': ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'],
  'win32-x64': ['onnxruntime_binding.node', 'onnxruntime.dll'],
  'win32-arm64': ['onnxruntime_binding.node', 'onnxruntime.dll'],
};
/** The linux-x64 budget from issue 14, in decimal megabytes. */
const LINUX_X64_BUDGET_BYTES = 40e6;
const BIN = 'extension/node_modules/onnxruntime-node/bin/';

interface Vsix {
  names: string[];
  text(name: string): Promise<string>;
}

function openVsix(file: string): Promise<Vsix> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => (entries.set(entry.fileName, entry), zip.readEntry()));
      zip.on('error', reject);
      zip.on('end', () =>
        resolve({
          names: [...entries.keys()],
          text: (name) =>
            new Promise((done, fail) => {
              const entry = entries.get(name);
              if (!entry) return fail(new Error(`${name} is not in ${file}`));
              zip.openReadStream(entry, (e, stream) => {
                if (e || !stream) return fail(e ?? new Error('no stream'));
                const chunks: Buffer[] = [];
                stream.on('data', (c: Buffer) => chunks.push(c));
                stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
                stream.on('error', fail);
              });
            }),
        }),
      );
      zip.readEntry();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pk-vsix-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const [target, binaries] of Object.entries(TARGETS)) {
  test(`package --target ${target}: exactly that platform's onnxruntime, the model, licences, a README whose images render`, async () => {
    const out = join(dir, `${target}.vsix`);
    execFileSync(process.execPath, [join(repoRoot(), 'scripts', 'package.mjs'), '--target', target, '--no-build', '--out', out], { cwd: repoRoot(), stdio: 'pipe' });
    const vsix = await openVsix(out);
    const [os, arch] = target.split('-');
    const native = vsix.names.filter((n) => n.startsWith(BIN)).sort();
    assert.deepEqual(native, binaries.map((f) => `${BIN}napi-v6/${os}/${arch}/${f}`).sort());

    for (const required of ['extension/package.json', 'extension/out/extension.js', 'extension/out/worker.js', 'extension/out/english-words.txt', 'extension/models/prose-gpt2/model.onnx', 'extension/models/prose-gpt2/ngram.bin', 'extension/models/prose-gpt2/config.json', 'extension/THIRD_PARTY_NOTICES.md', 'extension/changelog.md', 'extension/readme.md', 'extension/node_modules/onnxruntime-node/dist/index.js', 'extension/node_modules/onnxruntime-common/dist/cjs/index.js']) {
      assert.ok(vsix.names.includes(required), `${required} is missing`);
    }
    assert.ok(vsix.names.some((n) => /^extension\/LICENSE(\.txt)?$/i.test(n)), 'no LICENSE');
    assert.ok(!vsix.names.some((n) => n.endsWith('model_attn.onnx')), 'the attention graph repeats the weights');
    assert.ok(!vsix.names.some((n) => /\.(ts|map)$/.test(n) || n.includes('/test/') || n.includes('/training/')), vsix.names.filter((n) => /\.(ts|map)$/.test(n)).join(', '));

    const manifest = await vsix.text('extension.vsixmanifest');
    assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
    const readme = await vsix.text('extension/readme.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, 'the screenshots are in the packaged README');
    for (const src of images) assert.match(src.slice(0, 40), /^(data:image\/(png|jpeg|gif);base64,|https:)/, 'an image the extension page cannot load');

    if (target === 'linux-x64') {
      const bytes = statSync(out).size;
      assert.ok(bytes <= LINUX_X64_BUDGET_BYTES, `linux-x64 .vsix is ${(bytes / 1e6).toFixed(1)} MB, budget ${LINUX_X64_BUDGET_BYTES / 1e6} MB`);
    }
  });
}

test('every runtime dependency (shipped or bundled) is named in THIRD_PARTY_NOTICES.md', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const notices = readFileSync(join(repoRoot(), 'THIRD_PARTY_NOTICES.md'), 'utf8');
  const missing = Object.keys(pkg.dependencies).filter((name) => !notices.includes(name));
  assert.deepEqual(missing, []);
});
