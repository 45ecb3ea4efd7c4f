"""Held-out evaluation of a checkpoint: exact 50257-way loss / perplexity on the held-out split
(by document), the interpolated-bigram and unigram baselines on the same tokens, and greedy
continuations of ordinary sentences.

  python3 training/evaluate.py CKPT [--data training/data] [--windows 800] [--json OUT.json]
"""
import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import EOT, load_checkpoint  # noqa: E402

PROMPTS = [
    "The weather today is",
    "I would like to thank you for",
    "To install the package, run",
    "The meeting has been moved to",
    "Please let me know if you have any",
    "The function returns a list of",
    "In this chapter we describe how to",
    "We are writing to inform you that",
    "My fellow citizens, the state of our Union is",
    "If the file does not exist, the command",
    "Thank you for your",
    "Dear Sir or Madam, I am writing to",
    "## Meeting notes\n\n- Anna will send the",
]


def bpe(req):
    r = subprocess.run(["node", os.path.join(HERE, "bpe.mjs")], input=json.dumps(req), capture_output=True,
                       text=True, cwd=os.path.dirname(HERE), check=True)
    return json.loads(r.stdout)


def windows(val, ctx, n):
    """Non-overlapping held-out windows ([EOT] + ctx tokens), evenly spread over the split."""
    total = (len(val) - 1) // ctx
    idx = np.linspace(0, total - 1, min(n, total)).astype(np.int64) * ctx
    seq = np.empty((len(idx), ctx + 1), dtype=np.int64)
    seq[:, 0] = EOT
    for b, i in enumerate(idx):
        seq[b, 1:] = val[i:i + ctx]
    return seq


@torch.no_grad()
def model_loss(model, seq, batch=16):
    tot, cnt = 0.0, 0
    for s in range(0, len(seq), batch):
        x = torch.from_numpy(seq[s:s + batch])
        loss = model.full_loss(x[:, :-1], x[:, 1:]).item()
        tot += loss * x[:, 1:].numel()
        cnt += x[:, 1:].numel()
    return tot / cnt


def ngram_baselines(train, seq, V=50257):
    """Unigram (add-one) and linearly interpolated bigram baselines (lambda tuned on the held-out
    windows, so the bigram number is if anything optimistic)."""
    tr = np.asarray(train, dtype=np.int64)
    uni = np.bincount(tr, minlength=V).astype(np.float64) + 1.0
    uni /= uni.sum()
    keys = tr[:-1] * V + tr[1:]
    uk, uc = np.unique(keys, return_counts=True)
    prev_count = np.bincount(tr[:-1], minlength=V).astype(np.float64)
    x = seq[:, :-1].reshape(-1)
    y = seq[:, 1:].reshape(-1)
    q = x * V + y
    pos = np.searchsorted(uk, q)
    pos = np.clip(pos, 0, len(uk) - 1)
    big = np.where(uk[pos] == q, uc[pos], 0).astype(np.float64)
    pb = np.where(prev_count[x] > 0, big / np.maximum(prev_count[x], 1), 0.0)
    pu = uni[y]
    best = None
    for lam in np.linspace(0.0, 0.95, 20):
        l = -np.mean(np.log(lam * pb + (1 - lam) * pu))
        if best is None or l < best[0]:
            best = (l, lam)
    return {"unigram": float(-np.mean(np.log(pu))), "bigram_interpolated": float(best[0]),
            "bigram_lambda": float(round(best[1], 3))}


def repeats_trigram(text):
    """Whether a greedy continuation loops: it repeats a 3-word sequence (whitespace-split words)."""
    words = text.split()
    tri = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    return len(set(tri)) < len(tri)


PUNCT_RUN = re.compile(r"[.,;:!?](?:\s*[.,;:!?]){2,}")


def punctuation_run(text):
    """Whether a greedy continuation degenerates into sentence punctuation (",.,,", "the.. and,,,"): a
    run of three or more of . , ; : ! ? (spaces allowed between), other than one ellipsis "...". The
    3-word loop criterion (repeats_trigram) cannot see it, and a loss that only breaks loops can trade
    a loop for it."""
    return any(m.group(0) != "..." for m in PUNCT_RUN.finditer(text))


@torch.no_grad()
def heldout_loops(model, val_docs, n, prefix=48, n_new=30, seed=7):
    """Greedy decoding from n held-out prefixes (`prefix` tokens from a random place in a document
    of 2,000+ characters, from val_docs.jsonl): the share of continuations of n_new tokens that
    repeat a 3-word sequence, and seq-rep-4 (Welleck et al. 2019: the mean share of repeated token
    4-grams in a continuation). Thirteen card prompts are too few to tell two models apart."""
    rng = np.random.default_rng(seed)
    docs = [json.loads(line)["text"] for line in open(val_docs)]
    docs = [d[:6000] for d in docs if len(d) > 2000]
    picked = [docs[i] for i in rng.permutation(len(docs))[:n]]
    outs, rep4 = [], []
    for ids in bpe({"encode": picked})["encode"]:
        at = int(rng.integers(0, max(1, len(ids) - prefix)))
        x = torch.tensor([ids[at:at + prefix]])
        y = model.generate(x, n_new, greedy=True)[0, x.shape[1]:].tolist()
        outs.append(y)
        grams = list(zip(y, y[1:], y[2:], y[3:]))
        rep4.append(1 - len(set(grams)) / max(1, len(grams)))
    texts = bpe({"decode": outs})["decode"]
    return {"prefixes": len(texts), "prefix_tokens": prefix, "new_tokens": n_new,
            "loops": sum(map(repeats_trigram, texts)), "seq_rep_4": round(float(np.mean(rep4)), 4),
            "punctuation_runs": sum(map(punctuation_run, texts))}


@torch.no_grad()
def greedy_samples(model, n_new=20):
    enc = bpe({"encode": PROMPTS})["encode"]
    outs = []
    for ids in enc:
        x = torch.tensor([[EOT] + ids])
        y = model.generate(x, n_new, greedy=True)[0, x.shape[1]:].tolist()
        outs.append(y)
    dec = bpe({"decode": outs})["decode"]
    return [{"prompt": p, "greedy": d, "loops": repeats_trigram(d), "punctuation_run": punctuation_run(d)}
            for p, d in zip(PROMPTS, dec)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--windows", type=int, default=800)
    ap.add_argument("--baselines", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", default="")
    ap.add_argument("--loop_prefixes", type=int, default=0, help="greedy loops from this many held-out prefixes (0 = skip)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, ck = load_checkpoint(a.ckpt)
    val = np.memmap(os.path.join(a.data, "val.bin"), dtype=np.uint16, mode="r")
    seq = windows(val, model.cfg.n_positions, a.windows)
    loss = model_loss(model, seq)
    res = {"ckpt": a.ckpt, "heldout_tokens": int(seq[:, 1:].size), "heldout_loss": round(loss, 4),
           "heldout_ppl": round(float(np.exp(loss)), 2),
           "train_tokens_seen": ck.get("tokens"), "train_seconds": ck.get("train_seconds"),
           "params": model.num_params(), "params_non_embedding": model.num_params(True), "config": ck["config"]}
    if a.baselines:
        train = np.memmap(os.path.join(a.data, "train.bin"), dtype=np.uint16, mode="r")
        res["baselines"] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in ngram_baselines(train, seq).items()}
    res["samples"] = greedy_samples(model)
    if a.loop_prefixes:
        res["heldout_loops"] = heldout_loops(model, os.path.join(a.data, "val_docs.jsonl"), a.loop_prefixes)
    print(json.dumps(res, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
