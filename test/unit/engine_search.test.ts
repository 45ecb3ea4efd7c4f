import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAtCursor } from '../../src/engine/cursor_context';
import { TokenKind, Vocabulary } from '../../src/engine/vocabulary';
import { searchWords, spell, wordStartShare } from '../../src/engine/word_search';
import { continuePhrase } from '../../src/engine/phrase';
import { seededRandom, topTokens, TemperedDistribution, sampleOrder } from '../../src/engine/sampling';
import { normalizeOptions } from '../../src/engine/options';

const vocabulary = new Vocabulary();
const id = (text: string): number => {
  const ids = vocabulary.encode(text);
  assert.equal(ids.length, 1, `"${text}" must be one token, got ${ids}`);
  return ids[0];
};

/** Logits that give the listed tokens the listed probabilities (approximately) and spread the rest. */
function logitsFor(weights: Record<string, number>): Float32Array {
  const logits = new Float32Array(vocabulary.size).fill(-30);
  for (const [text, p] of Object.entries(weights)) logits[id(text)] = Math.log(p);
  return logits;
}

test('tokens are classified as boundaries, continuations and spaced words', () => {
  assert.ok(vocabulary.kinds[id(' robot')] & 4);
  assert.ok(vocabulary.kinds[id('ic')] & 2);
  assert.ok(vocabulary.kinds[id('.')] & 1);
  assert.ok(vocabulary.kinds[id('\n')] & 1);
  assert.ok(vocabulary.kinds[id("'s")] & 2);
});

test('completion ranks whole words that start with the typed part, multi-token words included', async () => {
  // After "The rob": " robot" 0.4 (then ends), " rob" 0.3 (continues with "ins" 0.9), " robust" 0.1.
  const root = logitsFor({ ' robot': 0.4, ' rob': 0.3, ' robust': 0.1, ' cat': 0.2 });
  const after: Record<string, Float32Array> = {
    [id(' robot')]: logitsFor({ '.': 0.9, 's': 0.1 }),
    [id(' rob')]: logitsFor({ 'ins': 0.9, '.': 0.1 }),
    [id(' robust')]: logitsFor({ '.': 1 }),
    [`${id(' rob')},${id('ins')}`]: logitsFor({ '.': 1 }),
    [`${id(' robot')},${id('s')}`]: logitsFor({ '.': 1 }),
  };
  const calls: string[] = [];
  const words = await searchWords({
    vocabulary,
    cursor: splitAtCursor('The rob'),
    rootLogits: root,
    temperature: 0,
    wanted: 3,
    maxExpansions: 10,
    expand: async (tokens) => {
      calls.push(tokens.join(','));
      return after[tokens.join(',')] ?? logitsFor({ '.': 1 });
    },
  });
  assert.deepEqual(words.slice(0, 3).map((w) => w.word), ['robot', 'robins', 'robust']);
  assert.ok(Math.abs(words[0].probability - 0.4 * 0.9) < 0.01, `robot: ${words[0].probability}`);
  assert.ok(Math.abs(words[1].probability - 0.3 * 0.9) < 0.01, `robins: ${words[1].probability}`);
  assert.ok(!words.some((w) => w.word === 'cat'), 'words must start with the typed part');
  assert.ok(calls.length <= 10);
});

