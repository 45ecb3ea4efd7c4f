/**
 * Verified downloads for the "Download GPT-2" command: the only network code in the extension.
 * No `vscode` import, so every refusal path is unit-tested against a local server.
 *
 * Rules: HTTPS only (plain HTTP only to 127.0.0.1, for tests); a redirect to anything but HTTPS is
 * refused; an HTML page where a model file was expected is refused; a body shorter than its
 * Content-Length is refused; the sha256 must match the pinned one. Files land in a staging folder
 * next to the destination and the folder is renamed into place only when every file verified, so a
 * failure or cancel never leaves a partial model behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { dirname, join, basename } from 'node:path';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly kind: 'cancelled' | 'insecure' | 'http' | 'html' | 'truncated' | 'checksum' | 'network' | 'manifest',
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface ManifestFile {
  /** Path relative to the model folder, with `/` separators (also appended to the base URL). */
  path: string;
  /** Lower-case hex sha256 of the file. */
  sha256: string;
}

export interface Manifest {
  id: string;
  name: string;
  baseUrl: string;
  files: ManifestFile[];
}

export interface DownloadOptions {
  /** Allow plain http:// to 127.0.0.1 (the tests' local server). Never set from user settings. */
  allowLoopbackHttp?: boolean;
  signal?: AbortSignal;
  /** Bytes received so far of the current file, its size when known, and which file. */
  onProgress?: (file: string, received: number, total: number | undefined) => void;
  maxRedirects?: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function validateManifest(m: Manifest): void {
  if (m.files.length === 0) throw new DownloadError(`The download manifest for ${m.name} lists no files.`, 'manifest');
  for (const f of m.files) {
    if (!HEX64.test(f.sha256)) {
      throw new DownloadError(`The download manifest for ${m.name} has no pinned sha256 for ${f.path}; refusing to download an unverifiable file.`, 'manifest');
    }
    if (f.path.startsWith('/') || f.path.split('/').includes('..')) throw new DownloadError(`Bad file path in manifest: ${f.path}`, 'manifest');
  }
}

/** Parses and checks a URL against the transport rules; throws DownloadError('insecure'). */
export function checkUrl(raw: string, allowLoopbackHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError(`Not a valid URL: ${raw}`, 'insecure');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowLoopbackHttp && url.hostname === '127.0.0.1') return url;
  throw new DownloadError(`Refusing to download over ${url.protocol.replace(':', '')} from ${url.host}: only HTTPS is allowed.`, 'insecure');
}

/** True when the first bytes of a body look like an HTML page (an error or login page served with 200). */
export function looksLikeHtml(head: Buffer): boolean {
  const s = head.subarray(0, 512).toString('latin1').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return s.startsWith('<!doctype html') || s.startsWith('<html') || s.startsWith('<head') || s.startsWith('<body');
}

export function isHtmlContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*(text\/html|application\/xhtml)/i.test(contentType);
}

function abortError(): DownloadError {
  return new DownloadError('Download cancelled.', 'cancelled');
}

/** GETs `rawUrl` following HTTPS-only redirects; resolves with the final 200 response. */
function open(rawUrl: string, opts: DownloadOptions, redirectsLeft: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = checkUrl(rawUrl, opts.allowLoopbackHttp ?? false);
    } catch (e) {
      reject(e);
      return;
    }
    if (opts.signal?.aborted) {
      reject(abortError());
      return;
    }
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { headers: { 'user-agent': 'predictive-keyboard', accept: '*/*' }, timeout: 30_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirectsLeft <= 0) {
          reject(new DownloadError(`Too many redirects from ${url.host}.`, 'http'));
          return;
        }
        const next = new URL(res.headers.location, url).toString();
        try {
          checkUrl(next, opts.allowLoopbackHttp ?? false);
        } catch {
          reject(new DownloadError(`Refusing a redirect from ${url.host} to a non-HTTPS address (${next}).`, 'insecure'));
          return;
        }
        open(next, opts, redirectsLeft - 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new DownloadError(`The server answered HTTP ${status} for ${basename(url.pathname)} (${url.host}).`, 'http'));
        return;
      }
      if (isHtmlContentType(res.headers['content-type'])) {
        res.resume();
        reject(new DownloadError(`The server sent a web page instead of ${basename(url.pathname)} (${url.host}); the file may have moved or need a login.`, 'html'));
        return;
      }
      resolve(res);
    });
    const onAbort = (): void => {
      req.destroy(abortError());
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => opts.signal?.removeEventListener('abort', onAbort));
    req.on('timeout', () => req.destroy(new DownloadError(`No answer from ${url.host} for 30 s.`, 'network')));
    req.on('error', (e) => reject(e instanceof DownloadError ? e : new DownloadError(`Network error for ${url.host}: ${e.message}`, 'network')));
  });
}

