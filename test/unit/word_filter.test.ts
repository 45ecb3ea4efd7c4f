// The offensive-word filter (src/engine/word_filter.ts): blocked words, ordinary words that look like
// them, and the "typed all of its letters" exception, in both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { bestAllowed, cleanPhrase, EXTRA_ORDINARY_WORDS, isOffensive, mayOffer } from '../../src/engine/word_filter';
import { repoRoot } from '../../src/eval/paths';

// Profanities and slurs, with inflections and compounds the list derives from its root words.
const BLOCKED = ['fuck', 'Fucking', 'FUCKED', 'motherfucker', 'shit', 'shitty', 'bullshit', 'cunt', 'bitch', 'asshole', 'dickhead', 'nigger', 'nigga', 'faggot', 'fag', 'kike', 'chink', 'tranny', 'retard', 'slut', 'whore', 'wank', 'twat', 'bollocks', 'piss', 'pussy', 'cock', 'dick'];

// Ordinary words (and names) with the same letters inside: the Scunthorpe problem.
const ORDINARY = [
  'Scunthorpe', 'assess', 'assessment', 'class', 'classic', 'passage', 'assume', 'bassist', 'cocktail', 'cockatoo', 'peacock', 'Hancock',
  'shitake', 'Dickens', 'document', 'cumulative', 'analysis', 'therapist', 'title', 'Titanic', 'grape', 'skyscraper', 'constitution',
  'arsenal', 'Sussex', 'Essex', 'Middlesex', 'button', 'snigger', 'Montenegro', 'rapper', 'cuckoo', 'hello', 'the', 'Uranus',
  ...EXTRA_ORDINARY_WORDS,
];

test('word filter: profanities and slurs are offensive, whatever the case', () => {
  const missed = BLOCKED.filter((w) => !isOffensive(w));
  assert.deepEqual(missed, []);
});

test('word filter: ordinary words with similar spelling are not blocked', () => {
  const blocked = ORDINARY.filter((w) => isOffensive(w));
  assert.deepEqual(blocked, []);
});

test('word filter: each project addition is needed (the package alone blocks it)', () => {
  // When this fails, the package's own whitelist has learned the word: drop it from EXTRA_ORDINARY_WORDS.
  const packageOnly = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  assert.deepEqual(EXTRA_ORDINARY_WORDS.filter((w) => !packageOnly.hasMatch(w)), []);
});

test('word filter: an offensive word is offered only when all of its letters were typed', () => {
  assert.equal(mayOffer('fuck', ''), false, 'next word');
  assert.equal(mayOffer('fuck', 'fu'), false);
  assert.equal(mayOffer('fuck', 'fuc'), false);
  assert.equal(mayOffer('fuck', 'fuck'), true);
  assert.equal(mayOffer('Fuck', 'fuck'), true, 'case does not matter');
  assert.equal(mayOffer('fucking', 'fuck'), false, 'a longer word was not typed');
  assert.equal(mayOffer("shit's", 'shit\u2019s'), true, 'curly and straight apostrophes are one letter');
  assert.equal(mayOffer('cocktail', 'cock'), true, 'an ordinary word is always offered');
  assert.equal(mayOffer('class', ''), true);
});

test('word filter: a phrase stops before an offensive word', () => {
  assert.equal(cleanPhrase('Robot is here', 'Rob'), 'Robot is here');
  assert.equal(cleanPhrase(' the shit hit', ''), ' the');
  assert.equal(cleanPhrase(' fucking great', ''), '');
  assert.equal(cleanPhrase('shit happens', 'shit'), 'shit happens', 'the typed word itself stays');
  assert.equal(cleanPhrase('shitty day', 'shit'), '');
  assert.equal(cleanPhrase(' a mother-fucker', ''), ' a');
  assert.equal(cleanPhrase(' a cocktail in Scunthorpe', ''), ' a cocktail in Scunthorpe');
});

test('word filter: the k most probable allowed candidates, best first, as filtering everything then taking k would give', () => {
  const items = [
    { word: 'cocktail', probability: 0.1 },
    { word: 'shit', probability: 0.5 },
    { word: 'class', probability: 0.3 },
    { word: 'fucking', probability: 0.4 },
    { word: 'assess', probability: 0.05 },
  ];
  assert.deepEqual(bestAllowed(items, 2, '').map((i) => i.word), ['class', 'cocktail']);
  assert.deepEqual(bestAllowed(items, 9, '').map((i) => i.word), ['class', 'cocktail', 'assess']);
  assert.deepEqual(bestAllowed(items, 2, 'shit').map((i) => i.word), ['shit', 'class'], 'typed in full');
  assert.deepEqual(bestAllowed(items, 0, ''), []);
});

// In the engine: the filter sits where the candidates of every source meet (model, n-gram, document
// cache, personal dictionary) and on the phrase; the option turns it off.
test('word filter in the engine: a cached profanity is not offered from its first letters, unless the option is off', async () => {
  const engine = await Engine.load(join(repoRoot(), 'test', 'fixtures', 'models', 'own'), { threads: 1 });
  try {
    const text = 'The shitstorm came. What a shitstorm it was, a real shitstorm. Then another shitst';
    const words = async (docId: string, filterOffensiveWords?: boolean): Promise<string[]> =>
      (await engine.predict({ docId, text, textOffset: 0, options: { topK: 5, maxWords: 1, ...(filterOffensiveWords === undefined ? {} : { filterOffensiveWords }) } })).candidates.map((c) => c.word);
    const off = await words('unfiltered', false);
    assert.ok(off.includes('shitstorm'), `without the filter the cache offers it: ${off.join(', ')}`);
    const on = await words('filtered');
    assert.ok(!on.includes('shitstorm'), `the filter lets it through: ${on.join(', ')}`);
    engine.setPersonalWords([{ word: 'fuckwit', count: 5 }]);
    const personal = await engine.predict({ docId: 'p', text: 'You are a fuckw', textOffset: 0, options: { topK: 5, maxWords: 1 } });
    assert.ok(!personal.candidates.some((c) => c.word === 'fuckwit'), 'nor from the personal dictionary');
    assert.ok(!/fuckwit/.test(personal.phrase));
  } finally {
    await engine.dispose();
  }
});
