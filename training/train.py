"""Train the GPT-2 on uint16 token files (train.bin / val.bin from tokenize.mjs).

Time-budgeted: the learning-rate schedule runs on wall-clock progress (elapsed / --minutes, capped
by --until HH:MM UTC), so a run finishes on time whatever the machine's contention (a process paused
with SIGSTOP keeps its clock running). Each training window is <|endoftext|> followed by a random crop
of the corpus, exactly what the engine feeds.

Schedule (get_lr): --schedule wsd = warmup-stable-decay: linear warmup, then the peak rate, then a
linear decay to --min_lr_frac over the last --decay_frac of the budget. A resumed leg runs its own
schedule over its own budget: any stable-phase checkpoint becomes a shippable model with
`--resume ckpt.pt --minutes 10 --warmup_frac 0 --decay_frac 1`.
--schedule cosine = the first model's warmup + cosine decay.

  python3 training/train.py --data training/data --out training/runs/cpu --minutes 100 \
      --n_layer 6 --n_head 4 --n_embd 256 --ctx 256 --topk 16384 --batch 8
  python3 training/train.py ... --resume training/runs/cpu/ckpt.pt      # continue (optimizer state too)

Checkpoints (ckpt.pt with optimizer state, atomically replaced) every --ckpt_min minutes; log lines
(JSON) on stdout and in OUT/log.jsonl.
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import bpe  # noqa: E402
from model import (GPT, GPTConfig, EOT, anchor_kl, repeated_ngram_mask, repetition_penalty_loss,  # noqa: E402
                   sequence_margin_loss, sequence_unlikelihood_loss)


def get_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="training/data")
    ap.add_argument("--out", default="training/runs/cpu")
    ap.add_argument("--n_layer", type=int, default=4)
    ap.add_argument("--n_head", type=int, default=4)
    ap.add_argument("--n_embd", type=int, default=256)
    ap.add_argument("--ctx", type=int, default=256, help="training window = n_positions")
    ap.add_argument("--short_ctx", type=int, default=0,
                    help="mixed window lengths: most steps use windows of this many tokens (same tokens per step), "
                         "a share --long_frac uses the full --ctx; 0 = always --ctx")
    ap.add_argument("--long_frac", type=float, default=0.25)
    ap.add_argument("--topk", type=int, default=16384, help="0 = full softmax")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--min_lr_frac", type=float, default=0.1)
    ap.add_argument("--warmup_frac", type=float, default=0.03)
    ap.add_argument("--schedule", choices=("wsd", "cosine"), default="wsd")
    ap.add_argument("--decay_frac", type=float, default=0.2, help="wsd: share of the budget spent decaying")
    ap.add_argument("--until", default="", help="HH:MM (UTC): end by then even if --minutes is longer")
    ap.add_argument("--resume", default="", help="continue this run's ckpt.pt: weights, optimizer, clock")
    ap.add_argument("--wd", type=float, default=0.1)
    ap.add_argument("--minutes", type=float, default=10.0, help="wall-clock training budget")
    ap.add_argument("--max_steps", type=int, default=0, help="stop after this many steps (0 = by time)")
    ap.add_argument("--ckpt_min", type=float, default=10.0)
    ap.add_argument("--eval_windows", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--auto_threads", type=int, default=0,
                    help="on a shared CPU: every N steps time 1 vs --threads threads for a few steps, keep the faster")
    ap.add_argument("--bf16", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--compile", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1337)
    ap.add_argument("--log_every", type=int, default=20)
    ap.add_argument("--init", default="", help="start from this checkpoint's weights")
    ap.add_argument("--unlikelihood", type=float, default=0.0,
                    help="weight of the token-level unlikelihood loss against copying the window (model.unlikelihood_loss); 0 = off")
    ap.add_argument("--seq_ul", type=float, default=0.0,
                    help="share of steps that are sequence-level unlikelihood steps on the model's own greedy text "
                         "(sequence_ul_step); 0 = off")
    ap.add_argument("--seq_ul_prefix", type=int, default=50, help="tokens of corpus text before each greedy continuation")
    ap.add_argument("--seq_ul_prefix_min", type=int, default=0,
                    help="when set, each sequence-level step draws its prefix length from [this, --seq_ul_prefix]: "
                         "a short prompt (the card's are 5-12 tokens) loops differently from a long one")
    ap.add_argument("--seq_ul_len", type=int, default=100, help="greedy tokens decoded per continuation")
    ap.add_argument("--seq_ul_n", type=int, default=4, help="a token is penalised inside a repeated n-gram of this many tokens")
    ap.add_argument("--seq_ul_keep_prefix", type=int, default=0,
                    help="1 = a repeated n-gram that also occurs in the corpus prefix is not penalised (the text's own "
                         "terms may repeat; only loops the model made up are)")
    ap.add_argument("--seq_margin", type=float, default=0.0,
                    help="when > 0, sequence-level steps use the hinge model.sequence_margin_loss with this margin "
                         "(nats) instead of the unlikelihood: a looping token is pushed below the best other class, "
                         "then left alone")
    ap.add_argument("--seq_margin_words", type=int, default=0,
                    help="1 = the hinge's alternative to a looping token is a word, never a punctuation-only token "
                         "(punctuation_classes)")
    ap.add_argument("--ditto", type=float, default=0.0,
                    help="share of steps that are DITTO steps (Xu et al. 2022): a corpus sentence repeated to fill "
                         "--ditto_ctx tokens, each copy pulled to --ditto_lambda times the previous one's probability; 0 = off")
    ap.add_argument("--ditto_lambda", type=float, default=0.5)
    ap.add_argument("--ditto_ctx", type=int, default=128, help="tokens per pseudo-repetitive row")
    ap.add_argument("--ditto_min", type=int, default=6, help="shortest sentence (tokens) a DITTO row repeats")
    ap.add_argument("--ditto_max", type=int, default=40, help="longest sentence (tokens) a DITTO row repeats")
    ap.add_argument("--anchor", type=float, default=0.0,
                    help="weight of KL(--init model || this model) on the corpus steps (model.anchor_kl): keeps a "
                         "polish's predictions on real text near where it started; needs --init; 0 = off")
    return ap.parse_args(argv)


def get_lr(prog, a):
    """Learning rate at training progress prog in [0, 1] (share of the wall-clock budget used).
    wsd: linear warmup over warmup_frac, flat at a.lr, then linear decay to a.lr * min_lr_frac over the
    last decay_frac. cosine: warmup, then cosine decay to a.lr * min_lr_frac."""
    if prog < a.warmup_frac:
        return a.lr * prog / a.warmup_frac
    lo = a.lr * a.min_lr_frac
    if a.schedule == "wsd":
        start = 1.0 - a.decay_frac
        if prog < start:
            return a.lr
        return a.lr - (a.lr - lo) * min(1.0, (prog - start) / max(a.decay_frac, 1e-9))
    q = min(1.0, (prog - a.warmup_frac) / (1 - a.warmup_frac))
    return lo + (a.lr - lo) * 0.5 * (1 + math.cos(math.pi * q))


def configure_optimizers(model, a):
    """AdamW (betas 0.9/0.95); weight decay on matrices and embeddings only, not on biases and norms."""
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=a.lr, betas=(0.9, 0.95))


def budget_seconds(a, now=None):
    """--minutes, shortened so that training ends by --until (HH:MM UTC, today or tomorrow)."""
    budget = a.minutes * 60.0
    if a.until:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        hh, mm = (int(x) for x in a.until.split(":"))
        end = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        if end < now - datetime.timedelta(hours=12):
            end += datetime.timedelta(days=1)
        budget = min(budget, max(0.0, (end - now).total_seconds()))
    return budget


class Logger:
    """One JSON line per record, on stdout and appended to OUT/log.jsonl."""

    def __init__(self, path):
        self.f = open(path, "a")

    def __call__(self, **rec):
        line = json.dumps(rec)
        print(line, flush=True)
        self.f.write(line + "\n")
        self.f.flush()


def batch_from(data, B, ctx, rng, device):
    """B windows: [EOT] + random crop of ctx tokens -> x = seq[:-1], y = seq[1:]."""
    ix = rng.integers(0, len(data) - ctx - 1, size=B)
    seq = np.empty((B, ctx + 1), dtype=np.int64)
    seq[:, 0] = EOT
    for b, i in enumerate(ix):
        seq[b, 1:] = data[i:i + ctx]
    seq = torch.from_numpy(seq).to(device)
    return seq[:, :-1], seq[:, 1:]


def sequence_ul_step(model, data, a, rng, dev, never=None):
    """One sequence-level unlikelihood loss (Welleck et al. 2019, section 5.2): decode --seq_ul_len
    greedy tokens after a corpus prefix of --seq_ul_prefix tokens (or a drawn length,
    --seq_ul_prefix_min), then penalise each decoded token that sits inside an --seq_ul_n-gram the
    continuation already produced (with --seq_ul_keep_prefix, unless the prefix has that n-gram too).
    Greedy loops are the model's own behaviour, so this trains on its output rather than on the
    corpus. Rare tokens share the top-K "other" class and are never penalised. With --seq_margin the
    penalised tokens get the hinge (model.sequence_margin_loss) instead, whose alternative is never a
    class in `never` (an index or a [V'] bool mask). Returns (loss, share
    of decoded tokens penalised); batch --batch continuations."""
    prefix = int(rng.integers(a.seq_ul_prefix_min, a.seq_ul_prefix + 1)) if a.seq_ul_prefix_min else a.seq_ul_prefix
    x, _ = batch_from(data, a.batch, prefix, rng, a.device)  # [B, P]: EOT + P-1 corpus tokens
    P = x.shape[1]
    seq = model.greedy_continue(x, a.seq_ul_len)  # [B, P + len]
    penalised = repeated_ngram_mask(seq[:, P:], a.seq_ul_n, seq[:, 1:P] if a.seq_ul_keep_prefix else None)  # [B, len]
    with torch.autocast(device_type=dev, dtype=torch.bfloat16, enabled=bool(a.bf16)):
        h, _ = model.hidden(seq[:, :-1])
        logp, classes = model.class_logp(h[:, P - 1:], seq[:, P:])  # positions that produced the continuation
    if model.cfg.topk:
        penalised &= classes != model.cfg.topk
    if a.seq_margin > 0:
        return sequence_margin_loss(logp, classes, penalised, a.seq_margin, never), penalised.float().mean().item()
    return sequence_unlikelihood_loss(logp, classes, penalised), penalised.float().mean().item()


# GPT-2 BPE ids that end a sentence or a line: "." "!" "?" "\n" "\n\n"
SENTENCE_END = np.array([13, 0, 30, 198, 628])


# A run's own top-K buffers (from its training counts): a warm start keeps every other weight.
TOPK_BUFFERS = ("topk_ids", "rare_logshare", "is_rare", "target_map")


def weights_without_topk(ck):
    """A checkpoint's model state without its top-K buffers (TOPK_BUFFERS)."""
    return {k: v for k, v in ck["model"].items() if k not in TOPK_BUFFERS}


def punctuation_classes(model):
    """[V'] bool: the training classes that are no word: the top-K "other" class and every token whose
    text has no letter or digit and is not only white space (".", ",,", " ("). Decoded by bpe.mjs."""
    ids = model.topk_ids.tolist() if model.cfg.topk else list(range(model.cfg.vocab_size))
    texts = bpe({"decode": [[i] for i in ids]})["decode"]
    mask = torch.tensor([t.strip() != "" and not any(c.isalnum() for c in t) for t in texts] +
                        ([True] if model.cfg.topk else []))
    return mask


def corpus_sentence(data, length, rng, tries=16):
    """A run of tokens of exactly `length` from the corpus that starts after a sentence end and ends
    with one (a sentence, a list item, a heading); when none is found within
    `tries` random places, a random crop of that length (the loss needs a period, not grammar)."""
    span = min(512, len(data) - 1)  # a tiny corpus (the smoke test's) may be shorter than 512 tokens
    for _ in range(tries):
        i = int(rng.integers(0, len(data) - span))
        ends = np.flatnonzero(np.isin(data[i:i + span], SENTENCE_END))
        starts = ends[:-1] + 1
        hit = np.flatnonzero(ends[1:] + 1 - starts == length)
        if len(hit):
            s = i + starts[hit[0]]
            return np.asarray(data[s:s + length], dtype=np.int64)
    i = int(rng.integers(0, len(data) - length))
    return np.asarray(data[i:i + length], dtype=np.int64)


def ditto_step(model, data, a, rng, dev):
    """One DITTO loss (Xu et al. 2022, section 5): --batch rows of EOT + a corpus sentence of one drawn
    length repeated to --ditto_ctx tokens, trained with model.repetition_penalty_loss. Unlike the
    sequence-level unlikelihood step it needs no decoding (one forward pass), and it never touches
    phrases a real document repeats: only whole sentences said again and again. Measured on leg 13
    (model card notes, arms M and N): it stops a repeated sentence reinforcing itself, but raw greedy
    loops, short generic phrases, rise."""
    L = int(rng.integers(a.ditto_min, a.ditto_max + 1))
    reps = -(-a.ditto_ctx // L)
    seq = np.empty((a.batch, a.ditto_ctx + 1), dtype=np.int64)
    seq[:, 0] = EOT
    for b in range(a.batch):
        seq[b, 1:] = np.tile(corpus_sentence(data, L, rng), reps)[:a.ditto_ctx]
    seq = torch.from_numpy(seq).to(a.device)
    with torch.autocast(device_type=dev, dtype=torch.bfloat16, enabled=bool(a.bf16)):
        h, _ = model.hidden(seq[:, :-1])
        logp, classes = model.class_logp(h, seq[:, 1:])  # [B, T, V'], [B, T]
    skip = classes == model.cfg.topk if model.cfg.topk else None
    # position 0 predicts the sentence's first token after EOT, so copies start at 0, L, 2L, ...
    return repetition_penalty_loss(logp, classes, L, a.ditto_lambda, skip)


@torch.no_grad()
def evaluate(model, val, ctx, n_windows, device, bf16):
    """Exact 50257-way held-out loss on fixed, evenly spaced windows."""
    model.eval()
    starts = np.linspace(0, len(val) - ctx - 1, n_windows).astype(np.int64)
    losses = []
    for s in range(0, n_windows, 8):
        chunk = starts[s:s + 8]
        seq = np.empty((len(chunk), ctx + 1), dtype=np.int64)
        seq[:, 0] = EOT
        for b, i in enumerate(chunk):
            seq[b, 1:] = val[i:i + ctx]
        seq = torch.from_numpy(seq).to(device)
        with torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16, enabled=bool(bf16)):
            losses.append(model.full_loss(seq[:, :-1], seq[:, 1:]).item())
    model.train()
    return float(np.mean(losses))


def main(argv=None):
    a = get_args(argv)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    train = np.memmap(os.path.join(a.data, "train.bin"), dtype=np.uint16, mode="r")
    val = np.memmap(os.path.join(a.data, "val.bin"), dtype=np.uint16, mode="r")
    cfg = GPTConfig(n_layer=a.n_layer, n_head=a.n_head, n_embd=a.n_embd, n_positions=a.ctx, topk=a.topk,
                    dropout=a.dropout)
    model = GPT(cfg)
    if cfg.topk:
        counts = torch.from_numpy(np.bincount(train, minlength=cfg.vocab_size).astype(np.int64))
        model.set_topk(counts)
        cover = counts[model.topk_ids].sum().item() / counts.sum().item()
        print(f"top-{cfg.topk} tokens cover {cover:.4f} of training tokens", flush=True)
    resume = torch.load(a.resume, map_location="cpu") if a.resume else None
    if resume is not None:  # same run continued: its own top-K buffers, optimizer state and clock
        model.load_state_dict(resume["model"])
        init_tokens, init_seconds = resume.get("init_tokens") or 0, resume.get("init_seconds") or 0.0
        print(f"resuming {a.resume} at step {resume['step']} ({resume['tokens']} tokens)", flush=True)
    elif a.init:  # warm start from another run's weights (its top-K buffers are replaced by this run's)
        ck = torch.load(a.init, map_location="cpu")
        missing, unexpected = model.load_state_dict(weights_without_topk(ck), strict=False)
        assert all(k in TOPK_BUFFERS for k in missing) and not unexpected, (missing, unexpected)
        init_tokens = (ck.get("tokens") or 0) + (ck.get("init_tokens") or 0)
        init_seconds = (ck.get("train_seconds") or 0) + (ck.get("init_seconds") or 0)
        print(f"warm start from {a.init} ({init_tokens} tokens seen there)", flush=True)
    else:
        init_tokens, init_seconds = 0, 0.0
    model.to(a.device)
    hinge_never = cfg.topk or None  # the top-K "other" class is no token
    if a.seq_margin_words:
        hinge_never = punctuation_classes(model).to(a.device)
        print(f"the hinge's alternative is never one of {int(hinge_never.sum())} punctuation classes", flush=True)
    teacher = None
    if a.anchor:
        assert a.init and not a.unlikelihood, \
            "--anchor needs --init (the weights to stay near) and no token-level --unlikelihood"
        teacher = GPT(cfg)
        teacher.load_state_dict(model.state_dict())  # this run's top-K buffers
        if resume is not None:  # a resumed polish stays near where the run began, not where it stopped
            teacher.load_state_dict(weights_without_topk(torch.load(a.init, map_location="cpu")), strict=False)
        teacher.to(a.device).eval().requires_grad_(False)
    print(f"params {model.num_params() / 1e6:.2f}M (non-embedding {model.num_params(True) / 1e6:.2f}M); "
          f"train {len(train) / 1e6:.2f}M tokens, val {len(val) / 1e6:.2f}M", flush=True)
    opt = configure_optimizers(model, a)
    if resume is not None and "optimizer" in resume:
        opt.load_state_dict(resume["optimizer"])
    fwd = torch.compile(model) if a.compile else model
    log = Logger(os.path.join(a.out, "log.jsonl"))
    # on resume the budget counts from the run's start: the clock continues where the checkpoint left it
    done = resume["train_seconds"] if resume is not None else 0.0
    budget = done + budget_seconds(a)
    log(event="start", budget_s=round(budget, 1), resumed_s=round(done, 1), schedule=a.schedule, ctx=a.ctx,
        batch=a.batch, lr=a.lr, utc=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))

    def save(tag, val_loss=None, with_opt=True):
        ck = {"model": model.state_dict(), "config": cfg.to_dict(), "step": step, "tokens": tokens,
              "train_seconds": elapsed, "val_loss": val_loss, "args": vars(a),
              "init_tokens": init_tokens, "init_seconds": init_seconds, "lr": lr}
        if with_opt:
            ck["optimizer"] = opt.state_dict()
        tmp = os.path.join(a.out, f".{tag}.tmp")
        torch.save(ck, tmp)
        os.replace(tmp, os.path.join(a.out, f"{tag}.pt"))

    t0 = time.time() - done
    last_ckpt = time.time()
    step, tokens, elapsed = (resume["step"], resume["tokens"], done) if resume is not None else (0, 0, 0.0)
    lr = 0.0
    if resume is not None:
        rng = np.random.default_rng(a.seed + step)  # fresh windows, not a replay of the first leg's
    ema = rep_ema = ditto_ema = None  # rep_ema: share of greedy tokens inside a repeated n-gram (sequence_ul_step)
    dev = a.device.split(":")[0]
    cur_threads = a.threads
    probe = None  # (threads, start_time, start_step, results)
    while True:
        if a.auto_threads and a.device == "cpu":
            # probe phase: 15 steps with each thread count, then keep the faster one
            if probe is None and step % a.auto_threads == 0 and step > 0:
                probe = {"order": [1, a.threads], "i": 0, "t": time.time(), "s": step, "res": {}}
                torch.set_num_threads(1)
            elif probe is not None and step - probe["s"] >= 15:
                th = probe["order"][probe["i"]]
                probe["res"][th] = (step - probe["s"]) / (time.time() - probe["t"])
                probe["i"] += 1
                if probe["i"] < len(probe["order"]):
                    torch.set_num_threads(probe["order"][probe["i"]])
                    probe["t"], probe["s"] = time.time(), step
                else:
                    cur_threads = max(probe["res"], key=probe["res"].get)
                    torch.set_num_threads(cur_threads)
                    log(step=step, threads=cur_threads,
                        steps_per_s={k: round(v, 3) for k, v in probe["res"].items()})
                    probe = None
        elapsed = time.time() - t0
        prog = (elapsed - done) / max(1e-9, budget - done)  # progress of this leg
        if prog >= 1.0 or (a.max_steps and step >= a.max_steps):
            break
        if a.max_steps:
            prog = step / a.max_steps
        lr = get_lr(prog, a)
        for g in opt.param_groups:
            g["lr"] = lr
        # On a CPU, attention over 1,024 positions costs ~3x a 256-token window per token (no fused
        # attention in Debian's torch), so most steps train short windows and a share trains full ones:
        # every position up to --ctx is still trained, at a third of the cost.
        kind = rng.random() if a.seq_ul or a.ditto else 1.0  # runs without either draw as before
        if kind < a.seq_ul:
            loss, rep = sequence_ul_step(model, train, a, rng, dev, hinge_never)
            rep_ema = rep if rep_ema is None else 0.95 * rep_ema + 0.05 * rep
            x = None
        elif kind < a.seq_ul + a.ditto:
            loss = ditto_step(model, train, a, rng, dev)
            li_ditto = loss.item()
            ditto_ema = li_ditto if ditto_ema is None else 0.95 * ditto_ema + 0.05 * li_ditto
            x = None
        else:
            if a.short_ctx and rng.random() >= a.long_frac:
                x, y = batch_from(train, a.batch * (a.ctx // a.short_ctx), a.short_ctx, rng, a.device)
            else:
                x, y = batch_from(train, a.batch, a.ctx, rng, a.device)
            with torch.autocast(device_type=dev, dtype=torch.bfloat16, enabled=bool(a.bf16)):
                if teacher is None:
                    _, loss = fwd(x, y, ul_alpha=a.unlikelihood)
                    lm_loss = loss
                else:  # the same cross-entropy, plus the anchor to the starting weights
                    h, _ = model.hidden(x)
                    logp, classes = model.class_logp(h, y)
                    with torch.no_grad():
                        t_logp, _ = teacher.class_logp(teacher.hidden(x)[0], y)
                    lm_loss = F.nll_loss(logp.reshape(-1, logp.size(-1)), classes.reshape(-1))
                    loss = lm_loss + a.anchor * anchor_kl(logp, t_logp)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if x is not None:  # a sequence-level step's loss is not a cross-entropy: the EMA skips it
            tokens += x.numel()
            li = lm_loss.item()  # the cross-entropy alone, comparable with runs without --anchor
            ema = li if ema is None else 0.98 * ema + 0.02 * li
        if step % a.log_every == 0:
            el = time.time() - t0
            extra = {} if ema is None else {"loss": round(li, 4), "ema": round(ema, 4)}
            if rep_ema is not None:
                extra["greedy_rep"] = round(rep_ema, 3)
            if ditto_ema is not None:
                extra["ditto"] = round(ditto_ema, 4)
            log(step=step, tokens=tokens, sec=round(el, 1), lr=round(lr, 6), **extra,
                tok_s=round((tokens - (resume["tokens"] if resume is not None else 0)) / max(1e-9, el - done), 1),
                threads=torch.get_num_threads())
        if time.time() - last_ckpt > a.ckpt_min * 60:
            elapsed = time.time() - t0
            vl = evaluate(model, val, a.ctx, a.eval_windows, a.device, a.bf16)
            log(step=step, tokens=tokens, sec=round(time.time() - t0, 1), val_loss=round(vl, 4), lr=round(lr, 6))
            save("ckpt", vl)
            last_ckpt = time.time()
    elapsed = time.time() - t0
    vl = evaluate(model, val, a.ctx, a.eval_windows, a.device, a.bf16)
    log(final=True, step=step, tokens=tokens, sec=round(elapsed, 1), val_loss=round(vl, 4))
    save("ckpt", vl)
    save("final", vl, with_opt=False)


if __name__ == "__main__":
    main()
