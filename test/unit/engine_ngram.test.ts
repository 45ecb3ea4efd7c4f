// The word n-gram store (src/engine/ngram_store.ts) and its blend with GPT-2 (src/engine/ngram_blend.ts),
// on a tiny fixture built by training/build_ngram.py from five short documents:
//   "Thank you for your letter. Thank you for your help.\nThank you for your time. I am writing to ask about the meeting."
//   "Dear Sam, thank you for your note. I am writing to say that the meeting is on Monday.\n- Notes from the meeting\n- Next steps"
//   "The cat sat on the mat. The cat sat on the chair. The dog sat on the mat. I like English tea, and I like cake."
//   "Sorry for the late reply. Sorry for the late answer. We read about the late war, and the late war ended. The late king was kind."
//   "My sister-in-law is kind. My brother-in-law is in town. It is a well-known fact and well known to all."
// (regenerate: see test/fixtures/ngram/README.md)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BREAK, contextTokens, GLUE, MONEY_TOKEN, NgramFormatError, NgramModel, TIME_TOKEN } from '../../src/engine/ngram_store';
import { ABBREVIATIONS } from '../../src/engine/case_rules';
import { FUNCTION_WORDS } from '../../src/engine/function_words';
import { blendWithNgram } from '../../src/engine/ngram_blend';
import { splitAtCursor } from '../../src/engine/cursor_context';
import type { WordHypothesis } from '../../src/engine/word_search';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ngram', 'tiny.bin');
/** The store (file version 4) of the first four documents, as the builder wrote it before the hyphen token. */
const FIXTURE_V4 = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ngram', 'tiny_v4.bin');
/** The trigram store (file version 2) of the first three documents, as the builder wrote it before the 4-gram. */
const FIXTURE_V2 = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ngram', 'tiny_v2.bin');
const bytes = readFileSync(FIXTURE);
const model = new NgramModel(bytes);

function total(textBefore: string): number {
  const ctx = model.context(textBefore);
  let sum = 0;
  for (let id = 1; id < model.size; id++) sum += model.probability(model.key(id), ctx);
  return sum;
}

test('n-gram: every conditional distribution sums to one (4-gram, trigram, bigram, unigram and unknown contexts)', () => {
  for (const before of ['Thank you for your ', 'The cat sat on the ', 'Sorry for the late ', 'We read about the late ', 'zebra the late ', 'I am ', 'zebra quokka ', '', 'Hello. ', 'the meeting\n', 'Dear Sam, ', 'I like English tea, ', 'zebra, ', 'My sister-in-', 'It is a well ', 'It is a well-', 'zebra-']) {
    assert.ok(Math.abs(total(before) - 1) < 2e-3, `${JSON.stringify(before)}: ${total(before)}`);
  }
});

