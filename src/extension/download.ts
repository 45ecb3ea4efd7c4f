/**
 * Verified downloads of a GPT-2 export from the Hugging Face Hub: the only network code in the
 * extension. No `vscode` import, so every refusal is unit-tested against a local imitation of the Hub.
 *
 * Nothing is pinned in advance; the Hub is asked, once, which commit and which bytes to expect:
 *   1. the commit: `X-Repo-Commit` of `HEAD {endpoint}/{repo}/resolve/{revision}/config.json`
 *      (fallback: `GET /api/models/{repo}/revision/{revision}` → `sha`);
 *   2. each file's size and hash from the tree API of that commit
 *      (`GET /api/models/{repo}/tree/{commit}/{folder}`): an LFS file's `lfs.oid` is its sha256, a
 *      small file's `oid` is its git blob id (sha1 of `blob {size}\0{bytes}`);
 *   3. every file from `resolve/{commit}/{path}` of that one commit, following HTTPS-only redirects
 *      to the CDN; `X-Linked-Etag` / `X-Linked-Size` of the redirect must agree with the tree.
 * Each body is hashed and counted while it streams to a staging folder next to the destination;
 * the folder (with `download.json`: commit and every hash) is renamed into place only when every
 * file matched, so a failure, a stall or a cancel never leaves a partial model behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import * as https from 'node:https';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describeError } from '../engine/errors';

export type DownloadErrorKind =
  | 'cancelled'
  | 'insecure'
  | 'http'
  | 'html'
  | 'truncated'
  | 'size'
  | 'checksum'
  | 'stalled'
  | 'network'
  | 'hub';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly kind: DownloadErrorKind,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** One model on the Hub and the files of it the engine needs (transformers.js layout). */
export interface HubModel {
  /** Folder name under the extension's storage, e.g. `gpt2`. */
  id: string;
  /** Human name, e.g. `GPT-2 (124M)`. */
  name: string;
  /** Hub repository, `owner/name`. */
  repo: string;
  /** Branch or tag resolved to a commit at download time, e.g. `main`. */
  revision: string;
  /** Paths inside the repository, `/`-separated. */
  files: string[];
}

/** What the Hub's tree says one file must be. */
export interface ExpectedFile {
  path: string;
  /** Bytes. */
  size: number;
  /** Lower-case hex sha256 (LFS files). */
  sha256?: string;
  /** Lower-case hex git blob id, sha1 of `blob {size}\0{bytes}` (small files kept in git). */
  gitOid?: string;
}

/** One verified file as recorded in download.json. */
export interface VerifiedFile {
  path: string;
  size: number;
  sha256: string;
  gitOid?: string;
  lfs: boolean;
}

/** download.json: where the model came from, so a user can check it against the Hub. */
export interface DownloadRecord {
  repo: string;
  revision: string;
  commit: string;
  endpoint: string;
  downloadedAt: string;
  files: VerifiedFile[];
}

export interface DownloadProgress {
  file: string;
  /** Bytes of all files received so far, and their total from the tree API. */
  received: number;
  total: number;
}

export interface DownloadOptions {
  /** Hub origin, default https://huggingface.co. */
  endpoint?: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** A connection that sends nothing for this long fails as 'stalled'. Milliseconds, default 30 000. */
  stallMs?: number;
  maxRedirects?: number;
  /** Extra trusted certificate authority (PEM) on top of Node's own; the tests' self-signed Hub. */
  ca?: string | Buffer;
}

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
const DEFAULT_STALL_MS = 30_000;
const HEX64 = /^[0-9a-f]{64}$/;
const HEX40 = /^[0-9a-f]{40}$/;
/** Model weights live in LFS on the Hub; one listed without an lfs entry cannot be verified by sha256. */
const MUST_BE_LFS = /\.(onnx|onnx_data|bin|safetensors)$/;
const JSON_LIMIT = 8 * 1024 * 1024;

/** Parses `raw` and allows only https:; throws DownloadError('insecure'). */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError(`Not a valid URL: ${raw}`, 'insecure');
  }
  if (url.protocol !== 'https:') {
    throw new DownloadError(`Refusing to download over ${url.protocol.replace(':', '')} from ${url.host}: only HTTPS is allowed.`, 'insecure');
  }
  return url;
}

