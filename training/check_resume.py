"""The int8 model.onnx is the resumable checkpoint (issue 12): a tiny random GPT-2 is exported,
quantized with every table in int8 (token and position tables, as the shipped 4 x 256 model has
them), turned back into a training checkpoint by from_onnx.py, and every weight must come back
within int8 rounding: |w - w'| <= scale / 2 per row or column (symmetric per-channel int8,
quantize.py). Run by smoke.sh; exits non-zero with the weight's name on a mismatch."""
import json
import os
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from export import export_onnx, hf_config  # noqa: E402
from from_onnx import main as from_onnx  # noqa: E402
from model import GPT, GPTConfig, load_checkpoint  # noqa: E402
from quantize import quantize_int8  # noqa: E402

torch.manual_seed(0)
cfg = GPTConfig(n_layer=2, n_head=2, n_embd=32, n_positions=64, vocab_size=50257)
model = GPT(cfg).eval()
# a trained model's tensors all differ; fresh zeros and ones would be merged into one initializer by
# the exporter and lose their names
with torch.no_grad():
    for p in model.parameters():
        p.add_(torch.randn_like(p) * 0.02)
with tempfile.TemporaryDirectory() as work:
    fp32, int8 = os.path.join(work, "fp32.onnx"), os.path.join(work, "model.onnx")
    export_onnx(model, fp32)
    quantize_int8(fp32, int8, min_elems=1, min_table=1)
    with open(os.path.join(work, "config.json"), "w") as f:
        json.dump(hf_config(cfg), f)
    resumed_path = os.path.join(work, "resumed.pt")
    from_onnx([int8, resumed_path])
    resumed, _ = load_checkpoint(resumed_path)
    want = model.state_dict()
    for name, got in resumed.state_dict().items():
        w = want[name]
        if not torch.is_floating_point(w):
            continue
        # half of the largest per-channel int8 step, plus float slack
        tol = w.abs().max().item() / 127 / 2 + 1e-6
        err = (got - w).abs().max().item()
        assert err <= tol, f"check_resume: {name} came back {err:.2e} away (int8 step / 2 = {tol:.2e})"
    print(f"check_resume: {len(want)} tensors back from int8 within rounding OK")
