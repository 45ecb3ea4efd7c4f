// Next-WORD accuracy of an exported model on held-out prose, run with onnxruntime-node on the ONNX file
// that ships (so int8 effects are included).
//
//   node training/eval_words.mjs MODEL.onnx TEXT_FILE... [--max_words 3000] [--per_file N] [--json OUT.json]
//   node training/eval_words.mjs MODEL.onnx --val_docs training/data/val_docs.jsonl [--max_words 3000]
//
// Protocol (phone-keyboard style, before any letter of the word is typed): at every word that follows
// a single space (" word" in GPT-2's BPE), the context is <|endoftext|> + the preceding text of the
// document (last <= n_positions-1 tokens). Candidate words: the 12 most likely first tokens that start
// with a space and a letter, each completed greedily with word-continuation tokens (no leading space,
// letters/digits/'), up to 4 more tokens; distinct words in order of first-token probability.
// top-1 / top-3: the actual word (exact, case-sensitive) is the first / among the first three candidates.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { encode, decode } from 'gpt-tokenizer/encoding/r50k_base';

const argv = process.argv.slice(2);
const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);
const modelPath = argv[0];
const maxWords = Number(opt('--max_words', '3000'));
const files = argv.slice(1).filter((a, i, arr) => !a.startsWith('--') && !(i > 0 && arr[i - 1].startsWith('--')));
const EOT = 50256, V = 50257;

const cfgPath = [path.join(path.dirname(modelPath), 'config.json'), path.join(path.dirname(modelPath), '..', 'config.json')]
  .find((p) => fs.existsSync(p));
const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
const nPos = cfg.n_positions, nLayer = cfg.n_layer, nHead = cfg.n_head, hd = cfg.n_embd / cfg.n_head;

// token classes
const tokStr = Array.from({ length: V }, (_, i) => (i === EOT ? '' : decode([i])));
const isWordStart = tokStr.map((s) => /^ [A-Za-z]/.test(s) && /^ [A-Za-z0-9']+$/.test(s));
const isCont = tokStr.map((s) => /^[A-Za-z0-9']+$/.test(s));
const startIds = [...isWordStart.keys()].filter((i) => isWordStart[i]);

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2, interOpNumThreads: 1 });
const i64 = (a, dims) => new ort.Tensor('int64', BigInt64Array.from(a.map(BigInt)), dims);
function emptyPast() {
  const p = {};
  for (let l = 0; l < nLayer; l++)
    for (const kv of ['key', 'value']) p[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, nHead, 0, hd]);
  return p;
}
async function run(tokens, past, pastLen) {
  const T = tokens.length;
  const out = await session.run({
    input_ids: i64(tokens, [1, T]),
    attention_mask: i64(Array(pastLen + T).fill(1), [1, pastLen + T]),
    position_ids: i64(Array.from({ length: T }, (_, i) => pastLen + i), [1, T]),
    ...past,
  });
  const present = {};
  for (let l = 0; l < nLayer; l++)
    for (const kv of ['key', 'value']) present[`past_key_values.${l}.${kv}`] = out[`present.${l}.${kv}`];
  const L = out.logits.data;
  return { last: L.subarray((T - 1) * V, T * V), present, len: pastLen + T };
}
const argmaxOver = (row, ids) => ids.reduce((b, i) => (row[i] > row[b] ? i : b), ids[0]);
function argmaxAll(row) {
  let b = 0;
  for (let i = 1; i < V; i++) if (row[i] > row[b]) b = i;
  return b;
}

async function completeWord(firstTok, state) {
  // greedily extend a word-start token with continuation tokens
  let word = tokStr[firstTok].slice(1);
  let st = await run([firstTok], state.present, state.len);
  for (let k = 0; k < 4 && st.len < nPos; k++) {
    const nxt = argmaxAll(st.last);
    if (!isCont[nxt]) break;
    word += tokStr[nxt];
    st = await run([nxt], st.present, st.len);
  }
  return word;
}

async function candidates(state) {
  const row = state.last;
  const top = [...startIds].sort((a, b) => row[b] - row[a]).slice(0, 12);
  const words = [];
  for (const t of top) {
    if (words.length >= 3) break;
    const w = await completeWord(t, state);
    if (!words.includes(w)) words.push(w);
  }
  return words;
}

async function evalText(text, budget) {
  const toks = encode(text, { allowedSpecial: new Set(), disallowedSpecial: new Set() });
  let n = 0, top1 = 0, top3 = 0;
  // a word target starts at token i when tokStr[i] is a word start; the word is the token + continuations
  let state = null, winStart = 0;
  const keep = Math.floor(nPos * 0.75);
  for (let i = 0; i < toks.length && n < budget; i++) {
    if (state === null || state.len >= nPos - 6) {
      // (re)start a window: EOT + last `keep` tokens of context
      winStart = Math.max(0, i - keep);
      state = await run([EOT, ...toks.slice(winStart, i)], emptyPast(), 0);
    }
    if (isWordStart[toks[i]]) {
      let word = tokStr[toks[i]].slice(1);
      for (let j = i + 1; j < toks.length && isCont[toks[j]]; j++) word += tokStr[toks[j]];
      const cands = await candidates(state);
      n++;
      if (cands[0] === word) top1++;
      if (cands.includes(word)) top3++;
    }
    state = await run([toks[i]], state.present, state.len);
  }
  return { n, top1, top3 };
}

let docs = [];
if (opt('--val_docs')) {
  const lines = fs.readFileSync(opt('--val_docs'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  // spread the word budget over sources: sample documents round-robin by source
  const bySrc = {};
  for (const d of lines) (bySrc[d.source] ||= []).push(d);
  const srcs = Object.keys(bySrc).sort();
  for (let k = 0; docs.length < lines.length; k++) {
    let added = false;
    for (const s of srcs) if (bySrc[s][k]) { docs.push({ name: `${s}/${bySrc[s][k].id}`, text: bySrc[s][k].text.slice(0, 3000) }); added = true; }
    if (!added) break;
  }
} else {
  docs = files.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
}
const t0 = Date.now();
const per = {};
let N = 0, T1 = 0, T3 = 0;
const perDocBudget = opt('--val_docs') ? 60 : Number(opt('--per_file', String(maxWords)));
for (const d of docs) {
  if (N >= maxWords) break;
  const r = await evalText(d.text, Math.min(perDocBudget, maxWords - N));
  per[d.name] = { words: r.n, top1: +(r.top1 / Math.max(1, r.n)).toFixed(4), top3: +(r.top3 / Math.max(1, r.n)).toFixed(4) };
  N += r.n; T1 += r.top1; T3 += r.top3;
}
const res = { model: modelPath, words: N, top1: +(T1 / N).toFixed(4), top3: +(T3 / N).toFixed(4), seconds: (Date.now() - t0) / 1000 };
if (!opt('--val_docs')) res.per_file = per;
console.log(JSON.stringify(res));
if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(res, null, 2) + '\n');
