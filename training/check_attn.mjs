// Checks model_attn.onnx: attentions.{i} outputs exist, have shape [batch, n_head, past+seq], rows sum to 1,
// and with the KV cache the last-position attention matches the full pass.
//   node training/check_attn.mjs model_attn.onnx
import * as ort from 'onnxruntime-node';
const s = await ort.InferenceSession.create(process.argv[2], { intraOpNumThreads: 2 });
const i64 = (a, d) => new ort.Tensor('int64', BigInt64Array.from(a.map(BigInt)), d);
if (s.outputNames.includes('attentions') && s.inputNames.length === 1) {
  // the Inspector's layout (training/export_attention.py): input_ids [1, seq] -> attentions [layer, head, seq]
  const ids = [50256, 464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];
  const out = (await s.run({ input_ids: i64(ids, [1, ids.length]) })).attentions;
  const [L, H, T] = out.dims;
  let maxSumErr = 0;
  for (let r = 0; r < L * H; r++) {
    let sum = 0;
    for (let k = 0; k < T; k++) sum += out.data[r * T + k];
    maxSumErr = Math.max(maxSumErr, Math.abs(sum - 1));
  }
  const ok = T === ids.length && maxSumErr < 1e-4;
  console.log(JSON.stringify({ model: process.argv[2], layout: 'inspector', dims: out.dims, rowSumMaxErr: maxSumErr, ok }));
  process.exit(ok ? 0 : 1);
}
const attnNames = s.outputNames.filter((n) => n.startsWith('attentions.'));
const meta = Object.fromEntries(s.inputMetadata.map((m) => [m.name, m]));
const pastNames = s.inputNames.filter((n) => n.startsWith('past_key_values.'));
const nH = meta[pastNames[0]].shape[1], hd = meta[pastNames[0]].shape[3];
const ids = [50256, 464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];
const N = ids.length;
const empty = {};
for (const n of pastNames) empty[n] = new ort.Tensor('float32', new Float32Array(0), [1, nH, 0, hd]);
const feeds = (tok, past, P) => ({ input_ids: i64(tok, [1, tok.length]), attention_mask: i64(Array(P + tok.length).fill(1), [1, P + tok.length]), position_ids: i64(tok.map((_, i) => P + i), [1, tok.length]), ...past });
const full = await s.run(feeds(ids, empty, 0));
const pre = await s.run(feeds(ids.slice(0, N - 1), empty, 0));
const past = {};
for (const n of pastNames) past[n] = pre[n.replace('past_key_values', 'present')];
const inc = await s.run(feeds([ids[N - 1]], past, N - 1));
let maxSumErr = 0, maxDiff = 0;
for (const n of attnNames) {
  const a = full[n], b = inc[n];
  if (a.dims.join() !== `1,${nH},${N}`) throw new Error(`${n} dims ${a.dims}`);
  for (let h = 0; h < nH; h++) {
    let sum = 0;
    for (let k = 0; k < N; k++) { sum += a.data[h * N + k]; maxDiff = Math.max(maxDiff, Math.abs(a.data[h * N + k] - b.data[h * N + k])); }
    maxSumErr = Math.max(maxSumErr, Math.abs(sum - 1));
  }
}
const ok = attnNames.length > 0 && maxSumErr < 1e-4 && maxDiff < 0.05;
console.log(JSON.stringify({ model: process.argv[2], outputs: attnNames, rowSumMaxErr: maxSumErr, cacheVsFullMaxDiff: maxDiff, ok }));
process.exit(ok ? 0 : 1);
