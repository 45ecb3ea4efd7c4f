/**
 * End-to-end tests in a real VS Code (code-server 4.100.3 + headless Chromium via playwright-core):
 *   1. the extension-host Mocha suite (out/test/extension/index.js) against the real engine;
 *   2. a person typing in a Markdown file: ghost text from the real model, cycling, Tab, the
 *      suggestion strip and its keys, a topK change, the worker killed mid-typing, the on/off toggle;
 *   3. "Download a GPT-2 Model…" against a local HTTPS imitation of the Hugging Face Hub
 *      (test/helpers/hub_server.ts): each fault refused, a stall cancelled, then success.
 * `npm run test:e2e`. Env: PK_E2E_MODEL=DIR tests another model folder than models/prose-gpt2,
 * PK_E2E_KEEP=1 keeps the run folder, PK_E2E_ONLY=mocha|ui skips the other part (download: only
 * the download steps; perceived: only the perceived-latency benchmark, perceived_steps.ts),
 * PK_E2E_VSIX=FILE installs that packaged .vsix instead of loading the source tree (UI part only).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import { spawnSync } from 'node:child_process';
import { CODE_SERVER_BIN, E2E_DIR, ROOT, ensureInstalled, sleep, startCodeServer, workbenchUrl, workerPids, type CodeServer } from './code_server';
import { startHub, type Hub, type HubFault } from '../helpers/hub_server';
import { editorScenario } from './editor_steps';
import { inspectorScenario } from './inspector_steps';
import { mannersScenario, pickFromStatusMenu, TEST_SNOOZE_MS, walkthroughStep } from './manners_steps';
import { PERCEIVED_USER_SETTINGS, perceivedScenario, withFloorExtension } from './perceived_steps';

const EXT_ID = 'predictive-keyboard.predictive-keyboard';
const STATUS_ID = `${EXT_ID}.predictiveKeyboard.status`;
const STRIP_ID = `${EXT_ID}.predictiveKeyboard.strip`;
/** Far above the 2 s restart target (bench/worker_restart.ts): only a restart that hangs takes this long. */
const RESTART_HANG_MS = 10_000;
const SHOTS = join(E2E_DIR, 'screenshots');
/** Screenshots of the last fully green run, under their media/ names (scripts/refresh-media.mjs). */
const MEDIA_CANDIDATES = join(E2E_DIR, 'media');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}
const results: StepResult[] = [];

function log(msg: string): void {
  console.log(`[e2e] ${msg}`);
}

