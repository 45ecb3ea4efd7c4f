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
import inspect
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
    """Wraps GPT for export. Options cover the layouts other exporters produce (used for fixtures):
    with_position_ids=False derives positions from cumsum(attention_mask) - 1 (older Optimum);
    past_fp16 keeps past/present in float16; with_past=False has no past inputs."""

    def __init__(self, model: GPT, output_attentions=False, with_position_ids=True, past_fp16=False,
                 with_past=True):
        super().__init__()
        self.m = model
        self.output_attentions = output_attentions
        self.with_position_ids = with_position_ids
        self.past_fp16 = past_fp16
        self.with_past = with_past

    def forward(self, input_ids, attention_mask, *rest):
        m = self.m
        B, T = input_ids.shape
        S = attention_mask.shape[1]  # past + T
        if self.with_position_ids:
            position_ids, rest = rest[0], rest[1:]
        else:
            position_ids = (torch.cumsum(attention_mask, dim=1) - 1).clamp_min(0)[:, S - T:]
        if self.with_past:
            past_flat = [p.float() for p in rest] if self.past_fp16 else list(rest)
        else:
            hd = m.cfg.n_embd // m.cfg.n_head
            z = torch.zeros(B, m.cfg.n_head, 0, hd)
            past_flat = [z] * (2 * m.cfg.n_layer)
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
            if self.past_fp16:
                k, v = k.half(), v.half()
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


def io_names(n_layer, output_attentions=False, with_position_ids=True, with_past=True):
    inputs = ["input_ids", "attention_mask"] + (["position_ids"] if with_position_ids else [])
    outputs = ["logits"]
    for i in range(n_layer):
        if with_past:
            inputs += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        outputs += [f"present.{i}.key", f"present.{i}.value"]
    if output_attentions:
        outputs += [f"attentions.{i}" for i in range(n_layer)]
    return inputs, outputs


def export_onnx(model: GPT, path, opset=14, output_attentions=False, with_position_ids=True, past_fp16=False,
                with_past=True, axis_style="own", metadata=None):
    """Exports `model` to `path` and runs the ONNX checker. axis_style "optimum" uses Optimum's
    dynamic-axis names; metadata (dict) is written into metadata_props."""
    model.eval()
    cfg = model.cfg
    hd = cfg.n_embd // cfg.n_head
    B, T, P = 2, 3, 4  # trace with a non-empty past; all axes are dynamic (past 0 works too)
    ids = torch.randint(0, cfg.vocab_size, (B, T))
    am = torch.ones(B, P + T, dtype=torch.long) if with_past else torch.ones(B, T, dtype=torch.long)
    pos = torch.arange(P, P + T).unsqueeze(0).expand(B, T).contiguous()
    args = [ids, am] + ([pos] if with_position_ids else [])
    if with_past:
        for _ in range(cfg.n_layer):
            for _kv in range(2):
                t = torch.randn(B, cfg.n_head, P, hd)
                args.append(t.half() if past_fp16 else t)
    inputs, outputs = io_names(cfg.n_layer, output_attentions, with_position_ids, with_past)
    total = "past_sequence_length + sequence_length" if axis_style == "optimum" else "total_sequence_length"
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: total if with_past else "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    if with_position_ids:
        dyn["position_ids"] = {0: "batch_size", 1: "sequence_length"}
    for i in range(cfg.n_layer):
        for kv in ("key", "value"):
            if with_past:
                dyn[f"past_key_values.{i}.{kv}"] = {0: "batch_size", 2: "past_sequence_length"}
            dyn[f"present.{i}.{kv}"] = {0: "batch_size", 2: total if with_past else "sequence_length"}
    if output_attentions:
        for i in range(cfg.n_layer):
            dyn[f"attentions.{i}"] = {0: "batch_size", 2: total}
    wrapper = OnnxDecoder(model, output_attentions, with_position_ids, past_fp16, with_past)
    with torch.no_grad():
        # torch >= 2.9 defaults to the dynamo exporter; the TorchScript one keeps our custom Gemm symbolic
        legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
        torch.onnx.export(wrapper, tuple(args), path, input_names=inputs, output_names=outputs,
                          dynamic_axes=dyn, opset_version=opset, do_constant_folding=True, **legacy)
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    if metadata is None:
        metadata = {"producer": "predictive-keyboard training/export.py", "task": "text-generation-with-past"}
    for k, v in metadata.items():
        e = m.metadata_props.add()
        e.key, e.value = k, v
    onnx.save(m, path)
    return path


def merge_decoders(no_past_path, with_past_path, out_path):
    """Builds an Optimum-style merged decoder: one graph with an extra bool input use_cache_branch [1];
    an If node runs the with-past graph (true) or the no-past graph (false). Past inputs are always
    present (past length 0 is fine when use_cache_branch is false). Weights are shared: every
    initializer moves to the outer graph, deduplicated by content."""
    import hashlib
    import onnx
    import onnx.numpy_helper
    from onnx import helper, TensorProto
    a = onnx.load(no_past_path)
    b = onnx.load(with_past_path)
    shared, by_hash = [], {}

    def to_branch(model, prefix):
        g = model.graph
        outer_inputs = {i.name for i in b.graph.input}
        ren = {}
        for init in g.initializer:
            h = hashlib.sha1(init.data_type.to_bytes(1, "little") + bytes(str(list(init.dims)), "ascii")
                             + onnx.numpy_helper.to_array(init).tobytes()).hexdigest()[:16]
            if h not in by_hash:
                new = onnx.TensorProto()
                new.CopyFrom(init)
                new.name = f"shared_{h}"
                by_hash[h] = new.name
                shared.append(new)
            ren[init.name] = by_hash[h]
        nodes = []
        for n in g.node:
            for j, o in enumerate(n.output):
                if o:
                    ren.setdefault(o, prefix + o)
        for n in g.node:
            nn_ = onnx.NodeProto()
            nn_.CopyFrom(n)
            nn_.name = prefix + (n.name or n.op_type)
            for j, x in enumerate(nn_.input):
                if x and x not in outer_inputs:
                    nn_.input[j] = ren.get(x, x)
            for j, x in enumerate(nn_.output):
                if x:
                    nn_.output[j] = ren[x]
            nodes.append(nn_)
        outs = []
        for o in g.output:
            vi = onnx.ValueInfoProto()
            vi.CopyFrom(o)
            vi.name = ren[o.name]
            for d in vi.type.tensor_type.shape.dim:
                if d.HasField("dim_param"):
                    d.ClearField("dim_param")
            outs.append(vi)
        return helper.make_graph(nodes, prefix + "graph", [], outs)

    else_g = to_branch(a, "no_past_")
    then_g = to_branch(b, "with_past_")
    out_names = [o.name for o in b.graph.output]
    if_node = helper.make_node("If", ["use_cache_branch"], out_names, name="optimum::if",
                               then_branch=then_g, else_branch=else_g)
    inputs = list(b.graph.input) + [helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1])]
    outputs = list(b.graph.output)
    g = helper.make_graph([if_node], "merged_decoder", inputs, outputs, initializer=shared)
    m = helper.make_model(g, opset_imports=b.opset_import, producer_name="predictive-keyboard merge_decoders")
    m.ir_version = b.ir_version
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, out_path)
    return out_path


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
