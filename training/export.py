"""Export a trained checkpoint to ONNX with an incremental KV cache (Optimum / transformers.js names).

Inputs : input_ids [batch, seq] int64, attention_mask [batch, past+seq] int64,
         position_ids [batch, seq] int64, past_key_values.{i}.key/.value [batch, n_head, past, head_dim] f32
Outputs: logits [batch, seq, 50257] f32, present.{i}.key/.value [batch, n_head, past+seq, head_dim] f32

The tied LM head is a single Gemm(transB=1) on the token-embedding initializer, so the 50257 x d
matrix is stored once. For a top-K-trained model the rare tokens' logits are other(h) + log share
(a Where over the vocabulary), so the output is a proper distribution over all 50257 tokens.

Usage: python3 training/export.py CKPT OUT_DIR [--int8] [--attn] [--name model.onnx]
"""
import argparse
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import GPT, EOT, load_checkpoint  # noqa: E402


class TiedHead(torch.autograd.Function):
    """h [N, C] @ W[V, C]^T, exported as Gemm(h, W, transB=1) - no transposed copy of W."""

    @staticmethod
    def forward(ctx, h, w):
        return h @ w.t()

    @staticmethod
    def symbolic(g, h, w):
        return g.op("Gemm", h, w, transB_i=1)


class OnnxDecoder(nn.Module):
    def __init__(self, model: GPT, output_attentions=False):
        super().__init__()
        self.m = model
        self.output_attentions = output_attentions

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        m = self.m
        B, T = input_ids.shape
        S = attention_mask.shape[1]  # past + T
        # causal mask combined with the padding mask -> additive [B, 1, T, S]
        q_pos = torch.arange(T, device=input_ids.device).unsqueeze(1) + (S - T)
        k_pos = torch.arange(S, device=input_ids.device).unsqueeze(0)
        allowed = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0) & (attention_mask > 0).unsqueeze(1).unsqueeze(1)
        mask = torch.where(allowed, torch.zeros((), dtype=torch.float32), torch.full((), -1e9))
        x = m.transformer.wte(input_ids) + m.transformer.wpe(position_ids)
        presents, attns = [], []
        for i, block in enumerate(m.transformer.h):
            pk, pv = past_flat[2 * i], past_flat[2 * i + 1]
            if self.output_attentions:
                a, k, v, att = attn_with_weights(block.attn, block.ln_1(x), mask, pk, pv)
                x = x + a
                x = x + block.mlp(block.ln_2(x))
                attns.append(att[:, :, -1, :])  # last query position: [B, H, S]
            else:
                x, k, v = block(x, mask, pk, pv)
            presents += [k, v]
        h = m.transformer.ln_f(x)
        C = h.shape[-1]
        h2 = h.reshape(-1, C)
        logits = TiedHead.apply(h2, m.transformer.wte.weight)
        if m.cfg.topk:
            other = m.other(h2) + m.rare_logshare
            logits = torch.where(m.is_rare, other, logits)
        logits = logits.reshape(B, T, -1)
        return (logits, *presents, *attns)


def attn_with_weights(attn, x, mask, past_k, past_v):
    import math
    import torch.nn.functional as F
    B, T, C = x.shape
    q, k, v = attn.c_attn(x).split(C, dim=2)
    q = q.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)
    k = torch.cat([past_k, k.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)], dim=2)
    v = torch.cat([past_v, v.view(B, T, attn.n_head, attn.head_dim).transpose(1, 2)], dim=2)
    att = F.softmax((q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(attn.head_dim)) + mask, dim=-1)
    y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
    return attn.c_proj(y), k, v, att


def io_names(n_layer, output_attentions=False):
    inputs = ["input_ids", "attention_mask", "position_ids"]
    outputs = ["logits"]
    for i in range(n_layer):
        inputs += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outputs += [f"present.{i}.key", f"present.{i}.value"]
    if output_attentions:
        outputs += [f"attentions.{i}" for i in range(n_layer)]
    return inputs, outputs


def export_onnx(model: GPT, path, opset=14, output_attentions=False):
    model.eval()
    cfg = model.cfg
    hd = cfg.n_embd // cfg.n_head
    B, T, P = 2, 3, 4  # trace with a non-empty past; all axes are dynamic (past 0 works too)
    ids = torch.randint(0, cfg.vocab_size, (B, T))
    am = torch.ones(B, P + T, dtype=torch.long)
    pos = torch.arange(P, P + T).unsqueeze(0).expand(B, T).contiguous()
    past = []
    for _ in range(cfg.n_layer):
        past += [torch.randn(B, cfg.n_head, P, hd), torch.randn(B, cfg.n_head, P, hd)]
    inputs, outputs = io_names(cfg.n_layer, output_attentions)
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(cfg.n_layer):
        for kv in ("key", "value"):
            dyn[f"past_key_values.{i}.{kv}"] = {0: "batch_size", 2: "past_sequence_length"}
            dyn[f"present.{i}.{kv}"] = {0: "batch_size", 2: "total_sequence_length"}
    if output_attentions:
        for i in range(cfg.n_layer):
            dyn[f"attentions.{i}"] = {0: "batch_size", 2: "total_sequence_length"}
    wrapper = OnnxDecoder(model, output_attentions)
    with torch.no_grad():
        torch.onnx.export(wrapper, (ids, am, pos, *past), path, input_names=inputs, output_names=outputs,
                          dynamic_axes=dyn, opset_version=opset, do_constant_folding=True)
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    # record provenance like Optimum does
    meta = {"producer": "predictive-keyboard training/export.py", "task": "text-generation-with-past"}
    for k, v in meta.items():
        e = m.metadata_props.add()
        e.key, e.value = k, v
    onnx.save(m, path)
    return path


def hf_config(cfg):
    return {
        "model_type": "gpt2",
        "architectures": ["GPT2LMHeadModel"],
        "vocab_size": cfg.vocab_size,
        "n_layer": cfg.n_layer,
        "n_head": cfg.n_head,
        "n_embd": cfg.n_embd,
        "n_positions": cfg.n_positions,
        "n_ctx": cfg.n_positions,
        "n_inner": None,
        "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5,
        "bos_token_id": EOT,
        "eos_token_id": EOT,
        "tie_word_embeddings": True,
        "use_cache": True,
    }


def write_config(cfg, out_dir, extra=None):
    c = hf_config(cfg)
    if extra:
        c.update(extra)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(c, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("out_dir")
    ap.add_argument("--name", default="model.onnx")
    ap.add_argument("--int8", action="store_true", help="also write <name>_int8.onnx")
    ap.add_argument("--attn", action="store_true", help="also write model_attn.onnx (outputs attentions)")
    args = ap.parse_args()
    model, ck = load_checkpoint(args.ckpt)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, args.name)
    export_onnx(model, path)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB)")
    write_config(model.cfg, args.out_dir)
    if args.int8:
        from quantize import quantize_int8
        qpath = path.replace(".onnx", "_int8.onnx")
        quantize_int8(path, qpath)
        print(f"wrote {qpath} ({os.path.getsize(qpath) / 1e6:.1f} MB)")
    if args.attn:
        apath = os.path.join(args.out_dir, "model_attn.onnx")
        export_onnx(model, apath, output_attentions=True)
        print(f"wrote {apath}")


if __name__ == "__main__":
    main()
