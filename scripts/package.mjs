// `npm run package`: a platform-specific .vsix for linux-x64 (only that platform's onnxruntime
// binaries go in, see .vscodeignore). Builds first, refuses to package without the embedded model,
// and prints the file's size and contents summary.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = process.env.VSIX_TARGET ?? 'linux-x64';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${target}-${pkg.version}.vsix`);

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
for (const f of ['out/extension.js', 'out/worker.js', 'models/prose-gpt2/config.json', 'media/icon.png']) {
  if (!existsSync(join(root, f))) throw new Error(`cannot package: ${f} is missing`);
}
const [os, arch] = target.split('-');
if (!existsSync(join(root, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', os, arch))) {
  throw new Error(`cannot package for ${target}: onnxruntime-node has no binaries for it`);
}
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(
  process.execPath,
  [vsce, 'package', '--target', target, '--out', out, '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--no-update-package-json'],
  { stdio: 'inherit', cwd: root },
);
const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
console.log(`\n${out}: ${mb} MiB`);
