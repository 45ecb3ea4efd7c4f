import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEnglishWord, isGivenName, isPersonNamePair, isPersonNoun, isPlaceOrTimeName, isPlaceOrTimeNamePair, lexiconCovers, loadLexicon } from '../../src/engine/lexicon';

test('the bundled word list is the whole package list, searchable from its first to its last word', () => {
  // an-array-of-english-words 2.x: 274,937 words; the bundle keeps them as one joined string.
  assert.equal(loadLexicon(), 274937);
  for (const word of ['a', 'aa', 'running', 'morning', 'zyzzyva', 'zyzzyvas']) assert.equal(isEnglishWord(word), true, word);
});

test('glued letters, names and the spaces between list entries are not words', () => {
  for (const word of ['runningo', 'tomore', 'iphost', 'canly', 'zzzzzz', 'aaa', '']) assert.equal(isEnglishWord(word), false, word);
});

test('the bundle carries the list as one string (the build plugin in scripts/build.mjs matched)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundled form is what is under test
  const bundled = require('an-array-of-english-words') as unknown;
  assert.equal(typeof bundled, 'string', 'the package came in as an array: ~40 MB more worker memory');
});

test('case, accents and apostrophe endings fold onto the list', () => {
  for (const word of ['Morning', 'RUNNING', 'résumé', "don't", 'don\u2019t', "isn't", "cousins'", "we're"]) assert.equal(isEnglishWord(word), true, word);
  for (const word of ["don'", "runningo's", "cousin'"]) assert.equal(isEnglishWord(word), false, word);
  assert.equal(lexiconCovers('Straße'), false);
  assert.equal(lexiconCovers("don't"), true);
});

test("WordNet's place and time names: holidays, cities, countries, continents; no person's name", () => {
  for (const key of ['christmas', 'easter', 'thanksgiving', 'halloween', 'hanukkah', 'ramadan', 'london', 'angeles', 'york', 'zealand', 'europe', 'america', 'tokyo', 'texas']) {
    assert.equal(isPlaceOrTimeName(key), true, key);
  }
  // Surnames that only a multi-word place lends ("Johnson City", "Ross Sea") stay people's; so do
  // made-up surnames and glued letters. (Capitalised English words of a place's name, "the" of "The
  // Hague", are in the list; callers ask isEnglishWord first.)
  for (const key of ['johnson', 'ross', 'lee', 'hartley', 'sullivan', 'runningo', 'Christmas', '']) assert.equal(isPlaceOrTimeName(key), false, key);
  // A given name that is also a place ("Victoria", "Eau Claire") is a person's first: ngram_blend.ts
  // checks isGivenName before this list.
  for (const key of ['victoria', 'claire', 'florence']) assert.equal(isPlaceOrTimeName(key) && isGivenName(key), true, key);
});

test('placeAndTimeNames reads wndb lines: whole one-word lemmas, parts of longer ones unless a person bears them', async () => {
  // The build script's module (ESM), run here as the bundle runs it.
  const { placeAndTimeNames } = await import('../../scripts/wordnet_names.mjs');
  const dataNoun = [
    '  1 This software and database is being provided to you, the LICENSEE, by  ',
    '08500001 15 n 02 Los_Angeles 0 LA 0 000 | a city',
    '08500002 15 n 01 Johnson_City 0 000 | a city named after a person',
    '08500003 15 n 02 Jackson 0 capital_of_Mississippi 0 000 | a city that also names people',
    '15221021 28 n 04 Christmas 0 Christmas_Day 0 Xmas 0 Dec_25 0 000 | a holiday',
    '15221022 28 n 01 Three_Kings\'_Day 0 000 | apostrophes are not name-shaped',
    '11000001 18 n 02 Johnson 0 Lyndon_Johnson 0 000 | a person',
    '11000002 18 n 01 Jackson 0 000 | a person',
    '11000003 18 n 01 Paris 0 000 | a person only here',
    '09000001 09 n 01 Frankenstein 0 000 | another lexicographer file',
    '',
  ].join('\n');
  assert.deepEqual(placeAndTimeNames(dataNoun), ['angeles', 'christmas', 'city', 'day', 'dec', 'jackson', 'los', 'mississippi', 'three', 'xmas']);
});

test("the word pairs inside WordNet's place and time names", async () => {
  for (const [a, b] of [['new', 'year'], ["father's", 'day'], ['christmas', 'eve'], ['hong', 'kong'], ['new', 'york'], ['united', 'states']]) assert.equal(isPlaceOrTimeNamePair(a, b), true, `${a} ${b}`);
  for (const [a, b] of [['the', 'new'], ['new', 'release'], ['happy', 'new'], ['year', 'new'], ['New', 'Year']]) assert.equal(isPlaceOrTimeNamePair(a, b), false, `${a} ${b}`);
  const { namePairs } = await import('../../scripts/wordnet_names.mjs');
  const dataNoun = [
    "15206888 28 n 01 New_Year's_Eve 0 000 | a date",
    '08500001 15 n 02 Los_Angeles 0 LA 0 000 | a city',
    '15221022 28 n 01 Dec_25 0 000 | digits are no name',
    '11000004 18 n 01 John_Smith 0 000 | a person',
  ].join('\n');
  assert.deepEqual(namePairs(dataNoun), ['los angeles', "new year's", "year's eve"]);
});

test("famous people's name pairs and the nouns for a person (WordNet's noun.person)", async () => {
  for (const [a, b] of [['abraham', 'lincoln'], ['george', 'washington'], ['martin', 'luther'], ['luther', 'king'], ['william', 'shakespeare']]) assert.equal(isPersonNamePair(a, b), true, `${a} ${b}`);
  for (const [a, b] of [['michael', 'paquier'], ['william', 'brack'], ['john', 'fleck'], ['new', 'year'], ['Abraham', 'Lincoln']]) assert.equal(isPersonNamePair(a, b), false, `${a} ${b}`);
  for (const key of ['president', 'speaker', 'senator', 'doctor', 'professor']) assert.equal(isPersonNoun(key), true, key);
  for (const key of ['johnson', 'fleck', 'paquier', 'vice', 'President']) assert.equal(isPersonNoun(key), false, key);
  const { namePairs, personNouns, PERSON_LEX_FILE } = await import('../../scripts/wordnet_names.mjs');
  const dataNoun = [
    '11000004 18 n 02 Abraham_Lincoln 0 Lincoln 0 000 | a person',
    '11000005 18 n 02 president 0 President_of_the_United_States 0 000 | an office',
    '11000006 18 n 01 Mr_Smith 0 000 | name-shaped words only',
    '08500001 15 n 01 Los_Angeles 0 000 | a city',
  ].join('\n');
  assert.deepEqual(namePairs(dataNoun, [PERSON_LEX_FILE]), ['abraham lincoln', 'mr smith', 'united states']);
  assert.deepEqual(personNouns(dataNoun), ['president']);
});

test("WordNet's multi-word place and time names as phrases, for the n-gram's corpus", async () => {
  const { placeAndTimeNamePhrases } = await import('../../scripts/wordnet_names.mjs');
  const dataNoun = [
    "15206888 28 n 02 New_Year's_Eve 0 December_31 0 000 | a date",
    '08500001 15 n 03 Las_Vegas 0 Vegas 0 city_of_Las_Vegas 0 000 | a city: one-word and lower-case lemmas are none',
    '11000004 18 n 01 John_Smith 0 000 | a person',
  ].join('\n');
  assert.deepEqual(placeAndTimeNamePhrases(dataNoun), ['Las Vegas', "New Year's Eve"]);
});
