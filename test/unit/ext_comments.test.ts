// Comment detection in code files (src/extension/comments.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentAtEnd } from '../../src/extension/comments';

test('comments: line comments outside strings', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  assert.deepEqual(at('typescript', 'let x = 1; // the quick'), { start: 13 });
  assert.equal(at('typescript', 'const u = "http://exa'), undefined);
  assert.equal(at('typescript', 'const u = "http://x"; f('), undefined);
  assert.deepEqual(at('typescript', 'const u = "a//b"; // note'), { start: 20 });
  assert.deepEqual(at('python', 'x = 1  # compute the'), { start: 8 });
  assert.equal(at('shellscript', 'echo $#'), undefined);
  assert.equal(at('python', 'x = "#notacomment'), undefined);
  assert.deepEqual(at('sql', 'select 1 -- why'), { start: 11 });
  assert.equal(at('unknown-language', '// x'), undefined);
});

test('comments: block comments', () => {
  const at = (lang: string, text: string) => commentAtEnd(lang, text, text.lastIndexOf('\n') + 1);
  const t = 'int x;\n/* This function\n * computes the';
  assert.deepEqual(at('c', t), { start: t.indexOf('/*') + 2 });
  assert.equal(at('c', '/* done */ int y = '), undefined);
  assert.deepEqual(at('html', '<p>x</p><!-- note to'), { start: 12 });
  assert.equal(at('c', 'char *s = "/*"; int'), undefined);
});
