// Tokenizes the corpus documents with GPT-2's BPE (gpt-tokenizer r50k_base) into uint16 files.
//
//   node training/tokenize.mjs DOCS_DIR OUT_DIR [--val_pct 2] [--repeat gnome-help=2,gcide=0.3]
//
// DOCS_DIR holds <source>.jsonl files, one {"id": ..., "text": ...} per line.
// Held-out split is BY DOCUMENT: a stable hash of "<source>/<id>" decides (val_pct % of documents).
// Every document is written as <|endoftext|> followed by its tokens.
// Writes OUT_DIR/train.bin, val.bin (uint16), val_docs.jsonl (held-out documents, for evaluation),
// and token_stats.json (per source: docs, bytes, tokens, train/val tokens).
// --repeat upweights everyday sources: their training documents are written that many times (held-out
// documents once), so a uniformly sampled training window sees them more often. A weight below 1
// keeps that share of a source's training documents (a second stable hash decides; held-out documents
// all stay): the dictionaries are a third of the corpus, and the model read "Status: " as a headword.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

const [docsDir, outDir] = process.argv.slice(2);
const vi = process.argv.indexOf('--val_pct');
const valPct = vi > 0 ? Number(process.argv[vi + 1]) : 2;
const ri = process.argv.indexOf('--repeat');
const repeat = Object.fromEntries(
  (ri > 0 ? process.argv[ri + 1] : '').split(',').filter(Boolean).map((kv) => {
    const [k, v] = kv.split('=');
    const n = Number(v);
    if (!(n > 0 && (n < 1 || Number.isInteger(n)))) throw new Error(`--repeat ${kv}: expected source=N with N a whole number >= 1 or a share in (0, 1)`);
    return [k, n];
  }),
);
const EOT = 50256;
fs.mkdirSync(outDir, { recursive: true });

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class U16Writer {
  constructor(file) {
    this.fd = fs.openSync(file, 'w');
    this.buf = new Uint16Array(1 << 20);
    this.n = 0;
    this.total = 0;
  }
  push(tok) {
    this.buf[this.n++] = tok;
    if (this.n === this.buf.length) this.flush();
  }
  flush() {
    fs.writeSync(this.fd, Buffer.from(this.buf.buffer, 0, this.n * 2));
    this.total += this.n;
    this.n = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

const train = new U16Writer(path.join(outDir, 'train.bin'));
const val = new U16Writer(path.join(outDir, 'val.bin'));
const valDocs = fs.openSync(path.join(outDir, 'val_docs.jsonl'), 'w');
const stats = {};
const files = fs.readdirSync(docsDir).filter((f) => f.endsWith('.jsonl')).sort();
const t0 = Date.now();
for (const f of files) {
  const source = f.replace(/\.jsonl$/, '');
  const st = (stats[source] = { docs: 0, val_docs: 0, bytes: 0, tokens: 0, train_tokens: 0, val_tokens: 0 });
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(docsDir, f)), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    const toks = encode(doc.text, { allowedSpecial: new Set(), disallowedSpecial: new Set() });
    const isVal = fnv1a(`${source}/${doc.id}`) % 100 < valPct;
    const w = isVal ? val : train;
    const weight = repeat[source] ?? 1;
    const copies = isVal ? 1 : weight >= 1 ? weight : fnv1a(`keep/${source}/${doc.id}`) % 1000 < weight * 1000 ? 1 : 0;
    for (let r = copies; r > 0; r--) {
      w.push(EOT);
      for (const t of toks) w.push(t);
    }
    st.docs++;
    st.bytes += Buffer.byteLength(doc.text, 'utf8');
    st.tokens += toks.length + 1;
    if (isVal) {
      st.val_docs++;
      st.val_tokens += toks.length + 1;
      fs.writeSync(valDocs, JSON.stringify({ source, id: doc.id, text: doc.text }) + '\n');
    } else st.train_tokens += (toks.length + 1) * copies;
  }
  console.log(`${source}: ${st.docs} docs, ${(st.tokens / 1e6).toFixed(2)}M tokens (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
train.close();
val.close();
fs.closeSync(valDocs);
const summary = { val_pct: valPct, repeat, train_tokens: train.total, val_tokens: val.total, sources: stats };
fs.writeFileSync(path.join(outDir, 'token_stats.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(`train ${train.total} tokens, val ${val.total} tokens`);
