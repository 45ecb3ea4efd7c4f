/**
 * Credentials written as a table (secret_tables.ts): the cells under a `Password` column of a
 * Markdown or CSV/TSV table, and the value of a `| Password | x |` row, are never offered, counted
 * by the document cache or learned; tables and prose that only mention a credential keep their words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordCache } from '../../src/engine/cache_lm';
import { loadLexicon } from '../../src/engine/lexicon';
import { ProtectedPieces } from '../../src/engine/secret_filter';
import { inCredentialTable, tableSecretCells } from '../../src/engine/secret_tables';
import { spellsProtected } from '../../src/engine/word_shape';

loadLexicon();

const cellTexts = (text: string): string[] => tableSecretCells(text).map((cell) => text.slice(cell.start, cell.end));

const TABLES: Array<[string, string, string[]]> = [
  // [name, text, the credential cells]
  ['a Markdown table with a password column', '| user | password |\n|---|---|\n| bob | hunter2 |\n| ann | sunflower |\n\nDone.', ['hunter2', 'sunflower']],
  ['a column named in two words, in bold, aligned', '| Service | **Wifi password** | Notes |\n| :--- | :---: | --- |\n| home | correct horse | ok |', ['correct horse']],
  ['rows without outer pipes', 'user | PIN\n--- | ---\nbob | 4821\nann | 7777', ['4821', '7777']],
  ['an API key and a token column', '| name | API key | token |\n|-|-|-|\n| prod | sk-abc | ghp_x |', ['sk-abc', 'ghp_x']],
  ['a key-value row', '| Password | hunter2 |\n| Port | 8080 |', ['hunter2']],
  ['a key-value row without pipes around it', 'password | zebra77\n\nThe zebra', ['zebra77']],
  ['a CSV header', 'user,password\nbob,marigold\nann,tulip\n\nThe end, finally', ['marigold', 'tulip']],
  ['a TSV header', 'user\tpassphrase\nbob\tblue moon\n', ['blue moon']],
  ['the table ends at its last row', '| user | password |\n|---|---|\n| bob | hunter2 |\nbob | later', ['hunter2', 'later']],
  ['the table ends at prose', '| user | password |\n|---|---|\n| bob | hunter2 |\nThen we left, happy.', ['hunter2']],
  ['an escaped pipe stays inside its cell', '| user | password |\n|---|---|\n| bob | a\\|b |', ['a\\|b']],
  // Siblings that are no credentials.
  ['a header that only mentions keys', '| Key | Action |\n|---|---|\n| Tab | accept |', []],
  ['the header row itself', '| user | password | notes |\n|---|---|---|', []],
  ['prose with a comma after "password"', 'Change your password, then log in\nWe will email you, soon', []],
  ['a CSV header of phrases is prose', 'Reset the password,now\nbob,marigold', []],
  ['a table without a credential', '| name | age |\n|---|---|\n| bob | 42 |', []],
  ['no table at all', 'The password is long and the token expired.', []],
];

test('tableSecretCells: the cells under a credential column, and a key-value row\'s value', () => {
  const failures = TABLES.filter(([, text, want]) => JSON.stringify(cellTexts(text)) !== JSON.stringify(want)).map(([name, text]) => `${name}: ${JSON.stringify(cellTexts(text))}`);
  assert.deepEqual(failures, []);
});

test('a table\'s credential is never offered, English word or not; the table\'s other words are', () => {
  const table = '| user | password |\n|---|---|\n| bob | hunter2 |\n| ann | sunflower |\n\nLater, ';
  const refused = (typed: string, word: string): boolean => spellsProtected(word, typed, new ProtectedPieces(table));
  assert.ok(refused('hun', 'hunter2'));
  assert.ok(refused('sun', 'sunflower'));
  assert.ok(refused('', 'Sunflower'));
  assert.ok(!refused('b', 'bob'));
  assert.ok(!refused('su', 'sun'));
  const row = new ProtectedPieces('password | zebra77\n\nThe ');
  assert.ok(spellsProtected('zebra77', 'zeb', row));
});

test('the document cache counts no word of a table\'s credentials', () => {
  const cache = new WordCache();
  cache.add('| user | password |\n|---|---|\n| bob | sunflower |\n| ann | correct horse |\n\nuser,token\neve,marigold\n\nWe met bob and ann today.');
  for (const word of ['sunflower', 'correct', 'horse', 'marigold']) assert.ok(!cache.words.has(word), `counts ${word}`);
  for (const word of ['bob', 'ann', 'eve', 'user', 'met', 'today']) assert.ok(cache.words.has(word), `misses ${word}`);
});

test('inCredentialTable: the learner keeps nothing from a row of a table with a credential column', () => {
  const lines = (text: string) => {
    const all = text.split('\n');
    return [(i: number) => all[i], all.length - 1] as const;
  };
  assert.ok(inCredentialTable(...lines('| user | password |\n|---|---|\n| bob | hunter2 |\n| ann | sunfl')));
  assert.ok(inCredentialTable(...lines('| user | password |\n|---|---|\n| Bobword ')), 'the user name of a row being typed');
  assert.ok(inCredentialTable(...lines('| Password | sunflower')));
  assert.ok(inCredentialTable(...lines('user,password\nbob,marigold')));
  assert.ok(!inCredentialTable(...lines('| name | age |\n|---|---|\n| bob | 42')));
  assert.ok(!inCredentialTable(...lines('Change your password, then log in')));
  assert.ok(!inCredentialTable(...lines('| user | password |\n|---|---|\n| bob | hunter2 |\n\nWe met, happily')));
});