/** True when the first bytes of a body look like an HTML page (an error or login page served with 200). */
export function looksLikeHtml(head: Buffer): boolean {
  const s = head.subarray(0, 512).toString('latin1').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return s.startsWith('<!doctype html') || s.startsWith('<html') || s.startsWith('<head') || s.startsWith('<body');
}

export function isHtmlContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*(text\/html|application\/xhtml)/i.test(contentType);
}

/** The git blob id of `bytes` (what the tree API reports as `oid` for a file kept in git). */
export function gitBlobOid(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** An ETag as the Hub sends it (`"abc"`, `W/"abc"`), without quotes, lower case. */
function bareEtag(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase() || undefined;
}

const cancelled = (): DownloadError => new DownloadError('Download cancelled.', 'cancelled');

interface Opened {
  res: IncomingMessage;
  /** Headers of the first response (the Hub's own, before any redirect to the CDN). */
  first: IncomingHttpHeaders;
  /** Host that sent `res` (the CDN after a redirect). */
  host: string;
}

/** One request with HTTPS-only redirects; resolves with the final response whatever its status. */
function request(method: 'GET' | 'HEAD', rawUrl: string, opts: DownloadOptions, follow: boolean): Promise<Opened> {
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const go = (raw: string, redirectsLeft: number, first: IncomingHttpHeaders | undefined): Promise<Opened> =>
    new Promise<Opened>((resolve, reject) => {
      let url: URL;
      try {
        url = checkUrl(raw);
      } catch (e) {
        reject(e);
        return;
      }
      if (opts.signal?.aborted) {
        reject(cancelled());
        return;
      }
      const req = https.request(url, {
        method,
        headers: { 'user-agent': 'predictive-keyboard', accept: '*/*', 'accept-encoding': 'identity' },
        ca: opts.ca,
        signal: opts.signal,
      });
      req.setTimeout(stallMs, () => req.destroy(new DownloadError(`No answer from ${url.host} for ${Math.round(stallMs / 1000)} s; the server stalled.`, 'stalled')));
      req.on('error', (e) => {
        if (e instanceof DownloadError) reject(e);
        else if (opts.signal?.aborted) reject(cancelled());
        else reject(new DownloadError(`Network error for ${url.host}: ${e.message}`, 'network'));
      });
      req.on('response', (res) => {
        // The body has its own stall timer (VerifyStream); this one covers only the wait for headers.
        req.setTimeout(0);
        const status = res.statusCode ?? 0;
        const headers = first ?? res.headers;
        if (follow && status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirectsLeft <= 0) {
            reject(new DownloadError(`Too many redirects from ${url.host}.`, 'http'));
            return;
          }
          const next = new URL(res.headers.location, url);
          if (next.protocol !== 'https:') {
            reject(new DownloadError(`Refusing a redirect from ${url.host} to a non-HTTPS address (${next.origin}).`, 'insecure'));
            return;
          }
          go(next.toString(), redirectsLeft - 1, headers).then(resolve, reject);
          return;
        }
        resolve({ res, first: headers, host: url.host });
      });
      req.end();
    });
  return go(rawUrl, opts.maxRedirects ?? 5, undefined);
}

/** GETs a small JSON document from the Hub API. */
async function getJson(rawUrl: string, opts: DownloadOptions): Promise<unknown> {
  const { res } = await request('GET', rawUrl, opts, true);
  const url = new URL(rawUrl);
  if (res.statusCode !== 200) {
    res.resume();
    throw new DownloadError(`The Hub answered HTTP ${res.statusCode} for ${url.pathname}.`, 'http');
  }
  if (isHtmlContentType(res.headers['content-type'])) {
    res.resume();
    throw new DownloadError(`The Hub sent a web page instead of JSON for ${url.pathname}; it may be down or need a login.`, 'html');
  }
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > JSON_LIMIT) throw new DownloadError(`The Hub's answer for ${url.pathname} is over ${JSON_LIMIT / 1e6} MB.`, 'hub');
      chunks.push(chunk);
    }
  } catch (e) {
    res.destroy();
    if (e instanceof DownloadError) throw e;
    throw opts.signal?.aborted ? cancelled() : new DownloadError(`The Hub's answer for ${url.pathname} was cut off.`, 'truncated');
  }
  const body = Buffer.concat(chunks);
  if (looksLikeHtml(body)) throw new DownloadError(`The Hub sent a web page instead of JSON for ${url.pathname}.`, 'html');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new DownloadError(`The Hub's answer for ${url.pathname} is not valid JSON.`, 'hub');
  }
}

