import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChartSvg } from '../../src/eval/chart_svg';
import { cleanForText2ngram, fnv1a, isHeldOut } from '../../src/eval/corpus';
import { checkGoal } from '../../src/eval/goal';
import type { EvalFigures } from '../../src/eval/figures';
import { presageConfigXml } from '../../src/eval/presage_config';
import { contextTail } from '../../src/eval/presage_source';
import { percentile } from '../../src/eval/stats';
import { resultsTable } from '../../src/eval/summary_md';

function figures(engine: string, ksr1: number, ksr3: number, p95: number): EvalFigures {
  const run = (suggestions: number, ksr: number) => ({ suggestions, ksr, keystrokesNeeded: 100, keystrokesSpent: 100 - ksr * 100, predictions: 1, hitsBeforeTyping: 0, hitsWhileTyping: 0, neverOffered: 0 });
  const accuracy = { nextWordTop1: 0.2, nextWordTop3: 0.35, completionAfter1Top1: 0.3, completionAfter1Top3: 0.5, completionAfter2Top1: 0.4, completionAfter2Top3: 0.6, wordStarts: 10, wordsAfter1: 9, wordsAfter2: 8 };
  const c = { runs: [run(1, ksr1), run(3, ksr3)], accuracy };
  return { engine, words: 10, predictions: 40, latencyMs: { p50: p95 / 2, p95, mean: p95 / 2, max: p95 }, caseSensitive: c, caseInsensitive: c };
}

test('the goal needs higher KSR at N=1 and N=3 and p95 within 5x', () => {
  assert.equal(checkGoal(figures('gpt2', 0.3, 0.4, 9), figures('presage-corpus', 0.2, 0.35, 2)).reached, true);
  assert.equal(checkGoal(figures('gpt2', 0.3, 0.34, 9), figures('presage-corpus', 0.2, 0.35, 2)).reached, false, 'loses at N=3');
  const slow = checkGoal(figures('gpt2', 0.3, 0.4, 11), figures('presage-corpus', 0.2, 0.35, 2));
  assert.equal(slow.reached, false, '5.5x slower');
  assert.equal(slow.p95Ratio, 5.5);
});

test('the results table has one row per engine with KSR in percent', () => {
  const table = resultsTable([figures('gpt2', 0.305, 0.4, 9), figures('presage', 0.2, 0.35, 2)], [1, 3]).split('\n');
  assert.equal(table.length, 4);
  assert.match(table[2], /^\| gpt2 \| 30\.5 \| 40\.0 \|/);
  assert.match(table[3], /^\| presage \| 20\.0 \|/);
});

test('the chart draws one bar per engine and value, scaled to the axis', () => {
  const svg = barChartSvg({ title: 'T & t', groups: ['a', 'b'], series: [{ name: 'x', values: [0.5, Number.NaN] }, { name: 'y', values: [0.25, 1] }], max: 1 });
  assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, 3, 'NaN draws no bar');
  assert.match(svg, /T &amp; t/);
  // Plot height 240: 50% is 120 px tall, 100% is 240 px.
  assert.match(svg, /height="120\.0"[^>]*><title>x a: 50\.0%/);
  assert.match(svg, /height="240\.0"[^>]*><title>y b: 100\.0%/);
});

test('the Presage config turns learning off and sets the database and N', () => {
  const xml = presageConfigXml({ database: '/tmp/a&b.db', suggestions: 3 });
  assert.match(xml, /<ONLINE_LEARNING>no<\/ONLINE_LEARNING>/);
  assert.match(xml, /<LEARN>false<\/LEARN>/);
  assert.doesNotMatch(xml, /<LEARN>true/);
  assert.doesNotMatch(xml, /UserSmoothedNgramPredictor/);
  assert.match(xml, /<DBFILENAME>\/tmp\/a&amp;b\.db<\/DBFILENAME>/);
  assert.match(xml, /<SUGGESTIONS>3<\/SUGGESTIONS>/);
});

test('the corpus split uses the same FNV-1a hash as training/tokenize.mjs', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
  assert.equal(isHeldOut('s', 'x', 0), false);
  assert.equal(isHeldOut('s', 'x', 100), true);
});

test('Presage gets the tail of a long context, cut at a blank', () => {
  const long = 'word '.repeat(1000) + 'last';
  const tail = contextTail(long);
  assert.ok(tail.length <= 2000 && tail.endsWith('last') && tail.startsWith('word'));
  assert.equal(contextTail('short text'), 'short text');
});

test('nearest-rank percentiles', () => {
  const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
  assert.equal(percentile(xs, 50), 5);
  assert.equal(percentile(xs, 95), 10);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('corpus text loses the control characters that abort text2ngram, and keeps lines and tabs', () => {
  assert.equal(cleanForText2ngram('a\u0000b\u007fc\u0008d\n\te\u2019s'), 'a b c d\n\te\u2019s');
});
