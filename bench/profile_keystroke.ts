/** Where one keystroke's time goes: prints per-phase timings for typing a sentence (a diagnostic, not a benchmark). */
import { performance } from 'node:perf_hooks';
import { Engine } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { DecoderSession } from '../src/engine/decoder_session';

let stepCalls = 0;
let stepMs = 0;
const originalStep = DecoderSession.prototype.step;
DecoderSession.prototype.step = async function (this: DecoderSession, ...args: Parameters<DecoderSession['step']>) {
  const started = performance.now();
  stepCalls++;
  try {
    return await originalStep.apply(this, args);
  } finally {
    stepMs += performance.now() - started;
  }
};

async function main(): Promise<void> {
  const engine = await Engine.load(process.argv[2] ?? defaultModelDir(), { threads: 2 });
  const text = 'The robot walked into the kitchen and looked at the old wooden table. It was covered with papers, notes and a half-finished letter to a friend who lived far away. ';
  const times: number[] = [];
  const fed: number[] = [];
  for (let i = 40; i < text.length; i++) {
    const started = performance.now();
    const p = await engine.predict({ docId: 'p', text: text.slice(0, i), textOffset: 0, options: { topK: 3, maxWords: 3 } });
    times.push(performance.now() - started);
    fed.push(p.tokensFed);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`model calls per keystroke ${(stepCalls / times.length).toFixed(2)}, ${(stepMs / times.length).toFixed(2)} ms of each keystroke inside ONNX Runtime\n`);
  process.stdout.write(`keystrokes ${times.length} p50 ${times[times.length >> 1].toFixed(2)} ms p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms max ${times[times.length - 1].toFixed(2)} ms\n`);
  await engine.dispose();
}
void main();
