/**
 * A local imitation of the Hugging Face Hub for the download tests (unit and E2E), over HTTPS with
 * a self-signed certificate made at start-up with the `openssl` command line.
 *
 * Two servers, as on the real Hub: the Hub itself (https://127.0.0.1:P) and a CDN on another host
 * and port (https://localhost:Q) that the Hub redirects LFS files to. The Hub answers:
 *   HEAD/GET /{repo}/resolve/{revision|commit}/{path}  X-Repo-Commit; a small file's bytes with its
 *            git blob id as ETag; an LFS file as a 302 to the CDN with X-Linked-Etag (sha256) and
 *            X-Linked-Size;
 *   GET /api/models/{repo}/revision/{revision}          {"id", "sha"};
 *   GET /api/models/{repo}/tree/{commit}[/{folder}]     [{type, oid, size, path, lfs?: {oid, size, pointerSize}}].
 * `fault` makes one thing go wrong, each the way a real server or proxy gets it wrong.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HubFile {
  path: string;
  body: Buffer;
  /** Stored in LFS (model weights); otherwise kept in git (config.json). */
  lfs: boolean;
}

export type HubFault =
  | 'none'
  /** The CDN answers 200 with an HTML error page, content type text/html. */
  | 'html'
  /** The CDN answers an HTML page as application/octet-stream, chunked (no length): only the body tells. */
  | 'html-sniffed'
  /** The CDN announces the full length, sends a quarter and drops the connection. */
  | 'truncated'
  /** The CDN serves a complete but shorter file (Content-Length matches what it sends). */
  | 'wrong-size'
  /** The CDN streams a longer file without Content-Length. */
  | 'oversize'
  /** The CDN flips one byte: same size, wrong sha256. */
  | 'wrong-hash'
  /** A small git file (config.json) with one byte changed: wrong git blob id. */
  | 'wrong-git-oid'
  /** The tree lists the model file without its lfs entry. */
  | 'no-lfs'
  /** The Hub's X-Linked-Etag disagrees with its tree. */
  | 'linked-etag'
  /** The CDN sends the headers and a few bytes, then nothing. */
  | 'stall'
  /** The Hub accepts the connection and never answers. */
  | 'stall-headers'
  /** The Hub redirects the LFS file to plain http:// on the CDN host. */
  | 'redirect-http'
  /** The resolve HEAD has no X-Repo-Commit, and the model API is down: commit unknown. */
  | 'no-commit'
  /** The resolve HEAD has no X-Repo-Commit; the model API still answers (the fallback path). */
  | 'commit-from-api';

export interface Hub {
  /** The Hub's origin, e.g. https://127.0.0.1:40001. */
  endpoint: string;
  cdnOrigin: string;
  /** The self-signed certificate (PEM) to trust; also written to `caFile`. */
  ca: string;
  caFile: string;
  fault: HubFault;
  /** `METHOD host path` of every request, oldest first. */
  requests: string[];
  commitOf(repo: string): string;
  /** Moves `main` to a new commit whose files are `files` (what a push to the repo does). */
  push(repo: string, files: HubFile[]): string;
  close(): void;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const gitOid = (b: Buffer): string => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

function makeCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'pipe' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((r) => server.listen(0, host, r));
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : 0;
}