test('n-gram: context tokens follow the builder (sentence starts, apostrophes, numbers other than small counts skipped)', () => {
  assert.deepEqual(contextTokens('Thank you for your ', true), ['<s>', 'thank', 'you', 'for', 'your']);
  assert.deepEqual(contextTokens('It is 2024. Don\u2019t stop', false), ['it', 'is', '<s>', "don't", 'stop']);
  assert.deepEqual(contextTokens('a list:\n- first\n- ', false), ['a', 'list', '<s>', 'first', '<s>']);
  assert.deepEqual(contextTokens('fixes the bug where the\n', false), ['fixes', 'the', 'bug', 'where', 'the'], 'a single line break is a soft wrap');
  assert.deepEqual(contextTokens('Fix the date\n\nThe ', false), ['fix', 'the', 'date', '<s>', 'the'], 'a blank line starts a sentence');
  assert.deepEqual(contextTokens('## Notes\n1. Review', false), ['notes', '<s>', 'review']);
  assert.deepEqual(contextTokens('Things to pack:\n', false), ['things', 'to', 'pack', '<s>'], 'a line ending in a colon opens a list');
  assert.deepEqual(contextTokens('Dear Ben,\r\n\r\n', false), ['dear', 'ben', '<s>'], 'CRLF blank line');
  assert.deepEqual(contextTokens("the robots' ", false), ['the', 'robots']);
  assert.deepEqual(contextTokens('It weighs 2.5 ', false), ['it', 'weighs', BREAK], 'a decimal dot ends no sentence');
  assert.deepEqual(contextTokens('Update to 3.9.8 and ', false), ['update', 'to', BREAK, 'and'], 'nor a version\'s dots');
  assert.deepEqual(contextTokens('It costs 5. Then ', false), ['it', 'costs', 'five', '<s>', 'then'], 'a dot after a number still does');
  assert.deepEqual(contextTokens('# Installation\n', false), ['installation', '<s>'], 'a heading line ends at its line break');
  assert.deepEqual(contextTokens('Shopping:\n- Buy milk\n', false), ['shopping', '<s>', 'buy', 'milk', '<s>'], 'so does a list item');
  assert.deepEqual(contextTokens('> Quoted words\nhere ', false), ['quoted', 'words', '<s>', 'here']);
  assert.deepEqual(contextTokens('fixes the bug where the\nparser ', false), ['fixes', 'the', 'bug', 'where', 'the', 'parser'], 'prose wraps on');
  assert.deepEqual(contextTokens('- Fixes the bug where the\n  parser ', false), ['fixes', 'the', 'bug', 'where', 'the', 'parser'], 'an indented line continues its list item');
  assert.deepEqual(contextTokens('1. Fixes the bug where the\n   ', false), ['<s>', 'fixes', 'the', 'bug', 'where', 'the']);
  assert.deepEqual(contextTokens('Update to v2.5 now ', false), ['update', 'to', 'v2', BREAK, 'now'], 'a version glued to a word');
  assert.deepEqual(contextTokens('We use Python3.12 and ', false), ['we', 'use', 'python3', BREAK, 'and']);
  const ctx = model.context('The cat sat. ');
  assert.equal(ctx.v, 0, 'after a full stop the context ends in <s>');
});

test('n-gram: the trigram knows the usual next word before any letter is typed', () => {
  const ctx = model.context('Dear Sam, thank you for your ');
  const next = model.candidates('', ctx, 4).map((c) => c.key);
  assert.deepEqual([...next].sort(), ['help', 'letter', 'note', 'time']);
  const sat = model.candidates('', model.context('The cat sat on the '), 1)[0];
  assert.equal(sat.key, 'mat');
  // (four tiny documents give odd discounts: D2 > D1 for the 4-grams, so no count keeps much of its mass)
  assert.ok(sat.probability > 0.15, `P(mat | sat on the) = ${sat.probability}`);
});

test('n-gram: a typed prefix narrows candidates to its words; names keep their capitals', () => {
  const ctx = model.context('I like ');
  const words = model.candidates('e', ctx, 5);
  assert.ok(words.length > 0 && words.every((c) => c.key.startsWith('e')), JSON.stringify(words));
  assert.equal(model.form(model.id('english')), 'English');
  assert.equal(model.form(model.id('i')), 'I');
  assert.equal(model.id('ENGLISH'), model.id('english'));
  assert.equal(model.id('nonexistentword'), -1);
  assert.deepEqual(model.candidates('zzz', ctx, 5), []);
});

test('n-gram: a damaged file is a clear error, not a crash later', () => {
  const bad = Buffer.from(bytes);
  bad.writeUInt32LE(0, 0);
  assert.throws(() => new NgramModel(bad), NgramFormatError);
  assert.throws(() => new NgramModel(bytes.subarray(0, bytes.length - 40)), NgramFormatError);
  assert.throws(() => new NgramModel(new Uint8Array(8)), NgramFormatError);
  assert.throws(() => new NgramModel(Buffer.concat([bytes, Buffer.alloc(8)])), /past its last section/u);
  // A store from before the 8-bit codebooks (version 1) says how to rebuild it.
  const old = Buffer.from(bytes);
  old.writeUInt32LE(1, 4);
  assert.throws(() => new NgramModel(old), /version 1, expected 6 \(rebuild it with training\/build_ngram\.py\)/u);
  const newer = Buffer.from(bytes);
  newer.writeUInt32LE(7, 4);
  assert.throws(() => new NgramModel(newer), /version 7, expected 6/u);
  // A 4-gram whose context is cut off: its offsets no longer match the header.
  const cut = Buffer.from(bytes);
  cut.writeUInt32LE(cut.readUInt32LE(40) + 1, 40);
  assert.throws(() => new NgramModel(cut), NgramFormatError);
});

