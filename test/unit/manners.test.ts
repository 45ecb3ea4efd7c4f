// Phone-keyboard manners, pure parts (issue 15): automatic space, space swap, revert on Backspace
// (src/extension/acceptance.ts), snooze, off states, trigger and delay (src/extension/quiet.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AcceptanceMemory, acceptanceEnd, needsAutoSpace, stillHolds, swapsAutoSpace, type Acceptance } from '../../src/extension/acceptance';
import { predictedIn } from '../../src/extension/language_mode';
import { isSnoozed, silenceFor, snoozeEndText, snoozeLeftMs, startSnooze, toggled, triggerWait, waitUnlessCancelled } from '../../src/extension/quiet';
import { clampSettings, DEFAULTS } from '../../src/extension/settings';

test('auto-space: after a word at the end of a line or before a word, not before a space or closing punctuation', () => {
  assert.equal(needsAutoSpace('robot', undefined), true, 'end of line');
  assert.equal(needsAutoSpace('robot', 'x'), true);
  assert.equal(needsAutoSpace('robot', '('), true, 'an opening bracket is not closing');
  for (const ch of [' ', '\t', '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', "'", '\u201d', '\u2019', '\u00bb', '\u2026']) {
    assert.equal(needsAutoSpace('robot', ch), false, JSON.stringify(ch));
  }
  assert.equal(needsAutoSpace('robot ', undefined), false, 'already ends in a space');
  assert.equal(needsAutoSpace('', undefined), false, 'nothing inserted');
});

test('space swap: closing punctuation and a typed space swap', () => {
  // A space typed right after the automatic one takes its place: one space, not two ("much  for").
  for (const ch of ['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\u201d', '\u2019', ' ']) assert.equal(swapsAutoSpace(ch), true, JSON.stringify(ch));
  for (const ch of ['a', '(', '-', '..', '\n', '\t', '  ']) assert.equal(swapsAutoSpace(ch), false, JSON.stringify(ch));
});

// "I met the rob|" + Tab -> "I met the robot |" (version 5).
const accepted: Acceptance = { uri: 'file:///a.md', version: 5, start: 10, typed: 'rob', inserted: 'robot', autoSpace: true };
const END = 10 + 'robot'.length + 1;

function memoryWith(a: Acceptance): { m: AcceptanceMemory; events: boolean[] } {
  const events: boolean[] = [];
  const m = new AcceptanceMemory((on) => events.push(on));
  m.record(a);
  return { m, events };
}

test('revert: the first Backspace right after an acceptance restores exactly the typed part, without the space', () => {
  const { m, events } = memoryWith(accepted);
  assert.equal(acceptanceEnd(accepted), END);
  assert.deepEqual(m.revert('file:///a.md', 5, END), { start: 10, end: END, text: 'rob', cursor: 13, guard: { start: 10, text: 'robot ' } });
  assert.deepEqual(events, [true, false]);
  assert.equal(m.revert('file:///a.md', 5, END), undefined, 'only once');
});

test('revert: a next-word acceptance reverts to nothing', () => {
  const { m } = memoryWith({ ...accepted, typed: '', inserted: ' robot', autoSpace: false });
  assert.deepEqual(m.revert('file:///a.md', 5, 16), { start: 10, end: 16, text: '', cursor: 10, guard: { start: 10, text: ' robot' } });
});

test('revert: any other key in between ends the chance', () => {
  const typed = memoryWith(accepted);
  typed.m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: 'x' }]);
  assert.equal(typed.m.revert('file:///a.md', 6, END + 1), undefined, 'a typed letter');
  const moved = memoryWith(accepted);
  moved.m.cursorMoved('file:///a.md', END - 1, false);
  assert.equal(moved.m.revert('file:///a.md', 5, END - 1), undefined, 'an arrow key');
  const selected = memoryWith(accepted);
  selected.m.cursorMoved('file:///a.md', END, true);
  assert.equal(selected.m.current, undefined, 'a selection');
  const other = memoryWith(accepted);
  other.m.cursorMoved('file:///b.md', 3, false);
  assert.equal(other.m.current, undefined, 'another editor');
});