function repoPath(repo: string): string {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new DownloadError(`Not a Hub repository name: ${repo}`, 'hub');
  return repo;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The commit `revision` points at now (40 hex digits). */
export async function resolveCommit(model: HubModel, opts: DownloadOptions = {}): Promise<string> {
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  const repo = repoPath(model.repo);
  const rev = encodeURIComponent(model.revision);
  const { res } = await request('HEAD', `${endpoint}/${repo}/resolve/${rev}/config.json`, opts, false);
  res.resume();
  const header = bareEtag(res.headers['x-repo-commit']);
  if (res.statusCode === 401 || res.statusCode === 404) {
    throw new DownloadError(`The Hub has no ${model.repo} at ${model.revision} (HTTP ${res.statusCode}).`, 'http');
  }
  if (header !== undefined && HEX40.test(header)) return header;
  const unknown = (why: string): DownloadError =>
    new DownloadError(`The Hub did not say which commit ${model.repo}@${model.revision} is (no X-Repo-Commit header; model API: ${why}).`, 'hub');
  let info: { sha?: unknown };
  try {
    info = (await getJson(`${endpoint}/api/models/${repo}/revision/${rev}`, opts)) as { sha?: unknown };
  } catch (e) {
    if (e instanceof DownloadError && (e.kind === 'cancelled' || e.kind === 'stalled' || e.kind === 'network')) throw e;
    throw unknown(describeError(e));
  }
  if (typeof info?.sha === 'string' && HEX40.test(info.sha)) return info.sha;
  throw unknown('no sha');
}

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  oid?: unknown;
  size?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
}

/**
 * What the tree API entry `entry` promises for `path`. A weight file must come with an `lfs` entry
 * (sha256 + size); a small file with its git blob id. Anything else is refused before any byte of
 * the file is fetched.
 */
export function expectationFrom(path: string, entry: TreeEntry | undefined, where: string): ExpectedFile {
  if (!entry || entry.type !== 'file') throw new DownloadError(`The Hub lists no file ${path} in ${where}.`, 'hub');
  const lfs = entry.lfs;
  if (lfs && typeof lfs.oid === 'string' && HEX64.test(lfs.oid.toLowerCase()) && Number.isSafeInteger(lfs.size) && (lfs.size as number) >= 0) {
    return { path, size: lfs.size as number, sha256: lfs.oid.toLowerCase() };
  }
  if (MUST_BE_LFS.test(path) || lfs) {
    throw new DownloadError(`The Hub's tree for ${where} has no usable lfs entry (sha256 and size) for ${path}; refusing to download an unverifiable model file.`, 'hub');
  }
  if (typeof entry.oid === 'string' && HEX40.test(entry.oid.toLowerCase()) && Number.isSafeInteger(entry.size) && (entry.size as number) >= 0) {
    return { path, size: entry.size as number, gitOid: entry.oid.toLowerCase() };
  }
  throw new DownloadError(`The Hub's tree for ${where} has no git object id and size for ${path}.`, 'hub');
}

/** Size and hash of every file of `model` at `commit`, from the tree API (one request per folder). */
export async function listExpected(model: HubModel, commit: string, opts: DownloadOptions = {}): Promise<ExpectedFile[]> {
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  const repo = repoPath(model.repo);
  const folders = [...new Set(model.files.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '')))];
  const entries = new Map<string, TreeEntry>();
  for (const folder of folders) {
    const url = `${endpoint}/api/models/${repo}/tree/${commit}${folder ? '/' + encodePath(folder) : ''}`;
    const list = await getJson(url, opts);
    if (!Array.isArray(list)) throw new DownloadError(`The Hub's tree for ${model.repo}/${folder} is not a list.`, 'hub');
    for (const e of list as TreeEntry[]) if (e && typeof e.path === 'string') entries.set(e.path, e);
  }
  return model.files.map((f) => expectationFrom(f, entries.get(f), `${model.repo}@${commit.slice(0, 7)}`));
}

