/**
 * One run of an engine A/B (bench/tools/ab_keystroke.sh): the whole keystroke of this tree's engine,
 * measured by bench/keystroke_breakdown.ts's measureBreakdown at 256 tokens with preparation between
 * keystrokes (the product path), on the latency text of the working directory (the script's repository root). Prints one JSON line (milliseconds).
 * With AB_MODE=js it measures only the JavaScript of each keystroke instead: each keystroke is
 * answered once, so that its model calls are remembered, then again AB_REPEAT times;
 * the per-phase sums (milliseconds per keystroke, means over the repeats) resolve a fraction of a
 * millisecond, which the whole keystroke's p95, dominated by model calls, cannot.
 * Env: AB_MODEL (model directory, required: both arms read the same GPT-2; bench/tools/ab_keystroke.sh may give the base its own n-gram file version), AB_KEYSTROKES (300),
 * AB_THREADS (ONNX Runtime threads, 1), AB_LABEL, AB_MODE (whole | js), AB_REPEAT (10).
 */
import { performance } from 'node:perf_hooks';
import { Engine } from '../src/engine/engine';
import { phaseClock, type Phase } from '../src/engine/phase_clock';
import { DEFAULT_KEYSTROKE_OPTIONS, measureBreakdown } from './keystroke_breakdown';
import { benchText } from './latency_measure';

async function javascriptOnly(engine: Engine, text: string, keystrokes: number, repeat: number): Promise<Record<string, number>> {
  // Where typing starts, as measureBreakdown computes it; written out here rather than shared,
  // because the harness copies this file into older trees, which have only what they had then.
  const ids = engine.vocabulary.encode(text);
  const start = engine.vocabulary.decode(ids.slice(0, Math.round(256 * 1.2))).length;
  const texts = Array.from({ length: keystrokes }, (_, k) => text.slice(0, start + k + 1));
  const ask = (upTo: string) => engine.predict({ docId: 'ab-js', text: upTo, textOffset: 0, options: { ...DEFAULT_KEYSTROKE_OPTIONS, contextTokens: 256 } });
  const sums = new Map<Phase | 'total', number>();
  for (const upTo of texts) {
    phaseClock.enabled = false;
    await ask(upTo);
    phaseClock.enabled = true;
    for (let r = 0; r < repeat; r++) {
      phaseClock.reset();
      const began = performance.now();
      await ask(upTo);
      sums.set('total', (sums.get('total') ?? 0) + performance.now() - began);
      for (const [phase, ms] of phaseClock.totals) sums.set(phase, (sums.get(phase) ?? 0) + ms);
    }
  }
  phaseClock.enabled = false;
  return Object.fromEntries([...sums].map(([phase, ms]) => [phase, Math.round((ms / (repeat * keystrokes)) * 1e4) / 1e4]));
}

async function main(): Promise<void> {
  const model = process.env.AB_MODEL;
  if (!model) throw new Error('AB_MODEL (a model directory) is required');
  const engine = await Engine.load(model, { threads: Number(process.env.AB_THREADS ?? 1) });
  const keystrokes = Number(process.env.AB_KEYSTROKES ?? 300);
  const text = benchText(process.cwd());
  let line: Record<string, unknown>;
  if (process.env.AB_MODE === 'js') {
    const javascriptPerKeystroke = await javascriptOnly(engine, text, keystrokes, Number(process.env.AB_REPEAT ?? 10));
    // The live heap after a full collection (node --expose-gc): what every major GC marks again.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    line = { label: process.env.AB_LABEL ?? '', javascriptPerKeystroke, liveHeapMiB: gc ? Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 100) / 100 : undefined };
  } else {
    const r = await measureBreakdown(engine, 256, text, keystrokes, true);
    line = { label: process.env.AB_LABEL ?? '', wholeKeystroke: r.wholeKeystroke, firstWord: r.firstWord, preparedHits: r.preparedHits, firstAfterSpace: r.firstAfterSpace };
  }
  await engine.dispose();
  process.stdout.write(JSON.stringify(line) + '\n');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
