// Checks a GPT-2 decoder ONNX file with onnxruntime-node (Debian has no Python ONNX Runtime).
//
//   node training/check_onnx.mjs MODEL.onnx [--ref REF.bin --ids IDS.json] [--mode exact|top5]
//        [--tol 1e-3] [--text "some text"] [--json OUT.json]
//
// Works out the layout from the graph's inputs: optional position_ids, optional use_cache_branch
// (Optimum merged decoder), past dtype float32/float16, n_head/head_dim from the past shapes.
//  1. full pass over the token ids (past length 0)
//  2. incremental pass: prefill of the first 3 tokens, then one token at a time through the KV cache
//  3. batch of 2 with left padding (row 0 padded) vs the unpadded single row
//  4. optional: compare the full pass against PyTorch's logits (REF.bin, float32 [N, V])
// mode exact: max |diff| <= tol for all comparisons; mode top5: top-1 agreement and top-5 overlap.
// Exits 1 on failure. Prints one JSON summary line.
import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const modelPath = args[0];
const mode = opt('--mode', 'exact');
const tol = Number(opt('--tol', '1e-3'));
const text = opt('--text', 'The quick brown fox jumps over the lazy dog because it wants to see the river.');
let ids = [50256, ...encode(text)];
if (opt('--ids')) ids = JSON.parse(fs.readFileSync(opt('--ids'), 'utf8'));
const refPath = opt('--ref');

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2, interOpNumThreads: 1 });
const inNames = session.inputNames;
const meta = Object.fromEntries((session.inputMetadata || []).map((m) => [m.name, m]));
const pastNames = inNames.filter((n) => n.startsWith('past_key_values.'));
if (pastNames.length === 0) {
  console.log(JSON.stringify({ model: modelPath, ok: false, error: 'no past_key_values inputs' }));
  process.exit(1);
}
const nLayer = pastNames.length / 2;
const pm = meta[pastNames[0]];
const pastType = pm && pm.type ? pm.type : 'float32';
const nHead = pm && typeof pm.shape[1] === 'number' ? pm.shape[1] : Number(opt('--n_head'));
const headDim = pm && typeof pm.shape[3] === 'number' ? pm.shape[3] : Number(opt('--head_dim'));
const hasPos = inNames.includes('position_ids');
const hasBranch = inNames.includes('use_cache_branch');

const i64 = (arr, dims) => new ort.Tensor('int64', BigInt64Array.from(arr.map((x) => BigInt(x))), dims);
function emptyPast(batch) {
  const p = {};
  const data = pastType === 'float16' ? new Uint16Array(0) : new Float32Array(0);
  for (const n of pastNames) p[n] = new ort.Tensor(pastType, data, [batch, nHead, 0, headDim]);
  return p;
}

async function step(tokRows, maskRows, posRows, past, useCache) {
  const B = tokRows.length, T = tokRows[0].length;
  const feeds = {
    input_ids: i64(tokRows.flat(), [B, T]),
    attention_mask: i64(maskRows.flat(), [B, maskRows[0].length]),
    ...past,
  };
  if (hasPos) feeds.position_ids = i64(posRows.flat(), [B, T]);
  if (hasBranch) feeds.use_cache_branch = new ort.Tensor('bool', [useCache], [1]);
  const out = await session.run(feeds);
  const present = {};
  for (let l = 0; l < nLayer; l++) {
    present[`past_key_values.${l}.key`] = out[`present.${l}.key`];
    present[`past_key_values.${l}.value`] = out[`present.${l}.value`];
  }
  return { logits: out.logits, present };
}

const V = 50257;
const N = ids.length;
const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);

// 1. full pass
const full = await step([ids], [ids.map(() => 1)], [range(0, N)], emptyPast(1), false);
const fullLogits = full.logits.data;
if (full.logits.dims[2] !== V) throw new Error(`logits width ${full.logits.dims[2]}`);