async function step(name: string, fn: () => Promise<string | void>): Promise<boolean> {
  const t0 = Date.now();
  try {
    const detail = (await fn()) ?? '';
    results.push({ name, ok: true, ms: Date.now() - t0, detail });
    log(`PASS ${name} (${Date.now() - t0} ms) ${detail}`);
    return true;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    results.push({ name, ok: false, ms: Date.now() - t0, detail });
    log(`FAIL ${name}: ${detail}`);
    return false;
  }
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const nbsp = (s: string): string => s.replace(/\u00a0/g, ' ');

class Workbench {
  constructor(
    readonly page: Page,
    readonly file: string,
    readonly userDataDir: string,
  ) {}

  async ghost(): Promise<string> {
    const parts = await this.page.$$eval('.editor-group-container.active .monaco-editor .ghost-text-decoration, .editor-group-container.active .monaco-editor .ghost-text-decoration-preview', (els) =>
      els.map((e) => e.textContent ?? ''),
    );
    return nbsp(parts.join(''));
  }

  async itemText(id: string): Promise<string | undefined> {
    const el = await this.page.$(`[id="${id}"]`);
    if (!el || !(await el.isVisible())) return undefined;
    return nbsp((await el.innerText()).trim());
  }

  async strip(): Promise<string[]> {
    const t = await this.itemText(STRIP_ID);
    return t ? t.split(' · ').map((w) => w.trim()) : [];
  }

  /** Strip words once they stopped changing (the strip follows every keystroke). */
  async stableStrip(min = 1, timeoutMs = 8000): Promise<string[]> {
    let last = '';
    let since = Date.now();
    return until(
      'a steady suggestion strip',
      async () => {
        const w = await this.strip();
        const key = w.join('|');
        if (key !== last) {
          last = key;
          since = Date.now();
          return undefined;
        }
        return w.length >= min && Date.now() - since > 400 ? w : undefined;
      },
      timeoutMs,
    );
  }

  async type(text: string, delay = 40): Promise<void> {
    await this.page.keyboard.type(text, { delay });
  }

  async saveAndRead(): Promise<string> {
    await this.page.keyboard.press('Control+S');
    await sleep(600);
    return readFileSync(this.file, 'utf8');
  }

  /** A modal left open by an earlier failed step ("Do you want to save…?") would block every later step. */
  async dismissDialog(): Promise<void> {
    if (await this.page.$('.monaco-dialog-box')) {
      await this.page.keyboard.press('Escape');
      await sleep(300);
    }
  }

  async command(title: string): Promise<void> {
    await this.dismissDialog();
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5000 }).catch(async (e: unknown) => {
      await this.shot('palette-failure.png');
      throw e;
    });
    await input.fill(`>${title}`);
    await sleep(400);
    await this.page.keyboard.press('Enter');
  }

  async focusEditorEnd(): Promise<void> {
    await this.dismissDialog();
    // A panel beside the editor (a webview group) may hold focus; go back to the text first.
    if (!(await this.page.$('.editor-group-container.active .monaco-editor .view-lines'))) {
      await this.command('View: Focus First Editor Group');
      await sleep(300);
    }
    await this.page.click('.editor-group-container.active .monaco-editor .view-lines');
    await this.page.keyboard.press('Control+End');
  }

  /** User settings merged with the remote machine's (where VS Code keeps machine-scoped ones). */
  settingsOnDisk(): Record<string, unknown> {
    const read = (p: string): Record<string, unknown> => (existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>) : {});
    return { ...read(join(this.userDataDir, 'User', 'settings.json')), ...read(join(this.userDataDir, 'Machine', 'settings.json')) };
  }

  /** Changes a setting the way a person does: in the Settings editor (code-server does not watch settings.json). */
  async setSettingInUi(key: string, value: number): Promise<void> {
    await this.command('Preferences: Open User Settings');
    await this.page.waitForSelector('.settings-editor', { timeout: 10_000 });
    await sleep(500);
    // The search box has focus; a settings editor opened before still holds the last search.
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(key);
    const input = this.page.locator(`.settings-editor input[aria-label="${key}"]`);
    await input.waitFor({ state: 'visible', timeout: 10_000 }).catch(async (e: unknown) => {
      await this.shot('settings-failure.png');
      throw e;
    });
    await input.fill(String(value));
    await sleep(800);
    await this.page.click(`.tabs-container .tab:has-text("${basename(this.file)}")`);
    await sleep(300);
  }

  async toasts(): Promise<string[]> {
    return this.page.$$eval('.notifications-toasts .notification-list-item-message', (els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  async shot(name: string): Promise<string> {
    mkdirSync(SHOTS, { recursive: true });
    const path = join(SHOTS, name);
    await this.page.screenshot({ path });
    return path;
  }
}

async function runMocha(browser: Browser, server: CodeServer, workspace: string, file: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const lines: string[] = [];
  let exitCode: number | undefined;
  await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
    const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
    lines.push(text);
    process.stdout.write(`[mocha] ${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    exitCode = code;
  });
  await page.goto(
    workbenchUrl({
      origin: server.origin,
      folder: workspace,
      openFile: file,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(ROOT, 'out', 'test', 'extension', 'index.js'),
    }),
  );
  await until('the Mocha suite to finish', async () => exitCode !== undefined, 180_000, 200);
  await page.close();
  assert(exitCode === 0, `Mocha suite exit code ${exitCode}`);
}

async function typingScenario(wb: Workbench, server: CodeServer): Promise<void> {
  const page = wb.page;
  const typed = 'Thank you for the letter. I hope to see you ';

  await step('workbench loads with the extension ready', async () => {
    await page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 60_000 });
    const status = await until('the status item', async () => wb.itemText(STATUS_ID), 30_000, 200);
    // More room for the text in screenshots.
    await wb.command('View: Close Primary Side Bar');
    await sleep(300);
    await wb.focusEditorEnd();
    return `status "${status}"`;
  });

  let ghost1 = '';
  const ghostOk = await step('ghost text appears from the real model', async () => {
    const t0 = Date.now();
    await wb.type(typed);
    ghost1 = await until('ghost text', async () => (await wb.ghost()).trim() || undefined, 20_000);
    const status = await wb.itemText(STATUS_ID);
    assert(status?.includes('Keyboard') && !status.includes('error'), `status is "${status}"`);
    await wb.shot('ghost-text.png');
    return `"${ghost1}" ${Date.now() - t0} ms after typing started`;
  });
  if (!ghostOk) return;

  let shown = ghost1;
  await step('Alt+] cycles to a different candidate', async () => {
    await page.keyboard.press('Alt+BracketRight');
    shown = await until('another candidate', async () => {
      const g = (await wb.ghost()).trim();
      return g && g !== ghost1 ? g : undefined;
    }, 5000);
    await wb.shot('cycling.png');
    return `"${ghost1}" -> "${shown}"`;
  });

  await step('Tab accepts the ghost text (file on disk)', async () => {
    const before = nbsp(await wb.ghost());
    await page.keyboard.press('Tab');
    await sleep(200);
    const content = await wb.saveAndRead();
    assert(content.includes(typed + before.trimEnd()), `file does not contain "${typed + before}"; it ends with ${JSON.stringify(content.slice(-120))}`);
    return `file ends with ${JSON.stringify(content.slice(-70))}`;
  });

  await step('ghost text survives typing through it and backspace; Ctrl+Right accepts one word', async () => {
    // A confident next word (patience, time at p 0.08): a guess below ghostMinProbability has no ghost text.
    await wb.type('. Thank you for your ');
    const g = await until('ghost text', async () => (await wb.ghost()).trim() || undefined, 10_000);
    const first = g.split(/\s+/)[0];
    assert(/^[A-Za-z]{2,}/.test(first), `ghost text "${g}" does not start with a word`);
    await page.keyboard.type(first[0]);
    // Wait for the expected rendering: the DOM passes through intermediate states between keys.
    const rest = g.slice(1);
    const through = await until(`ghost text "${rest}" after typing "${first[0]}"`, async () => {
      const t = (await wb.ghost()).trim();
      return t && rest.startsWith(t.split(/\s+/)[0]) && t.split(/\s+/)[0].length > 0 ? t : undefined;
    }, 1500, 20);
    await page.keyboard.press('Backspace');
    const back = await until(`ghost text "${first}" after backspace`, async () => {
      const t = (await wb.ghost()).trim();
      return t.startsWith(first) ? t : undefined;
    }, 1500, 20);
    await page.keyboard.press('Control+ArrowRight');
    await sleep(300);
    const content = await wb.saveAndRead();
    const word = back.split(/\s+/)[0];
    // Ctrl+Right on a one-word ghost takes its last word: the automatic space follows (issue 15).
    const want = `for your ${word}${back.split(/\s+/).length === 1 ? ' ' : ''}`;
    assert(content.endsWith(want), `expected ${JSON.stringify('...' + want)}, got ${JSON.stringify(content.slice(-40))}`);
    return `"${g}" -> typed "${first[0]}" -> "${through}" -> backspace -> "${back}" -> Ctrl+Right took "${word}"`;
  });

  await step('strip shows candidates; Ctrl+Alt+2 inserts the 2nd and a space', async () => {
    await wb.type('. It was a pleasure to meet your fam');
    const words = await wb.stableStrip(2);
    await wb.shot('strip.png');
    await page.keyboard.press('Control+Alt+Digit2');
    await sleep(300);
    const content = await wb.saveAndRead();
    assert(content.endsWith(`meet your ${words[1]} `), `expected the file to end with "meet your ${words[1]} ", got ${JSON.stringify(content.slice(-60))}`);
    return `strip [${words.join(' · ')}], picked "${words[1]}"`;
  });

  await step('changing topK in settings changes the strip', async () => {
    await wb.type('and I');
    const before = await wb.stableStrip(2);
    await wb.setSettingInUi('predictiveKeyboard.topK', 1);
    const after = await until('a one-word strip', async () => {
      const w = await wb.strip();
      return w.length === 1 ? w : undefined;
    }, 8000);
    await wb.shot('strip-topk1.png');
    await wb.setSettingInUi('predictiveKeyboard.topK', 5);
    await until('the strip back to 3 words', async () => ((await wb.strip()).length === 3 ? true : undefined), 8000);
    await wb.focusEditorEnd();
    return `[${before.join(' · ')}] -> [${after.join(' · ')}] -> back to 3`;
  });

  // Suggestions must come back from a new worker; how fast (issue 6: within 2 s) is a speed target,
  // judged by bench/worker_restart.ts on quiet cores. Here VS Code, Chromium and the restarting
  // worker share two cores with whatever else the machine runs, so the figure is reported, and only
  // a restart that hangs (RESTART_HANG_MS) fails the step.
  await step('worker killed with SIGKILL mid-typing: a new worker takes over and suggestions resume', async () => {
    await wb.type(' would like to');
    const pids = workerPids(server.pgid);
    assert(pids.length === 1, `expected one worker process, found ${JSON.stringify(pids)}`);
    process.kill(pids[0], 'SIGKILL');
    const killedAt = Date.now();
    const more = ' visit you in the spring when the weather is warm and the days are long';
    let i = 0;
    let seen = '';
    while (Date.now() - killedAt < RESTART_HANG_MS) {
      if (i < more.length) await page.keyboard.type(more[i++]);
      await sleep(120);
      seen = (await wb.ghost()).trim();
      if (seen) break;
    }
    const elapsed = Date.now() - killedAt;
    assert(seen, `no ghost text within ${RESTART_HANG_MS} ms of the kill`);
    const now = workerPids(server.pgid);
    assert(now.length === 1 && now[0] !== pids[0], `expected a new worker, found ${JSON.stringify(now)}`);
    return `ghost "${seen}" back ${elapsed} ms after the kill (target 2,000 ms, judged by bench/worker_restart.ts; worker ${pids[0]} -> ${now[0]})`;
  });

  await step('turning the extension off hides ghost text and strip', async () => {
    await pickFromStatusMenu(page, 'Turn predictions off');
    await until('status "off"', async () => ((await wb.itemText(STATUS_ID))?.includes('off') ? true : undefined), 5000);
    await wb.focusEditorEnd();
    await wb.type(' Best wishes to you');
    await sleep(1500);
    const g = await wb.ghost();
    const strip = await wb.strip();
    assert(g.trim() === '', `ghost text while off: "${g}"`);
    assert(strip.length === 0, `strip while off: ${strip.join(' · ')}`);
    await wb.shot('off.png');
    await pickFromStatusMenu(page, 'Turn predictions on');
    await until('status back on', async () => ((await wb.itemText(STATUS_ID))?.includes('off') ? undefined : true), 5000);
    await wb.focusEditorEnd();
    await wb.type(' and I would like to ');
    // Predictions are back: the strip lists them, with ghost text where the best word is likely
    // enough (ghostMinProbability; here it is near the floor).
    const back = await until('predictions after turning back on', async () => {
      const words = await wb.strip();
      return words.length > 0 ? `strip ${words.join(' · ')}, ghost "${(await wb.ghost()).trim()}"` : undefined;
    }, 10_000);
    await wb.saveAndRead();
    return `no ghost text or strip while off; back after turning on: ${back}`;
  });
}

async function downloadScenario(wb: Workbench, hub: Hub): Promise<void> {
  const storage = join(wb.userDataDir, 'User', 'globalStorage', EXT_ID);
  const modelsDir = join(storage, 'models');
  const leftovers = (): string[] => (existsSync(modelsDir) ? readdirSync(modelsDir) : []);
  /** Runs "Download a GPT-2 Model…" and picks `label`; returns the quick pick's rows as shown. */
  const download = async (label: string): Promise<string[]> => {
    await wb.command('Predictive Keyboard: Download a GPT-2 Model…');
    const rows = await until(
      'the model quick pick',
      async () => {
        const r = await wb.page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => (e.textContent ?? '').trim()));
        return r.some((t) => /MB download/.test(t)) ? r : undefined;
      },
      15_000,
      100,
    );
    await wb.page.locator('.quick-input-widget input').fill(label);
    await sleep(300);
    await wb.page.keyboard.press('Enter');
    return rows;
  };
  const cases: [HubFault, RegExp][] = [
    ['wrong-hash', /Checksum mismatch/],
    ['truncated', /cut off after/],
    ['html', /web page instead of/],
    ['wrong-size', /announced \d+ bytes/],
    ['no-lfs', /no usable lfs entry/],
    ['redirect-http', /non-HTTPS/],
  ];
  for (const [fault, expected] of cases) {
    await step(`download refuses (${fault}) and leaves no partial file`, async () => {
      hub.fault = fault;
      const rows = await download('GPT-2 (124M)');
      assert(rows.some((r) => /distilgpt2/.test(r)) && rows.some((r) => /GPT-2 \(124M\)/.test(r)), `quick pick rows: ${rows.join(' | ')}`);
      const msg = await until('the error notification', async () => (await wb.toasts()).find((t) => /download failed/i.test(t)), 30_000, 200);
      assert(expected.test(msg), `unexpected message: ${msg}`);
      await sleep(300);
      assert(leftovers().length === 0, `left behind: ${leftovers().join(', ')}`);
      if (fault === 'wrong-hash') await wb.shot('download-error.png');
      await wb.command('Notifications: Clear All Notifications');
      await sleep(300);
      return msg;
    });
  }
  await step('download from a stalled server is cancelled from its notification, nothing kept', async () => {
    hub.fault = 'stall';
    await download('GPT-2 (124M)');
    const cancel = wb.page.locator('.notifications-toasts .monaco-button:has-text("Cancel")');
    await cancel.first().waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(500);
    await cancel.first().click();
    const msg = await until('the cancel notification', async () => (await wb.toasts()).find((t) => /cancelled|download failed/i.test(t)), 10_000, 200);
    assert(/cancelled; nothing was kept/.test(msg), msg);
    await sleep(300);
    assert(leftovers().length === 0, `left behind: ${leftovers().join(', ')}`);
    await wb.command('Notifications: Clear All Notifications');
    hub.fault = 'none';
    return msg;
  });
  const fromDisk = async (dir: string): Promise<string> => {
    await wb.command('Predictive Keyboard: Use a GPT-2 Model from Disk…');
    // code-server's folder picker is VS Code's simple file dialog: a path box and a button labelled with openLabel.
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await sleep(400);
    await input.fill(dir.endsWith('/') ? dir : dir + '/');
    await sleep(600);
    await wb.page.click('.quick-input-widget .monaco-button:has-text("Use this model")');
    return until('a notification about the model', async () => (await wb.toasts()).find((t) => /now uses|cannot use/i.test(t)), 30_000, 200);
  };

  await step('"Use a GPT-2 model from disk…" explains why a folder is not usable', async () => {
    const bad = join(wb.userDataDir, '..', 'not-a-model');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'notes.txt'), 'no model here');
    const msg = await fromDisk(bad);
    assert(/cannot use/i.test(msg), msg);
    assert(wb.settingsOnDisk()['predictiveKeyboard.modelPath'] === undefined, 'a refused folder was written to settings');
    await wb.command('Notifications: Clear All Notifications');
    return msg;
  });

  await step('"Use a GPT-2 model from disk…" switches to a valid folder', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'models', 'own');
    const msg = await fromDisk(dir);
    assert(/now uses/i.test(msg), msg);
    const setting = wb.settingsOnDisk()['predictiveKeyboard.modelPath'];
    assert(setting === dir, `modelPath in user settings is ${JSON.stringify(setting)}`);
    await wb.command('Notifications: Clear All Notifications');
    return msg;
  });

  await step('download succeeds, verifies against the Hub, records download.json and switches the model', async () => {
    hub.fault = 'none';
    await download('GPT-2 (124M)');
    const msg = await until('the success notification', async () => (await wb.toasts()).find((t) => /now uses/i.test(t) || /download failed|cannot use/i.test(t)), 60_000, 200);
    assert(/now uses/.test(msg), msg);
    const dest = join(modelsDir, 'gpt2');
    assert(existsSync(join(dest, 'onnx', 'decoder_model_merged_quantized.onnx')) && existsSync(join(dest, 'config.json')), 'downloaded files missing');
    assert(JSON.stringify(leftovers()) === JSON.stringify(['gpt2']), `unexpected entries: ${leftovers().join(', ')}`);
    const record = JSON.parse(readFileSync(join(dest, 'download.json'), 'utf8')) as { commit: string; files: { path: string; sha256: string }[] };
    assert(record.commit === hub.commitOf('Xenova/gpt2'), `download.json commit ${record.commit}`);
    assert(record.files.length === 2 && record.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256)), JSON.stringify(record.files));
    const setting = wb.settingsOnDisk()['predictiveKeyboard.modelPath'];
    assert(setting === dest, `modelPath in user settings is ${JSON.stringify(setting)}`);
    await wb.command('Notifications: Clear All Notifications');
    await wb.focusEditorEnd();
    await wb.type(' I think that ');
    const g = await until('ghost text from the downloaded model', async () => (await wb.ghost()).trim() || undefined, 15_000);
    // The status hover names the downloaded model and its measured keystroke latency.
    await wb.page.hover(`[id="${STATUS_ID}"]`);
    const hover = await until(
      'the status hover with the keystroke latency',
      async () => {
        const t = (await wb.page.$$eval('.monaco-hover, .workbench-hover', (els) => els.map((e) => e.textContent ?? '').join(' '))).replace(/\s+/g, ' ');
        return /Keystroke latency: p50 \d+ ms, p95 \d+ ms/.test(t) ? t : undefined;
      },
      8000,
      200,
    );
    assert(hover.includes(join('models', 'gpt2', 'onnx')), `hover does not name the downloaded model: ${hover}`);
    await wb.shot('download-hover.png');
    await wb.page.mouse.move(10, 10);
    return `${msg} / commit ${record.commit.slice(0, 7)} / ghost "${g}" / ${/Keystroke latency[^;]*/.exec(hover)?.[0]}`;
  });
}

async function main(): Promise<number> {
  ensureInstalled();
  const modelDir = process.env.PK_E2E_MODEL ?? join(ROOT, 'models', 'prose-gpt2');
  assert(existsSync(join(modelDir, 'config.json')), `no model at ${modelDir} (set PK_E2E_MODEL or add models/prose-gpt2)`);
  const only = process.env.PK_E2E_ONLY;
  const perceived = only === 'perceived';
  const runDir = join(E2E_DIR, 'runs', new Date().toISOString().replace(/[:.]/g, '-'));
  const workspace = join(runDir, 'workspace');
  const userDataDir = join(runDir, 'user-data');
  mkdirSync(workspace, { recursive: true });
  const file = join(workspace, 'letter.md');
  writeFileSync(file, '# A letter\n\nDear Sam,\n\n');
  writeFileSync(join(workspace, 'notes.md'), '# Notes\n\n');

  const modelFile = ['model.onnx', join('onnx', 'decoder_model_merged_quantized.onnx')].find((f) => existsSync(join(modelDir, f)));
  assert(modelFile !== undefined, `no model.onnx in ${modelDir}`);
  const hub = await startHub({
    'Xenova/gpt2': [
      { path: 'config.json', body: readFileSync(join(modelDir, 'config.json')), lfs: false },
      { path: 'onnx/decoder_model_merged_quantized.onnx', body: readFileSync(join(modelDir, modelFile)), lfs: true },
    ],
  });
  const serverLog: string[] = [];
  const vsix = process.env.PK_E2E_VSIX;
  if (vsix) {
    const r = spawnSync(CODE_SERVER_BIN, ['--install-extension', vsix, '--extensions-dir', join(runDir, 'extensions'), '--user-data-dir', userDataDir], { encoding: 'utf8' });
    assert(r.status === 0, `installing ${vsix} failed: ${r.stderr}`);
    log(`installed ${vsix}: ${r.stdout.trim().split('\n').pop()}`);
  }
  const devPath = vsix ? undefined : ROOT;
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: join(runDir, 'extensions'),
    workspace,
    // The extension trusts the imitation's self-signed certificate for that endpoint only.
    env: { PREDICTIVE_KEYBOARD_TEST_SNOOZE_MS: String(TEST_SNOOZE_MS), PREDICTIVE_KEYBOARD_HUB_ENDPOINT: hub.endpoint, PREDICTIVE_KEYBOARD_HUB_CA: hub.caFile },
    // Untitled documents of the Mocha window must not come back in the typing window.
    userSettings: { 'files.hotExit': 'off', 'editor.fontSize': 16, 'workbench.sideBar.location': 'right', 'workbench.activityBar.location': 'hidden', 'editor.minimap.enabled': false, ...(perceived ? PERCEIVED_USER_SETTINGS : {}) },
    machineSettings: process.env.PK_E2E_MODEL ? { 'predictiveKeyboard.modelPath': modelDir } : {},
    log: (l) => serverLog.push(l),
  });
  log(`code-server on ${server.origin}, run folder ${runDir}`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    if (only !== 'ui' && only !== 'editor' && only !== 'download' && !perceived && !vsix) await step('extension-host Mocha suite', () => runMocha(browser, server, workspace, join(workspace, 'notes.md')));
    if (only !== 'mocha') {
      // A compact window so screenshots show the ghost text and the status bar strip close together.
      const page = await browser.newPage({ viewport: { width: 1100, height: 520 } });
      const url = workbenchUrl({ origin: server.origin, folder: workspace, openFile: file, extensionDevelopmentPath: devPath });
      // The perceived-latency benchmark loads its instant provider (the floor) beside the extension.
      await page.goto(perceived ? withFloorExtension(url, join(runDir, 'dev-extensions')) : url);
      const wb = new Workbench(page, file, userDataDir);
      try {
        // The walkthrough opens by itself on the first start (issue 15, manners_steps.ts), before anything is typed.
        await walkthroughStep(wb, step, until);
        // PK_E2E_ONLY=perceived (npm run bench:perceived): the perceived-latency benchmark, and nothing after it.
        if (perceived) await perceivedScenario(wb, step, until);
        // PK_E2E_ONLY=download runs the download steps alone (they load the model they download).
        if (only !== 'download' && only !== 'editor' && !perceived) await typingScenario(wb, server);
        const typingOk = results.every((r) => r.ok) && !perceived;
        // The Inspector panel (issue 8, inspector_steps.ts), on the embedded model before the download switches it.
        if (typingOk && only !== 'download' && only !== 'editor') await inspectorScenario(wb, step, until);
        // The editor as people use it (issue 17, editor_steps.ts); PK_E2E_ONLY=editor runs these alone.
        if (typingOk && only !== 'download') await editorScenario(wb, step, until);
        // Phone-keyboard manners (issue 15, manners_steps.ts), on the embedded model before the download switches it.
        if (typingOk && only !== 'download') await mannersScenario(wb, step, until);
        if (typingOk && only !== 'editor') await downloadScenario(wb, hub);
      } catch (e) {
        await step('scenario', () => Promise.reject(e));
      }
      if (results.some((r) => !r.ok)) await wb.shot('failure.png').catch(() => undefined);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    hub.close();
  }
  writeFileSync(join(runDir, 'code-server.log'), serverLog.join('\n'));
  writeFileSync(join(E2E_DIR, 'last-results.json'), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  log(`${results.length - failed.length}/${results.length} steps passed`);
  if (failed.length === 0 && only === undefined && !vsix) {
    // Screenshots of a fully green run are the ones worth showing in the README. Tests write only
    // to ignored folders: `npm run media` copies these into the tracked media/ when wanted.
    rmSync(MEDIA_CANDIDATES, { recursive: true, force: true });
    mkdirSync(MEDIA_CANDIDATES, { recursive: true });
    for (const [from, to] of [['ghost-text.png', 'screenshot-ghost-text.png'], ['strip.png', 'screenshot-strip.png'], ['cycling.png', 'screenshot-cycling.png'], ['inspector.png', 'inspector.png'], ['quick-controls.png', 'screenshot-quick-controls.png'], ['walkthrough.png', 'screenshot-walkthrough.png']]) {
      if (existsSync(join(SHOTS, from))) copyFileSync(join(SHOTS, from), join(MEDIA_CANDIDATES, to));
    }
  }
  if (failed.length === 0 && !process.env.PK_E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
