"""ONNX checks with Python's onnxruntime, for machines without Node (the GPU recipe's device side;
check_onnx.mjs is the full check with onnxruntime-node, which is what the product runs).

  python3 training/check_onnx_py.py CKPT model.onnx model_int8.onnx --val val.bin [--json OUT]

On one window of held-out tokens: fp32 ONNX vs PyTorch (max |diff| of logits), incremental KV cache
(prefill, then one token at a time) vs a full pass, and int8 vs fp32 top-5 agreement at every position.
Exit status 1 when fp32 differs by more than --tol or top-5 agreement is below --min_top5.
Without onnxruntime (Debian 12 has none) it says so and exits 0: check_onnx.mjs covers that machine.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import EOT, load_checkpoint  # noqa: E402


def feeds(sess, ids, past, past_len, n_layer):
    """Inputs for ids [1, T] after a past of past_len tokens (past: list of (k, v) numpy arrays)."""
    T = ids.shape[1]
    f = {"input_ids": ids.astype(np.int64), "attention_mask": np.ones((1, past_len + T), np.int64)}
    names = {i.name for i in sess.get_inputs()}
    if "position_ids" in names:
        f["position_ids"] = np.arange(past_len, past_len + T, dtype=np.int64)[None]
    for i in range(n_layer):
        f[f"past_key_values.{i}.key"], f[f"past_key_values.{i}.value"] = past[i]
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("fp32")
    ap.add_argument("int8")
    ap.add_argument("--val", required=True)
    ap.add_argument("--tokens", type=int, default=96)
    ap.add_argument("--tol", type=float, default=1e-3)
    ap.add_argument("--min_top5", type=float, default=0.8)
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    try:
        import onnxruntime as ort
    except ImportError:
        print("check_onnx_py: no Python onnxruntime here; run training/check_onnx.mjs instead")
        return 0
    model, _ = load_checkpoint(a.ckpt)
    cfg = model.cfg
    hd = cfg.n_embd // cfg.n_head
    val = np.memmap(a.val, dtype=np.uint16, mode="r")
    ids = np.concatenate([[EOT], val[:a.tokens - 1]]).astype(np.int64)[None]
    with torch.no_grad():
        ref = model(torch.from_numpy(ids))[0][0].float().numpy()
    empty = [(np.zeros((1, cfg.n_head, 0, hd), np.float32),) * 2 for _ in range(cfg.n_layer)]
    out = {}
    for name, path in (("fp32", a.fp32), ("int8", a.int8)):
        sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        full = sess.run(None, feeds(sess, ids, empty, 0, cfg.n_layer))
        logits = full[0][0]
        # incremental: prefill half, then one token at a time
        h = ids.shape[1] // 2
        r = sess.run(None, feeds(sess, ids[:, :h], empty, 0, cfg.n_layer))
        inc = [r[0][0]]
        past = [(r[1 + 2 * i], r[2 + 2 * i]) for i in range(cfg.n_layer)]
        for t in range(h, ids.shape[1]):
            r = sess.run(None, feeds(sess, ids[:, t:t + 1], past, t, cfg.n_layer))
            inc.append(r[0][0])
            past = [(r[1 + 2 * i], r[2 + 2 * i]) for i in range(cfg.n_layer)]
        inc = np.concatenate(inc)
        top = np.argsort(-ref, -1)[:, :5]
        mine = np.argsort(-logits, -1)[:, :5]
        out[name] = {"vs_torch_max_abs": float(np.abs(logits - ref).max()),
                     "cache_vs_full_max_abs": float(np.abs(inc - logits).max()),
                     "top5_agreement_vs_torch": float(np.mean([len(set(x) & set(y)) / 5 for x, y in zip(top, mine)]))}
    print(json.dumps(out, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=2)
    ok = out["fp32"]["vs_torch_max_abs"] <= a.tol and out["fp32"]["cache_vs_full_max_abs"] <= a.tol \
        and out["int8"]["top5_agreement_vs_torch"] >= a.min_top5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