/**
 * Counts, hashes and sniffs a body on its way to disk. Fails as 'html', 'size', 'truncated',
 * 'checksum' or 'stalled' (nothing received for `stallMs`).
 */
class VerifyStream extends Transform {
  private received = 0;
  private head: Buffer | undefined = Buffer.alloc(0);
  private readonly sha256 = createHash('sha256');
  private readonly sha1 = createHash('sha1');
  private timer: NodeJS.Timeout | undefined;
  sha256Hex = '';

  constructor(
    private readonly expected: ExpectedFile,
    private readonly host: string,
    private readonly stallMs: number,
    private readonly onBytes: (n: number) => void,
  ) {
    super();
    this.sha1.update(`blob ${expected.size}\0`);
    this.arm();
  }

  private get name(): string {
    return this.expected.path.split('/').pop() ?? this.expected.path;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.destroy(new DownloadError(`The download of ${this.name} stalled: nothing from ${this.host} for ${Math.round(this.stallMs / 1000)} s after ${this.received} of ${this.expected.size} bytes.`, 'stalled'));
    }, this.stallMs);
  }

  private htmlError(): DownloadError {
    return new DownloadError(`The server sent a web page instead of ${this.name} (${this.host}); the file may have moved or need a login.`, 'html');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.arm();
    if (this.head !== undefined) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length >= 64) {
        if (looksLikeHtml(this.head)) return done(this.htmlError());
        this.head = undefined;
      }
    }
    this.received += chunk.length;
    if (this.received > this.expected.size) {
      return done(new DownloadError(`${this.name} is larger than the ${this.expected.size} bytes the Hub lists; the file was deleted.`, 'size'));
    }
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.onBytes(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    clearTimeout(this.timer);
    if (this.head !== undefined && looksLikeHtml(this.head)) return done(this.htmlError());
    if (this.received < this.expected.size) return done(this.truncated());
    this.sha256Hex = this.sha256.digest('hex');
    const sha1 = this.sha1.digest('hex');
    if (this.expected.sha256 !== undefined && this.sha256Hex !== this.expected.sha256) {
      return done(new DownloadError(`Checksum mismatch for ${this.name}: the Hub lists sha256 ${this.expected.sha256}, the download has ${this.sha256Hex}. The file was deleted.`, 'checksum'));
    }
    if (this.expected.gitOid !== undefined && sha1 !== this.expected.gitOid) {
      return done(new DownloadError(`Checksum mismatch for ${this.name}: the Hub lists git object ${this.expected.gitOid}, the download has ${sha1}. The file was deleted.`, 'checksum'));
    }
    done();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    clearTimeout(this.timer);
    done(error);
  }

  truncated(): DownloadError {
    return new DownloadError(`The download of ${this.name} was cut off after ${this.received} of ${this.expected.size} bytes.`, 'truncated');
  }
}

/**
 * Downloads `resolve/{commit}/{path}` to `dest` and verifies it against `expected`.
 * Deletes `dest` on any failure. Returns the sha256 of the bytes written.
 */
