// package.json parts of the editor-side rules (issue 17): what the extension changes in the user's
// settings, when the strip keys are live, and who owns Alt+] / Alt+[.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/eval/paths';

interface Keybinding {
  command: string;
  key: string;
  when?: string;
}
const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
  contributes: { configurationDefaults?: Record<string, Record<string, unknown>>; keybindings: Keybinding[] };
};

test('package: plain text and commit messages keep the word list closed, as Markdown does', () => {
  const off = { comments: 'off', strings: 'off', other: 'off' };
  for (const lang of ['[plaintext]', '[git-commit]']) assert.deepEqual(pkg.contributes.configurationDefaults?.[lang]?.['editor.quickSuggestions'], off, lang);
});

test('package: strip keys only while the status bar (and so the strip) can be seen', () => {
  const picks = pkg.contributes.keybindings.filter((k) => k.command === 'predictiveKeyboard.pickCandidate');
  assert.equal(picks.length, 9);
  for (const k of picks) {
    assert.match(k.when ?? '', /config\.workbench\.statusBar\.visible/, k.key);
    assert.match(k.when ?? '', /!\(inZenMode && config\.zenMode\.hideStatusBar\)/, k.key);
  }
});

test('package: Alt+] / Alt+[ cycle through the extension, which marks the strip', () => {
  const by = (key: string): Keybinding | undefined => pkg.contributes.keybindings.find((k) => k.key === key);
  assert.equal(by('alt+]')?.command, 'predictiveKeyboard.showNext');
  assert.equal(by('alt+[')?.command, 'predictiveKeyboard.showPrevious');
  // With ghost text showing, or with only the strip showing: a guess below ghostMinProbability is
  // listed there, and Alt+] brings it inline.
  for (const key of ['alt+]', 'alt+[']) assert.match(by(key)?.when ?? '', /\(inlineSuggestionVisible \|\| predictiveKeyboard\.stripCount >= 1\)/, key);
});