// 2. incremental
const pre = Math.min(3, N - 1);
const incRows = [];
let r = await step([ids.slice(0, pre)], [Array(pre).fill(1)], [range(0, pre)], emptyPast(1), false);
for (let t = 0; t < pre; t++) incRows.push(r.logits.data.subarray(t * V, (t + 1) * V));
for (let t = pre; t < N; t++) {
  r = await step([[ids[t]]], [Array(t + 1).fill(1)], [[t]], r.present, true);
  incRows.push(r.logits.data.subarray(0, V));
}

// 3. left-padded batch of 2: row 0 = 2 pads + ids[0..N-2), row 1 = ids[0..N)
const pad = 2;
const row0 = [50256, 50256, ...ids.slice(0, N - pad)];
const mask0 = [0, 0, ...Array(N - pad).fill(1)];
const pos0 = [0, 0, ...range(0, N - pad)];
const bat = await step([row0, ids], [mask0, ids.map(() => 1)], [pos0, range(0, N)], emptyPast(2), false);

function topk(row, k) {
  const idx = Array.from(row.keys());
  // partial selection is enough for k=5
  const best = [];
  for (const i of idx) {
    if (best.length < k || row[i] > row[best[best.length - 1]]) {
      best.push(i);
      best.sort((a, b) => row[b] - row[a]);
      if (best.length > k) best.pop();
    }
  }
  return best;
}
function compare(getA, getB, n) {
  let maxDiff = 0, top1 = 0, overlap = 0;
  for (let t = 0; t < n; t++) {
    const a = getA(t), b = getB(t);
    for (let j = 0; j < V; j++) {
      const d = Math.abs(a[j] - b[j]);
      if (!(d <= maxDiff)) maxDiff = d; // NaN propagates as failure
    }
    const ta = topk(a, 5), tb = topk(b, 5);
    if (ta[0] === tb[0]) top1++;
    overlap += ta.filter((x) => tb.includes(x)).length / 5;
  }
  return { maxDiff, top1: top1 / n, top5overlap: overlap / n };
}
const rowOf = (data, t) => data.subarray(t * V, (t + 1) * V);
const res = {
  model: modelPath, layers: nLayer, heads: nHead, headDim, pastType, hasPos, hasBranch, tokens: N,
  cacheVsFull: compare((t) => incRows[t], (t) => rowOf(fullLogits, t), N),
  paddedVsFull: compare((t) => rowOf(bat.logits.data, N + pad + t), (t) => rowOf(bat.logits.data, t), N - pad),
  batchRow1VsFull: compare((t) => rowOf(bat.logits.data, N + t), (t) => rowOf(fullLogits, t), N),
};
// paddedVsFull above compares row 0's real tokens with row 1's first N-pad positions
res.paddedVsFull = compare((t) => rowOf(bat.logits.data, pad + t), (t) => rowOf(bat.logits.data, N + t), N - pad);
if (hasBranch) {
  // Optimum merged decoder: the with-past branch at past length 0 must equal the no-past branch
  const alt = await step([ids], [ids.map(() => 1)], [range(0, N)], emptyPast(1), true);
  res.branchesAgree = compare((t) => rowOf(alt.logits.data, t), (t) => rowOf(fullLogits, t), N);
}
if (refPath) {
  const buf = fs.readFileSync(refPath);
  const ref = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  res.onnxVsTorch = compare((t) => rowOf(fullLogits, t), (t) => rowOf(ref, t), N);
}
let ok = true;
for (const k of ['cacheVsFull', 'paddedVsFull', 'batchRow1VsFull', 'branchesAgree', 'onnxVsTorch']) {
  if (!res[k]) continue;
  if (mode === 'exact' && !(res[k].maxDiff <= tol)) ok = false;
  if (mode === 'top5' && !(res[k].top1 >= 0.9 && res[k].top5overlap >= 0.8)) ok = false;
}
res.mode = mode;
res.ok = ok;
const js = JSON.stringify(res);
console.log(js);
if (opt('--json')) fs.writeFileSync(opt('--json'), js + '\n');
process.exit(ok ? 0 : 1);
