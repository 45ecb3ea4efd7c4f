"""Export a stand-alone attention graph (model_attn.onnx) for models whose softmax is out of reach.

  /usr/bin/python3 training/export_attention.py CKPT MODEL_DIR [--dtype auto|int8|fp32]
  /usr/bin/python3 training/export_attention.py --fixture test/fixtures/models/own

Input : input_ids [1, seq] int64 (positions 0..seq-1, exactly as the engine feeds its window)
Output: attentions [n_layer, n_head, seq] float32 - each layer's attention row of the LAST position
        over all positions (each row sums to 1).

The shipped model does NOT need this file, and it is not packaged: the Inspector builds its
attention session from model.onnx itself on first use, exposing the graph's one Softmax per layer as
extra outputs (src/engine/attention_session.ts, src/engine/onnx_graph.ts), so the weights are
stored once and the rows always belong to the model that predicts. A model_attn.onnx is only read
when that is impossible (e.g. an Optimum merged decoder, whose softmax sits inside an If
subgraph). This graph would repeat the weights on disk, which is why nothing ships it.

The fixture (--fixture) keeps one: it is an independent torch-side computation of the same rows,
and test/unit/attention_session.test.ts checks the derived rows against it.

It has no LM head, no ln_f and no last-layer MLP (nothing after the last attention row matters), so
it is the embedding plus the transformer body.

--dtype auto (default) follows MODEL_DIR/model.onnx: int8 (training/quantize.py) when the shipped
model is int8, fp32 otherwise. --fixture rebuilds the tiny random-weight fixture model
(training/make_fixtures.py, fixed seed) and writes an int8 graph so the folder stays small.
"""
import argparse
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import GPT, causal_mask, load_checkpoint  # noqa: E402


class AttentionGraph(nn.Module):
    """GPT body that returns the last position's attention row per layer and head."""

    def __init__(self, model: GPT, with_hidden=False):
        super().__init__()
        self.m = model
        self.with_hidden = with_hidden  # self-check only: also return the final hidden states

    def forward(self, input_ids):
        m = self.m
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device).unsqueeze(0)
        # float32 constants: the model's causal_mask() traces its scalars as float64 in torch 1.13
        allowed = pos.unsqueeze(-1) >= pos.unsqueeze(1)  # [1, T, T]: query row, key column
        mask = torch.where(allowed, torch.zeros((), dtype=torch.float32), torch.full((), -1e9)).unsqueeze(1)
        x = m.transformer.wte(input_ids) + m.transformer.wpe(pos)
        rows = []
        last = len(m.transformer.h) - 1
        for i, block in enumerate(m.transformer.h):
            a, att = attention(block.attn, block.ln_1(x), mask)
            rows.append(att[0, :, -1, :])  # [H, T]
            if i == last and not self.with_hidden:
                break  # nothing after the last attention row is needed
            x = x + a
            x = x + block.mlp(block.ln_2(x))
        out = torch.stack(rows)  # [L, H, T]
        return (out, m.transformer.ln_f(x)) if self.with_hidden else out


def attention(attn, x, mask):
    """The model's own attention (training/model.py), returning the weights as well."""
    B, T, C = x.shape
    q, k, v = attn.c_attn(x).split(C, dim=2)
    q = q.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)
    k = k.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)
    v = v.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)
    att = F.softmax((q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(attn.head_dim)) + mask, dim=-1)
    y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
    return attn.c_proj(y), att


def self_check(model: GPT):
    """The re-implemented body must give the model's own hidden states, or the rows would lie."""
    ids = torch.randint(0, model.cfg.vocab_size, (1, min(17, model.cfg.n_positions)))
    with torch.no_grad():
        rows, h = AttentionGraph(model, with_hidden=True)(ids)
        ref, _ = model.hidden(ids, mask=causal_mask(ids.shape[1], 0))
    err = (h - ref).abs().max().item()
    sums = rows.sum(-1)
    assert err < 1e-4, f"attention graph body differs from the model: {err}"
    assert torch.allclose(sums, torch.ones_like(sums), atol=1e-4), "attention rows do not sum to 1"
    return err


def export_attention(model: GPT, path, int8=False, opset=14):
    model.eval()
    err = self_check(model)
    tmp = path + ".fp32.tmp" if int8 else path
    ids = torch.randint(0, model.cfg.vocab_size, (1, 5))
    with torch.no_grad():
        torch.onnx.export(AttentionGraph(model), (ids,), tmp, input_names=["input_ids"], output_names=["attentions"],
                          dynamic_axes={"input_ids": {1: "sequence_length"}, "attentions": {2: "sequence_length"}},
                          opset_version=opset, do_constant_folding=True)
    import onnx
    m = onnx.load(tmp)
    onnx.checker.check_model(m, full_check=True)
    for k, v in {"producer": "predictive-keyboard training/export_attention.py", "task": "inspector-attention",
                 "n_layer": str(model.cfg.n_layer), "n_head": str(model.cfg.n_head)}.items():
        e = m.metadata_props.add()
        e.key, e.value = k, v
    onnx.save(m, tmp)
    if int8:
        from quantize import quantize_int8
        quantize_int8(tmp, path, min_elems=64 if model.cfg.n_embd < 64 else 4096)
        os.remove(tmp)
    return err


def shipped_is_int8(model_dir):
    p = os.path.join(model_dir, "model.onnx")
    if not os.path.exists(p):
        return True
    import onnx
    g = onnx.load(p, load_external_data=False).graph
    return any(n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul") for n in g.node)


def check_config(model: GPT, model_dir):
    """The checkpoint must be the shipped model's: same shape as MODEL_DIR/config.json."""
    p = os.path.join(model_dir, "config.json")
    if not os.path.exists(p):
        return
    c = json.load(open(p))
    mine = {"n_layer": model.cfg.n_layer, "n_head": model.cfg.n_head, "n_embd": model.cfg.n_embd,
            "n_positions": model.cfg.n_positions}
    theirs = {k: c.get(k) for k in mine}
    if mine != theirs:
        raise SystemExit(f"checkpoint {mine} does not match {p} {theirs}: pass the shipped model's checkpoint")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ckpt", nargs="?")
    ap.add_argument("model_dir", nargs="?")
    ap.add_argument("--fixture", help="tiny fixture folder (random weights from tiny_model.py)")
    ap.add_argument("--dtype", choices=["auto", "int8", "fp32"], default="auto")
    ap.add_argument("--name", default="model_attn.onnx")
    a = ap.parse_args()
    if a.fixture:
        from tiny_model import tiny_model
        model, out_dir, int8 = tiny_model(), a.fixture, a.dtype != "fp32"
    else:
        if not a.ckpt or not a.model_dir:
            ap.error("CKPT and MODEL_DIR are required (or --fixture DIR)")
        model, _ = load_checkpoint(a.ckpt)
        out_dir = a.model_dir
        check_config(model, out_dir)
        int8 = shipped_is_int8(out_dir) if a.dtype == "auto" else a.dtype == "int8"
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, a.name)
    err = export_attention(model, path, int8=int8)
    total = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir))
    print(json.dumps({"wrote": path, "int8": int8, "bytes": os.path.getsize(path), "folder_bytes": total,
                      "body_vs_model_max_err": err}))


if __name__ == "__main__":
    main()
