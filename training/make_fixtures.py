"""Generates tiny random-weight GPT-2 decoders in every layout users bring, for the engine's tests.

  /usr/bin/python3 training/make_fixtures.py [--out test/fixtures/models] [--no-verify]

Each layout gets a folder with config.json (HF GPT-2 keys) and its ONNX file(s); vocab 50257,
n_embd 8, 2 layers, 2 heads, n_positions 64, so every folder stays well under 2 MB. Weights come
from a fixed seed and are scaled up so that logits are well separated (top-k comparisons are
meaningful). After writing, every model is checked with onnxruntime-node (training/check_onnx.mjs):
incremental == full within 1e-3 (fp16-past, int8, transformers-js: top-5 agreement instead);
no-past must load but lack past inputs; corrupt must fail to load.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tiny_model import tiny_model  # noqa: E402
from export import export_onnx, merge_decoders, write_config  # noqa: E402
from quantize import quantize_int8  # noqa: E402
from export_attention import export_attention  # noqa: E402

REPO = os.path.dirname(HERE)


OPTIMUM_META = {}  # Optimum writes no custom metadata_props; keep the file plain


def build(out):
    m = tiny_model()
    cfg = m.cfg
    tmp = os.path.join(out, ".tmp")
    os.makedirs(tmp, exist_ok=True)

    def folder(name):
        d = os.path.join(out, name)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        return d

    # own: exactly the project's export
    d = folder("own")
    export_onnx(m, os.path.join(d, "model.onnx"))
    write_config(cfg, d)
    # the Inspector's no-cache attention graph (training/export_attention.py), int8 to stay small
    export_attention(m, os.path.join(d, "model_attn.onnx"), int8=True)

    # optimum-model: same graph path, Optimum conventions (opset 13, Optimum axis names, no metadata)
    d = folder("optimum-model")
    export_onnx(m, os.path.join(d, "model.onnx"), opset=13, axis_style="optimum", metadata=OPTIMUM_META)
    write_config(cfg, d, {"_name_or_path": "fixture/tiny-gpt2", "transformers_version": "4.36.2",
                          "torch_dtype": "float32"})

    # no-position-ids: positions from cumsum(attention_mask) - 1 inside the graph
    d = folder("no-position-ids")
    export_onnx(m, os.path.join(d, "model.onnx"), opset=13, axis_style="optimum", with_position_ids=False,
                metadata=OPTIMUM_META)
    write_config(cfg, d)

    # merged: Optimum decoder_model_merged.onnx with use_cache_branch
    no_past = os.path.join(tmp, "no_past.onnx")
    with_past = os.path.join(tmp, "with_past.onnx")
    export_onnx(m, no_past, opset=13, axis_style="optimum", with_past=False, metadata=OPTIMUM_META)
    export_onnx(m, with_past, opset=13, axis_style="optimum", metadata=OPTIMUM_META)
    d = folder("merged")
    merge_decoders(no_past, with_past, os.path.join(d, "decoder_model_merged.onnx"))
    write_config(cfg, d)

    # fp16-past: past/present float16, logits float32
    d = folder("fp16-past")
    export_onnx(m, os.path.join(d, "model.onnx"), past_fp16=True)
    write_config(cfg, d)

    # int8: int8 weights (DynamicQuantizeMatMul after ORT fusion)
    d = folder("int8")
    quantize_int8(os.path.join(out, "own", "model.onnx"), os.path.join(d, "model.onnx"), min_elems=64)
    write_config(cfg, d)

    # transformers-js: onnx/decoder_model_merged_quantized.onnx (int8 merged) + config.json
    d = folder("transformers-js")
    os.makedirs(os.path.join(d, "onnx"))
    q_no, q_with = os.path.join(tmp, "no_past_q.onnx"), os.path.join(tmp, "with_past_q.onnx")
    quantize_int8(no_past, q_no, min_elems=64)
    quantize_int8(with_past, q_with, min_elems=64)
    merge_decoders(q_no, q_with, os.path.join(d, "onnx", "decoder_model_merged_quantized.onnx"))
    write_config(cfg, d, {"_name_or_path": "fixture/tiny-gpt2", "transformers_version": "4.36.2"})

    # attn: the optional inspector graph (model_attn.onnx): extra outputs attentions.{i} [batch, n_head, past+seq]
    d = folder("attn")
    export_onnx(m, os.path.join(d, "model_attn.onnx"), output_attentions=True)
    write_config(cfg, d)

    # no-past: a decoder without past inputs (must be rejected by the engine)
    d = folder("no-past")
    export_onnx(m, os.path.join(d, "model.onnx"), with_past=False)
    write_config(cfg, d)

    # corrupt: garbage bytes
    d = folder("corrupt")
    g = torch.Generator().manual_seed(7)
    data = bytes(torch.randint(0, 256, (4096,), generator=g, dtype=torch.uint8).tolist())
    with open(os.path.join(d, "model.onnx"), "wb") as f:
        f.write(b"this is not an ONNX model\n" + data)
    write_config(cfg, d)
    shutil.rmtree(tmp)


CHECKS = [
    ("own/model.onnx", "exact"),
    ("optimum-model/model.onnx", "exact"),
    ("no-position-ids/model.onnx", "exact"),
    ("merged/decoder_model_merged.onnx", "exact"),
    ("fp16-past/model.onnx", "top5"),
    ("int8/model.onnx", "top5"),
    ("transformers-js/onnx/decoder_model_merged_quantized.onnx", "top5"),
    ("attn/model_attn.onnx", "exact"),
]

LOAD_ONLY = r"""
import * as ort from 'onnxruntime-node';
const [p, expect] = process.argv.slice(2);
try {
  const s = await ort.InferenceSession.create(p);
  const hasPast = s.inputNames.some((n) => n.startsWith('past_key_values.'));
  console.log(JSON.stringify({ model: p, loads: true, inputs: s.inputNames, hasPast }));
  process.exit(expect === 'no-past' && !hasPast ? 0 : 1);
} catch (e) {
  console.log(JSON.stringify({ model: p, loads: false, error: String(e.message).slice(0, 120) }));
  process.exit(expect === 'fail' ? 0 : 1);
}
"""


def verify(out):
    ok = True
    for rel, mode in CHECKS:
        r = subprocess.run(["node", os.path.join(HERE, "check_onnx.mjs"), os.path.join(out, rel), "--mode", mode],
                           capture_output=True, text=True, cwd=REPO)
        line = (r.stdout.strip().splitlines() or [r.stderr.strip()[-300:]])[-1]
        print(("PASS " if r.returncode == 0 else "FAIL ") + line[:400])
        ok &= r.returncode == 0
    r = subprocess.run(["node", os.path.join(HERE, "check_attn.mjs"), os.path.join(out, "attn", "model_attn.onnx")],
                       capture_output=True, text=True, cwd=REPO)
    print(("PASS " if r.returncode == 0 else "FAIL ") + (r.stdout.strip() or r.stderr.strip()[-300:])[:300])
    ok &= r.returncode == 0
    script = os.path.join(HERE, ".load_only.mjs")
    with open(script, "w") as f:
        f.write(LOAD_ONLY)
    try:
        for rel, expect in (("no-past/model.onnx", "no-past"), ("corrupt/model.onnx", "fail")):
            r = subprocess.run(["node", script, os.path.join(out, rel), expect], capture_output=True, text=True,
                               cwd=REPO)
            print(("PASS " if r.returncode == 0 else "FAIL ") + r.stdout.strip()[:300])
            ok &= r.returncode == 0
    finally:
        os.remove(script)
    for name in sorted(os.listdir(out)):
        p = os.path.join(out, name)
        if os.path.isdir(p):
            size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(p) for f in fs)
            print(f"{name}: {size / 1e6:.2f} MB")
            ok &= size < (2.5e6 if name == "own" else 2e6)  # own also holds model_attn.onnx
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "test", "fixtures", "models"))
    ap.add_argument("--no-verify", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    build(a.out)
    if not a.no_verify and not verify(a.out):
        print("fixture verification FAILED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
