"""PyTorch-vs-ONNX and KV-cache-vs-full parity with onnxruntime-node.

  python3 training/parity.py CKPT MODEL.onnx [--mode exact|top5] [--tol 1e-3] [--json OUT.json]

Computes PyTorch fp32 logits for a held-out-style sentence, then runs training/check_onnx.mjs
(full pass vs PyTorch, incremental KV-cache pass vs full pass, left-padded batch vs unpadded).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import EOT, load_checkpoint  # noqa: E402
from evaluate import bpe  # noqa: E402

TEXT = ("The committee will meet again next week to review the proposal. If you have questions about the "
        "schedule, please send them to the secretary before Friday so that we can answer them at the meeting.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("onnx")
    ap.add_argument("--mode", default="exact")
    ap.add_argument("--tol", default="1e-3")
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    model, _ = load_checkpoint(a.ckpt)
    ids = [EOT] + bpe({"encode": [TEXT]})["encode"][0]
    ids = ids[:model.cfg.n_positions]
    with torch.no_grad():
        logits = model(torch.tensor([ids]))[0][0].float().numpy()
    with tempfile.TemporaryDirectory() as td:
        ref, idf = os.path.join(td, "ref.bin"), os.path.join(td, "ids.json")
        logits.astype(np.float32).tofile(ref)
        json.dump(ids, open(idf, "w"))
        cmd = ["node", os.path.join(HERE, "check_onnx.mjs"), a.onnx, "--ref", ref, "--ids", idf, "--mode", a.mode,
               "--tol", a.tol] + (["--json", a.json] if a.json else [])
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(HERE))
    print(r.stdout.strip() or r.stderr[-2000:])
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