test('n-gram: the 4-gram reads the set phrase that the last two words share with another', () => {
  // Golden cases: "the late" goes on with "war" twice, "reply" and "answer" once each, but only after
  // "for the late" (a trigram's context is "the late" in both).
  const sorry = model.context('Sorry for the late ');
  assert.equal(sorry.t, model.id('for'));
  assert.deepEqual(model.candidates('', sorry, 2).map((c) => c.key).sort(), ['answer', 'reply']);
  assert.equal(model.candidates('', model.context('We read about the late '), 1)[0].key, 'war');
  assert.equal(model.candidates('', model.context('It was the late '), 1)[0].key, 'war', 'an unseen 4-gram context backs off to the trigram');
  assert.equal(model.candidates('r', sorry, 1)[0].key, 'reply', 'a typed prefix reads the 4-gram list too');
  const trigram = { u: sorry.u, v: sorry.v };
  assert.ok(model.probability('reply', sorry) > model.probability('reply', trigram), 'the 4-gram raises what follows the phrase');
  assert.ok(model.probability('war', sorry) < model.probability('war', trigram), 'and lowers what follows only the last two words');
  assert.ok(model.probability('war', sorry) < model.probability('reply', sorry));
  // A break or a sentence start inside the three words leaves the shorter context.
  assert.equal(model.context('for 1990 the late ').t, undefined);
  assert.equal(model.context('It was late. The late ').t, 0, 'a sentence start (<s>, id 0) is a context word like any other');
});

test('n-gram: a trigram store (file version 2) still loads and answers as a trigram', () => {
  const v2 = new NgramModel(readFileSync(FIXTURE_V2));
  assert.equal(v2.candidates('', v2.context('The cat sat on the '), 1)[0].key, 'mat');
  assert.deepEqual(v2.candidates('', v2.context('Dear Sam, thank you for your '), 4).map((c) => c.key).sort(), ['help', 'letter', 'note', 'time']);
  let sum = 0;
  const ctx = v2.context('Thank you for your ');
  for (let id = 1; id < v2.size; id++) sum += v2.probability(v2.key(id), ctx);
  assert.ok(Math.abs(sum - 1) < 2e-3, `${sum}`);
});

test('n-gram: 8-bit codebooks keep the counted order of continuations', () => {
  // "on the" is followed by "mat" twice and "chair" once; "the" alone is followed by "meeting" three
  // times (the trigram level: the context's first word is left out, so no 4-gram list is read).
  const read = model.context('The dog sat on the ');
  const ctx = { u: read.u, v: read.v };
  assert.ok(model.probability('mat', ctx) > model.probability('meeting', ctx));
  assert.ok(model.probability('meeting', ctx) > model.probability('chair', ctx));
  const afterThe = model.context('I like the ');
  assert.ok(model.probability('meeting', afterThe) > model.probability('mat', afterThe));
});

test('n-gram blend: mixes whole-word probabilities with its own weight and adds the words it knows', () => {
  const text = 'Thank you for your ';
  const cursor = splitAtCursor(text);
  const found: WordHypothesis[] = [
    { word: 'own', text: 'own', probability: 0.1, tokens: [1] },
    { word: 'letter', text: 'letter', probability: 0.1, tokens: [2] },
  ];
  const lambda = 0.4;
  const out = blendWithNgram(found, model, { nextWord: lambda, completion: 0.1 }, cursor, text, (t) => [t.length]);
  const ctx = model.context(text);
  const byWord = new Map(out.map((h) => [h.word, h.probability]));
  assert.ok(Math.abs(byWord.get('own')! - (1 - lambda) * 0.1) < 1e-9, 'a word the n-gram does not know keeps (1-λ) of its probability');
  assert.ok(Math.abs(byWord.get('letter')! - ((1 - lambda) * 0.1 + lambda * model.probability('letter', ctx))) < 1e-9);
  assert.ok(byWord.has('help') && byWord.has('time'), 'the n-gram adds its own candidates');
  assert.equal(out[0].word, 'letter', 'sorted by blended probability');
  const none = blendWithNgram(found, model, { nextWord: 0, completion: 0 }, cursor, text, () => []);
  assert.deepEqual(none, found, 'weight 0 changes nothing');
});

