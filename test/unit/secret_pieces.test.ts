/**
 * Pieces of secrets: a candidate or ghost-text phrase never spells a secret of the text before the
 * cursor, nor a beginning of one, nor a word of an e-mail address or URL (secret_filter.ts
 * ProtectedPieces, word_shape.ts spellsProtected); the document cache never counts their words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordCache } from '../../src/engine/cache_lm';
import { DocumentCaches } from '../../src/engine/document_caches';
import { loadLexicon } from '../../src/engine/lexicon';
import { followsSecretCue, insideAnnouncedValue, ProtectedPieces, protectedSpans, secretCueAt } from '../../src/engine/secret_filter';
import { phraseWithoutProtected, spellsProtected } from '../../src/engine/word_shape';

loadLexicon();

/** Whether offering `word` after `typed` at the end of `before` gives a protected word away. */
const refused = (before: string, typed: string, word: string): boolean => spellsProtected(word, typed, new ProtectedPieces(before));

const CASES: Array<[string, string, string, string, boolean]> = [
  // [name, text before the typed word, typed, candidate, refused]
  ['a beginning of a password', 'The wifi password is Kp4xVt9w and the router is at ', 'Kp', 'Kp4', true],
  ['a longer beginning of a password', 'The wifi password is Kp4xVt9w and the router is at ', 'Kp', 'Kp4x', true],
  ['the typed letters themselves', 'The wifi password is Kp4xVt9w and the router is at ', 'Kp', 'Kp', false],
  ['an ordinary word with the same first letter', 'The wifi password is Kp4xVt9w and the router is at ', 'K', 'Keep', false],
  ['a beginning in any case', 'The wifi password is Kp4xVt9w and the router is at ', 'kp', 'kp4x', true],
  ['a beginning offered as the next word', 'The wifi password is Kp4xVt9w and the router is at ', '', 'Kp4', true],
  ['the word after a key prefix', 'token: ghp_a8Kd93jdLmQ0zPq71bnX and again ghp_', 'a', 'a8', true],
  ['the key prefix itself', 'token: ghp_a8Kd93jdLmQ0zPq71bnX and again ', 'gh', 'ghp', true],
  ['"a" stays a word', 'token: ghp_a8Kd93jdLmQ0zPq71bnX and again ghp_', '', 'a', false],
  ['a key after "The key is"', 'The key is a8Kd93jdLmQ0zPq71bnX, remember ', 'a8', 'a8K', true],
  ['an API key with a prefix', 'Set it to sk-proj-4fQz81LmXv02TqW9 in the config, then ', 'sk', 'sk', false],
  ['the API key after its prefix', 'Set it to sk-proj-4fQz81LmXv02TqW9 in the config, then sk-proj-', '4f', '4fQz', true],
  ['a password after "pass:"', 'pass: hunter2\nLog in as root with ', 'hu', 'hunter2', true],
  ['a password after "pass:", a beginning', 'pass: hunter2\nLog in as root with ', 'h', 'hunt', false],
  // A password that is an English word is still a password, once announced ("pass: X", "is X.").
  ['an English word as a password', 'pass: sunshine\nThe weather: ', 'sun', 'sunshine', true],
  ['an English word as a password, any case', 'pass: sunshine\nThe weather: ', 'Sun', 'Sunshine', true],
  ['an English-word password offered as the next word', 'The wifi password is sunshine.\nThe weather is ', '', 'sunshine', true],
  ['an English-word password after "="', 'PASSWORD = "dragon"\nThe knight fought the ', 'dr', 'dragon', true],
  ['an English-word password glued to its key', 'login with password=dragon then fight the ', 'dr', 'dragon', true],
  ['an English-word password on the line after its label', 'Password:\nsunshine\nThe weather: ', 'sun', 'sunshine', true],
  ['an English word beginning a password stays', 'pass: sunshine\nThe weather: ', 'su', 'sun', false],
  ['what was typed stays', 'pass: sunshine\nThe weather: ', 'sunshine', 'sunshine', false],
  ['a cue that goes on as prose announces no value', 'The password is the one on the note. Then ', 't', 'the', false],
  ['a cue without "is" or ":" announces no value', 'My password expired yesterday, so it ', 'exp', 'expired', false],
  ['a value glued to its key', 'config: password=zebra77 and user=ben, then ', 'ze', 'zebra77', true],
  ['a PIN', 'My PIN is 4821, and the door code starts with ', '48', '4821', true],
  ['an e-mail local part', 'Write to qxzvbn@gmail.com for details. Ask ', 'qx', 'qxzvbn', true],
  ['an e-mail domain word', 'Write to qxzvbn@gmail.com for details. Ask ', 'gm', 'gmail', true],
  ['an ordinary word of an address', 'Write to john@example.org for details. Ask ', 'jo', 'john', false],
  ['a URL path piece', 'The draft is at https://example.org/r/zq81-budget-vqtrl for now. See ', 'vq', 'vqtrl', true],
  ['an ordinary word of a URL path', 'The draft is at https://example.org/r/zq81-budget-vqtrl for now. See the ', 'bud', 'budget', false],
  ['a URL inside a Markdown link', 'See [the plan](https://example.org/plans/xqwerty) and ', 'xq', 'xqwerty', true],
  // A word the text also writes as prose is the writer's own: a name or brand beside its address stays.
  ['a name written beside its address', 'Hi Priya, thanks. Reach me at priya.raman@acme.io any time. Thanks again, ', 'Pr', 'Priya', false],
  ['a brand written beside its URL', 'We host it on GitHub. See https://github.com/qxzvbn/notes and push it to ', 'Gi', 'GitHub', false],
  ['the URL piece written nowhere else', 'We host it on GitHub. See https://github.com/qxzvbn/notes and push it to ', 'qx', 'qxzvbn', true],
  ['a scheme', 'See https://example.org/zq and then the ', 'HTT', 'HTTPS', false],
  ['a secret written again as prose stays protected', 'pass: zebra77\nzebra77 is the one. Try ', 'ze', 'zebra77', true],
  ['a path of a URL without its scheme', 'Notes at github.com/qxzvbn/notes for now. Ask ', 'qx', 'qxzvbn', true],
  ['a password among joined pairs', 'Server=db;User=sa;Password=zebra77; then ', 'ze', 'zebra77', true],
  ['a token in a query string', 'Open /api?user=ben&token=vq8Lz2 now and ', 'vq', 'vq8Lz2', true],
  ['a file name with a dot is no URL', 'Edit notes.txt/README then ', 'no', 'notes', false],
  ['a password after "is:"', 'My password is: hunter2 so ', 'hu', 'hunter2', true],
  ['a password on the line after its label', 'Password:\nhunter2\nThen type ', 'hu', 'hunter2', true],
  // Cues in their other spellings: short keys, compound keys, JSON, arrows, dashes, questions, qualifiers.
  ['a password after "pw:"', 'pw: dragonfly\nI saw a ', 'drag', 'dragonfly', true],
  ['a password after "PW:"', 'PW: tulip\nThe garden has a ', 'tu', 'tulip', true],
  ['a password after "passcode -"', 'passcode - tulip\nThe garden has a ', 'tu', 'tulip', true],
  ['a password after "password =>"', 'password => tulip\nThe garden has a ', 'tu', 'tulip', true],
  ['a password in JSON', '{"user": "ann", "password": "tulip"}\nThe garden has a ', 'tu', 'tulip', true],
  ['a compound key', 'db_password=marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a shouted compound key', 'MYSQL_PASSWORD=marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a password after a question', 'The wifi password? marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a password after "Wifi password -"', 'Wifi password - marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a code named for the door', 'The code for the door is tulip.\nThe garden has a ', 'tu', 'tulip', true],
  ['a password named for the wifi', 'Password for the wifi: marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a lock combination', 'Lock combination: tulip\nThe garden has a ', 'tu', 'tulip', true],
  ['a security answer', 'Security answer: marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a safe word', 'Safe word: tulip\nThe garden has a ', 'tu', 'tulip', true],
  ['a secret word', 'The secret word is marigold, ok?\nThe garden has a ', 'mar', 'marigold', true],
  ['a user name', 'Username: sunnyboy88\nThe ', 'sun', 'sunnyboy88', true],
  // A value that goes on: up to a function word, a line break or the clause's end.
  ['a password followed by "and"', 'My password is marigold and my PIN is 1234.\nThe ', 'mari', 'marigold', true],
  ['a password followed by "so"', 'My password is marigold so keep it safe.\nThe ', 'mari', 'marigold', true],
  ['a password followed by a remark', 'Wifi pass is marigold (lowercase).\nThe ', 'mari', 'marigold', true],
  ['a passphrase, its last word', 'The passphrase is correct horse battery staple.\nI bought a ', 'sta', 'staple', true],
  ['a passphrase, its second word', 'The passphrase is correct horse battery staple.\nI rode a ', 'ho', 'horse', true],
  ['a passphrase in quotes', 'The passphrase is "correct horse battery staple".\nI bought a ', 'sta', 'staple', true],
  ['the words after the value stay', 'My password is marigold and keep it safe.\nThe ', 'ke', 'keep', false],
  ['a plural key', 'Passphrases: sunshine\nThe weather: ', 'sun', 'sunshine', true],
  // The words that restore a wallet or an account: English words (BIP-39), named by two words.
  ['a seed phrase', 'My seed phrase is apple banana cherry delta. Again: apple ', 'ban', 'banana', true],
  ['a seed phrase, its last word', 'My seed phrase is apple banana cherry delta. Again: ', 'del', 'delta', true],
  ['a recovery phrase on its label', 'Recovery phrase: apple banana cherry delta\nAgain: apple ', 'ban', 'banana', true],
  ['recovery words announced with "are"', 'The recovery words are marmot quiver lantern. Type marmot ', 'qu', 'quiver', true],
  ['a wallet mnemonic', 'Wallet mnemonic: marmot quiver lantern\nThe ', 'lan', 'lantern', true],
  ['backup codes', 'Backup codes: tulip marigold\nThe garden has a ', 'tu', 'tulip', true],
  ['a seed phrase in an environment file', 'SEED_PHRASE="marmot quiver lantern"\nThe ', 'qu', 'quiver', true],
  ['a password glued to its key, its second word', 'PASSWORD=correct horse battery\nThe ', 'ho', 'horse', true],
  ['a weak key\'s value does not go on', 'sort_key=name then the ', 'th', 'then', false],
  ['passwords announced with "are"', 'The passwords are tulip and marigold.\nThe garden has a ', 'tu', 'tulip', true],
  // Their words as prose: no cue.
  ['a phrase in prose', 'The phrase is common in English. The ', 'com', 'common', false],
  ['a recovery in prose', 'The recovery was quick and the ', 'qu', 'quick', false],
  ['a mnemonic device', 'A mnemonic device helps. The ', 'hel', 'helps', false],
  ['seeds in prose', 'The seeds are planted in spring. The ', 'pla', 'planted', false],
  ['a long qualifier', 'The code for the front garden door is sunshine\nThe weather: ', 'sun', 'sunshine', true],
  // What stays ordinary: weak keys' values, questions that go on, names beside addresses.
  ['a value of a weak key in code', 'sorted(xs, key=lambda x: x) then use a ', 'la', 'lambda', false],
  ['a value of a compound weak key', 'country_code=US and sort_key=name, the ', 'na', 'name', false],
  ['a word after a weak cue', 'The code is ready. Then the ', 're', 'ready', false],
  ['a question that goes on', 'Forgot your password? Reset it now. Then ', 'Re', 'Reset', false],
  ['a question whose answer ends the line', 'The wifi password? marigold\nThe garden has a ', 'mar', 'marigold', true],
  ['a name near a URL word', 'See github.com/microsoft/vscode for it. Ask ', 'Mi', 'Michelle', false],
  ['a word after the passphrase\'s line stays', 'The passphrase is correct horse\nbattery life is short. The ', 'bat', 'battery', false],
  // A near-copy of a random password gives its letters away one at a time.
  ['a near-copy of a password', 'Login details\npass: Zk8mQ2v\n\nThanks, ', 'Zk', 'Zk8k', true],
  ['another near-copy', 'Password: Bq7Tn3Wx\nThen ', 'Bq', 'Bq7x', true],
  ['a guess that shares only the typed letters stays', 'Login details\npass: Zk8mQ2v\n\nThanks, ', 'Zk', 'Zk78', false],
  // Prose after a cue word stays offerable when it is an ordinary word.
  ['a word after "password" in prose', 'My password expired yesterday, so it ', 'exp', 'expired', false],
  ['"is" after "the pin"', 'The pin is 4821. Then it ', '', 'is', false],
  ['a word glued to a key that is no secret', 'token=a8Kd93jdLmQ0zPq71bnX is one. The ', 'tok', 'token', false],
  ['nothing secret in the text', 'We met at the station and walked home. Then we ', 'wa', 'walked', false],
];

