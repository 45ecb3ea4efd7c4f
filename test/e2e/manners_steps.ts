/**
 * E2E steps for phone-keyboard manners (issue 15), called from run.ts:
 *   - `walkthroughStep` first, before anything is typed: the "Get started" walkthrough opens by
 *     itself on the first start (fresh user data), then it is closed;
 *   - `mannersScenario` after the typing scenario, on the embedded model. Each step opens its own
 *     file with Quick Open: automatic space, space swap, Backspace revert, capitals after a heading
 *     and a bullet, a snooze that ends (run.ts sets PREDICTIVE_KEYBOARD_TEST_SNOOZE_MS), off for a
 *     language, manual trigger (Alt+\), the warning when editor.inlineSuggest.enabled is false.
 * The quick controls are reached as a person does: a click on the status bar item, then a menu entry.
 */
import type { Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sleep } from './code_server';
import { STRIP_ID, type EditorWorkbench, type Step, type Until } from './editor_steps';

const STATUS_ID = 'predictive-keyboard.predictive-keyboard.predictiveKeyboard.status';
/** How long a test snooze lasts; run.ts passes it to code-server's environment. */
export const TEST_SNOOZE_MS = 4000;

/** The parts of run.ts's Workbench these steps use. */
export interface MannersWorkbench extends EditorWorkbench {
  userDataDir: string;
  itemText(id: string): Promise<string | undefined>;
  toasts(): Promise<string[]>;
}


function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Clicks the status bar item and picks the quick-controls entry whose label contains `label`. */
export async function pickFromStatusMenu(page: Page, label: string, screenshot?: () => Promise<unknown>): Promise<void> {
  await page.click(`[id="${STATUS_ID}"]`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 5000 });
  await screenshot?.();
  await row.click();
  await sleep(300);
}

/** The walkthrough opens by itself on the first start; it is closed again for the steps that follow. */
export async function walkthroughStep(wb: MannersWorkbench, step: Step, until: Until): Promise<void> {
  await step('the "Get started" walkthrough opens on the first start', async () => {
    const title = await until(
      'the walkthrough',
      async () => {
        const t = await wb.page.$$eval('.gettingStartedContainer', (els) => els.map((e) => (e as unknown as { innerText: string }).innerText).join(' ')).catch(() => '');
        return /Get started with Predictive Keyboard/.test(t) ? t : undefined;
      },
      60_000,
      250,
    );
    check(/Type in a Markdown file and accept with Tab/.test(title), `walkthrough without its first step: ${title.slice(0, 200)}`);
    await sleep(500);
    await wb.shot('walkthrough.png');
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).waitFor({ state: 'detached', timeout: 5000 });
    // Back to the letter the scenario types in.
    await wb.page.locator('.tabs-container .tab', { hasText: basename(wb.file) }).first().click();
    await wb.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 10_000 });
    return 'opened by itself with its steps; closed';
  });
}

class Doc {
  constructor(
    private readonly wb: MannersWorkbench,
    readonly path: string,
  ) {}

  /** Saves and returns the file's text. */
  async read(): Promise<string> {
    await this.wb.page.keyboard.press('Control+S');
    await sleep(500);
    return readFileSync(this.path, 'utf8');
  }

  /** The editor's own text (no save), with its no-break spaces as spaces. */
  async view(): Promise<string> {
    const t = await this.wb.page.$eval('.editor-group-container.active .monaco-editor .view-lines', (e) => (e as unknown as { innerText: string }).innerText);
    return t.replace(/\u00a0/g, ' ');
  }
}