test('n-gram: a number, symbol, opening quote or bracket breaks the context; an abbreviation does not end a sentence', () => {
  // Golden cases: the text before the cursor → the context tokens the engine reads.
  const cases: Array<[string, string[]]> = [
    ['I was born in 1990 ', ['i', 'was', 'born', 'in', BREAK]],
    ['The meeting starts at 10:30:15 ', ['the', 'meeting', 'starts', 'at', BREAK]],
    ['She asked: ', ['she', 'asked', BREAK]],
    ['He said "', ['he', 'said', BREAK]],
    ['Use the (', ['use', 'the', BREAK]],
    ['in 1990 we ', ['in', BREAK, 'we']],
    ['read and/or write ', ['read', 'and', BREAK, 'or', 'write']],
    ['Talk to Mr. ', ['talk', 'to', 'mr']],
    ['We met Dr.\nJones and ', ['we', 'met', 'dr', 'jones', 'and']],
    ['It works. Then ', ['it', 'works', '<s>', 'then']],
    ['this is **very** ', ['this', 'is', 'very']],
    ['a word, then (closed) another - and ', ['a', 'word', ',', 'then', BREAK, 'closed', 'another', 'and']],
    ['"Quoted," she said ', ['quoted', ',', 'she', 'said']],
    ['He said "Quoted," she ', ['he', 'said', BREAK, 'quoted', ',', 'she']],
    ['Pay 5% ', ['pay', BREAK]],
    // An emoji decorates the sentence; the builder counts across it (its words are no words).
    ['We had a great time 🎉 at the ', ['we', 'had', 'a', 'great', 'time', 'at', 'the']],
    ['Love you ❤️ see ', ['love', 'you', 'see']],
    ['Thumbs 👍🏽 up and 👨‍👩‍👧 go ', ['thumbs', 'up', 'and', 'go']],
    ['time § at ', ['time', BREAK, 'at']],
    ['version 2.5 ', ['version', BREAK]],
    ['call at 05 ', ['call', 'at', BREAK]],
    ['read pages 3/4 ', ['read', 'pages', BREAK]],
    ['about 100 ', ['about', BREAK]],
  ];
  for (const [text, tokens] of cases) assert.deepEqual(contextTokens(text, false), tokens, JSON.stringify(text));
  assert.deepEqual(model.context('I like 1990 '), { u: -1, v: -1, broken: true });
  const afterBreak = model.context('in 1990 the ');
  assert.equal(afterBreak.u, -1, 'a break before the first word leaves the bigram');
  assert.equal(afterBreak.v, model.id('the'));
});

test('n-gram: a small count in digits reads as its word, and no count\'s word follows it', () => {
  const cases: Array<[string, string[]]> = [
    ["I'll be there in 5 ", ['i\'ll', 'be', 'there', 'in', 'five']],
    ['in 10 minutes', ['in', 'ten', 'minutes']],
    ['It costs 20, ', ['it', 'costs', 'twenty', ',']],
    ['We are 3.', ['we', 'are', 'three', '<s>']],
    ['0 ', ['zero']],
    ['wait 90 ', ['wait', 'ninety']],
    ['wait 21 ', ['wait', BREAK]],
    // A numbered list's marker is no count: the item starts a sentence.
    ['Buy milk\n1. Call Ann', ['buy', 'milk', '<s>', 'call', 'ann']],
    ['Buy milk\n2) Call Ann', ['buy', 'milk', '<s>', 'call', 'ann']],
  ];
  for (const [text, tokens] of cases) assert.deepEqual(contextTokens(text, false), tokens, JSON.stringify(text));
  // The embedded store: it counted "twenty four" (the tiny fixture has no counts).
  const shipped = new NgramModel(readFileSync(path.join(__dirname, '..', '..', '..', 'models', 'prose-gpt2', 'ngram.bin')));
  const digits = shipped.context('It costs 20 ');
  assert.equal(digits.afterDigits, true);
  assert.equal(digits.v, shipped.id('twenty'));
  const spelled = shipped.context('It costs twenty ');
  assert.equal(spelled.afterDigits, undefined);
  assert.ok(shipped.probability('four', spelled) > 0.01);
  assert.equal(shipped.probability('four', digits), 0, 'no count word after a count in digits');
  assert.ok(shipped.candidates('', spelled, 8).some((c) => c.key === 'four'));
  assert.ok(shipped.candidates('', digits, 8).every((c) => c.key !== 'four' && c.key !== 'five'));
  assert.ok(shipped.candidates('f', digits, 8).every((c) => c.key !== 'four' && c.key !== 'five'));
});