/** Downloads one file to `dest`, verifying length, content and sha256. Deletes `dest` on any failure. */
export async function downloadFile(rawUrl: string, dest: string, sha256: string, opts: DownloadOptions = {}): Promise<{ bytes: number }> {
  await mkdir(dirname(dest), { recursive: true });
  const name = basename(dest);
  try {
    const res = await open(rawUrl, opts, opts.maxRedirects ?? 5);
    const lengthHeader = res.headers['content-length'];
    const total = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    const hash = createHash('sha256');
    const out = createWriteStream(dest, { flags: 'wx' });
    let received = 0;
    let head: Buffer | undefined = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        res.destroy();
        out.destroy();
        reject(e);
      };
      const onAbort = (): void => fail(abortError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      res.on('data', (chunk: Buffer) => {
        if (head !== undefined) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= 64 || received + chunk.length >= (total ?? Infinity)) {
            if (!name.endsWith('.html') && looksLikeHtml(head)) {
              fail(new DownloadError(`The server sent a web page instead of ${name}; the file may have moved or need a login.`, 'html'));
              return;
            }
            head = undefined;
          }
        }
        received += chunk.length;
        hash.update(chunk);
        if (!out.write(chunk)) {
          res.pause();
          out.once('drain', () => res.resume());
        }
        opts.onProgress?.(name, received, total);
      });
      // 'aborted'/'close' without 'end' means the connection dropped mid-body.
      const cutOff = (): DownloadError =>
        new DownloadError(`The download of ${name} was cut off after ${received}${total !== undefined ? ` of ${total}` : ''} bytes.`, 'truncated');
      res.on('error', () => fail(cutOff()));
      res.on('close', () => {
        if (!res.complete) fail(cutOff());
      });
      res.on('end', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (head !== undefined && !name.endsWith('.html') && looksLikeHtml(head)) {
          fail(new DownloadError(`The server sent a web page instead of ${name}; the file may have moved or need a login.`, 'html'));
          return;
        }
        if (total !== undefined && received !== total) {
          fail(new DownloadError(`The download of ${name} is truncated: got ${received} of ${total} bytes.`, 'truncated'));
          return;
        }
        out.end((err?: Error | null) => {
          if (settled) return;
          if (err) fail(err);
          else {
            settled = true;
            resolve();
          }
        });
      });
      out.on('error', (e) => fail(e));
    });
    const got = hash.digest('hex');
    if (got !== sha256.toLowerCase()) {
      throw new DownloadError(`Checksum mismatch for ${name}: expected sha256 ${sha256}, got ${got}. The file was deleted.`, 'checksum');
    }
    return { bytes: received };
  } catch (e) {
    await rm(dest, { force: true });
    throw e;
  }
}

/**
 * Downloads every file of `manifest` into `destDir`, replacing it only when all files verified.
 * The staging folder is a sibling of `destDir` so the final rename never crosses file systems.
 */
export async function downloadModel(manifest: Manifest, destDir: string, opts: DownloadOptions = {}): Promise<{ bytes: number }> {
  validateManifest(manifest);
  const staging = `${destDir}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(dirname(destDir), { recursive: true });
  let bytes = 0;
  try {
    for (const f of manifest.files) {
      const url = new URL(f.path, manifest.baseUrl.endsWith('/') ? manifest.baseUrl : manifest.baseUrl + '/').toString();
      const r = await downloadFile(url, join(staging, ...f.path.split('/')), f.sha256, opts);
      bytes += r.bytes;
    }
    if (opts.signal?.aborted) throw abortError();
    await rm(destDir, { recursive: true, force: true });
    await rename(staging, destDir);
    return { bytes };
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

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
