/**
 * One run of an engine A/B (bench/tools/ab_keystroke.sh): the whole keystroke of this tree's engine,
 * measured by bench/keystroke_breakdown.ts's measureBreakdown at 256 tokens with preparation between
 * keystrokes (the product path), on the latency text of the working directory (the script's repository root). Prints one JSON line (milliseconds).
 * Env: AB_MODEL (model directory, required: both arms read the same model), AB_KEYSTROKES (300),
 * AB_THREADS (ONNX Runtime threads, 1), AB_LABEL.
 */
import { Engine } from '../src/engine/engine';
import { measureBreakdown } from './keystroke_breakdown';
import { benchText } from './latency_measure';

async function main(): Promise<void> {
  const model = process.env.AB_MODEL;
  if (!model) throw new Error('AB_MODEL (a model directory) is required');
  const engine = await Engine.load(model, { threads: Number(process.env.AB_THREADS ?? 1) });
  const r = await measureBreakdown(engine, 256, benchText(process.cwd()), Number(process.env.AB_KEYSTROKES ?? 300), true);
  await engine.dispose();
  process.stdout.write(JSON.stringify({ label: process.env.AB_LABEL ?? '', wholeKeystroke: r.wholeKeystroke, firstWord: r.firstWord, preparedHits: r.preparedHits, firstAfterSpace: r.firstAfterSpace }) + '\n');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