export async function downloadFile(
  model: HubModel,
  commit: string,
  expected: ExpectedFile,
  dest: string,
  opts: DownloadOptions = {},
  onBytes: (n: number) => void = () => undefined,
): Promise<VerifiedFile> {
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  const url = `${endpoint}/${repoPath(model.repo)}/resolve/${commit}/${encodePath(expected.path)}`;
  const name = expected.path.split('/').pop() ?? expected.path;
  await mkdir(dirname(dest), { recursive: true });
  try {
    const { res, first, host } = await request('GET', url, opts, true);
    const fail = (e: DownloadError): never => {
      res.resume();
      throw e;
    };
    const status = res.statusCode ?? 0;
    if (status !== 200) fail(new DownloadError(`The server answered HTTP ${status} for ${name} (${host}).`, 'http'));
    if (isHtmlContentType(res.headers['content-type'])) {
      fail(new DownloadError(`The server sent a web page instead of ${name} (${host}); the file may have moved or need a login.`, 'html'));
    }
    const commitHeader = bareEtag(first['x-repo-commit']);
    if (commitHeader !== undefined && commitHeader !== commit) {
      fail(new DownloadError(`The Hub served ${name} from commit ${commitHeader}, not ${commit}.`, 'hub'));
    }
    const linkedEtag = bareEtag(first['x-linked-etag']);
    if (expected.sha256 !== undefined && linkedEtag !== undefined && HEX64.test(linkedEtag) && linkedEtag !== expected.sha256) {
      fail(new DownloadError(`The Hub's X-Linked-Etag for ${name} (${linkedEtag}) disagrees with its tree (${expected.sha256}).`, 'checksum'));
    }
    const linkedSize = first['x-linked-size'];
    if (typeof linkedSize === 'string' && /^\d+$/.test(linkedSize) && Number(linkedSize) !== expected.size) {
      fail(new DownloadError(`The Hub's X-Linked-Size for ${name} (${linkedSize} bytes) disagrees with its tree (${expected.size} bytes).`, 'size'));
    }
    const length = res.headers['content-length'];
    if (length !== undefined && /^\d+$/.test(length) && Number(length) !== expected.size) {
      fail(new DownloadError(`The server announced ${length} bytes for ${name}; the Hub lists ${expected.size}.`, 'size'));
    }
    const verify = new VerifyStream(expected, host, opts.stallMs ?? DEFAULT_STALL_MS, onBytes);
    try {
      await pipeline(res, verify, createWriteStream(dest, { flags: 'wx' }), { signal: opts.signal });
    } catch (e) {
      if (opts.signal?.aborted) throw cancelled();
      if (e instanceof DownloadError) throw e;
      // The connection dropped mid-body ('aborted', ECONNRESET): the body is short.
      throw verify.truncated();
    }
    return { path: expected.path, size: expected.size, sha256: verify.sha256Hex, gitOid: expected.gitOid, lfs: expected.sha256 !== undefined };
  } catch (e) {
    await rm(dest, { force: true });
    throw e;
  }
}

/**
 * Downloads every file of `model` at the commit its revision points to now into `destDir`,
 * replacing `destDir` only when all files verified. Writes `download.json` into the folder.
 * The staging folder is a sibling of `destDir` so the final rename never crosses file systems.
 * Errors: DownloadError of any kind; the staging folder is removed first.
 */
export async function downloadModel(model: HubModel, destDir: string, opts: DownloadOptions = {}): Promise<DownloadRecord> {
  for (const f of model.files) {
    if (f.startsWith('/') || f.split('/').includes('..') || f === 'download.json') throw new DownloadError(`Bad file path: ${f}`, 'hub');
  }
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  checkUrl(endpoint);
  const staging = `${destDir}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(dirname(destDir), { recursive: true });
  try {
    const commit = await resolveCommit(model, opts);
    const expected = await listExpected(model, commit, opts);
    const total = expected.reduce((s, f) => s + f.size, 0);
    let received = 0;
    const files: VerifiedFile[] = [];
    for (const f of expected) {
      files.push(
        await downloadFile(model, commit, f, join(staging, ...f.path.split('/')), opts, (n) => {
          received += n;
          opts.onProgress?.({ file: f.path, received, total });
        }),
      );
    }
    if (opts.signal?.aborted) throw cancelled();
    const record: DownloadRecord = { repo: model.repo, revision: model.revision, commit, endpoint, downloadedAt: new Date().toISOString(), files };
    await writeFile(join(staging, 'download.json'), JSON.stringify(record, null, 2) + '\n');
    await rm(destDir, { recursive: true, force: true });
    await rename(staging, destDir);
    return record;
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Leftovers of a download that was killed with the process (a crash cannot run the cleanup above). */
export async function removeStaleStaging(parentDir: string, readdir: (dir: string) => Promise<string[]>): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(parentDir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => /\.partial-[0-9a-f]{8}$/.test(n));
  for (const n of stale) await rm(join(parentDir, n), { recursive: true, force: true });
  return stale;
}
