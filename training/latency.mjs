// ONNX Runtime latency of a decoder (2 intra-op threads, median of repeats):
//   node training/latency.mjs MODEL.onnx [--ctx 255] [--reps 20]
// session load, prefill of ctx tokens, one decode step with the KV cache at ctx tokens of context,
// and a full recompute of ctx+1 tokens.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
const argv = process.argv.slice(2);
const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);
const modelPath = argv[0];
const cfg = JSON.parse(fs.readFileSync(path.join(path.dirname(modelPath), 'config.json'), 'utf8'));
const ctx = Number(opt('--ctx', String(cfg.n_positions - 1)));
const reps = Number(opt('--reps', '20'));
const nL = cfg.n_layer, nH = cfg.n_head, hd = cfg.n_embd / cfg.n_head;
const i64 = (a, d) => new ort.Tensor('int64', BigInt64Array.from(a.map(BigInt)), d);
const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const opts = { intraOpNumThreads: 2, interOpNumThreads: 1 };
let t = now();
let s = await ort.InferenceSession.create(modelPath, opts);
const loads = [now() - t];
for (let i = 0; i < 2; i++) { t = now(); s = await ort.InferenceSession.create(modelPath, opts); loads.push(now() - t); }
const empty = {};
for (let l = 0; l < nL; l++) for (const kv of ['key', 'value']) empty[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, nH, 0, hd]);
const ids = Array.from({ length: ctx }, (_, i) => (i === 0 ? 50256 : 262 + (i * 37) % 5000));
const feeds = (tok, past, pastLen) => ({ input_ids: i64(tok, [1, tok.length]), attention_mask: i64(Array(pastLen + tok.length).fill(1), [1, pastLen + tok.length]), position_ids: i64(tok.map((_, i) => pastLen + i), [1, tok.length]), ...past });
const pre = [], dec = [], full = [];
let out;
for (let r = 0; r < reps; r++) {
  t = now(); out = await s.run(feeds(ids, empty, 0)); pre.push(now() - t);
}
const past = {};
for (let l = 0; l < nL; l++) for (const kv of ['key', 'value']) past[`past_key_values.${l}.${kv}`] = out[`present.${l}.${kv}`];
for (let r = 0; r < reps * 3; r++) { t = now(); await s.run(feeds([318], past, ctx)); dec.push(now() - t); }
for (let r = 0; r < reps; r++) { t = now(); await s.run(feeds([...ids, 318], empty, 0)); full.push(now() - t); }
const res = { model: modelPath, bytes: fs.statSync(modelPath).size, ctx, load_ms: +median(loads).toFixed(1), prefill_ms: +median(pre).toFixed(1), decode_ms: +median(dec).toFixed(2), full_recompute_ms: +median(full).toFixed(1) };
console.log(JSON.stringify(res));