/** Golden cases shared with the builder (training/check_sources.py reads the same files). */
function goldenContextCases(name: string): Array<{ text: string; engine: string[] }> {
  const file = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ngram', name);
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<{ text: string; engine: string[] }> }).cases;
}

test('n-gram: an identifier\'s pieces are no words and no context (the builder does not count them)', () => {
  const cases = goldenContextCases('identifier_cases.json');
  assert.ok(cases.length >= 10);
  for (const { text, engine } of cases) assert.deepEqual(contextTokens(text, false), engine.map((t) => (t === '<b>' ? BREAK : t)), JSON.stringify(text));
});

test('n-gram: a comma or semicolon is a pause token in the context, as the builder counts it', () => {
  const cases = goldenContextCases('pause_cases.json');
  assert.ok(cases.length >= 10);
  for (const { text, engine } of cases) assert.deepEqual(contextTokens(text, false), engine.map((t) => (t === '<b>' ? BREAK : t)), JSON.stringify(text));
  // A store without the pause token (version 3 and older) reads across the comma, as it was counted.
  assert.deepEqual(contextTokens('Dear Santa, I hope ', false, 3), ['dear', 'santa', 'i', 'hope']);
});

test('n-gram: a line of its own (a salutation, a signature) ends at its line break, as GPT-2 reads it', () => {
  const cases = goldenContextCases('line_cases.json');
  assert.ok(cases.length >= 10);
  for (const { text, engine } of cases) assert.deepEqual(contextTokens(text, false), engine.map((t) => (t === '<b>' ? BREAK : t)), JSON.stringify(text));
  // An older store was counted across such a break.
  assert.deepEqual(contextTokens('Regards,\nSarah ', false, 3), ['regards', 'sarah']);
});

test('n-gram: a hyphen joining two words is a hyphen token in the context, as the builder counts it', () => {
  const cases = goldenContextCases('hyphen_cases.json');
  assert.ok(cases.length >= 10);
  for (const { text, engine } of cases) assert.deepEqual(contextTokens(text, false), engine.map((t) => (t === '<b>' ? BREAK : t)), JSON.stringify(text));
  // A store without the hyphen token (version 4 and older) reads it as a space, as it was counted.
  assert.deepEqual(contextTokens('My sister-in-', false, 4), ['my', 'sister', 'in']);
});

test('n-gram: after a hyphen the words are the compound\'s next parts, and the hyphen itself is never offered', () => {
  // "My sister-in-law is kind. My brother-in-law is in town." in the fixture: after "in-" law, never
  // town; after "in " (no hyphen) town too, beside the open spelling "in law". A store that read the
  // hyphen as a space offered the same words after both.
  const after = model.candidates('', model.context('My sister-in-'), 5).map((c) => c.key);
  assert.equal(after[0], 'law', after.join(' '));
  const spaced = model.candidates('', model.context('My brother is in '), 5).map((c) => c.key);
  assert.ok(spaced.includes('town') && !after.includes('town'), `${spaced.join(' ')} / ${after.join(' ')}`);
  // The open spelling still finds the compound ("well known" is counted with and without its hyphen).
  const open = model.candidates('', model.context('It is a well '), 5).map((c) => c.key);
  assert.equal(open[0], 'known', open.join(' '));
  for (const before of ['It is a well', 'My sister-in-', 'It is a well ', 'kind-']) {
    const keys = model.candidates('', model.context(before), 50).map((c) => c.key);
    assert.ok(!keys.includes('-') && !keys.includes(','), `${before}: ${keys.join(' ')}`);
  }
  assert.equal(model.probability('-', model.context('It is a well')), 0, 'the hyphen is no word');
  // The version-4 store reads "sister-in-" as "sister in ", as its counts were made.
  const v4 = new NgramModel(readFileSync(FIXTURE_V4));
  assert.deepEqual(v4.context('My sister-in-'), v4.context('My sister in '));
  assert.notDeepEqual(model.context('My sister-in-'), model.context('My sister in '));
});