test('revert: the acceptance\'s own edits and a cursor that stays do not end the chance', () => {
  const { m } = memoryWith(accepted);
  m.documentChanged('file:///a.md', 5, [{ rangeOffset: 15, rangeLength: 0, text: ' ' }]);
  m.documentChanged('file:///b.md', 9, [{ rangeOffset: 0, rangeLength: 0, text: 'x' }]);
  m.cursorMoved('file:///a.md', END, false);
  assert.ok(m.revert('file:///a.md', 5, END));
});

test('revert: a stale version or another cursor position does nothing', () => {
  assert.equal(memoryWith(accepted).m.revert('file:///a.md', 7, END), undefined);
  assert.equal(memoryWith(accepted).m.revert('file:///a.md', 5, END - 1), undefined);
  assert.equal(memoryWith(accepted).m.revert('file:///b.md', 5, END), undefined);
});

test('space swap: "." right after the automatic space removes that space', () => {
  const { m } = memoryWith(accepted);
  const edit = m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: '.' }]);
  assert.deepEqual(edit, { start: END - 1, end: END, text: '', cursor: END, guard: { start: END - 1, text: ' .' } });
  assert.equal(m.current, undefined, 'and the revert chance is over');
  const space = memoryWith(accepted).m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: ' ' }]);
  assert.deepEqual(space, { start: END - 1, end: END, text: '', cursor: END, guard: { start: END - 1, text: '  ' } }, 'a typed space: one space stays');
});

test('space swap: the edit is retried after keys typed meanwhile only while its text still holds', () => {
  // "I met the robot |" then "." and, before the editor applied the swap, " T": the space and the
  // full stop are where they were, so the swap still applies; if the "." was deleted, it does not.
  const edit = memoryWith(accepted).m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: '.' }]);
  assert.ok(edit);
  const reader = (text: string) => (start: number, length: number): string => text.slice(start, start + length);
  assert.equal(stillHolds(edit, reader('I met the robot . T')), true);
  assert.equal(stillHolds(edit, reader('I met the robot .')), true);
  assert.equal(stillHolds(edit, reader('I met the robot ')), false, 'the full stop deleted');
  assert.equal(stillHolds(edit, reader('I met the robot.')), false, 'already swapped');
});

test('space swap: never a space the person typed, and not for other keys or later', () => {
  const typedSpace = memoryWith({ ...accepted, autoSpace: false, inserted: 'robot' });
  assert.equal(typedSpace.m.documentChanged('file:///a.md', 6, [{ rangeOffset: 15, rangeLength: 0, text: '.' }]), undefined);
  const letter = memoryWith(accepted);
  assert.equal(letter.m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: 'a' }]), undefined);
  const elsewhere = memoryWith(accepted);
  assert.equal(elsewhere.m.documentChanged('file:///a.md', 6, [{ rangeOffset: 2, rangeLength: 0, text: '.' }]), undefined);
  const pasted = memoryWith(accepted);
  assert.equal(pasted.m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: '. And' }]), undefined);
  const second = memoryWith(accepted);
  second.m.documentChanged('file:///a.md', 6, [{ rangeOffset: END, rangeLength: 0, text: 'x' }]);
  assert.equal(second.m.documentChanged('file:///a.md', 7, [{ rangeOffset: END + 1, rangeLength: 0, text: '.' }]), undefined);
});

test('snooze: 15 minutes, 1 hour, until restart; ends on time', () => {
  const now = Date.UTC(2026, 0, 1, 14, 20, 0);
  const s15 = startSnooze('15m', now);
  assert.equal(isSnoozed(s15, now + 14 * 60_000), true);
  assert.equal(isSnoozed(s15, now + 15 * 60_000), false);
  assert.equal(snoozeLeftMs(s15, now), 15 * 60_000);
  assert.equal(snoozeLeftMs(s15, now + 16 * 60_000), undefined);
  assert.equal(snoozeEndText(s15, now, 'UTC'), 'until 14:35');
  assert.equal(snoozeEndText(startSnooze('1h', now), now, 'UTC'), 'until 15:20');
  const short = startSnooze('15m', now, 4000);
  assert.equal(snoozeEndText(short, now, 'UTC'), 'until 14:20:04', 'seconds when it ends soon');
  const restart = startSnooze('restart', now);
  assert.equal(isSnoozed(restart, now + 1e9), true);
  assert.equal(snoozeLeftMs(restart, now), undefined);
  assert.equal(snoozeEndText(restart, now), 'until restart');
  assert.equal(isSnoozed(undefined, now), false);
});

