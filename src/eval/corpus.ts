/**
 * The plain text of our model's training split, for building Presage's fair-comparison database
 * with text2ngram. Same documents, same train/held-out split as training/tokenize.mjs, so Presage
 * never sees a held-out document either.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths';
import { buildNgramDatabase } from './presage_setup';

export interface CorpusInfo {
  /** Where the documents came from. */
  source: string;
  documents: number;
  /** Documents left out: the held-out split, as training/tokenize.mjs splits it. */
  heldOutDocuments: number;
  /** Training documents (kept) that contain passages of bench/heldout texts: a leak to report. */
  overlappingDocuments: number;
  overlappingIds: string[];
  bytes: number;
  valPct: number;
  database: string;
  builtNow: boolean;
}

/** Same hash and rule as training/tokenize.mjs: a document is held out when fnv1a("<source>/<id>") % 100 < valPct. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function isHeldOut(source: string, id: string, valPct: number): boolean {
  return fnv1a(`${source}/${id}`) % 100 < valPct;
}

function readValPct(root: string): number {
  const stats = join(root, 'training', 'data', 'token_stats.json');
  if (existsSync(stats)) {
    const pct = (JSON.parse(readFileSync(stats, 'utf8')) as { val_pct?: number }).val_pct;
    if (typeof pct === 'number') return pct;
  }
  return 2;
}

const docsDir = (root: string): string => join(root, 'training', 'data', 'docs');

function docFiles(root: string): string[] {
  const dir = docsDir(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

/** Fingerprints of the evaluation texts: a document containing one of them must not train Presage. */
function overlapProbes(evalTexts: readonly string[]): string[] {
  const probes: string[] = [];
  for (const text of evalTexts) {
    const flat = text.replace(/\s+/g, ' ').trim();
    for (let at = 0; at + 120 <= flat.length && probes.length < 2000; at += 2000) probes.push(flat.slice(at, at + 120));
  }
  return probes;
}

/**
 * text2ngram hands tokens to sqlite as unescaped C strings, so a NUL inside a token truncates the
 * SQL and aborts the build; control characters are never words anyway.
 */
export function cleanForText2ngram(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

/** Writes the training split as plain text, one document per paragraph block. */
function writeTrainingText(root: string, out: string, valPct: number, evalTexts: readonly string[]): Omit<CorpusInfo, 'database' | 'builtNow'> {
  const probes = overlapProbes(evalTexts);
  const fd = openSync(out, 'w');
  let documents = 0;
  let heldOutDocuments = 0;
  const overlappingIds: string[] = [];
  let bytes = 0;
  try {
    for (const file of docFiles(root)) {
      const source = file.slice(file.lastIndexOf('/') + 1).replace(/\.jsonl$/, '');
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const doc = JSON.parse(line) as { id: string | number; text: string };
        if (isHeldOut(source, String(doc.id), valPct)) {
          heldOutDocuments++;
          continue;
        }
        const flat = doc.text.replace(/\s+/g, ' ');
        if (probes.some((p) => flat.includes(p))) overlappingIds.push(`${source}/${doc.id}`);
        const chunk = cleanForText2ngram(doc.text) + '\n\n';
        bytes += writeSync(fd, chunk);
        documents++;
      }
    }
  } finally {
    closeSync(fd);
  }
  return { source: docsDir(root), documents, heldOutDocuments, overlappingDocuments: overlappingIds.length, overlappingIds, bytes, valPct };
}

function fingerprint(files: string[], valPct: number): string {
  const h = createHash('sha256');
  h.update(`v3 ${valPct}\n`);
  for (const f of files) {
    const s = statSync(f);
    h.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The project's held-out texts. Training documents that contain passages of them are counted and
 * reported, not dropped: the database must hold exactly what our model was trained on to be the
 * fair comparison, so a leak (e.g. Debian changelogs shared by sibling packages) helps both alike.
 */
export function projectHeldoutTexts(root: string): string[] {
  const dir = join(root, 'bench', 'heldout');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

export interface CorpusOptions {
  root: string;
  /** Allow running training/build_corpus.py when the documents are missing (slow). */
  allowCorpusBuild?: boolean;
  log?: (line: string) => void;
}

/** The corpus n-gram database: reused from .cache/presage when the corpus is unchanged, else built. */
export function corpusDatabase(options: CorpusOptions): CorpusInfo {
  const { root } = options;
  const evalTexts = projectHeldoutTexts(root);
  const log = options.log ?? (() => undefined);
  let files = docFiles(root);
  if (files.length === 0) {
    const builder = join(root, 'training', 'build_corpus.py');
    if (options.allowCorpusBuild && existsSync(builder)) {
      log(`no corpus documents in ${docsDir(root)}; running training/build_corpus.py (needs the Debian/npm source packages)`);
      execFileSync('python3', [builder, '--out', docsDir(root)], { stdio: 'inherit', cwd: root });
      files = docFiles(root);
    }
    if (files.length === 0) {
      throw new Error(
        `presage-corpus needs the training corpus as ${docsDir(root)}/<source>.jsonl ({"id","text"} per line, written by training/build_corpus.py); none found.`,
      );
    }
  }
  const valPct = readValPct(root);
  const dir = cacheDir(root);
  mkdirSync(dir, { recursive: true });
  // The held-out texts only feed the leak report, so changing them does not rebuild the database.
  const key = fingerprint(files, valPct);
  const database = join(dir, `corpus-${key}.db`);
  const infoFile = join(dir, `corpus-${key}.json`);
  if (existsSync(database) && existsSync(infoFile)) {
    return { ...(JSON.parse(readFileSync(infoFile, 'utf8')) as CorpusInfo), database, builtNow: false };
  }
  const text = join(dir, `corpus-${key}.txt`);
  log(`writing the training split of ${files.length} corpus files to ${text}`);
  const info = writeTrainingText(root, text, valPct, evalTexts);
  log(`text2ngram (n = 1..3) over ${(info.bytes / 1e6).toFixed(1)} MB -> ${database}`);
  buildNgramDatabase(text, database);
  const full: CorpusInfo = { ...info, database, builtNow: true };
  writeFileSync(infoFile, JSON.stringify(full, null, 2) + '\n');
  return full;
}
