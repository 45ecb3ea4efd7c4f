#!/usr/bin/env bash
# The larger recipe for one NVIDIA H200, as ONE prepared device command (~6 min of training, export
# and int8 quantisation on the GPU side, results under $OUT in parts < 16 MiB).
#
#   bash training/gpu_recipe.sh prepare          # here, after build_corpus + tokenize: writes the
#                                                # xz token sample training/data/gpu/ (~20 MB)
#   device: run(command="bash training/gpu_recipe.sh run", carry=["training/data/gpu"], timeout_s=600)
#   bash training/gpu_recipe.sh fetch DIR        # here: joins the returned parts into models/prose-gpt2-gpu/,
#                                                # then python3 training/finish.py-style checks with Node
#   SCALE=tiny DEVICE=cpu bash training/gpu_recipe.sh run   # CPU rehearsal of the same path (~2 min)
#
# Why this shape: the device machine takes the working tree plus carried paths, 64 MiB in all (the
# tracked files are ~38 MB), returns files of at most 16 MiB, has no Node and no Debian packages, and
# lends 15 minutes in all. So the token files travel as an xz sample (about 1.2 bytes a token), the
# ONNX export, int8 quantisation and a parity check run there with its Python onnx/onnxruntime, and
# the int8 file comes back split. Training gets 6 minutes so that start-up, export and transfers fit
# in one 10-minute call with margin.
#
# Model: 8 layers x 256 (4 heads), 1,024 positions, full 50257-way softmax (cheap on a GPU), dropout
# 0.1 because 6 minutes at ~150k tokens/s is several passes over the 18M-token sample. Width 256
# keeps the int8 file near 20 MB (the tied 50257 x 256 embedding is 13 MB of it), inside the .vsix budget.
set -euo pipefail
cd "$(dirname "$0")/.."
STEP="${1:-run}"
PY="${PY:-python3}"
DEVICE="${DEVICE:-cuda}"
SCALE="${SCALE:-full}"
DATA="${DATA:-training/data}"
GPU_DATA="${GPU_DATA:-$DATA/gpu}"
RUN="${RUN:-/tmp/pk-gpu/run}"
OUT="${OUT:-/tmp/pk-gpu/out}"
SAMPLE_TOKENS="${SAMPLE_TOKENS:-18000000}"

case "$STEP" in
prepare)
  mkdir -p "$GPU_DATA"
  # An even sample of 64k-token slices (train.bin is ordered by source), so every source is in it.
  /usr/bin/python3 - "$DATA/train.bin" "$GPU_DATA/train.bin" "$SAMPLE_TOKENS" <<'EOF'
import sys
import numpy as np
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
a = np.memmap(src, dtype=np.uint16, mode="r")
S = 1 << 16
k = max(1, min(len(a) // S, n // S))
starts = np.linspace(0, len(a) - S, k).astype(np.int64)
np.concatenate([a[s:s + S] for s in starts]).tofile(dst)
print(f"sample: {k * S} of {len(a)} training tokens")
EOF
  cp "$DATA/val.bin" "$GPU_DATA/val.bin"
  xz -f -T2 -6 "$GPU_DATA/train.bin" "$GPU_DATA/val.bin"
  ls -la "$GPU_DATA"
  ;;
run)
  mkdir -p "$RUN" "$OUT" /tmp/pk-gpu/data
  $PY -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
  for f in train val; do xz -dc "$GPU_DATA/$f.bin.xz" > "/tmp/pk-gpu/data/$f.bin"; done
  if [ "$SCALE" = tiny ]; then
    ARGS="--n_layer 2 --n_head 2 --n_embd 64 --ctx 128 --batch 4 --max_steps 20 --minutes 2 --ckpt_min 1 --eval_windows 8 --compile 0"
  else
    ARGS="--n_layer 8 --n_head 4 --n_embd 256 --ctx 1024 --batch 64 --minutes 6 --ckpt_min 2 --eval_windows 256 --compile 1"
  fi
  PYTHONUNBUFFERED=1 $PY training/train.py --data /tmp/pk-gpu/data --out "$RUN" --device "$DEVICE" --topk 0 \
    --dropout 0.1 --lr 1.5e-3 --min_lr_frac 0.05 --warmup_frac 0.05 --schedule wsd --decay_frac 0.3 \
    --log_every 50 --bf16 1 $ARGS 2>&1 | tee "$OUT/train.log"
  cp "$RUN/log.jsonl" "$OUT/"
  # export fp32 (kept there), int8 (brought back), config; parity with Python onnxruntime
  $PY training/export.py "$RUN/final.pt" /tmp/pk-gpu/export --int8 2>&1 | grep -v -i warning | tee -a "$OUT/train.log"
  $PY training/check_onnx_py.py "$RUN/final.pt" /tmp/pk-gpu/export/model.onnx /tmp/pk-gpu/export/model_int8.onnx \
    --val /tmp/pk-gpu/data/val.bin --json "$OUT/parity.json" 2>&1 | tee -a "$OUT/train.log"
  cp /tmp/pk-gpu/export/config.json "$OUT/"
  split -b 15M -d /tmp/pk-gpu/export/model_int8.onnx "$OUT/model.onnx.part"
  ls -la "$OUT"
  ;;
fetch)
  FROM="${2:?usage: gpu_recipe.sh fetch DIR (the returned \$OUT files)}"
  DEST="${DEST:-models/prose-gpt2-gpu}"
  mkdir -p "$DEST"
  cat "$FROM"/model.onnx.part* > "$DEST/model.onnx"
  cp "$FROM/config.json" "$DEST/"
  cp "$FROM/log.jsonl" "$FROM/train.log" "$DEST/" 2>/dev/null || true
  ls -la "$DEST"
  echo "next: node training/onnx_loss.mjs $DEST/model.onnx $DATA/val.bin --windows 64 (and the same for models/prose-gpt2),"
  echo "      node training/eval_words.mjs $DEST/model.onnx bench/heldout/*.txt; ship the better one"
  ;;
*)
  echo "usage: gpu_recipe.sh prepare|run|fetch DIR" >&2
  exit 2
  ;;
esac
