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
import { DocumentCaches } from '../../src/engine/document_caches';
import { endsInCredentialCell, inCredentialTable, tableSecretCells, tableStartBefore } from '../../src/engine/secret_tables';
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
  ['header names with a qualifier after them', '| site | Password (plain) | Password 2 | Secret key |\n|---|---|---|---|\n| a | tulip | rose | lily |', ['tulip', 'rose', 'lily']],
  ['a credentials and a one-time-code column', '| site | Credentials | totp |\n|---|---|---|\n| a | bob/tulip | 123456 |', ['bob/tulip', '123456']],
  ['a password manager\'s CSV export', 'folder,name,login_username,login_password,login_totp\nwork,mail,bob,tulip,JBSWY3DP', ['tulip', 'JBSWY3DP']],
  ['a browser\'s quoted CSV export', '"url","username","password","httpRealm"\n"https://a.example","bob","marigold",""', ['marigold']],
  ['a quoted field may hold a comma', '"name","password"\n"Smith, Bob","tulip garden"', ['tulip garden']],
  ['a CSV header of short phrases', 'User name,Password,Access key ID,Secret access key\nbob,Xy7q,AKIA1,wJalr', ['Xy7q', 'wJalr']],
  ['recovery codes', 'Service\tUser\tRecovery codes\nmail\tbob\tapple-pie', ['apple-pie']],
  ['a CSV row still being typed, short of its last field', 'user,password,note\nbob,mari', ['mari']],
  ['a quoted note over two lines does not end the table', 'name,url,username,password,note\nmail,https://x,bob,hunter2,"line one\nline two"\nbank,https://y,ann,sunflower,', ['hunter2', 'sunflower']],
  ['a stray quote inside a field', 'user,password,note\nbob,pa"ss,x\nann,sunflower,y', ['pa"ss', 'sunflower']],
  ['a row with a field too many', 'user,password\nbob,marmalade,\nann,tangerine', ['marmalade', 'tangerine']],
  ['a semicolon-separated export', 'user;password\nbob;marmalade', ['marmalade']],
  ['a spreadsheet\'s index column', ',user,password\n0,bob,hunter2', ['hunter2']],
  ['a machine-written header of phrases', 'Login Name,Password\nbob,tulip', ['tulip']],
  ['a table in a blockquote', '> | user | password |\n> |---|---|\n> | bob | marmalade |', ['marmalade']],
  ['a table in a list item', '- | user | password |\n  |---|---|\n  | bob | hunter2 |', ['hunter2']],
  ['a table typed without its delimiter row', '| user | password |\n| bob | marmalade |', ['marmalade']],
  ['CRLF line endings', '| user | password |\r\n|---|---|\r\n| bob | hunter2 |\r\n', ['hunter2']],
  ['a column named after three qualifying words', '| Site | Home wifi network password |\n|---|---|\n| home | zebra77 |', ['zebra77']],
  ['a CSV header above a blank line', 'site,user,password\n\nexample.org,bob,hunter2\nfoo.org,ann,sunshine\n\nThe end, finally', ['hunter2', 'sunshine']],
  ['a TSV header above a blank line', 'user\tpassphrase\n\nbob\tblue moon', ['blue moon']],
  ['an otpauth column', 'Name,OTPAuth\nmail,JBSWY3DPEHPK', ['JBSWY3DPEHPK']],
  ['names with a slash, a hyphen, camelCase, an emoji', '| User / Password | PIN-Code | otpSecret | 🔑 Password | CVC |\n|---|---|---|---|---|\n| a | 1234 | JBSW | b | 123 |', ['a', '1234', 'JBSW', 'b', '123']],
  // Siblings that are no credentials.
  ['a field\'s description in an API table', '| Parameter | Description |\n|---|---|\n| password | The password of the user to check |', []],
  ['prose with determiners is no header', 'I lost my keys, my wallet, my password\nThen, later, we found them all', []],
  ['a how-to line is no header', 'Open the app, tap Settings, enter the OTP\nThen, wait, smile', []],
  ['a shell pipeline is no key-value row', 'cat notes | grep token | sort\nenv | grep PASSWORD | wc', []],
  ['a test report\'s Pass column', '| Test | Pass | Fail |\n|---|---|---|\n| parse | 12 | 0 |', []],
  ['numbered passes', '| Step | Pass 1 | Pass 2 |\n|---|---|---|\n| lex | ok | ok |', []],
  ['a CSV header of phrases needs three fields', 'We reset it,the password\nbob,marigold', []],
  ['a header that only mentions keys', '| Key | Action |\n|---|---|\n| Tab | accept |', []],
  ['the header row itself', '| user | password | notes |\n|---|---|---|', []],
  ['prose with a comma after "password"', 'Change your password, then log in\nWe will email you, soon', []],
  ['a CSV header of phrases is prose', 'Reset the password,now\nbob,marigold', []],
  ['two blank lines end a CSV header\'s table', 'user,password\n\n\nbob,marigold', []],
  ['a blank line ends a table under its rows', 'user,password\nbob,tulip\n\nann,marigold', ['tulip']],
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
  assert.ok(inCredentialTable(...lines('user,password\n\nbob,marigold')), 'a blank line under the header');
  assert.ok(inCredentialTable(...lines('user,password\n\nbob,tulip\nann,marig')));
  assert.ok(!inCredentialTable(...lines('user,password\n\n\nbob,marigold')));
  assert.ok(!inCredentialTable(...lines('| name | age |\n|---|---|\n| bob | 42')));
  assert.ok(!inCredentialTable(...lines('Change your password, then log in')));
  assert.ok(!inCredentialTable(...lines('cat notes | grep token | sort')));
  assert.ok(!inCredentialTable(...lines('| user | password |\n|---|---|\n| bob | hunter2 |\n\nWe met, happily')));
});