test('n-gram: a time of day and an amount of money are class tokens in the context, as the builder counts them', () => {
  const cases = goldenContextCases('quantity_cases.json');
  assert.ok(cases.length >= 15);
  for (const { text, engine } of cases) assert.deepEqual(contextTokens(text, false), engine.map((t) => (t === '<b>' ? BREAK : t)), JSON.stringify(text));
  // A store without the classes (version 5 and older) reads them as numbers, as it was counted: a break.
  assert.deepEqual(contextTokens('Dinner is at 7:30 ', false, 5), ['dinner', 'is', 'at', BREAK]);
  assert.deepEqual(contextTokens('It costs $5 ', false, 5), ['it', 'costs', BREAK]);
});

test('n-gram: after a time or a sum the words are those counted after its class, and the class is never offered', () => {
  // quantity.bin: "We meet at 10:30 tomorrow. We meet at 3pm tomorrow and eat at 7:15 p.m. Cake costs $5
  // each, tea costs $12 each." and "I like tea. Cake is nice. We eat cake at home." Any time or sum, not
  // only those counted, reads as its class; the version-4 store breaks the context there.
  const quantities = new NgramModel(readFileSync(path.join(path.dirname(FIXTURE), 'quantity.bin')));
  for (const [before, next] of [['See you at 9:45 ', 'tomorrow'], ['We meet at 11 am ', 'tomorrow'], ['Cake costs £3.50 ', 'each']]) {
    const ctx = quantities.context(before);
    assert.ok(ctx.broken !== true, before);
    assert.equal(quantities.candidates('', ctx, 3)[0]?.key, next, before);
  }
  // After "at" a time is likelier than "home", but a class is no text to offer.
  const atCtx = quantities.context('We meet at ');
  assert.ok(quantities.probability(TIME_TOKEN, atCtx) > quantities.probability('home', atCtx));
  for (const before of ['We meet at ', 'We eat at ', 'Cake costs $5 ']) {
    const keys = quantities.candidates('', quantities.context(before), 50).map((c) => c.key);
    assert.ok(keys.length > 0 && !keys.includes(TIME_TOKEN) && !keys.includes(MONEY_TOKEN), `${before}: ${keys.join(' ')}`);
  }
  assert.equal(new NgramModel(readFileSync(FIXTURE_V4)).context('We meet at 10:30 ').broken, true);
  // The classes' mass, P(a time or a sum comes next): what the ghost text weighs a next word against.
  assert.ok(quantities.quantityProbability(quantities.context('We meet at ')) > 0.5);
  assert.ok(quantities.quantityProbability(quantities.context('Cake costs ')) > 0.5);
  assert.ok(quantities.quantityProbability(quantities.context('I like ')) < 0.05);
  assert.equal(new NgramModel(readFileSync(FIXTURE_V4)).quantityProbability(model.context('We meet at ')), 0, 'a store without the classes');
});

test('n-gram: the builder and the engine know the same function words (a short line ending on one goes on)', () => {
  const source = readFileSync(path.join(__dirname, '..', '..', '..', 'training', 'build_ngram.py'), 'utf8');
  const list = /^FUNCTION_WORDS = set\(\(([^)]*)\)/mu.exec(source);
  assert.ok(list, 'FUNCTION_WORDS in build_ngram.py');
  const python = [...list[1].matchAll(/"([^"]*)"/gu)].map((m) => m[1]).join('').split(/\s+/u).filter(Boolean).sort();
  assert.deepEqual(python, [...FUNCTION_WORDS].sort());
});

test('n-gram: after a pause the words are those counted after it, and the pause itself is never offered', () => {
  // "the late war, and the late war ended" in the fixture: after the comma only "and"; without it
  // both, for the n-grams across a pause are counted again without it (writers leave commas out). A
  // store counted only across the comma offered "ended" after the comma too.
  const after = model.candidates('', model.context('We read about the late war, '), 5).map((c) => c.key);
  assert.equal(after[0], 'and', after.join(' '));
  assert.ok(!after.includes('ended'), after.join(' '));
  const unpaused = model.candidates('', model.context('We read about the late war '), 5).map((c) => c.key);
  assert.ok(unpaused.includes('and') && unpaused.includes('ended'), unpaused.join(' '));
  for (const before of ['I like English tea, ', 'Dear Sam, ', 'Sorry for the late reply, ']) {
    const keys = model.candidates('', model.context(before), 50).map((c) => c.key);
    assert.ok(keys.length > 0 && !keys.includes(','), `${before}: ${keys.join(' ')}`);
  }
  assert.equal(model.probability(',', model.context('I like English tea')), 0, 'the pause is no word');
});