test('a candidate never spells a protected word of the text, or a beginning of one', () => {
  const failures = CASES.filter(([, before, typed, word, expected]) => refused(before, typed, word) !== expected).map(([name, , typed, word, expected]) => `${name}: ${JSON.stringify(word)} after ${JSON.stringify(typed)} refused ${!expected}`);
  assert.deepEqual(failures, []);
});

test('the protected spans are secrets, cued values, e-mail addresses and URLs, and nothing else', () => {
  const text = 'pass: hunter2 and my password expired. Mail ben@example.org or see https://example.org/a?b=c. Version 1.2.3, README.md, and/or 2nd place, key Kp4xVt9w.';
  const spans = protectedSpans(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
  assert.deepEqual(spans, ['secret:hunter2', 'secret:expired', 'address:ben@example.org', 'address:https://example.org/a?b=c', 'secret:Kp4xVt9w']);
});

test('prose that only looks like a cue announces nothing', () => {
  for (const before of ['The key for this ', 'The key for his ', 'We bought a combination ', 'The key to success is ', 'Security is ']) {
    assert.equal(followsSecretCue(before), false, before);
  }
  for (const before of ['The key for this door is ', 'Lock combination: ', 'Passphrases: ', 'MYSQL_PASSWORD=']) {
    assert.equal(followsSecretCue(before), true, before);
  }
});

test('"code" and "key" of an ordinary compound noun announce no secret; a code that opens something does', () => {
  // New-user test: "Dress code: " offered nothing, and the word typed after it was never completed.
  const ordinary = ['Dress code: ', 'Zip code: ', 'zip code is ', 'Postal code = ', 'Error code: ', 'Exit code: ', 'HTTP status code: ', 'Area code ',
    'Country code: ', 'Promo code: ', 'Colour code: ', 'QR code: ', 'The source code for the app is ', 'Primary key: ', 'Foreign key: ', 'Answer key: ', 'Musical key: '];
  for (const before of ordinary) assert.equal(followsSecretCue(before), false, before);
  const secret = ['code: ', 'Code: ', 'Door code: ', 'Alarm code: ', 'Verification code: ', 'Gift card code: ', 'Sort code: ', 'The code for the safe is ',
    'Key: ', 'License key: ', 'Access key: ', 'Wifi key: ', 'Voucher code: ', 'Security code: ', 'my code is '];
  for (const before of secret) assert.equal(followsSecretCue(before), true, before);
  assert.equal(secretCueAt('Dress code: '), undefined);
  assert.equal(secretCueAt('Door code: '), 'value');
});

test('a cue announces its value outright, may go on as prose, or only names a credential', () => {
  const cases: [string, ReturnType<typeof secretCueAt>][] = [
    ['pass: ', 'value'], ['"token": "', 'value'], ['Wifi password? ', 'value'], ['password - ', 'value'],
    ['DB_PASSWORD=', 'value'], ['Wi-Fi\nPassword:\n', 'value'], ['The key for this door is ', 'value'],
    ['Lock combination: ', 'value'], ['Lock combination is ', 'value'], ['Username: ', 'value'], ['code: ', 'value'],
    ['Recovery phrase: ', 'value'], ['SEED_PHRASE=', 'value'], ['Backup codes:\n', 'value'],
    ['My seed phrase is ', 'maybe'], ['The recovery words are ', 'maybe'], ['The passwords were ', 'maybe'],
    ['The phrase is ', undefined], ['The seeds are ', undefined], ['A mnemonic ', undefined],
    ['the pin is ', 'maybe'], ['My password was ', 'maybe'], ['The secret is ', 'maybe'], ['The token is ', 'maybe'],
    ['You can pass ', 'name'], ['Each token ', 'name'], ['We need to pin ', 'name'], ['It was a secret ', 'name'],
    ['I changed my password ', 'name'], ['Please review the code ', 'name'], ['PIN ', 'name'],
    ['The code is ', 'name'], ['This code was ', 'name'], ['The key is ', 'name'], ['The login was ', 'name'],
    ['Password ', 'value'], ['Gmail\nPassword ', 'value'], ['- PIN code ', 'value'], ['Wifi password ', 'value'], ['Pass ', 'name'], ['Token ', 'name'],
    ['You can pass the ', undefined], ['The build is ', undefined], ['The key to success is ', undefined],
  ];
  assert.deepEqual(cases.map(([before]) => [before, secretCueAt(before)]), cases);
});

test('the ghost-text phrase stops where it writes a secret\'s cue itself', () => {
  const none = new ProtectedPieces('Nothing here.');
  assert.equal(phraseWithoutProtected(' is sunshine today', '', none, 'I think my password'), ' is');
  assert.equal(phraseWithoutProtected(' is the one on the note', '', none, 'I think my password'), ' is the one on the note');
  assert.equal(phraseWithoutProtected(' and then we ate', '', none, 'I think my password'), ' and then we ate');
  const marmalade = new ProtectedPieces('my password marmalade and my password');
  assert.equal(phraseWithoutProtected(' is marmalade', '', marmalade, 'so my password'), ' is');
  assert.equal(phraseWithoutProtected(' we ate marmalade', '', marmalade, 'Later'), ' we ate marmalade', 'no cue: the word is prose');
});

test('the ghost-text phrase stops before a protected word', () => {
  const secrets = new ProtectedPieces('The wifi password is Kp4xVt9w and the router is at ');
  assert.equal(phraseWithoutProtected(' the door Kp4x now', '', secrets), ' the door');
  assert.equal(phraseWithoutProtected('Kp4x now', 'Kp', secrets), '');
  assert.equal(phraseWithoutProtected(' the door', '', secrets), ' the door');
});

test('the document cache counts no word of a key, an e-mail address or a URL', () => {
  const cache = new WordCache();
  cache.add('token: ghp_a8Kd93jdLmQ0zPq71bnX then write to qxzvbn@gmail.com or see https://example.org/plans/xqwerty today');
  for (const word of ['ghp', 'a8kd93jdlmq0zpq71bnx', 'qxzvbn', 'gmail', 'xqwerty', 'plans', 'https']) assert.ok(!cache.words.has(word), `counts ${word}`);
  for (const word of ['then', 'write', 'see', 'today']) assert.ok(cache.words.has(word), `misses ${word}`);
  const caches = new DocumentCaches();
  caches.update('doc', 'Write to ', 0);
  const grown = caches.update('doc', 'Write to qxzvbn@gmail.com for details. Ask', 0);
  assert.ok(!grown.words.has('qxzvbn') && grown.words.has('details'));
});

test('the cursor inside a value its cue announced, after the value\'s first characters', () => {
  const cases: [string, boolean][] = [
    ['export OPENAI_API_KEY=sk-', true], ['Token: ghp_', true], ['pass: Kx-', true], ['DB_PASSWORD=abc.', true],
    ['MYSQL_PWD=x:', true], ['{"password": "Kx-', true], ['Seed phrase: apple-', true],
    ['Note: a well-', false], ['export EDITOR=vim-', false], ['The state-of-', false], ['pass: hunter2 and the ', false],
    ['my password is sk-', false], ['', false],
  ];
  assert.deepEqual(cases.map(([before]) => [before, insideAnnouncedValue(before)]), cases);
});