test('endsInCredentialCell: nothing is offered in a credential\'s cell being typed', () => {
  const inCell = ['| user | password |\n|---|---|\n| bob | ', '| Password | ', 'user,password,note\nbob,', '"url","username","password"\n"https://x","bob","', 'Note\n\n| site | PIN |\n|--|--|\n| bank | 1234 |\n| gym | ', 'user,password\n\nbob,', 'user,password\n\nbob,tulip\nann,'];
  const elsewhere = ['| user | password |\n|---|---|\n| ', 'Change your password, ', '| Test | Pass |\n|---|---|\n| parse | ', '| user | password |\n|---|---|\n| bob | hunter2 |\n\nWe met ', 'user,password,note\nbob,tulip,'];
  assert.deepEqual(inCell.filter((before) => !endsInCredentialCell(before)), []);
  assert.deepEqual(elsewhere.filter((before) => endsInCredentialCell(before)), []);
});

test('a table typed key by key: the document cache never counts its credentials', () => {
  const filler = 'We keep the shared logins here for the team, and we change them every month. '.repeat(3);
  const logins = [['bob', 'marmalade'], ['ann', 'tangerine'], ['carol', 'apricot'], ['dave', 'blueberry'], ['erin', 'cranberry'], ['frank', 'gooseberry']];
  // Rows further than the cache's 100-character seam from the header that names their columns.
  const markdown = `| user | password |\n|---|---|\n${logins.map(([user, password]) => `| ${user} | ${password} |\n`).join('')}`;
  const csv = `user,password,note\n${logins.map(([user, password]) => `${user},${password},home\n`).join('')}`;
  const spaced = `user,password,note\n\n${logins.map(([user, password]) => `${user},${password},home\n`).join('')}`;
  for (const table of [markdown, csv, spaced]) {
    const text = `${filler}\n\n${table}\nThat is all for today. `;
    const caches = new DocumentCaches();
    // The engine's context ends before the word being typed.
    for (let end = 1; end <= text.length; end++) caches.update('doc', text.slice(0, end).replace(/[\p{L}\p{N}'’]+$/u, ''), 0);
    const cache = caches.update('doc', text, 0);
    for (const [user, password] of logins) {
      assert.ok(!cache.words.has(password), `counts ${password} of ${JSON.stringify(table)}`);
      assert.ok(cache.words.has(user), `misses ${user}`);
    }
    assert.ok(cache.words.has('today'));
  }
});

test('a long table keeps its header: the cache, the suggestions and the learner, 250 rows below it', () => {
  const rows = Array.from({ length: 250 }, (_, i) => `| user${i} | pw${i} |`);
  const head = `| user | password |\n|---|---|\n${rows.join('\n')}\n`;
  const caches = new DocumentCaches();
  caches.update('doc', head, 0);
  const last = '| zed | marmalade |\nDone ';
  for (let end = 1; end <= last.length; end++) caches.update('doc', head + last.slice(0, end).replace(/[\p{L}\p{N}'’]+$/u, ''), 0);
  assert.ok(!caches.update('doc', head + last, 0).words.has('marmalade'));
  assert.ok(endsInCredentialCell(`${head}| zed | `));
  const all = `${head}| zed | marmalade |`.split('\n');
  assert.ok(inCredentialTable((i) => all[i], all.length - 1));
});

test('prose paragraphs with commas are no table run: the walk up stops at their blank lines', () => {
  const paragraph = 'We met on Monday, talked about the plan, and agreed on the next steps.';
  const text = Array.from({ length: 400 }, () => paragraph).join('\n\n');
  const last = text.lastIndexOf('\n') + 1;
  assert.equal(tableStartBefore(text, text.length), last, 'the last paragraph alone');
  const lines = text.split('\n');
  let reads = 0;
  assert.equal(inCredentialTable((i) => (reads++, lines[i]), lines.length - 1), false);
  assert.ok(reads < 5, `${reads} lines read`);
  // Under a header that names a credential, one blank line is crossed, and the walk stops at the header.
  const csv = `${text}\n\nuser,password\n\nbob,tulip\nann,`;
  assert.equal(tableStartBefore(csv, csv.length), csv.indexOf('user,password'));
});

test('pathological lines cost linear time: long runs of spaces, markup, pipes and commas', () => {
  const texts = [`| user | password |\n${' '.repeat(200_000)}x|\n| bob | y |`, `|---${' '.repeat(200_000)}`, `| a${'*'.repeat(200_000)}:b | c |\n|---|---|\n| d | e |`, '|'.repeat(500_000), 'a,'.repeat(250_000), '"'.repeat(100_000), 'x,"y\n'.repeat(20_000)];
  for (const text of texts) {
    const started = process.hrtime.bigint();
    tableSecretCells(text);
    endsInCredentialCell(text);
    const lines = text.split('\n');
    inCredentialTable((i) => lines[i], lines.length - 1);
    // Generous: a quadratic scan of these takes minutes; a linear one, milliseconds.
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n, `slow on ${JSON.stringify(text.slice(0, 20))}…`);
  }
});
