// Comment detection in code files (src/extension/comments.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentAtEnd, withoutGutter } from '../../src/extension/comments';
import { splitAtCursor } from '../../src/engine/cursor_context';

test('comments: line comments outside strings', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  assert.deepEqual(at('typescript', 'let x = 1; // the quick'), { start: 14 });
  assert.equal(at('typescript', 'const u = "http://exa'), undefined);
  assert.equal(at('typescript', 'const u = "http://x"; f('), undefined);
  assert.deepEqual(at('typescript', 'const u = "a//b"; // note'), { start: 21 });
  assert.deepEqual(at('python', 'x = 1  # compute the'), { start: 9 });
  assert.equal(at('shellscript', 'echo $#'), undefined);
  assert.equal(at('python', 'x = "#notacomment'), undefined);
  assert.deepEqual(at('sql', 'select 1 -- why'), { start: 12 });
  // The comment's text starts after the opener's repeats and spaces: `// |` is the start of a text (a capital next).
  for (const text of ['// ', '/// ', '//! ', '#  ', '## ', '\t// ']) assert.deepEqual(at(text.includes('#') ? 'python' : 'rust', text), { start: text.length }, JSON.stringify(text));
  assert.deepEqual(at('python', 'x = 1  #'), { start: 8 });
  assert.equal(at('unknown-language', '// x'), undefined);
});

test('comments: block comments', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  const t = 'int x;\n/* This function\n * computes the';
  assert.deepEqual(at('c', t), { start: t.indexOf('/*') + 3 });
  assert.deepEqual(at('typescript', '/** '), { start: 4 });
  assert.deepEqual(at('typescript', 'f();\n/*! Licence: '), { start: 9 });
  assert.equal(at('c', '/* done */ int y = '), undefined);
  assert.deepEqual(at('html', '<p>x</p><!-- note to'), { start: 13 });
  assert.equal(at('c', 'char *s = "/*"; int'), undefined);
});

test('comments: a block comment\'s * gutter reads as wrapped prose, not as bullets', () => {
  const text = 'Returns the\n * value of the\n * ';
  const blanked = withoutGutter(text);
  assert.equal(blanked, 'Returns the\n   value of the\n   ');
  assert.equal(blanked.length, text.length);
  assert.equal(splitAtCursor(text).lineStart, true, 'read as a bullet without blanking');
  assert.equal(splitAtCursor(blanked).lineStart, false);
  assert.equal(withoutGutter('Ends here\n */'), 'Ends here\n */', 'the closer stays');
  assert.equal(withoutGutter('one line * not a gutter'), 'one line * not a gutter');
});
