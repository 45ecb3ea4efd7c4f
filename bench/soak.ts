/**
 * Soak test through the real worker process: 10,000 keystrokes at 10–30 ms intervals over five
 * documents, with edits in the middle, deletions and 50 KB pastes. Writes bench/results/soak.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultModelDir } from '../src/engine/model_location';
import { seededRandom } from '../src/engine/sampling';
import { trailingWord } from '../src/engine/word_chars';
import { percentile, round } from '../src/eval/stats';
import { repoRoot } from '../src/eval/paths';
import { PredictionClient } from '../src/worker/client';

const KEYSTROKES = Number(process.env.SOAK_KEYSTROKES ?? 10_000);
const DOCUMENTS = 5;
const PROSE = 'The robot walked into the kitchen and looked at the old wooden table. It was covered with papers, notes and a half-finished letter to a friend who lived far away. ';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const root = repoRoot();
  let unhandled = 0;
  process.on('unhandledRejection', () => unhandled++);
  const client = new PredictionClient({ workerPath: join(root, 'out', 'worker.js'), modelDir: process.env.SOAK_MODEL ?? defaultModelDir(), threads: Number(process.env.SOAK_THREADS ?? 2) });
  const model = await client.start();
  const random = seededRandom(42);
  const docs = Array.from({ length: DOCUMENTS }, () => ({ text: '', latest: 0 }));
  const options = { topK: 3, temperature: 0, maxWords: 3, contextTokens: 256 };
  let sequence = 0;
  let stale = 0;
  let delivered = 0;
  let errors = 0;
  const burstEndLatency: number[] = [];
  const memory: { keystroke: number; workerRss: number; hostRss: number; cacheBytes: number }[] = [];
  const sample = async (keystroke: number): Promise<void> => {
    const stats = await client.stats();
    memory.push({ keystroke, workerRss: stats.rssBytes, hostRss: process.memoryUsage().rss, cacheBytes: stats.bytes });
  };

  // The worker's memory with the model loaded, before any typing (issue 14: target <= 200 MB).
  await sample(0);
  let keystroke = 0;
  while (keystroke < KEYSTROKES) {
    const doc = Math.floor(random() * DOCUMENTS);
    const state = docs[doc];
    const burst = 5 + Math.floor(random() * 40);
    let last: Promise<void> = Promise.resolve();
    let lastSent = 0;
    for (let i = 0; i < burst && keystroke < KEYSTROKES; i++, keystroke++) {
      const r = random();
      if (r < 0.9) state.text += PROSE[state.text.length % PROSE.length];
      else if (r < 0.95) state.text = state.text.slice(0, Math.max(0, state.text.length - 1 - Math.floor(random() * 20)));
      else if (r < 0.98) {
        const at = Math.floor(random() * state.text.length);
        state.text = state.text.slice(0, at) + ' inserted words ' + state.text.slice(at);
      } else state.text += PROSE.repeat(Math.ceil(50_000 / PROSE.length)).slice(0, 50_000);
      const id = ++sequence;
      state.latest = id;
      const tail = state.text.slice(-32_000);
      const expectedTyped = trailingWord(state.text);
      lastSent = performance.now();
      const sentAt = lastSent;
      last = client.predict({ docId: `doc${doc}`, text: tail, textOffset: state.text.length - tail.length, options }).then(
        (prediction) => {
          if (!prediction) return;
          delivered++;
          // Delivered answers must belong to the newest request and to the text as it is now.
          if (id !== state.latest || prediction.typed !== expectedTyped) stale++;
          if (id === state.latest) burstEndLatency.push(performance.now() - sentAt);
        },
        () => {
          errors++;
        },
      );
      await sleep(10 + random() * 20);
      if ((keystroke + 1) % 1000 === 0) await sample(keystroke + 1);
    }
    await last;
    void lastSent;
    await sleep(50);
  }
  await sample(KEYSTROKES);
  const afterFirst = memory.find((m) => m.keystroke === 1000) ?? memory[memory.length - 1];
  const final = memory[memory.length - 1];
  const report = {
    model: model.name,
    keystrokes: KEYSTROKES,
    documents: DOCUMENTS,
    answersDelivered: delivered,
    staleAnswersDelivered: stale,
    errors,
    unhandledRejections: unhandled,
    burstEndLatencyMs: { p50: round(percentile(burstEndLatency, 50), 2), p95: round(percentile(burstEndLatency, 95), 2), max: round(Math.max(...burstEndLatency), 2), bursts: burstEndLatency.length },
    workerRssMB: { afterLoad: mb(memory[0].workerRss), afterFirst1000: mb(afterFirst.workerRss), peak: mb(Math.max(...memory.map((m) => m.workerRss))), final: mb(final.workerRss) },
    hostRssMB: { afterFirst1000: mb(afterFirst.hostRss), peak: mb(Math.max(...memory.map((m) => m.hostRss))), final: mb(final.hostRss) },
    cacheMB: { peak: mb(Math.max(...memory.map((m) => m.cacheBytes))), final: mb(final.cacheBytes) },
    workerRssGrowth: round(final.workerRss / afterFirst.workerRss - 1, 3),
    boundedMemory: final.workerRss <= afterFirst.workerRss * 1.2,
    memoryTimeline: memory.map((m) => ({ keystroke: m.keystroke, workerRssMB: mb(m.workerRss), hostRssMB: mb(m.hostRss), cacheMB: mb(m.cacheBytes) })),
    loadAverage1m: round(loadavg()[0], 2),
    measuredAt: new Date().toISOString(),
  };
  client.dispose();
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'soak.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify({ ...report, memoryTimeline: undefined }, null, 2) + '\n');
  const ok = stale === 0 && unhandled === 0 && report.boundedMemory;
  if (!ok) process.stderr.write('soak: FAILED (stale answers, unhandled rejections or unbounded memory)\n');
  process.exitCode = ok ? 0 : 1;
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

void main();
