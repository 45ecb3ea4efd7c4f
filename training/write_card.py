"""Writes models/prose-gpt2/MODEL_CARD.md from eval.json (finish.py) and training/corpus_manifest.json.

  python3 training/write_card.py models/prose-gpt2
"""
import json
import math
import os
import subprocess
import sys

from evaluate import punctuation_run, repeats_trigram  # noqa: E402  (one definition of a loop for the card and the evaluation)

HERE = os.path.dirname(os.path.abspath(__file__))


def mb(b):
    return f"{b / 1e6:.1f} MB"


def ghost_text(out_dir, prompt):
    """The phrase the extension shows after `prompt` (the engine: model + word n-gram, greedy, at most
    8 words); None where the CLI bundle (npm run build) is missing."""
    cli = os.path.join(HERE, "..", "out", "cli.js")
    if not os.path.exists(cli):
        return None
    run = subprocess.run(["node", cli, "predict", "--json", "--model", out_dir, "--words", "8", "--top-k", "1",
                          "--temperature", "0", "--threads", "1", prompt + " "], capture_output=True, text=True)
    return json.loads(run.stdout)["phrase"] if run.returncode == 0 else None


def main(out_dir):
    ev = json.load(open(os.path.join(out_dir, "eval.json")))
    man = json.load(open(os.path.join(HERE, "corpus_manifest.json")))
    te = ev["torch_eval"]
    cfg = te["config"]
    args = ev.get("train_args") or {}
    ship = ev["shipped"]
    files = sorted(f for f in os.listdir(out_dir) if not f.startswith("."))
    sizes = {f: os.path.getsize(os.path.join(out_dir, f)) for f in files}
    bl = te.get("baselines", {})
    lines = []
    w = lines.append
    w("# prose-gpt2 — a small GPT-2 for next-word prediction in prose")
    w("")
    w(f"A {cfg['n_layer']}-layer, {cfg['n_embd']}-wide GPT-2 ({cfg['n_head']} heads, context {cfg['n_positions']} "
      f"tokens, GPT-2 BPE vocabulary of 50257) trained from scratch on CPU on openly licensed Debian documentation, "
      f"dictionaries, help texts, the World English Bible and US State of the Union addresses. It runs locally in the "
      f"extension through onnxruntime-node, blended with a word trigram (`ngram.bin`, below).")
    w("")
    w("## Files")
    w("| file | what | size |")
    w("|---|---|---|")
    desc = {"model.onnx": f"decoder with KV cache, {ship} weights (Optimum / transformers.js names)",
            "model_attn.onnx": "the Inspector's attention graph (training/export_attention.py): same weights, "
                               "`input_ids` [1, seq] -> `attentions` [n_layer, n_head, seq], the last position's "
                               "attention rows; opened only while the panel is open, never on the keystroke path",
            "config.json": "Hugging Face GPT-2 config", "eval.json": "all measured numbers (finish.py)",
            "ngram.bin": "word trigram partner (modified Kneser-Ney, training/build_ngram.py; format in its docstring)",
            "MODEL_CARD.md": "this card"}
    for f in files:
        size = "—" if f == "MODEL_CARD.md" else (mb(sizes[f]) if sizes[f] > 1e5 else f"{sizes[f]} B")
        w(f"| `{f}` | {desc.get(f, '')} | {size} |")
    w("")
    w(f"Parameters: {te['params'] / 1e6:.2f}M ({te['params_non_embedding'] / 1e6:.2f}M outside the embeddings; "
      f"the LM head is tied to the token embedding). ONNX file: fp32 {mb(ev['files']['fp32_bytes'])}, "
      f"int8 {mb(ev['files']['int8_bytes'])}; shipped: **{ship}**.")
    w("")
    w("I/O: inputs `input_ids` [batch, seq] int64, `attention_mask` [batch, past+seq] int64, `position_ids` "
      "[batch, seq] int64, `past_key_values.{i}.key|value` [batch, n_head, past, head_dim] float32; outputs "
      "`logits` [batch, seq, 50257] float32, `present.{i}.key|value`. All varying axes dynamic; past length 0 "
      "works. Feed <|endoftext|> (50256) as the first token of every context window (that is how it was trained).")
    w("")
    w("## Training data")
    w(f"{man['total_tokens'] / 1e6:.1f}M GPT-2 tokens ({man['train_tokens'] / 1e6:.1f}M train, "
      f"{man['heldout_tokens'] / 1e6:.2f}M held out) from {len(man['sources'])} sources, built by "
      "`training/build_corpus.py` (markup stripped, code blocks dropped, hard-wrapped lines re-flowed; headings, "
      "bullet and numbered lists and their single line breaks kept; typographic quotes made straight). Everyday "
      f"sources count more: {', '.join(f'{k} x{v}' for k, v in (man.get('repeat') or {}).items())} "
      "(tokens below include the repeats). "
      f"Held-out split: {man['heldout_split']} — whole documents, never seen in training. "
      "Full list with package versions: `training/corpus_manifest.json`.")
    w("")
    w("| source | package | licence | tokens |")
    w("|---|---|---|---|")
    for r in sorted(man["sources"], key=lambda r: -(r["tokens"] or 0)):
        pk = ", ".join(f"{k} {v}".strip() for k, v in r["packages"].items())
        w(f"| {r['source']} | {pk} | {r['licence']} | {(r['tokens'] or 0) / 1e6:.2f}M |")
    w("")
    w("## Training compute")
    secs = ev.get("train_seconds") or 0
    topk = cfg.get("topk", 0)
    legs = ev.get("legs") or []
    this_leg = ev["tokens_seen"] - ((ev.get("warm_start") or {}).get("tokens") or 0)
    if legs:
        # A leg resumed from the int8 file (from_onnx.py) does not carry the earlier legs' count: the
        # legs table does.
        total = sum(lg["tokens"] for lg in legs)
        seen = (f"{total / 1e6:.1f}M in {len(legs)} legs (about {total / man['train_tokens']:.1f} passes over today's "
                f"training split), the last leg {this_leg / 1e6:.1f}M")
    else:
        seen = f"{ev['tokens_seen'] / 1e6:.1f}M ({ev['tokens_seen'] / man['train_tokens']:.2f} epochs)"
    minutes = sum(lg["minutes"] for lg in legs) if legs else secs / 60
    w(f"- Tokens seen: {seen}, {minutes:.0f} minutes of wall-clock training{' in all' if legs else ''} on 2 shared CPU cores (AMD EPYC, no GPU), bf16 autocast, "
      f"AdamW ({'the last leg: ' if legs else ''}lr {args.get('lr')}, {args.get('schedule', 'cosine')} to {args.get('min_lr_frac')}x, weight decay {args.get('wd')}), "
      f"batch {args.get('batch')} x {cfg['n_positions']} tokens, each window = <|endoftext|> + a random crop.")
    prof_path = os.path.join(HERE, "profile_step.json")
    if os.path.exists(prof_path):
        pr = json.load(open(prof_path))
        ms = pr["ms"]
        w(f"- Where a step goes (`training/profile_step.py`, {pr['tokens_per_step']} tokens, 1 thread on the shared "
          f"machine): embeddings + 4 blocks {ms['embeddings+blocks']:.0f} ms; output layer with the full 50257-way "
          f"softmax {ms['output layer full 50257']:.0f} ms ({pr['step with full 50257']['output_share']:.0%} of the "
          f"step), top-16384 + other {ms['output layer top-16384+other']:.0f} ms "
          f"({pr['step with top-16384+other']['output_share']:.0%}), top-8192 + other "
          f"{ms['output layer top-8192+other']:.0f} ms; AdamW update {ms['AdamW update (16M params)']:.0f} ms.")
    ws = ev.get("warm_start") or {}
    if legs:
        w("- Legs (each continues the previous one's weights; tokens seen in each):")
        w("")
        w("| leg | tokens | wall-clock | what |")
        w("|---|---|---|---|")
        for lg in legs:
            w(f"| {lg['leg']} | {lg['tokens'] / 1e6:.2f}M | {lg['minutes']:.0f} min | {lg['what']} |")
        w("")
    elif ws.get("tokens"):
        w(f"- In two legs: the first {ws['tokens'] / 1e6:.2f}M tokens ({(ws.get('seconds') or 0) / 60:.0f} min) with a "
          f"top-8192 training softmax; measuring that 7.4% of training tokens fell in the \"other\" class (a fixed "
          f"0.74 nats/token tax), training continued from those weights with top-{topk} (2.7% other, 0.26 nats).")
    if topk:
        w(f"- Cheaper training softmax: logits only against the {topk} most frequent tokens plus one learned "
          f"\"other\" class. The exported graph gives a proper distribution over all 50257 tokens: a rare token's "
          f"logit is other(h) + log(its unigram share among rare tokens). Limitation: the model cannot prefer one "
          f"rare token over another from context.")
    w("")
    w("## Held-out quality")
    ol32, ol8 = ev["onnx_loss_fp32"], ev["onnx_loss_int8"]
    w(f"- Held-out loss (exact 50257-way, {te['heldout_tokens']:,} tokens, PyTorch fp32): "
      f"**{te['heldout_loss']:.3f} nats/token, perplexity {te['heldout_ppl']:.1f}**.")
    if bl:
        w(f"- Baselines on the same tokens, counted on the training split: interpolated bigram "
          f"{bl['bigram_interpolated']:.3f} nats, unigram {bl['unigram']:.3f} nats.")
    curve = [c for c in ev.get("val_curve", []) if "val_loss" in c]
    if curve:
        w(f"- Held-out loss during training ({args.get('eval_windows', 64)} fixed windows of {cfg['n_positions']} tokens): " + ", ".join(
            f"{c['tokens'] / 1e6:.1f}M tokens {c['val_loss']:.2f}" for c in curve) + ".")
    w(f"- ONNX Runtime, {ol32['tokens']:,} tokens: fp32 {'n/a' if ol32['heldout_loss'] != ol32['heldout_loss'] else format(ol32['heldout_loss'], '.4f')}, int8 {ol8['heldout_loss']:.4f} nats/token"
      + (f" ({ev['onnx_loss_note']})." if ev.get("onnx_loss_note") else "."))
    if "words_val_fp32" in ev:
        w("")
        w("Next-WORD accuracy (before typing any letter of the word; candidates = most likely word-start tokens "
          "completed greedily; `training/eval_words.mjs`):")
        w("")
        w("| text | words | fp32 top-1 | fp32 top-3 | int8 top-1 | int8 top-3 |")
        w("|---|---|---|---|---|---|")
        a32, a8 = ev["words_val_fp32"], ev["words_val_int8"]
        # normal approximation of the binomial: the sampling noise of a top-1 share over n words
        half = 1.96 * math.sqrt(a8["top1"] * (1 - a8["top1"]) / a8["words"])
        w(f"| held-out documents, all sources (<= 60 words each; int8 top-1 95 % interval +-{100 * half:.1f} points) | {a32['words']} | {a32['top1']:.1%} | "
          f"{a32['top3']:.1%} | {a8['top1']:.1%} | {a8['top3']:.1%} |")
        if "words_bench_fp32" in ev:
            b32, b8 = ev["words_bench_fp32"], ev["words_bench_int8"]
            for name, r in b32["per_file"].items():
                r8 = b8["per_file"].get(name, {})
                w(f"| bench/heldout/{name} | {r['words']} | {r['top1']:.1%} | {r['top3']:.1%} | "
                  f"{r8.get('top1', 0):.1%} | {r8.get('top3', 0):.1%} |")
    w("")
    w("Greedy continuations (fp32 PyTorch, 20 tokens; \"loops\" marks a continuation that repeats a 3-word sequence):")
    w("")
    loops = junk = 0
    for s in te["samples"]:
        loop = s["loops"] if "loops" in s else repeats_trigram(s["greedy"])
        run = punctuation_run(s["greedy"])
        loops += loop
        junk += run
        shown = (s["prompt"] + "*" + s["greedy"].rstrip()).replace("\n", " ⏎ ")
        w(f"- *{shown}{' — **loops**' if loop else ''}{' — **punctuation run**' if run else ''}")
    w("")
    w(f"{loops} of {len(te['samples'])} greedy continuations repeat a 3-word sequence; {junk} end in a run of "
      "sentence punctuation (\",.,,\").")
    w("")
    hl = te.get("heldout_loops")
    if hl:
        w(f"On {hl['prefixes']} held-out prefixes ({hl['prefix_tokens']} tokens from a random place in a held-out "
          f"document, {hl['new_tokens']} greedy tokens), {hl['loops']} continuations "
          f"({hl['loops'] / hl['prefixes']:.0%}) repeat a 3-word sequence; seq-rep-4 (the mean share of repeated "
          f"token 4-grams, Welleck et al. 2019) is {hl['seq_rep_4']:.3f}"
          + (f"; {hl['punctuation_runs']} hold a run of sentence punctuation." if "punctuation_runs" in hl else "."))
        w("")
    ghosts = [(s["prompt"], ghost_text(out_dir, s["prompt"])) for s in te["samples"]]
    if all(g is not None for _, g in ghosts):
        w("What the extension shows as ghost text after the same prompts (the engine: this model blended with "
          "the word n-gram, greedy, at most 8 words; a further word only at probability >= 0.25 (blended with the n-gram's), never a "
          "repeated word, never past punctuation or a line break, never looping back into the text nor ending on a "
          "function word, so most are one word; `src/engine/phrase.ts`):")
        w("")
        for prompt, ghost in ghosts:
            w(f"- *{prompt}* ".replace("\n", " ⏎ ") + (ghost or "(nothing)"))
        w("")
    w("## Export checks")
    p32, p8 = ev["parity_fp32"], ev["parity_int8"]
    w(f"- ONNX checker (full_check) passes for both files (opset 14).")
    w(f"- fp32: PyTorch vs ONNX max |diff| {p32['onnxVsTorch']['maxDiff']:.1e}; KV cache vs full recompute "
      f"{p32['cacheVsFull']['maxDiff']:.1e}; left-padded batch vs unpadded {p32['paddedVsFull']['maxDiff']:.1e} "
      f"(limit 1e-3).")
    w(f"- int8: activations are quantized per call, so logits move by up to {p8['cacheVsFull']['maxDiff']:.2f} "
      f"between cache and full passes; top-1 agreement cache vs full {p8['cacheVsFull']['top1']:.0%}, "
      f"top-5 overlap {p8['cacheVsFull']['top5overlap']:.0%}; vs PyTorch top-1 {p8['onnxVsTorch']['top1']:.0%}.")
    if "latency_fp32" in ev:
        l32, l8 = ev["latency_fp32"], ev["latency_int8"]
        w("")
        w(f"Latency (onnxruntime-node, 2 threads, median, context {l32['ctx']} tokens, shared machine):")
        w("")
        w("| | fp32 | int8 |")
        w("|---|---|---|")
        for k, n in (("load_ms", "session load"), ("prefill_ms", "prefill"), ("decode_ms", "decode 1 token with cache"),
                     ("full_recompute_ms", "full recompute")):
            w(f"| {n} | {l32[k]} ms | {l8[k]} ms |")
    w("")
    notes = os.path.join(HERE, "model_card_notes.md")
    if os.path.exists(notes):  # hand-written sections: the word n-gram, old vs new model, everyday texts
        lines.extend(open(notes).read().rstrip("\n").split("\n"))
        w("")
    w("## Reproduce")
    w("```")
    w("bash training/reproduce.sh        # apt packages, corpus, tokens, training, export, checks, this card")
    w("```")
    w(f"Training command used: `python3 training/train.py " + " ".join(
        f"--{k} {v}" for k, v in args.items() if k in ("n_layer", "n_head", "n_embd", "ctx", "topk", "batch", "lr",
                                                       "minutes", "threads")) + "`, then "
      f"`python3 training/finish.py {ev['checkpoint']} models/prose-gpt2`. Wall-clock-budgeted training on a "
      "shared machine is not bit-for-bit reproducible (tokens seen depend on speed); data and recipe are.")
    w("")
    w("## Limitations")
    w("- Small and trained briefly: it knows common English and Linux/Python/documentation vocabulary, "
      "little world knowledge; predictions are local (a few words of context matter most).")
    w("- Technical documentation dominates the data, so suggestions lean toward that register.")
    w("- Licences: every source's licence allows redistribution and derived works (table above); several are "
      "copyleft (GPL-2.0+, GFDL), which the project should keep in mind when choosing the weights' licence.")
    w("- int8 weights with per-call activation quantization: a KV-cache step and a full recompute can rank two "
      "near-tied candidates differently (see Export checks).")
    with open(os.path.join(out_dir, "MODEL_CARD.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {os.path.join(out_dir, 'MODEL_CARD.md')}")


if __name__ == "__main__":
    main(sys.argv[1])