test("the encoder's own spellings never hold a pair the search skips (every word of the held-out texts)", () => {
  const dir = join(__dirname, '..', '..', '..', 'bench', 'heldout');
  const words = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    for (const word of readFileSync(join(dir, file), 'utf8').match(/[\p{L}\p{N}'\u2019]+/gu) ?? []) words.add(' ' + word);
  }
  assert.ok(words.size > 3000, `${words.size} words`);
  const skipped = [...words].filter((word) => {
    const ids = vocabulary.encode(word);
    return ids.some((t, i) => i > 0 && vocabulary.neverFollows(ids[i - 1], t));
  });
  assert.deepEqual(skipped, []);
});

test('the search spells words as the encoder does: never two tokens whose join is one token', async () => {
  // " robotic" is one token, so " rob" + "otic" is a spelling the model never saw; " robins" is " rob" + "ins".
  assert.equal(vocabulary.neverFollows(id(' rob'), id('otic')), true);
  assert.equal(vocabulary.neverFollows(id(' rob'), id('ins')), false);
  // With accents the other spellings multiply: " résumé" is " ré" + "sum" + "é", never " r" + "é" or " " + "ré".
  assert.equal(vocabulary.neverFollows(id(' r'), id('é')), true);
  assert.equal(vocabulary.neverFollows(id(' '), id('ré')), true);
  assert.equal(vocabulary.neverFollows(id(' ré'), id('sum')), false);
  // The pre-tokenizer splits an apostrophe ending and whitespace before BPE: they do follow.
  assert.equal(vocabulary.neverFollows(id(' don'), id("'t")), false);
  const calls: string[] = [];
  await searchWords({
    vocabulary,
    cursor: splitAtCursor('The rob'),
    rootLogits: logitsFor({ ' rob': 0.5, ' robot': 0.5 }),
    temperature: 0,
    wanted: 2,
    maxExpansions: 10,
    expand: async (tokens) => {
      calls.push(tokens.join(','));
      return tokens.length === 1 && tokens[0] === id(' rob') ? logitsFor({ 'otic': 0.6, 'ins': 0.3, '.': 0.1 }) : logitsFor({ '.': 1 });
    },
  });
  assert.ok(!calls.includes(`${id(' rob')},${id('otic')}`), 'no model call is spent on " rob" + "otic"');
});

test('the token lookups (one sorted index, no hash map) find exactly what a scan of the vocabulary finds', () => {
  const whole = (id: number): boolean => (vocabulary.kinds[id] & TokenKind.PartialByte) === 0 && vocabulary.strings[id] !== '';
  const scan = (keep: (lower: string) => boolean): number[] => vocabulary.strings.flatMap((s, id) => (whole(id) && keep(s.toLowerCase()) ? [id] : []));
  for (const key of [' the', ' rob', 'é', ' ré', "'t", '\n\n', ' i', 'zzzzzz', ' \u00e9t\u00e9', '\u4e2d']) {
    assert.deepEqual([...vocabulary.idsEqualTo(key)], scan((lower) => lower === key), `idsEqualTo(${JSON.stringify(key)})`);
    assert.deepEqual([...vocabulary.idsStartingWith(key)].sort((a, b) => a - b), scan((lower) => lower.startsWith(key)), `idsStartingWith(${JSON.stringify(key)})`);
  }
  // Every casing of a word's text: " The", " the", " THE".
  assert.deepEqual(vocabulary.idsEqualTo(' the').map((t) => vocabulary.strings[t]).sort(), [' THE', ' The', ' the']);
});

test('a typed accent is completed from the English words written with one, scored by the model', async () => {
  // The model gives " résumé" next to nothing; the listed word is scored by its own spelling.
  const words = await searchWords({
    vocabulary,
    cursor: splitAtCursor('my résu'),
    rootLogits: logitsFor({ ' ré': 0.01, ' r': 0.5 }),
    temperature: 0,
    wanted: 3,
    maxExpansions: 2,
    expand: async () => logitsFor({ '.': 0.5, 'b': 0.5 }),
    listedWords: ['résumé'],
  });
  assert.ok(words.some((w) => w.word === 'résumé' && vocabulary.decode(w.tokens) === ' résumé'), JSON.stringify(words.map((w) => w.word)));
});

test('case follows what was typed', () => {
  const cursor = splitAtCursor('Hello Rob');
  assert.deepEqual(spell(' robot', cursor), { word: 'Robot', text: 'Robot' });
  assert.deepEqual(spell(' ROBOT', splitAtCursor('the RO')), { word: 'ROBOT', text: 'ROBOT' });
  // A capital typed first, then lower case: an English word follows the typing, not the model's shouting.
  assert.deepEqual(spell(' NULL', splitAtCursor('Hello. Nu')), { word: 'Null', text: 'Null' });
  assert.deepEqual(spell(' HIDDEN', splitAtCursor('Hello. Hi')), { word: 'Hidden', text: 'Hidden' });
  assert.deepEqual(spell(' NOT', splitAtCursor('Hello. No')), { word: 'Not', text: 'Not' });
  assert.deepEqual(spell(' world', splitAtCursor('Hello,')), { word: 'world', text: ' world' });
  assert.equal(spell(' world.', splitAtCursor('Hello ')), undefined);
});

test('a short whole number is a word; longer digit runs and pieces are not', () => {
  // "Bump debhelper compat to 13", "chapter 2": one or two digits say nothing private.
  assert.deepEqual(spell(' 13', splitAtCursor('Bump debhelper compat to ')), { word: '13', text: '13' });
  assert.deepEqual(spell(' 13', splitAtCursor('Bump debhelper compat to 1')), { word: '13', text: '13' });
  // Three or more digits can be a PIN, a year or an amount (secret_filter.ts looksSecret).
  for (const long of [' 482', ' 1990', ' 4821']) assert.equal(spell(long, splitAtCursor('The code is now ')), undefined, long);
  assert.equal(spell(' 2x', splitAtCursor('Make it ')), undefined);
});

test('a word the budget leaves unexpanded takes its expanded siblings\' end share, not certainty', async () => {
  // "Attendees: " → " the" and " a" end half the time (then "ory", "nt"); " Inc", never expanded,
  // once counted as a whole word at its full 0.2 and came first.
  const root = logitsFor({ ' the': 0.3, ' a': 0.25, ' Inc': 0.2, ',': 0.25 });
  const words = await searchWords({
    vocabulary,
    cursor: splitAtCursor('Attendees: '),
    rootLogits: root,
    temperature: 0,
    wanted: 3,
    maxExpansions: 2,
    expand: async () => logitsFor({ '.': 0.5, 'ory': 0.5 }),
  });
  assert.deepEqual(words.map((w) => w.word), ['the', 'a', 'Inc']);
  assert.ok(Math.abs(words[2].probability - 0.2 * 0.5) < 0.01, `Inc: ${words[2].probability}`);
});

test('next word after a space offers only whole words, never punctuation', async () => {
  const root = logitsFor({ ',': 0.5, ' robot': 0.3, ' dog': 0.2 });
  const words = await searchWords({
    vocabulary,
    cursor: splitAtCursor('The '),
    rootLogits: root,
    temperature: 0,
    wanted: 2,
    maxExpansions: 4,
    expand: async () => logitsFor({ '.': 1 }),
  });
  assert.deepEqual(words.map((w) => w.word), ['robot', 'dog']);
});

test('a phrase continues while the model is confident and stops at punctuation', async () => {
  const first = { word: 'robot', text: 'robot', probability: 0.5, tokens: [id(' robot')], logitsAfter: logitsFor({ ' walks': 0.8, '.': 0.2 }) };
  const phrase = await continuePhrase({
    vocabulary,
    first,
    maxWords: 5,
    maxTokens: 32,
    temperature: 0,
    topK: 5,
    random: seededRandom(1),
    expand: async (tokens) => (tokens.length === 2 ? logitsFor({ ' home': 0.6, ',': 0.4 }) : logitsFor({ '.': 0.9, ' x': 0.1 })),
    before: 'The',
  });
  assert.equal(phrase, 'robot walks home');
  const unsure = await continuePhrase({ vocabulary, first: { ...first, logitsAfter: logitsFor({ ' walks': 0.2, ' runs': 0.2, ' sits': 0.2, ' jumps': 0.2, ' eats': 0.2 }) }, maxWords: 5, maxTokens: 32, temperature: 0, topK: 5, random: seededRandom(1), expand: async () => logitsFor({ '.': 1 }), before: 'The' });
  assert.equal(unsure, 'robot');
  const looping = await continuePhrase({
    vocabulary,
    first: { word: 'same', text: 'same', probability: 0.5, tokens: [id(' same')], logitsAfter: logitsFor({ ' as': 0.9, '.': 0.1 }) },
    maxWords: 6,
    maxTokens: 32,
    temperature: 0,
    topK: 5,
    random: seededRandom(1),
    expand: async (tokens) => (vocabulary.strings[tokens[tokens.length - 1]] === ' as' ? logitsFor({ ' the': 0.9, '.': 0.1 }) : vocabulary.strings[tokens[tokens.length - 1]] === ' the' ? logitsFor({ ' same': 0.9, '.': 0.1 }) : logitsFor({ ' as': 0.9, '.': 0.1 })),
    before: 'It is the',
  });
  assert.equal(looping, 'same', 'the phrase stops before repeating "same", and "as the" ends on function words');
  // A further word is judged as the candidates are: GPT-2 blended with the word n-gram (weight 0.5).
  const withNgram = (counted: number | undefined, walks: number, rival?: number) =>
    continuePhrase({
      vocabulary,
      first: { ...first, logitsAfter: logitsFor({ ' walks': walks, ' runs': (1 - walks) / 4, ' sits': (1 - walks) / 4, ' eats': (1 - walks) / 4, '.': (1 - walks) / 4 }) },
      maxWords: 2,
      maxTokens: 32,
      temperature: 0,
      topK: 5,
      random: seededRandom(1),
      expand: async () => logitsFor({ '.': 1 }),
      before: 'The',
      ngram: { weight: 0.5, probability: (phrase, word) => (phrase === 'robot' && word === 'walks' ? counted : 1), rival: (phrase, word) => (phrase === 'robot' && word === 'walks' ? rival : undefined) },
    });
  assert.equal(await withNgram(0.2, 0.8), 'robot walks', '0.5 * 0.8 + 0.5 * 0.2 = 0.5');
  assert.equal(await withNgram(0, 0.4), 'robot', '0.5 * 0.4 + 0.5 * 0 = 0.2, below PHRASE_MIN_WORD_PROBABILITY');
  assert.equal(await withNgram(undefined, 0.4), 'robot walks', 'where the n-gram reads no context, GPT-2 alone');
  assert.equal(await withNgram(0.3, 0.22), 'robot walks', 'the n-gram lifts a word GPT-2 doubts: 0.5 * 0.22 + 0.5 * 0.3 = 0.26');
  // A further word the n-gram's own favourite outranks in the blend is GPT-2's guess, not the blend's best
  // ("It only costs $5 " → "per cent" where the counts say "per person").
  assert.equal(await withNgram(0, 0.8, 0.9), 'robot', 'the rival alone holds 0.5 * 0.9 = 0.45 > 0.5 * 0.8 + 0 = 0.4');
  assert.equal(await withNgram(0, 0.8, 0.7), 'robot walks', '0.5 * 0.7 = 0.35 < 0.4: the word may still be the best');
  assert.equal(await withNgram(0.5, 0.8, 0.9), 'robot walks', '0.45 < 0.5 * 0.8 + 0.5 * 0.5 = 0.65');
});

test('top tokens are ordered and filtered; tempered probabilities sum to one', () => {
  const logits = Float32Array.from([1, 5, 3, 4, 2]);
  assert.deepEqual(topTokens(logits, 3, () => true), [1, 3, 2]);
  assert.deepEqual(topTokens(logits, 2, (t) => t % 2 === 0), [2, 4]);
  for (const temperature of [0.5, 1, 2]) {
    const d = new TemperedDistribution(logits, temperature, new Uint8Array(logits.length).fill(1));
    assert.ok(Math.abs(d.markedShare - 1) < 1e-9);
  }
  const sharp = new TemperedDistribution(logits, 0.1);
  assert.ok(Math.exp(sharp.logProb(1)) > 0.99);
});

test('seeded sampling is repeatable and follows the weights', () => {
  const items = ['a', 'b', 'c'];
  const weights: Record<string, number> = { a: 0.98, b: 0.01, c: 0.01 };
  const firstPicks = Array.from({ length: 200 }, (_, i) => sampleOrder(items, (x) => weights[x], seededRandom(i))[0]);
  assert.ok(firstPicks.filter((x) => x === 'a').length > 180);
  assert.deepEqual(sampleOrder(items, (x) => weights[x], seededRandom(7)), sampleOrder(items, (x) => weights[x], seededRandom(7)));
});

test('bad options are clamped with a clear warning', () => {
  const { options, warnings } = normalizeOptions({ topK: 0, temperature: -1, maxWords: NaN, contextTokens: 99999 }, 1024);
  assert.equal(options.topK, 1);
  assert.equal(options.temperature, 0);
  assert.equal(options.maxWords, 3);
  assert.equal(options.contextTokens, 1024);
  assert.equal(warnings.length, 4);
  assert.match(warnings.join(' '), /topK 0 is outside 1–20/);
  assert.equal(normalizeOptions({ topK: 10000 }, 1024).options.topK, 20);
  assert.deepEqual(normalizeOptions({}, 128).options.contextTokens, 128);
});

test('pieces of multi-byte characters are neither words nor word ends', () => {
  const pieces = vocabulary.encode('日').filter((t) => vocabulary.strings[t] === '' || vocabulary.strings[t].includes('\uFFFD'));
  assert.ok(pieces.length > 0);
  for (const t of pieces) assert.equal(vocabulary.kinds[t], 8);
});

test("the model's word-start share: spaced words after a comma, word pieces after an opening quote; remembered per logits row without changing", () => {
  const logits = logitsFor({ ' the': 0.5, the: 0.2, ',': 0.3 });
  const [afterComma, afterQuote] = [splitAtCursor('Hello,'), splitAtCursor('He said "')];
  // Each order of asking gives the same answers as a fresh row: the memo is keyed by spacing too.
  const first = [wordStartShare(vocabulary, afterComma, logits, 1), wordStartShare(vocabulary, afterQuote, logits, 1)];
  const copy = Float32Array.from(logits);
  const second = [wordStartShare(vocabulary, afterQuote, copy, 1), wordStartShare(vocabulary, afterComma, copy, 1)].reverse();
  assert.deepEqual(second, first);
  assert.ok(Math.abs(first[0] - 0.5) < 0.02, `after a comma: ${first[0]}`);
  assert.ok(Math.abs(first[1] - 0.2) < 0.02, `after a quote: ${first[1]}`);
  assert.equal(wordStartShare(vocabulary, afterComma, logits, 1), first[0]);
});