/** Writes `name` next to the scenario's first file, opens it with Quick Open and puts the cursor at its end. */
async function open(wb: MannersWorkbench, name: string, text: string): Promise<Doc> {
  const path = join(dirname(wb.file), name);
  writeFileSync(path, text);
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('Control+P');
  const input = wb.page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  // By its absolute path: the file search may not list a file written just now.
  await input.fill(path);
  await wb.page
    .locator('.quick-input-widget .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => sleep(1000));
  await sleep(200);
  await wb.page.keyboard.press('Enter');
  await wb.page.waitForSelector(`.tabs-container .tab.active:has-text("${name}")`, { timeout: 10_000 });
  await sleep(300);
  await wb.page.click('.editor-group-container.active .monaco-editor .view-lines');
  await wb.page.keyboard.press('Control+End');
  return new Doc(wb, path);
}

export async function mannersScenario(wb: MannersWorkbench, step: Step, until: Until): Promise<void> {
  const page = wb.page;
  const ghostText = async (what: string, timeoutMs = 15_000): Promise<string> => until(what, async () => (await wb.ghost()).trim() || undefined, timeoutMs);
  // Predictions are back: ghost text, or the strip alone where the best word is below ghostMinProbability.
  const offered = async (what: string, timeoutMs = 15_000): Promise<string> =>
    until(what, async () => (await wb.ghost()).trim() || ((await wb.itemText(STRIP_ID)) ? `strip ${await wb.itemText(STRIP_ID)}` : undefined), timeoutMs);
  const status = async (): Promise<string> => (await wb.itemText(STATUS_ID)) ?? '';
  const noGhostFor = async (ms: number, what: string): Promise<void> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const g = (await wb.ghost()).trim();
      check(g === '', `ghost text "${g}" ${what}`);
      await sleep(100);
    }
  };

  const start = 'Thank you for the letter. I hope to see you';
  let doc: Doc | undefined;
  let afterTab = '';
  await step('auto-space: Tab accepts the ghost text and one space', async () => {
    doc = await open(wb, 'manners.md', `# A letter\n\n${start}`);
    await wb.type(' ');
    const g = (await ghostText('ghost text')).replace(/\s+$/, '');
    await page.keyboard.press('Tab');
    afterTab = `${start} ${g} `;
    const content = await until('the accepted text and one space', async () => {
      const c = await doc?.read();
      return c?.endsWith(afterTab) ? c : undefined;
    }, 5000, 200);
    return `ghost "${g}" -> file ends ${JSON.stringify(content.slice(-50))}`;
  });

  await step('space swap: "." right after the automatic space takes its place', async () => {
    check(doc && afterTab, 'needs the auto-space step');
    await wb.type('.');
    const want = afterTab.replace(/ $/, '.');
    const content = await until('"word." without the space', async () => {
      const c = await doc?.read();
      return c?.endsWith(want) ? c : undefined;
    }, 5000, 200);
    // A space typed by the person is never swapped.
    await wb.type(' and ,');
    const typed = await doc.read();
    check(typed.endsWith(`${want} and ,`), `a typed space was removed: ${JSON.stringify(typed.slice(-40))}`);
    return `file ends ${JSON.stringify(content.slice(-40))}; a typed space stays: ${JSON.stringify(typed.slice(-12))}`;
  });

  await step('backspace revert: the first Backspace after Tab gives back exactly what was typed', async () => {
    const d = await open(wb, 'revert.md', '# Garden\n\nIn the spring we planted the ga');
    await wb.type('r');
    const g = await ghostText('a completion of "gar"');
    await page.keyboard.press('Tab');
    const line = async (): Promise<string> => (await d.read()).split('\n').find((l) => l.includes('planted')) ?? '';
    const before = await until('the accepted word and its space', async () => {
      const l = await line();
      // The ghost text may be a phrase ("garden and the "): everything Tab inserted, then its space.
      return /planted the gar\S.* $/.test(l) ? l : undefined;
    }, 5000, 100);
    await page.keyboard.press('Backspace');
    await until('"gar" back', async () => ((await line()) === 'In the spring we planted the gar' ? true : undefined), 5000, 200);
    // The chance is used up: the next Backspace deletes one letter as always.
    await page.keyboard.press('Backspace');
    const after = await line();
    check(after === 'In the spring we planted the ga', `second Backspace gave ${JSON.stringify(after)}`);
    return `ghost "${g}": ${JSON.stringify(before)} -> Backspace -> "...the gar" -> Backspace -> "...the ga"`;
  });

  await step('fast typing after Tab keeps the manners: the swap, the automatic space, one space', async () => {
    // New-user test: at 60-80 ms a key, ". The" right after an accepted word gave "in . The" (the
    // editor rejected the swap, since the next key reached the document first); a letter typed at
    // once after Tab glued the word ("partyand"); a space typed after the automatic one made two.
    const d = await open(wb, 'fast.md', '# Notes\n\nThank you for the letter. I hope to see you');
    const line = async (): Promise<string> => (await d.read()).split('\n').find((l) => l.startsWith('Thank you')) ?? '';
    const accept = async (): Promise<string> => {
      const g = (await ghostText('ghost text')).replace(/\s+$/u, '');
      await page.keyboard.press('Tab');
      return g;
    };
    await wb.type(' ');
    const g1 = await accept();
    await wb.type('. Thank you for your', 15);
    const swapped = await until('"word. Thank you for your"', async () => ((await line()).endsWith(`${g1}. Thank you for your`) ? line() : undefined), 5000, 200);
    await wb.type(' ');
    const g2 = await accept();
    await wb.type('and', 0);
    const spaced = await until('"word and"', async () => ((await line()).endsWith(`${g2} and`) ? line() : undefined), 5000, 200);
    await wb.type(' thank you for your ');
    const g3 = await accept();
    await until('the automatic space', async () => ((await line()).endsWith(`${g3} `) ? true : undefined), 5000, 100);
    await wb.type(' so');
    const single = await until('one space before "so"', async () => ((await line()).endsWith(`${g3} so`) ? line() : undefined), 5000, 200);
    check(!single.includes('  '), `two spaces: ${JSON.stringify(single.slice(-40))}`);
    return `${JSON.stringify(swapped.slice(-30))}; ${JSON.stringify(spaced.slice(-20))}; ${JSON.stringify(single.slice(-20))}`;
  });

  await step('capitals: the first word after a heading marker and after a list bullet; a lower-case list stays lower case', async () => {
    await open(wb, 'capitals.md', '# Packing\n\nThings to take on the trip.\n\n##');
    // A line's first word is often a guess below ghostMinProbability: Alt+\ asks for it, as a person would.
    await wb.type(' ');
    await page.keyboard.press('Alt+Backslash');
    const h = await ghostText('ghost text after "## "');
    check(/^\p{Lu}/u.test(h), `after "## " the ghost text is "${h}"`);
    await page.keyboard.press('Escape');
    await wb.type('Clothes');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await wb.type('- ');
    await page.keyboard.press('Alt+Backslash');
    const b = await ghostText('ghost text after "- "');
    check(/^\p{Lu}/u.test(b), `after "- " the ghost text is "${b}"`);
    await wb.shot('capitals.png');
    // A list whose items are in lower case goes on in lower case (a shopping list is no sentence).
    await open(wb, 'shopping.md', 'Shopping list:\n\n- eggs\n-');
    await wb.type(' ');
    await page.keyboard.press('Alt+Backslash');
    const l = await ghostText('ghost text after "- eggs⏎- "');
    check(/^\p{Ll}/u.test(l), `after "- eggs⏎- " the ghost text is "${l}"`);
    return `"## " -> "${h}", "- " -> "${b}", "- eggs⏎- " -> "${l}"`;
  });

  await step('snooze: the status shows when it ends, no ghost text meanwhile, back after it ends', async () => {
    await open(wb, 'snooze.md', '# Notes\n\nWe went to the market and bought some');
    await pickFromStatusMenu(page, 'Snooze for 15 minutes', () => wb.shot('quick-controls.png'));
    const s = await until('status "snoozed until"', async () => ((await status()).includes('snoozed until') ? status() : undefined), 3000);
    await wb.shot('snoozed.png');
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await wb.type(' ');
    await noGhostFor(1000, 'while snoozed');
    check(!(await wb.itemText(STRIP_ID)), `the strip shows "${await wb.itemText(STRIP_ID)}" while snoozed`);
    await until('the snooze to end', async () => (!(await status()).includes('snoozed') ? true : undefined), TEST_SNOOZE_MS + 5000, 200);
    await wb.type('fresh ');
    const g = await offered('predictions after the snooze', 10_000);
    return `status "${s}"; after it ended ghost "${g}"`;
  });

  await step('off for a language: the menu turns Markdown off and on again', async () => {
    await open(wb, 'language.md', '# Notes\n\nThe weather today is');
    await pickFromStatusMenu(page, 'Turn off for markdown');
    const s = await until('status "off for markdown"', async () => ((await status()).includes('off for markdown') ? status() : undefined), 5000);
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await wb.type(' ');
    await noGhostFor(1500, 'in a Markdown file while Markdown is off');
    check(!(await wb.itemText(STRIP_ID)), `the strip shows "${await wb.itemText(STRIP_ID)}" while Markdown is off`);
    await pickFromStatusMenu(page, 'Turn on for markdown');
    await until('status back on', async () => (!(await status()).includes('off') ? true : undefined), 5000);
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await wb.type('very ');
    const g = await offered('predictions with Markdown back on', 10_000);
    return `status "${s}"; ghost "${g}" after turning it back on`;
  });

  await step('manual trigger: no ghost text while typing, Alt+\\ asks', async () => {
    await open(wb, 'manual.md', '# Notes\n\nThe meeting starts at nine in the');
    await pickFromStatusMenu(page, 'Switch to manual trigger');
    const s = await until('status "manual"', async () => ((await status()).includes('manual') ? status() : undefined), 5000);
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await wb.type(' ');
    await noGhostFor(1500, 'while typing in manual mode');
    check(!(await wb.itemText(STRIP_ID)), `the strip shows "${await wb.itemText(STRIP_ID)}" while typing in manual mode`);
    await page.keyboard.press('Alt+Backslash');
    const g = await ghostText('ghost text after Alt+\\', 10_000);
    await wb.shot('manual.png');
    await page.keyboard.press('Escape');
    await pickFromStatusMenu(page, 'Switch to automatic trigger');
    await until('status without "manual"', async () => (!(await status()).includes('manual') ? true : undefined), 5000);
    return `status "${s}"; Alt+\\ -> "${g}"`;
  });

  await step('inlineSuggest warning: said once, its button turns inline suggestions on for prose', async () => {
    await wb.command('Preferences: Open User Settings');
    await page.waitForSelector('.settings-editor', { timeout: 10_000 });
    await sleep(500);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('editor.inlineSuggest.enabled');
    const box = page.locator('.settings-editor .setting-item-bool .setting-value-checkbox').first();
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    check((await box.getAttribute('aria-checked')) === 'true', 'editor.inlineSuggest.enabled is not on to begin with');
    await box.click();
    await sleep(800);
    await open(wb, 'warning.md', '# Notes\n\nWe should meet again next');
    const toast = await until('the warning', async () => (await wb.toasts()).find((t) => /inline suggestions are turned off/i.test(t)), 10_000, 200);
    await wb.shot('inline-suggest-warning.png');
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Turn on for prose' }).first().click();
    await sleep(800);
    const settings = JSON.parse(readFileSync(join(wb.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const md = settings['[markdown]'] as Record<string, unknown> | undefined;
    check(md?.['editor.inlineSuggest.enabled'] === true, `settings.json has no [markdown] editor.inlineSuggest.enabled: true: ${JSON.stringify(settings)}`);
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await wb.type(' ');
    const g = await ghostText('ghost text with inline suggestions on for Markdown', 10_000);
    // Once: another prose file does not warn again.
    await open(wb, 'warning2.md', '# More\n\nAnd then');
    await sleep(1500);
    check(!(await wb.toasts()).some((t) => /inline suggestions are turned off/i.test(t)), 'warned a second time');
    return `"${toast.slice(0, 80)}…" -> button -> [markdown] on -> ghost "${g}"`;
  });
}