test('n-gram blend: after a context break the word is left to GPT-2', () => {
  const found: WordHypothesis[] = [{ word: 'in', text: 'in', probability: 0.2, tokens: [1] }];
  for (const text of ['Thank you for your 1990 ', 'I said "']) {
    const out = blendWithNgram(found, model, { nextWord: 0.5, completion: 0.3 }, splitAtCursor(text), text, (t) => [t.length]);
    assert.deepEqual(out, found, JSON.stringify(text));
  }
  const text = 'Thank you for your ';
  assert.notDeepEqual(blendWithNgram(found, model, { nextWord: 0.5, completion: 0.3 }, splitAtCursor(text), text, (t) => [t.length]), found);
});

test('n-gram: the builder and the engine know the same abbreviations', () => {
  const source = readFileSync(path.join(__dirname, '..', '..', '..', 'training', 'build_ngram.py'), 'utf8');
  const list = /^ABBREVIATIONS = \{([^}]*)\}/mu.exec(source);
  assert.ok(list, 'ABBREVIATIONS in build_ngram.py');
  const python = [...list[1].matchAll(/"([^"]+)"/gu)].map((m) => m[1]).sort();
  assert.deepEqual(python, [...ABBREVIATIONS].sort());
});

test('n-gram: the builder and the engine glue identifiers with the same characters', () => {
  const source = readFileSync(path.join(__dirname, '..', '..', '..', 'training', 'build_ngram.py'), 'utf8');
  const python = /^GLUE = re\.compile\(r"\[([^\]]*)\]\+"\)/mu.exec(source);
  assert.ok(python, 'GLUE in build_ngram.py');
  const engine = /^\^\[([^\]]*)\]\+\$$/u.exec(GLUE.source);
  assert.ok(engine, GLUE.source);
  assert.equal(python[1], engine[1]);
});

test('n-gram blend: a completion follows the typed letters and capitalises at a sentence start', () => {
  const text = 'The cat sat on the mat. Th';
  const cursor = splitAtCursor(text);
  const out = blendWithNgram([], model, { nextWord: 0.3, completion: 0.3 }, cursor, text.slice(0, text.length - cursor.typed.length), (t) => [t.length]);
  assert.ok(out.length > 0);
  assert.ok(out.every((h) => h.word.startsWith('Th')), JSON.stringify(out.map((h) => h.word)));
});

test('n-gram blend: a name the model found after lower-case letters takes the capitals the corpus writes it with', () => {
  // Golden cases on the fixture, which writes "Monday", "Sam" and "English" capitalised mid-sentence.
  const cases: Array<[string, string, string]> = [
    ['the meeting is on mon', 'monday', 'Monday'],
    // an English word stays as typed even where the corpus capitalises it (the review's "gov" → "Government")
    ['I like eng', 'english', 'english'],
    ['I like te', 'tea', 'tea'],
    ['Notes from the mee', 'meeting', 'meeting'],
    // typed in full, typed with a capital, or shouted: as typed
    ['the meeting is on monday', 'monday', 'monday'],
    ['the meeting is on Mon', 'Monday', 'Monday'],
    ['the meeting is on MON', 'MONDAY', 'MONDAY'],
  ];
  for (const [text, modelWord, shown] of cases) {
    const cursor = splitAtCursor(text);
    const before = text.slice(0, text.length - cursor.typed.length);
    const found: WordHypothesis[] = [{ word: modelWord, text: modelWord, probability: 0.5, tokens: [1] }];
    const out = blendWithNgram(found, model, { nextWord: 0.3, completion: 0.3 }, cursor, before, (t) => [t.length]);
    const hit = out.find((h) => h.word.toLowerCase() === modelWord.toLowerCase());
    assert.equal(hit?.word, shown, text);
    assert.equal(hit?.text, shown, text);
    // the tokens spell what is shown, so a phrase goes on from it
    if (shown !== modelWord) assert.deepEqual(hit?.tokens, [` ${shown}`.length], text);
  }
});
