"""Turns one of our own ONNX exports (fp32 or the int8 model.onnx that ships) back into a training
checkpoint, so that training can continue from the shipped weights without a committed .pt file.

  python3 training/from_onnx.py models/prose-gpt2/model.onnx training/runs/init.pt [--n_positions 1024]

int8 weights are dequantized (per-channel symmetric: w = q * scale); the loss moves by ~3e-4 nats.
--n_positions larger than the file's extends the learned position table: positions beyond the old
window copy the second half of the old table periodically (late positions look like late positions,
never like position 0, which the model treats as "start of a document"); training then adapts them.
The top-K training-softmax buffers are rebuilt from the graph's is_rare / rare_logshare constants.
Errors: AssertionError when the graph is not one of training/export.py's layouts.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import GPT, GPTConfig  # noqa: E402


def extend_positions(wpe, n_positions):
    """wpe [P, C] -> [n_positions, C]: rows >= P repeat rows P/2..P-1 periodically."""
    P = wpe.shape[0]
    if n_positions <= P:
        return wpe[:n_positions]
    half = P // 2
    extra = [wpe[half + (p - P) % (P - half)] for p in range(P, n_positions)]
    return np.concatenate([wpe, np.stack(extra)], axis=0)


def load_onnx_weights(path):
    """Returns (state dict of numpy arrays in model.py names, n_layer, n_embd, topk)."""
    m = onnx.load(path)
    g = m.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    sd = {}
    for name, arr in inits.items():
        if name.startswith("m."):
            sd[name[2:]] = arr
    # int8 tables (Gather, per-row scales): the token table, and the position table since
    # quantize.py quantizes it too
    for table in ("transformer.wte.weight", "transformer.wpe.weight"):
        if table in sd:
            continue
        q = inits[f"m.{table}_quant"].astype(np.float32)
        sd[table] = q * inits[f"m.{table}_scale"][:, None]
        for k in ("_quant", "_scale", "_zero_point"):
            sd.pop(table + k, None)
    # Linear weights are anonymous MatMul initializers [in, out], in graph order:
    # per layer c_attn, attn.c_proj, c_fc, mlp.c_proj
    mats = []
    for n in g.node:
        if n.op_type == "MatMulInteger" and n.input[1] in inits:
            base = n.input[1][: -len("_quant")]
            mats.append(inits[n.input[1]].astype(np.float32) * inits[base + "_scale"][None, :])
        elif n.op_type == "MatMul" and n.input[1] in inits:
            mats.append(inits[n.input[1]])
    n_embd = sd["transformer.wte.weight"].shape[1]
    n_layer = len(mats) // 4
    assert len(mats) == 4 * n_layer and n_layer > 0, f"{len(mats)} weight matrices"
    names = ["attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"]
    shapes = [(n_embd, 3 * n_embd), (n_embd, n_embd), (n_embd, 4 * n_embd), (4 * n_embd, n_embd)]
    for i, w in enumerate(mats):
        layer, j = divmod(i, 4)
        assert w.shape == shapes[j], (i, w.shape, shapes[j])
        sd[f"transformer.h.{layer}.{names[j]}.weight"] = np.ascontiguousarray(w.T)
    topk = int((~sd["is_rare"]).sum()) if "is_rare" in sd else 0
    return sd, n_layer, n_embd, topk


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("onnx")
    ap.add_argument("out")
    ap.add_argument("--n_positions", type=int, default=0, help="0 = keep the file's")
    ap.add_argument("--n_head", type=int, default=0, help="0 = read config.json beside the file")
    a = ap.parse_args(argv)
    sd, n_layer, n_embd, topk = load_onnx_weights(a.onnx)
    n_head = a.n_head
    if not n_head:
        import json
        n_head = json.load(open(os.path.join(os.path.dirname(a.onnx), "config.json")))["n_head"]
    old_pos = sd["transformer.wpe.weight"].shape[0]
    n_pos = a.n_positions or old_pos
    sd["transformer.wpe.weight"] = extend_positions(sd["transformer.wpe.weight"], n_pos)
    cfg = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=n_pos, topk=topk)
    model = GPT(cfg)
    state = {k: torch.from_numpy(np.array(v)) for k, v in sd.items()}
    if topk:
        is_rare = state["is_rare"].bool()
        top = torch.nonzero(~is_rare).flatten()
        state["topk_ids"] = top
        tm = torch.full((cfg.vocab_size,), topk, dtype=torch.long)
        tm[top] = torch.arange(topk)
        state["target_map"] = tm
        state["is_rare"] = is_rare
    missing, unexpected = model.load_state_dict(state, strict=True), None
    ck = {"model": model.state_dict(), "config": cfg.to_dict(), "step": 0, "tokens": 0, "train_seconds": 0.0,
          "val_loss": None, "args": {"from_onnx": a.onnx, "old_positions": old_pos}, "init_tokens": 0,
          "init_seconds": 0.0}
    torch.save(ck, a.out)
    print(f"{a.onnx}: {n_layer} x {n_embd} ({n_head} heads), top-{topk}, positions {old_pos} -> {n_pos}: {a.out}")


if __name__ == "__main__":
    main()
