// `npm run package -- --target <platform> [--out file.vsix] [--no-build] [--base-url https://…]`
//
// A platform-specific .vsix for one of the platforms onnxruntime-node ships. Every platform's
// binaries are in node_modules (onnxruntime-node-install=skip installs the npm tarball, which holds
// them all), so the .vsix takes exactly one platform's: the ignore file is .vscodeignore plus that
// platform's folder. Builds first (unless --no-build), refuses to package without the embedded model
// or the platform's binaries, and prints the file's size.
//
// README images: the extension page inside VS Code loads images only over https: or as data: URIs,
// and this project has no public repository URL. Without one (package.json "repository" or
// --base-url), the packaged README gets its PNG images inlined as data: URIs, so they render
// offline in the installed extension; an SVG cannot be inlined (vsce and VS Code reject SVG data
// URIs), so it becomes a line of text naming the file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * What each target takes from node_modules/onnxruntime-node/bin/napi-v6/<os>/<arch>/. Only the CPU
 * runtime is used: on Windows DirectML.dll, dxcompiler.dll and dxil.dll serve the DirectML and
 * WebGPU execution providers and are loaded by name only when one is requested (they are not in
 * onnxruntime.dll's import table); on macOS libonnxruntime.1.30.0.dylib is a byte-identical copy of
 * libonnxruntime.1.dylib, the name the binding links against (@rpath/libonnxruntime.1.dylib).
 */
export const TARGETS = {
  'linux-x64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'linux-arm64': ['onnxruntime_binding.node', 'libonnxruntime.so.1'],
  'darwin-arm64': ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'],
  'win32-x64': ['onnxruntime_binding.node', 'onnxruntime.dll'],
  'win32-arm64': ['onnxruntime_binding.node', 'onnxruntime.dll'],
};

export function binaryFolder(target) {
  const [os, arch] = target.split('-');
  return `node_modules/onnxruntime-node/bin/napi-v6/${os}/${arch}`;
}

const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The README as packaged: relative images inlined as data: URIs (see the header). */
export function inlineReadmeImages(markdown, baseDir) {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt, link) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) return whole;
    const file = join(baseDir, decodeURI(link));
    if (!existsSync(file)) throw new Error(`README.md: image ${link} does not exist`);
    const mime = MIME[extname(file).toLowerCase()];
    if (!mime) return `*${alt || 'Image'}: \`${link}\` in the source tree (not shown here).*`;
    return `![${alt}](data:${mime};base64,${readFileSync(file).toString('base64')})`;
  });
}

function main() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: process.env.VSIX_TARGET ?? 'linux-x64' },
      out: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'base-url': { type: 'string' },
    },
  });
  const target = values.target;
  if (!TARGETS[target]) throw new Error(`unknown --target ${target}; one of: ${Object.keys(TARGETS).join(', ')}`);
  const out = values.out ?? join(root, `${pkg.name}-${target}-${pkg.version}.vsix`);

  if (!values['no-build']) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  for (const f of ['out/extension.js', 'out/worker.js', 'out/english-words.txt', 'models/prose-gpt2/config.json', 'models/prose-gpt2/model.onnx', 'media/icon.png', 'LICENSE', 'THIRD_PARTY_NOTICES.md']) {
    if (!existsSync(join(root, f))) throw new Error(`cannot package: ${f} is missing`);
  }
  const folder = binaryFolder(target);
  for (const f of TARGETS[target]) {
    if (!existsSync(join(root, folder, f))) throw new Error(`cannot package for ${target}: ${folder}/${f} is missing (is onnxruntime-node-install=skip in .npmrc?)`);
  }

  // A private folder per run inside the project (vsce takes files relative to it), removed after.
  const work = join(root, 'out', 'package', `${target}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    let ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    const args = ['package', '--target', target, '--out', out, '--no-update-package-json', '--allow-missing-repository'];
    const baseUrl = values['base-url'];
    if (baseUrl) {
      args.push('--baseContentUrl', baseUrl, '--baseImagesUrl', baseUrl);
    } else if (!pkg.repository) {
      const readme = join(work, 'README.md');
      writeFileSync(readme, inlineReadmeImages(readFileSync(join(root, 'README.md'), 'utf8'), root));
      args.push('--readme-path', relative(root, readme), '--no-rewrite-relative-links');
      // The packaged copy replaces README.md (a .vsix cannot hold both names).
      ignore = ignore.replace(/^!README\.md$/m, '');
    }
    const ignoreFile = join(work, '.vscodeignore');
    const only = TARGETS[target].map((f) => `!${folder}/${f}`).join('\n');
    writeFileSync(ignoreFile, `${ignore}\n# ${target}\n${only}\n`);
    args.push('--ignoreFile', ignoreFile);
    execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ...args], { stdio: 'inherit', cwd: root });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
  console.log(`\n${out}: ${mb} MiB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
