// Held-out loss of an ONNX model with onnxruntime-node (same windows as evaluate.py: non-overlapping,
// evenly spread windows of n_positions tokens from val.bin, each prefixed by <|endoftext|>).
//   node training/onnx_loss.mjs MODEL.onnx training/data/val.bin [--windows 200] [--ctx N (default n_positions)]
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
const argv = process.argv.slice(2);
const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);
const [modelPath, valPath] = argv;
const cfg = JSON.parse(fs.readFileSync(path.join(path.dirname(modelPath), 'config.json'), 'utf8'));
const ctx = Math.min(cfg.n_positions, Number(opt("--ctx", String(cfg.n_positions)))), V = cfg.vocab_size, nL = cfg.n_layer, nH = cfg.n_head, hd = cfg.n_embd / cfg.n_head;
const buf = fs.readFileSync(valPath);
const val = new Uint16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
const total = Math.floor((val.length - 1) / ctx);
const n = Math.min(Number(opt('--windows', '200')), total);
const s = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2, interOpNumThreads: 1 });
const empty = {};
for (let l = 0; l < nL; l++) for (const kv of ['key', 'value']) empty[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, nH, 0, hd]);
const i64 = (a, d) => new ort.Tensor('int64', BigInt64Array.from(a.map(BigInt)), d);
let nll = 0, cnt = 0;
for (let w = 0; w < n; w++) {
  const start = Math.floor((w * (total - 1)) / Math.max(1, n - 1)) * ctx;
  const seq = [50256, ...val.subarray(start, start + ctx)];
  const x = seq.slice(0, ctx);
  const out = await s.run({ input_ids: i64(x, [1, ctx]), attention_mask: i64(Array(ctx).fill(1), [1, ctx]), position_ids: i64(x.map((_, i) => i), [1, ctx]), ...empty });
  const L = out.logits.data;
  for (let t = 0; t < ctx; t++) {
    const row = L.subarray(t * V, (t + 1) * V);
    let m = -Infinity;
    for (let j = 0; j < V; j++) if (row[j] > m) m = row[j];
    let z = 0;
    for (let j = 0; j < V; j++) z += Math.exp(row[j] - m);
    nll += m + Math.log(z) - row[seq[t + 1]];
    cnt++;
  }
}
console.log(JSON.stringify({ model: modelPath, windows: n, tokens: cnt, heldout_loss: +(nll / cnt).toFixed(4), heldout_ppl: +Math.exp(nll / cnt).toFixed(2) }));
