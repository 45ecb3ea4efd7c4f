// The personal dictionary's safety rules: what may be stored, and what never is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropyBits, isLearnableWord, isSecretKey, isSensitiveToken, looksSecret } from '../../src/extension/learning/secrets';

test('learning: ordinary words, names, contractions and accents are learnable', () => {
  for (const w of ['Zorblaxian', 'the', 'Sam', 'NASA', "don't", 'robot’s', 'café', 'Überraschung', 'internationalization', 'uncharacteristically', 'mp3', '2nd', 'JavaScript']) {
    assert.ok(isLearnableWord(w), w);
  }
});

test('learning: too short, too long, numbers and non-words are refused', () => {
  for (const w of ['a', 'x'.repeat(41), '12345', '3.14', '42', 'foo_bar', '', "'tis", 'a-b']) {
    assert.ok(!isLearnableWord(w), w);
  }
});

test('learning: secret-looking words are refused', () => {
  const secrets = [
    'deadbeefdeadbeef', // hex, 16
    '3f2a9c1be47d08aa91', // hex with digits
    'AKIAIOSFODNN7EXAMPLE', // AWS key id: long, letters + digits
    'ghp1aB2cD3eF4gH5iJ6kL', // long mixed
    'hunter2024', // three or more digits
    'QwErTyUiOpAsDfGh', // case-mixed noise
    'xkqzvbwmjtnplrhd', // 16 distinct random letters
  ];
  for (const w of secrets) assert.ok(looksSecret(w) && !isLearnableWord(w), w);
  assert.ok(entropyBits('internationalization') < 3.9);
  assert.ok(entropyBits('xkqzvbwmjtnplrhd') >= 3.9);
});

test('learning: tokens that are addresses, URLs, key/value pairs or base64 are sensitive as a whole', () => {
  for (const t of ['sam@localhost', 'sam@example.com', '<sam@example.com>,', 'https://example.com/a', 'www.example.org', 'example.com', 'password=hunter', 'user:secret', 'a/b/c', 'C:\\Users', 'dGhpcyBpcyBhIHNlY3JldCB0b2tlbg==', 'dGhpcyBpcyBhIHNlY3JldDEy', 'v1.2.3']) {
    assert.ok(isSensitiveToken(t), t);
  }
  for (const t of ['Hello,', '(robot)', 'Note:', '"quoted"', 'end.', 'state-of-the-art', 'wait…']) assert.ok(!isSensitiveToken(t), t);
});

test('learning: a token after a secret key name is a secret', () => {
  for (const t of ['password:', 'Password=', 'API_KEY=', 'token:', '"secret":', 'pin:']) assert.ok(isSecretKey(t), t);
  for (const t of ['Note:', 'follows:', 'password', 'x=']) assert.ok(!isSecretKey(t), t);
});
