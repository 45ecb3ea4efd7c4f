/** Diagnostic: the cost of one ONNX decode step and of the JavaScript around it, on this machine now. */
import { performance } from 'node:perf_hooks';
import { Engine } from '../src/engine/engine';
import { defaultModelDir } from '../src/engine/model_location';
import { distributionOf, topTokens } from '../src/engine/sampling';

async function main(): Promise<void> {
  const engine = await Engine.load(process.argv[2] ?? defaultModelDir(), { threads: Number(process.argv[3] ?? 2) });
  const text = 'The robot walked into the kitchen and looked at the old wooden table. It was covered with papers, notes and a half-finished letter to a friend who lived far away. '.repeat(3);
  const { entry } = await engine.contextLogits('s', text, 200);
  const time = async (label: string, fn: () => Promise<unknown> | unknown, n = 40): Promise<void> => {
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await fn();
      t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    process.stdout.write(`${label.padEnd(36)} p50 ${t[n >> 1].toFixed(3)} ms  min ${t[0].toFixed(3)} ms\n`);
  };
  const ids = entry.ids;
  process.stdout.write(`context ${ids.length} tokens\n`);
  await time('contextLogits, 1 new token', async () => {
    engine.forget('t');
    await engine.contextLogits('t', text, 200);
  }, 5);
  let flip = 0;
  await time('one-token step on the cached context', () => engine.contextLogits('s', text + (flip++ % 2 ? ' the' : ' a'), 200));
  const session = (engine as unknown as { session: import('../src/engine/decoder_session').DecoderSession }).session;
  const rows = [[262], [257], [1110], [318], [284], [340]];
  await time('6 one-token steps, one after another', async () => {
    for (const row of rows) await session.step(row, entry.past);
  }, 10);
  await time('6 one-token rows in one batched step', () => session.stepBatch(rows, entry.past), 10);
  await time('logitsWithoutCache (full recompute)', () => engine.logitsWithoutCache(ids), 10);
  let k = 0;
  await time('normalizer (fresh logits)', () => distributionOf(entry.lastLogits.slice(), 1 + (k++ % 7)));
  await time('topTokens over 50257', () => topTokens(entry.lastLogits, 8, () => true));
  await engine.dispose();
}
void main();
