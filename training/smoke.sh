#!/usr/bin/env bash
# CI smoke test of the training pipeline (< 3 minutes on 2 cores, no big corpus needed):
# tiny corpus (6 pages of the Python tutorial from python3.11-doc, or the repo's own text if that
# package is missing, or with SMOKE_REPO_TEXT=1) -> tokenize -> train a tiny GPT-2 for 30 steps -> export ONNX (+ checker) ->
# parity with onnxruntime-node: PyTorch vs ONNX and KV cache vs full (max |diff| <= 1e-3) ->
# int8 export (top-5 agreement) -> held-out loss -> corpus-filter and n-gram golden cases. Exits non-zero on any failure.
#
# Needs: apt python3-torch python3-onnx python3-numpy libopenblas0-openmp (python3.11-doc optional),
#        `npm install` in the repo (gpt-tokenizer, onnxruntime-node).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
WORK="${SMOKE_DIR:-$(mktemp -d /tmp/pk-smoke.XXXXXX)}"
mkdir -p "$WORK"
trap 'echo "smoke: FAILED (work dir $WORK)" >&2' ERR
start=$(date +%s)
echo "smoke: work dir $WORK"

# 1. tiny corpus
if [ -d /usr/share/doc/python3.11/html/_sources/tutorial ] && [ -z "${SMOKE_REPO_TEXT:-}" ]; then
  $PY training/build_corpus.py --tiny --out "$WORK/docs"
else
  # fallback: the repo's own Markdown and TypeScript sources, cut into ~20-paragraph documents
  mkdir -p "$WORK/docs"
  $PY - "$WORK/docs/repo.jsonl" <<'EOF'
import glob, json, sys
n = 0
with open(sys.argv[1], "w") as f:
    for p in sorted(glob.glob("**/*.md", recursive=True) + glob.glob("src/**/*.ts", recursive=True)):
        if "node_modules" in p or p.startswith(("training/data", "out/")):
            continue
        paras = [q.strip() for q in open(p, errors="replace").read().split("\n\n") if q.strip()]
        for i in range(0, len(paras), 20):
            f.write(json.dumps({"id": f"{p}#{i}", "text": "\n\n".join(paras[i:i + 20])}) + "\n")
            n += 1
assert n >= 10, f"only {n} documents for the smoke corpus"
EOF
fi
node training/tokenize.mjs "$WORK/docs" "$WORK/data" --val_pct 20

# 2. tiny training run (top-K softmax path with both unlikelihood losses and DITTO, 30 steps)
$PY training/train.py --data "$WORK/data" --out "$WORK/run" --n_layer 2 --n_head 2 --n_embd 64 --ctx 64 \
  --topk 2048 --batch 8 --lr 3e-3 --minutes 2 --max_steps 30 --log_every 10 --eval_windows 8 --threads 2 \
  --unlikelihood 1 --seq_ul 0.5 --seq_ul_prefix 16 --seq_ul_prefix_min 4 --seq_ul_n 3 --seq_ul_len 24 --seq_ul_keep_prefix 1 \
  --ditto 0.25 --ditto_ctx 48 --ditto_max 16

# 2b. a polish of that run anchored to it (--anchor: KL to the --init weights on corpus steps), 5 steps
$PY training/train.py --data "$WORK/data" --out "$WORK/polish" --init "$WORK/run/final.pt" --n_layer 2 --n_head 2 \
  --n_embd 64 --ctx 64 --topk 2048 --batch 8 --lr 1e-3 --minutes 1 --max_steps 5 --log_every 5 --eval_windows 8 \
  --threads 2 --anchor 1 --seq_ul 0.4 --seq_ul_prefix 16 --seq_ul_len 24 --seq_ul_n 3 | tail -n 1

# 3. export + ONNX checker (inside export.py) + int8
$PY training/export.py "$WORK/run/final.pt" "$WORK/export" --int8 2>&1 | grep -v -i warning | grep -v "^  "

# 4. parity with onnxruntime-node
$PY training/parity.py "$WORK/run/final.pt" "$WORK/export/model.onnx" --mode exact --tol 1e-3
$PY training/parity.py "$WORK/run/final.pt" "$WORK/export/model_int8.onnx" --mode top5
# the int8 file is the resumable checkpoint: turned back into PyTorch weights, it agrees with the
# file it came from; check_resume.py (step 6) quantizes every table too, as the shipped model has them
$PY training/from_onnx.py "$WORK/export/model_int8.onnx" "$WORK/resumed.pt"
$PY training/parity.py "$WORK/resumed.pt" "$WORK/export/model_int8.onnx" --mode top5

# 5. held-out loss of the tiny model (sanity: finite)
$PY training/evaluate.py "$WORK/run/final.pt" --data "$WORK/data" --windows 16 --baselines 0 \
  --json "$WORK/eval.json" > /dev/null
$PY -c "import json,math,sys; r=json.load(open(sys.argv[1])); assert math.isfinite(r['heldout_loss']); print('smoke: held-out loss', r['heldout_loss'])" "$WORK/eval.json"

# 6. golden cases of the corpus filters, the n-gram builder's source weights and the unlikelihood loss;
#    resuming from an int8 file with int8 token and position tables
$PY training/check_sources.py | tail -n 1
$PY training/check_unlikelihood.py
$PY training/check_resume.py 2>&1 | grep -v -i warning | tail -n 1

echo "smoke: OK in $(( $(date +%s) - start )) s"
[ -z "${SMOKE_DIR:-}" ] && rm -rf "$WORK"
exit 0
