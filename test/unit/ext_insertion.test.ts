// The insertion rule (issue 17 §1, issue 11 §5): where a predicted word may be inserted without
// gluing it to the text after the cursor. Golden cases: `|` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextStart, contextWindow } from '../../src/extension/edit_range';
import { endsInCredentialCell } from '../../src/engine/secret_tables';
import { insertionAt, isInsideWord, startsWithClosingPunctuation } from '../../src/extension/insertion';

function at(marked: string): ReturnType<typeof insertionAt> {
  const column = marked.indexOf('|');
  assert.ok(column >= 0, `no cursor in ${marked}`);
  return insertionAt(marked.slice(0, column) + marked.slice(column + 1), column);
}

const CASES: Array<[string, true | 'inside-word' | 'glued' | 'markup']> = [
  // Clean: whitespace, end of line, closing punctuation.
  ['I hope to see you |', true],
  ['I hope to |see you', 'inside-word'],
  ['I hope to | you', true],
  ['I hope to\t|\tyou', true],
  ['call the |', true],
  ['call the |.', true],
  ['call the |, then', true],
  ['(see the |)', true],
  ['[see the |]', true],
  ['{the |}', true],
  ['is it the |?', true],
  ['what a |!', true],
  ['ratio |: 3', true],
  ['and so |…', true],
  ['she said "the |"', true],
  ['she said “the |”', true],
  ['she said ‘the |’', true],
  ["she said 'the |'", true],
  ['a **bold |**', true],
  ['an *em |* here', true],
  ['some `code |`', true],
  ['«le |»', true],
  // Inside a word, apostrophes included (issue 11: `I don|'t know` gave `don't't`).
  ["I don|'t know", 'inside-word'],
  ['I don|’t know', 'inside-word'],
  ["my cousins|' house", 'inside-word'],
  ['rob|ot', 'inside-word'],
  ['|robot', 'inside-word'],
  ['version |2', 'inside-word'],
  ['naïve |é', 'inside-word'],
  ['日本|語', 'inside-word'],
  // Glued: opening brackets, quotes and markup after the cursor.
  ['call the |[docs]', 'glued'],
  ['a function|(x)', 'glued'],
  ['call |(maybe)', 'glued'],
  ['the |"quoted" word', 'glued'],
  ["say |'hello'", 'glued'],
  ['say |“hello”', 'glued'],
  ['an |*em* here', 'glued'],
  ['see |#12', 'glued'],
  ['mail |@sam', 'glued'],
  ['and|/or', 'glued'],
  ['well|-known', 'glued'],
  ['a |<b>', 'glued'],
  ['tea |🍵', 'glued'],
  // Line-start markup: structure, not prose.
  ['|## Plans', 'markup'],
  ['|# Title', 'markup'],
  ['|#', 'markup'],
  ['  |- item', 'markup'],
  ['|* item', 'markup'],
  ['|+ item', 'markup'],
  ['|> quoted', 'markup'],
  ['|1. first', 'inside-word'],
  ['|```ts', 'markup'],
  ['|~~~', 'markup'],
  ['|| a | b |', 'markup'],
  // Not at the line start, the same characters are judged as followers.
  ['Plans |## x', 'glued'],
  ['|', true],
  ['   |', true],
];

test('insertion rule: golden cases', () => {
  for (const [marked, expected] of CASES) {
    const verdict = at(marked);
    if (expected === true) assert.deepEqual(verdict, { ok: true }, marked);
    else assert.deepEqual(verdict, { ok: false, reason: expected }, marked);
  }
});

test('insertion rule: every prefix of an accepted phrase stays clean (Ctrl+Right word by word)', () => {
  for (const marked of ['call the |.', 'call the |', '(the |)', 'said "the |"']) {
    const column = marked.indexOf('|');
    const line = marked.replace('|', '');
    const phrase = 'first of all';
    for (let n = 1; n <= phrase.length; n++) {
      const inserted = line.slice(0, column) + phrase.slice(0, n) + line.slice(column);
      const after = inserted.slice(column + n);
      assert.ok(after === '' || /^\s/.test(after) || startsWithClosingPunctuation(after), `${marked} + ${phrase.slice(0, n)}`);
    }
  }
});

test('insertion rule: inside a word needs a word character on the left for an apostrophe', () => {
  assert.equal(isInsideWord('I don', "'t"), true);
  assert.equal(isInsideWord('I ', "'t"), false);
  assert.equal(isInsideWord('', "'"), false);
  assert.equal(isInsideWord('tea 🍵', "'s"), false);
  assert.equal(isInsideWord('x', ''), false);
});

test('context window: at most maxChars, never starting on the second half of a surrogate pair (issue 11 §7)', () => {
  const doc = 'ab😀cdef';
  const read = (s: number, e: number): string => doc.slice(s, e);
  // 5 characters before the end would start inside 😀 (its low half): the window starts after it.
  assert.deepEqual(contextWindow(doc.length, read, 5), { text: 'cdef', start: 4 });
  assert.deepEqual(contextWindow(doc.length, read, 6), { text: '😀cdef', start: 2 });
  assert.deepEqual(contextWindow(3, read, 100), { text: 'ab\ud83d', start: 0 });
  assert.deepEqual(contextWindow(0, read, 5), { text: '', start: 0 });
});

test('context window: a start inside a table moves back to the table\'s header, so the engine knows the password column', () => {
  const rows = Array.from({ length: 3_000 }, (_, i) => `site${i}.example,user${i},pw${i}`).join('\n');
  const doc = `Exported today.\n\nurl,username,password\n${rows}\nbank.example,ann,`;
  const read = (s: number, e: number): string => doc.slice(s, e);
  const window = contextWindow(doc.length, read);
  assert.ok(doc.length > 32_000 * 2, 'the export is longer than the context');
  assert.equal(window.start, doc.indexOf('url,username'));
  assert.ok(endsInCredentialCell(window.text));
  // Prose keeps its steady start: no table holds it.
  const prose = 'We walked to the market and back again. '.repeat(2_000);
  assert.equal(contextWindow(prose.length, (s, e) => prose.slice(s, e)).start, contextStart(prose.length));
});