test('silence: off beats snoozed beats language beats file', () => {
  const q = { enabled: true, snooze: undefined, disabledLanguages: ['markdown'], disabledFiles: ['file:///n.txt'] };
  assert.equal(silenceFor(q, 'plaintext', 'file:///a.txt', 0), undefined);
  assert.equal(silenceFor(q, 'markdown', 'file:///a.md', 0), 'language');
  assert.equal(silenceFor(q, 'plaintext', 'file:///n.txt', 0), 'file');
  assert.equal(silenceFor({ ...q, snooze: { until: 10 } }, 'markdown', undefined, 5), 'snoozed');
  assert.equal(silenceFor({ ...q, snooze: { until: 10 } }, 'plaintext', undefined, 10), undefined, 'snooze over');
  assert.equal(silenceFor({ ...q, enabled: false, snooze: { until: 10 } }, 'markdown', undefined, 5), 'off');
  assert.deepEqual(toggled(['a', 'b'], 'a', false), ['b']);
  assert.deepEqual(toggled(['b'], 'a', true), ['b', 'a']);
  assert.deepEqual(toggled(['a'], 'a', true), ['a']);
});

test('trigger: manual skips typing requests; the delay applies only to typing', () => {
  assert.equal(triggerWait('automatic', false, 0), 0);
  assert.equal(triggerWait('automatic', false, 300), 300);
  assert.equal(triggerWait('automatic', true, 300), 0);
  assert.equal(triggerWait('manual', false, 0), 'skip');
  assert.equal(triggerWait('manual', true, 300), 0);
});

test('trigger delay: waits, or gives up as soon as the next keystroke cancels', async () => {
  let cb: (() => void) | undefined;
  let disposed = 0;
  const token = { isCancellationRequested: false, onCancellationRequested: (f: () => void) => ((cb = f), { dispose: () => disposed++ }) };
  const t0 = Date.now();
  assert.equal(await waitUnlessCancelled(60, token), true);
  assert.ok(Date.now() - t0 >= 55);
  assert.equal(disposed, 1, 'the listener is removed');
  const pending = waitUnlessCancelled(10_000, token);
  cb?.();
  assert.equal(await pending, false);
  assert.equal(await waitUnlessCancelled(50, { isCancellationRequested: true }), false);
  assert.equal(await waitUnlessCancelled(0, undefined), true);
});

test('settings: the manners settings are read, checked and clamped', () => {
  const { settings, warnings } = clampSettings({ autoSpace: false, filterOffensiveWords: false, trigger: 'manual', triggerDelayMs: 5000, disabledLanguages: [' markdown ', ''] });
  assert.equal(settings.autoSpace, false);
  assert.equal(settings.filterOffensiveWords, false);
  assert.equal(settings.trigger, 'manual');
  assert.equal(settings.triggerDelayMs, 2000);
  assert.deepEqual(settings.disabledLanguages, ['markdown']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /triggerDelayMs: 5000 is out of range/);
  const bad = clampSettings({ trigger: 'sometimes', disabledLanguages: 'markdown' });
  assert.equal(bad.settings.trigger, 'automatic');
  assert.deepEqual(bad.settings.disabledLanguages, []);
  assert.equal(bad.warnings.length, 2);
  assert.deepEqual([DEFAULTS.autoSpace, DEFAULTS.filterOffensiveWords, DEFAULTS.trigger, DEFAULTS.triggerDelayMs], [true, true, 'automatic', 0]);
});

test('off for a language: predictedIn says no for a language in disabledLanguages, prose or comments', () => {
  const s = { ...DEFAULTS, commentsEnabled: true, disabledLanguages: ['markdown', 'python'] };
  assert.equal(predictedIn({ languageId: 'markdown' }, s), undefined);
  assert.equal(predictedIn({ languageId: 'python' }, s), undefined);
  assert.equal(predictedIn({ languageId: 'plaintext' }, s), 'prose');
  assert.equal(predictedIn({ languageId: 'javascript' }, s), 'comments');
});
