// `npm start`: builds, installs code-server if missing, and serves VS Code on 127.0.0.1 with the
// unpackaged extension on its embedded model and samples/welcome.md open. Ctrl+C stops everything.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });

const require = createRequire(import.meta.url);
const cs = require(join(root, 'out', 'test', 'e2e', 'code_server.js'));
cs.ensureInstalled();

if (!existsSync(join(root, 'models', 'prose-gpt2', 'config.json'))) {
  console.warn('warning: models/prose-gpt2 is missing; the status bar will show the load error.');
}

const state = join(root, '.e2e', 'start');
mkdirSync(state, { recursive: true });
const port = Number(process.env.PORT ?? 0) || (await cs.freePort());
const workspace = join(root, 'samples');
const server = await cs.startCodeServer({
  port,
  workspace,
  // Kept between runs so your settings survive a restart; delete .e2e/start to reset.
  userDataDir: join(state, 'user-data'),
  extensionsDir: join(state, 'extensions'),
  log: (line) => {
    if (process.env.VERBOSE) console.log(`[code-server] ${line}`);
  },
});
const url = cs.workbenchUrl({
  origin: server.origin,
  folder: workspace,
  openFile: join(workspace, 'welcome.md'),
  extensionDevelopmentPath: root,
});
console.log(`\nPredictive Keyboard is running in VS Code (code-server) on 127.0.0.1.\nOpen this URL in a browser on this machine:\n\n  ${url}\n\nPress Ctrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server exited (${code}).`);
    process.exit(1);
  }
});
