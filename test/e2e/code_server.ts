/**
 * Starts code-server (VS Code 1.100 in a browser) on 127.0.0.1 for the E2E tests and `npm start`,
 * and builds the workbench URLs that open a file and load the unpackaged extension.
 * Shared by test/e2e/run.ts and scripts/start.mjs (which loads the bundled out/test/e2e/code_server.js).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const E2E_DIR = join(ROOT, '.e2e');
export const CODE_SERVER_BIN = join(E2E_DIR, 'code-server', 'node_modules', '.bin', 'code-server');

/** Runs scripts/e2e-setup.sh (idempotent) unless code-server is already there. */
export function ensureInstalled(): void {
  if (existsSync(CODE_SERVER_BIN) && existsSync('/usr/bin/chromium')) return;
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e-setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/e2e-setup.sh failed with exit code ${r.status}`);
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Quiet, predictable user settings: no welcome page, trust prompts, tips or update checks. */
export const BASE_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.inlineSuggest.enabled': true,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'files.autoSave': 'off',
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServer {
  port: number;
  origin: string;
  pgid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  env?: NodeJS.ProcessEnv;
  userSettings?: Record<string, unknown>;
  /** Settings of the "remote machine" (code-server's server side): where machine-scoped settings live. */
  machineSettings?: Record<string, unknown>;
  log?: (line: string) => void;
}

export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const port = o.port ?? (await freePort());
  mkdirSync(join(o.userDataDir, 'User'), { recursive: true });
  mkdirSync(o.extensionsDir, { recursive: true });
  const settingsFile = join(o.userDataDir, 'User', 'settings.json');
  if (o.userSettings || !existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ ...BASE_USER_SETTINGS, ...o.userSettings }, null, 2));
  }
  if (o.machineSettings) {
    mkdirSync(join(o.userDataDir, 'Machine'), { recursive: true });
    writeFileSync(join(o.userDataDir, 'Machine', 'settings.json'), JSON.stringify(o.machineSettings, null, 2));
  }
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    o.workspace,
  ];
  // detached = its own process group, so stop() can end the file watcher and extension host too.
  const child = spawn(CODE_SERVER_BIN, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
  const log = o.log ?? (() => undefined);
  child.stdout?.on('data', (b: Buffer) => b.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
  child.stderr?.on('data', (b: Buffer) => b.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
  const pgid = child.pid ?? 0;
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 30; i++) {
      await sleep(100);
      try {
        process.kill(-pgid, 0);
      } catch {
        return;
      }
    }
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not become ready within 60 s');
    }
    await sleep(200);
  }
  return { port, origin, pgid, process: child, stop };
}

export interface WorkbenchUrlOptions {
  origin: string;
  folder: string;
  openFile?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/** The URL that opens `folder` (and a file) with the unpackaged extension loaded. */
export function workbenchUrl(o: WorkbenchUrlOptions): string {
  const host = new URL(o.origin).host;
  const remote = (p: string): string => `vscode-remote://${host}${p}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (o.openFile) payload.push(['openFile', remote(o.openFile)]);
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  return `${o.origin}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Process ids of the model workers started by the extension host under `pgid` (our code-server). */
export function workerPids(pgid: number): number[] {
  const r = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null && Number(m[2]) === pgid && m[3].includes(join('out', 'worker.js')))
    .map((m) => Number(m[1]));
}