export async function startHub(repos: Record<string, HubFile[]>): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'pk-hub-'));
  const { key, cert, certFile } = makeCertificate(dir);
  const commits = new Map<string, Map<string, HubFile[]>>(); // repo -> commit -> files
  const heads = new Map<string, string>();
  const byHash = new Map<string, Buffer>();
  let pushes = 0;
  const push = (repo: string, files: HubFile[]): string => {
    const commit = createHash('sha1').update(`${repo} ${pushes++} ${files.map((f) => sha256(f.body)).join(' ')}`).digest('hex');
    if (!commits.has(repo)) commits.set(repo, new Map());
    commits.get(repo)?.set(commit, files);
    heads.set(repo, commit);
    for (const f of files) if (f.lfs) byHash.set(sha256(f.body), f.body);
    return commit;
  };
  for (const [repo, files] of Object.entries(repos)) push(repo, files);

  const state = { fault: 'none' as HubFault, requests: [] as string[] };
  const sockets = new Set<Socket>();
  const track = (s: Server): void => {
    s.on('secureConnection', (sock: Socket) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
  };
  let cdnOrigin = '';

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const b = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': b.length });
    res.end(b);
  };
  const notFound = (res: ServerResponse): void => json(res, 404, { error: 'Repository Not Found' });

  const hub = createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://hub');
    const path = decodeURIComponent(url.pathname);
    state.requests.push(`${req.method} hub ${path}`);
    if (state.fault === 'stall-headers') return; // never answers
    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(path);
    if (m) {
      const head = heads.get(m[1]);
      if (!head || state.fault === 'no-commit') return notFound(res);
      return json(res, 200, { id: m[1], sha: head });
    }
    m = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([0-9a-f]{40})(?:\/(.*))?$/.exec(path);
    if (m) {
      const files = commits.get(m[1])?.get(m[2]);
      if (!files) return notFound(res);
      const folder = m[3] ?? '';
      const entries: unknown[] = [];
      const dirs = new Set<string>();
      for (const f of files) {
        const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
        if (parent === folder) {
          const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(f.body)}\nsize ${f.body.length}\n`;
          const entry: Record<string, unknown> = { type: 'file', oid: gitOid(f.lfs ? Buffer.from(pointer) : f.body), size: f.body.length, path: f.path };
          if (f.lfs && state.fault !== 'no-lfs') entry.lfs = { oid: sha256(f.body), size: f.body.length, pointerSize: pointer.length };
          entries.push(entry);
        } else if (folder === '' && parent !== '') {
          dirs.add(parent.split('/')[0]);
        }
      }
      for (const d of dirs) entries.push({ type: 'directory', oid: gitOid(Buffer.from(d)), size: 0, path: d });
      return json(res, 200, entries);
    }
    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const [, repo, rev, file] = m;
      const commit = rev === 'main' ? heads.get(repo) : rev;
      const f = commit ? commits.get(repo)?.get(commit)?.find((x) => x.path === file) : undefined;
      if (!commit || !f) return notFound(res);
      const headers: Record<string, string | number> = {};
      if (state.fault !== 'no-commit' && state.fault !== 'commit-from-api') headers['x-repo-commit'] = commit;
      if (!f.lfs) {
        let body = f.body;
        if (state.fault === 'wrong-git-oid') {
          body = Buffer.from(body);
          body[body.length >> 1] ^= 0x01;
        }
        res.writeHead(200, { ...headers, etag: `"${gitOid(f.body)}"`, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
        return void res.end(req.method === 'HEAD' ? undefined : body);
      }
      const hash = sha256(f.body);
      headers['x-linked-etag'] = `"${state.fault === 'linked-etag' ? sha256(Buffer.from('other')) : hash}"`;
      headers['x-linked-size'] = f.body.length;
      const target = `${cdnOrigin}/repos/${hash}?name=${encodeURIComponent(file.split('/').pop() ?? '')}`;
      headers.location = state.fault === 'redirect-http' ? target.replace('https:', 'http:') : target;
      res.writeHead(302, headers);
      return void res.end();
    }
    notFound(res);
  });

  const cdn = createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://cdn');
    state.requests.push(`${req.method} cdn ${url.pathname}`);
    const body = byHash.get(url.pathname.replace('/repos/', ''));
    if (!body) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      return void res.end('<Error><Code>AccessDenied</Code></Error>');
    }
    const octet = { 'content-type': 'application/octet-stream' };
    switch (state.fault) {
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end('<!DOCTYPE html><html><head><title>503</title></head><body>Service unavailable</body></html>');
      case 'html-sniffed':
        res.writeHead(200, octet);
        return void res.end('<!DOCTYPE html>\n<html><head><title>We had to rate limit you</title></head><body>Too many requests</body></html>\n');
      case 'truncated':
        res.writeHead(200, { ...octet, 'content-length': body.length });
        res.write(body.subarray(0, body.length >> 2), () => setTimeout(() => res.destroy(), 30));
        return;
      case 'wrong-size': {
        const short = body.subarray(0, body.length - 100);
        res.writeHead(200, { ...octet, 'content-length': short.length });
        return void res.end(short);
      }
      case 'oversize':
        res.writeHead(200, octet);
        return void res.end(Buffer.concat([body, Buffer.alloc(100)]));
      case 'wrong-hash': {
        const wrong = Buffer.from(body);
        wrong[wrong.length >> 1] ^= 0xff;
        res.writeHead(200, { ...octet, 'content-length': wrong.length });
        return void res.end(wrong);
      }
      case 'stall':
        res.writeHead(200, { ...octet, 'content-length': body.length });
        res.write(body.subarray(0, 1000));
        return; // and nothing more
      default:
        res.writeHead(200, { ...octet, 'content-length': body.length });
        res.end(body);
    }
  });
  track(hub);
  track(cdn);
  const hubPort = await listen(hub, '127.0.0.1');
  const cdnPort = await listen(cdn, '127.0.0.1');
  cdnOrigin = `https://localhost:${cdnPort}`;

  return {
    endpoint: `https://127.0.0.1:${hubPort}`,
    cdnOrigin,
    ca: cert,
    caFile: certFile,
    get fault() {
      return state.fault;
    },
    set fault(f: HubFault) {
      state.fault = f;
    },
    requests: state.requests,
    commitOf: (repo) => heads.get(repo) ?? '',
    push,
    close() {
      for (const s of sockets) s.destroy();
      hub.close();
      cdn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
