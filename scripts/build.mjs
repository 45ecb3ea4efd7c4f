// Bundles every entry point with esbuild. Tests and benchmarks are bundled too, so `node --test`
// runs the same JavaScript that ships, with no ts-node or loader in between.
import { build } from 'esbuild';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const listTs = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)) : []);

// The English word list (src/engine/lexicon.ts) as one newline-joined string rather than an array
// literal of 274,937 strings: parsing the array cost the worker ~40 MB of RSS, the string ~3 MB.
const wordListAsText = {
  name: 'word-list-as-text',
  setup(b) {
    b.onLoad({ filter: /an-array-of-english-words[\\/]index\.json$/ }, (args) => ({
      contents: `module.exports = ${JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')).join('\n'))};`,
      loader: 'js',
    }));
  },
};

const common = {
  plugins: [wordListAsText],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native addons and VS Code itself are provided at run time, never bundled.
  external: ['vscode', 'onnxruntime-node', 'playwright-core', 'mocha'],
};

const entries = {
  'out/extension.js': 'src/extension/main.ts',
  'out/worker.js': 'src/worker/worker_main.ts',
  'out/cli.js': 'src/cli/main.ts',
};

const builds = Object.entries(entries)
  .filter(([, src]) => existsSync(src))
  .map(([outfile, src]) => build({ ...common, entryPoints: [src], outfile }));

const groups = [
  ['test/unit', 'out/test/unit'],
  ['test/e2e', 'out/test/e2e'],
  ['test/extension', 'out/test/extension'],
  ['bench', 'out/bench'],
];
for (const [dir, outdir] of groups) {
  const files = listTs(dir);
  if (files.length > 0) builds.push(build({ ...common, entryPoints: files, outdir }));
}

await Promise.all(builds);
