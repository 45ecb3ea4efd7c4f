"""Latency twins of OpenAI's GPT-2 family: GPT-2's exact shapes, random weights, never shipped.

This machine cannot reach the Hugging Face Hub, so the downloadable models are measured on twins
that run the same operations per token: the same layer count, width, heads, vocabulary (50257) and
position table (1024), exported in the transformers.js quantized layout (config.json +
onnx/decoder_model_merged_quantized.onnx: int8 weights, one merged decoder with use_cache_branch).
The weights are random (GPT-2's own init, std 0.02), so the twins' predictions mean nothing; only
their timings and memory are real. They go to an ignored folder and are never committed.

  /usr/bin/python3 bench/tools/make_gpt2_twins.py [--out .cache/gpt2-twins] [names...]

names: distilgpt2 (6 x 768), gpt2 (12 x 768), gpt2-medium (24 x 1024); default all three.
Reuses training/export.py (Optimum I/O names), training/quantize.py (int8) and merge_decoders.
"""
import argparse
import json
import os
import shutil
import sys
import time

import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "training"))
from model import GPT, GPTConfig  # noqa: E402
from export import export_onnx, hf_config, merge_decoders  # noqa: E402
from quantize import quantize_int8  # noqa: E402

# (n_layer, n_head, n_embd) from the Hub's config.json of each model; all have 1024 positions.
SHAPES = {
    "distilgpt2": (6, 12, 768),
    "gpt2": (12, 12, 768),
    "gpt2-medium": (24, 16, 1024),
}


def build(name, out_root):
    n_layer, n_head, n_embd = SHAPES[name]
    target = os.path.join(out_root, name)
    done = os.path.join(target, "onnx", "decoder_model_merged_quantized.onnx")
    if os.path.exists(done):
        print(f"{name}: already built ({os.path.getsize(done) / 1e6:.1f} MB)")
        return
    started = time.time()
    torch.manual_seed(0)
    cfg = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=1024, topk=0)
    model = GPT(cfg)
    with torch.no_grad():
        for pname, p in model.named_parameters():
            if "ln" not in pname and p.dim() > 1:
                p.normal_(0.0, 0.02)
    model.eval()
    tmp = os.path.join(out_root, f".tmp-{name}")
    os.makedirs(tmp, exist_ok=True)
    try:
        no_past, with_past = os.path.join(tmp, "no_past.onnx"), os.path.join(tmp, "with_past.onnx")
        export_onnx(model, no_past, opset=13, axis_style="optimum", with_past=False, metadata={})
        export_onnx(model, with_past, opset=13, axis_style="optimum", metadata={})
        del model
        q_no, q_with = os.path.join(tmp, "no_past_q.onnx"), os.path.join(tmp, "with_past_q.onnx")
        quantize_int8(no_past, q_no)
        os.remove(no_past)
        quantize_int8(with_past, q_with)
        os.remove(with_past)
        staging = target + ".partial"
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(os.path.join(staging, "onnx"))
        merge_decoders(q_no, q_with, os.path.join(staging, "onnx", "decoder_model_merged_quantized.onnx"))
        config = hf_config(cfg)
        config.update(_name_or_path=f"latency-twin/{name}", latency_twin_of=name,
                      note="random weights with the shapes of the model named; for timing only")
        with open(os.path.join(staging, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
            f.write("\n")
        shutil.rmtree(target, ignore_errors=True)
        os.rename(staging, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{name}: {n_layer} x {n_embd}, {os.path.getsize(done) / 1e6:.1f} MB in {time.time() - started:.0f} s -> {target}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, ".cache", "gpt2-twins"))
    ap.add_argument("names", nargs="*", default=list(SHAPES))
    a = ap.parse_args()
    unknown = [n for n in a.names if n not in SHAPES]
    if unknown:
        ap.error(f"unknown model(s) {unknown}; choose from {list(SHAPES)}")
    torch.set_num_threads(1)
    for name in a.names:
        build(name, a.out)


if __name__ == "__main__":
    main()
