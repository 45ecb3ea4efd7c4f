"""Where does a CPU training step go? Times forward+backward of the parts of one step (batch x ctx tokens,
bf16 autocast) for the 4 x 256 model: embeddings + transformer blocks, the output layer with the full
50257-way softmax vs top-K + "other", and the AdamW update.

  python3 training/profile_step.py [--batch 8] [--ctx 256] [--threads 1] [--reps 3]
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import GPT, GPTConfig  # noqa: E402


def timed(fn, reps):
    fn()  # warm-up
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2] * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--ctx", type=int, default=256)
    ap.add_argument("--n_layer", type=int, default=4)
    ap.add_argument("--n_embd", type=int, default=256)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    m = GPT(GPTConfig(n_layer=a.n_layer, n_embd=a.n_embd, n_head=4, n_positions=a.ctx, topk=16384))
    m.set_topk(torch.arange(50257, 0, -1))
    x = torch.randint(0, 50257, (a.batch, a.ctx))
    y = torch.randint(0, 50257, (a.batch, a.ctx))
    ac = lambda: torch.autocast("cpu", dtype=torch.bfloat16)  # noqa: E731
    res = {}

    def body():
        with ac():
            h, _ = m.hidden(x)
        h.float().sum().backward()
    res["embeddings+blocks"] = timed(body, a.reps)
    h0 = torch.randn(a.batch, a.ctx, a.n_embd, requires_grad=True)

    def head(K):
        def f():
            with ac():
                if K == 0:
                    logits = F.linear(h0, m.transformer.wte.weight)
                    t = y
                else:
                    w = m.transformer.wte.weight[:K]
                    logits = torch.cat([F.linear(h0, w), m.other(h0)], -1)
                    t = y.clamp_max(K)
                loss = F.cross_entropy(logits.float().reshape(-1, logits.size(-1)), t.reshape(-1))
            loss.backward()
        return f
    for K in (0, 8192, 16384):
        res[f"output layer {'full 50257' if K == 0 else f'top-{K}+other'}"] = timed(head(K), a.reps)
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3)
    for p in m.parameters():
        p.grad = torch.zeros_like(p)
    res["AdamW update (16M params)"] = timed(opt.step, a.reps)
    tokens = a.batch * a.ctx
    out = {"tokens_per_step": tokens, "threads": a.threads, "ms": {k: round(v, 1) for k, v in res.items()}}
    for K, name in ((0, "full 50257"), (8192, "top-8192+other"), (16384, "top-16384+other")):
        tot = res["embeddings+blocks"] + res[f"output layer {name}"] + res["AdamW update (16M params)"]
        out[f"step with {name}"] = {"ms": round(tot, 1), "tokens_per_s": round(tokens / tot * 1000),
                                    "output_share": round(res[f"output layer {name}"] / tot, 2)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
