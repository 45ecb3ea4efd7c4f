import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateText, acceptedWord, emptyCounts, mergeCounts, type SimulationConfig } from '../../src/eval/simulator';
import { summarize } from '../../src/eval/figures';
import { presagePrefixLength, splitWords } from '../../src/eval/words';
import type { SuggestionSource } from '../../src/eval/source';

/** A predictor scripted by exact context; records every context it was asked about. */
function scripted(script: Record<string, string[]>): SuggestionSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: 'scripted',
    asked,
    suggest: async (_doc, context, count) => {
      asked.push(context);
      const replaces = presagePrefixLength(context);
      return { suggestions: (script[context] ?? []).slice(0, count).map((word) => ({ word, replaces })) };
    },
    endDocument: () => undefined,
    close: async () => undefined,
  };
}

/** Each reading advances 1 ms, so every query measures exactly 1 ms. */
function fakeClock(): () => number {
  let t = 0;
  return () => (t += 1);
}

const config = (over: Partial<SimulationConfig> = {}): SimulationConfig => ({
  suggestionCounts: [1, 3],
  wordMode: 'presage',
  docId: 'doc',
  now: fakeClock(),
  ...over,
});

test('keystroke arithmetic on a hand-computed text', async () => {
  // "the": offered first before typing (1 keystroke).
  // "cat": second before typing, first after "c" -> N=1: 2 keystrokes, N=3: 1.
  // "sat": never offered -> 3 letters + space = 4 keystrokes.
  // The comma and full stop are skipped: they cost nothing and are not needed keystrokes.
  const source = scripted({
    '': ['the'],
    'the ': ['dog', 'cat'],
    'the c': ['cat'],
    'the cat, ': ['on'],
    'the cat, s': ['see'],
    'the cat, sa': ['sad'],
  });
  const counts = await simulateText('the cat, sat.', source, config());
  const [n1, n3] = counts.caseSensitive.runs;
  assert.equal(n1.needed, 12);
  assert.equal(n1.spent, 1 + 2 + 4);
  assert.equal(n3.spent, 1 + 1 + 4);
  assert.equal(n1.neverOffered, 1);
  assert.equal(n1.hitsBeforeTyping, 1);
  assert.equal(n1.hitsWhileTyping, 1);
  // A simulator scoring N=1 alone would ask 1 + 2 + 3 times.
  assert.equal(n1.predictions, 6);
  const f = summarize('scripted', counts);
  assert.equal(f.caseSensitive.runs[0].ksr, Math.round((1 - 7 / 12) * 1e4) / 1e4);
  assert.equal(f.caseSensitive.runs[1].ksr, 0.5);
  // The context is the real text: punctuation kept, the typed prefix included.
  assert.ok(source.asked.includes('the cat, sa'));
  assert.ok(!source.asked.includes('the cat, sat'), 'no query after the last character');
  // Accuracy: word starts the(top1) cat(top3 only) sat(miss).
  assert.equal(f.caseSensitive.accuracy.nextWordTop1, 0.3333);
  assert.equal(f.caseSensitive.accuracy.nextWordTop3, 0.6667);
  // After one character: cat offered first; the (asked "t") and sat (asked "s") not.
  assert.equal(f.caseSensitive.accuracy.completionAfter1Top1, 0.3333);
  assert.equal(f.latencyMs.p50, 1);
  assert.equal(f.predictions, source.asked.length);
});

test('case-insensitive matching credits a lower-case suggestion for a capitalised word', async () => {
  const source = scripted({ '': ['the'], 'T': ['the'] });
  const counts = await simulateText('The', source, config({ suggestionCounts: [1] }));
  assert.equal(counts.caseSensitive.runs[0].spent, 4, 'never offered with the right case: 3 + space');
  assert.equal(counts.caseInsensitive.runs[0].spent, 1);
  assert.equal(counts.caseInsensitive.runs[0].needed, 4);
});

test('a word never offered costs its length plus the space', async () => {
  const counts = await simulateText('  zebra  ', scripted({}), config({ suggestionCounts: [6] }));
  const run = counts.caseSensitive.runs[0];
  assert.deepEqual([run.needed, run.spent, run.neverOffered, run.predictions], [6, 6, 1, 5]);
});

test('--max-words limits the words scored', async () => {
  const counts = await simulateText('one two three four', scripted({}), config({ maxWords: 2 }));
  assert.equal(counts.words, 2);
  assert.equal(counts.caseSensitive.runs[0].needed, 4 + 4);
});

test('presage word mode splits at apostrophes and hyphens; keyboard mode keeps apostrophes', () => {
  assert.deepEqual(splitWords("I don't—well, co-op.", 'presage').map((w) => w.word), ['I', 'don', 't', 'well', 'co', 'op']);
  assert.deepEqual(splitWords("I don't—well, co-op.", 'keyboard').map((w) => w.word), ['I', "don't", 'well', 'co', 'op']);
});

test('an offered word is cut the way the simulator cuts words', () => {
  // The engine offers "don't" after "I do": under Presage's tokenizer the person gets "don".
  assert.equal(acceptedWord('I do', { word: "don't", replaces: 2 }, 2, 'presage'), 'don');
  assert.equal(acceptedWord('I do', { word: "don't", replaces: 2 }, 2, 'keyboard'), "don't");
  // A suggestion that rewrites text before the word start does not count.
  assert.equal(acceptedWord("I don'", { word: 'dont', replaces: 4 }, 6, 'presage'), '');
  assert.equal(acceptedWord("I don'", { word: 't', replaces: 0 }, 6, 'presage'), 't');
});

test('the word trace says how many characters were typed before each word was offered', async () => {
  const traces: { word: string; caseSensitive: (number | null)[]; offeredAtStart: string[] }[] = [];
  const source = scripted({ '': ['the'], 'the ': ['dog', 'cat'], 'the c': ['cat'] });
  await simulateText('the cat sat', source, config({ onWord: (t) => traces.push(t) }));
  assert.deepEqual(
    traces.map((t) => [t.word, ...t.caseSensitive]),
    [
      ['the', 0, 0],
      ['cat', 1, 0],
      ['sat', null, null],
    ],
  );
  assert.deepEqual(traces[1].offeredAtStart, ['dog', 'cat']);
});

test('counts of two texts merged equal the counts of both typed into one tally', async () => {
  const script = { '': ['the'], 'the ': ['cat'], 'c': ['cat'] };
  const both = emptyCounts([1, 3]);
  await simulateText('the cat', scripted(script), config(), both);
  await simulateText('cat sat', scripted(script), config(), both);
  const merged = mergeCounts(await simulateText('the cat', scripted(script), config()), await simulateText('cat sat', scripted(script), config()));
  assert.deepEqual(merged.caseSensitive, both.caseSensitive);
  assert.deepEqual(merged.caseInsensitive, both.caseInsensitive);
  assert.equal(merged.words, 4);
  assert.throws(() => mergeCounts(emptyCounts([1]), emptyCounts([3])));
});
