// The exclusion globs of predictiveKeyboard.learning.exclude.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globProblem, globToRegExp, isExcludedPath } from '../../src/extension/learning/glob';
import { clampSettings, DEFAULT_LEARNING_EXCLUDE } from '../../src/extension/settings';

test('learning glob: the default patterns exclude secret files anywhere', () => {
  const excluded = [
    '/home/sam/project/.env',
    '/home/sam/project/.env.local',
    '/srv/app/config/.ENV.production',
    '/home/sam/certs/server.pem',
    '/home/sam/certs/server.key',
    '/home/sam/.ssh/id_rsa',
    '/home/sam/.ssh/id_rsa.pub',
    '/home/sam/project/secrets.yaml',
    '/home/sam/project/config/secrets',
    '/home/sam/project/.git/COMMIT_EDITMSG',
    'C:\\Users\\sam\\project\\.env',
  ];
  for (const p of excluded) assert.ok(isExcludedPath(p, DEFAULT_LEARNING_EXCLUDE), p);
});

test('learning glob: ordinary documents are not excluded', () => {
  const allowed = ['/home/sam/notes/letter.md', 'Untitled-1', '/home/sam/project/README.md', '/home/sam/project/env.md', '/home/sam/keys/notes.txt', '/home/sam/project/my.env.md', '/home/sam/gitnotes/.github/x.md'];
  for (const p of allowed) assert.ok(!isExcludedPath(p, DEFAULT_LEARNING_EXCLUDE), p);
});

test('learning glob: *, ?, ** , {a,b} and [..] semantics', () => {
  assert.ok(globToRegExp('**/drafts/**').test('/a/b/drafts/c/d.md'));
  assert.ok(!globToRegExp('**/drafts/**').test('/a/b/mydrafts/d.md'));
  assert.ok(globToRegExp('*.{txt,md}').test('/x/y/z.md'));
  assert.ok(!globToRegExp('*.{txt,md}').test('/x/y/z.mdx'));
  assert.ok(globToRegExp('/x/*/z.md').test('/x/y/z.md'));
  assert.ok(!globToRegExp('/x/*/z.md').test('/x/y/w/z.md'));
  assert.ok(globToRegExp('**/file?.md').test('/a/file1.md'));
  assert.ok(globToRegExp('**/[abc].md').test('/a/b.md'));
  assert.ok(!globToRegExp('**/[abc].md').test('/a/d.md'));
  assert.ok(!isExcludedPath('/a/b.md', ['', '   ']));
});

test('learning glob: an invalid pattern is reported once when settings load, ignored, and never throws', () => {
  assert.match(globProblem('[z-a]*') ?? '', /range/i);
  assert.equal(globProblem('**/*.md'), undefined);
  const { settings, warnings } = clampSettings({ 'learning.exclude': ['[z-a]*', '**/drafts/**'] });
  assert.deepEqual(settings.learningExclude, [...DEFAULT_LEARNING_EXCLUDE, '**/drafts/**']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /learning\.exclude: ignoring "\[z-a\]\*"/);
  assert.doesNotThrow(() => isExcludedPath('/home/sam/zebra.md', ['[z-a]*']));
  assert.equal(isExcludedPath('/home/sam/zebra.md', ['[z-a]*']), false);
  assert.ok(isExcludedPath('/home/sam/drafts/zebra.md', settings.learningExclude));
});
