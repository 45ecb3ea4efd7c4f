// GPT-2 BPE helper for Python scripts: reads JSON {"encode": [strings]} or {"decode": [[ids]]} on stdin,
// writes the same shape of JSON with the results on stdout.
import { encode, decode } from 'gpt-tokenizer/encoding/r50k_base';
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  const out = {};
  if (req.encode) out.encode = req.encode.map((s) => encode(s, { allowedSpecial: new Set(), disallowedSpecial: new Set() }));
  if (req.decode) out.decode = req.decode.map((ids) => decode(ids.filter((i) => i !== 50256)));
  process.stdout.write(JSON.stringify(out));
});
