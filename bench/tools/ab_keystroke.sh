#!/usr/bin/env bash
# Engine latency A/B: the whole keystroke of commit BASE's engine against this working tree's, both
# with the same model, alternating BASE / HEAD for ROUNDS rounds in one session, each run pinned to
# one core (CORE). Run it on quiet cores: nothing else busy, training included.
#   bash bench/tools/ab_keystroke.sh BASE_COMMIT [ROUNDS=5] > ab.jsonl
# Env: AB_MODEL (default models/prose-gpt2), AB_BASE_MODEL (the base's model folder, default AB_MODEL:
# a base that predates the n-gram's file version reads its own), AB_KEYSTROKES (300), CORE (1).
set -euo pipefail
cd "$(dirname "$0")/../.."
base="$1"; rounds="${2:-5}"; core="${CORE:-1}"
export AB_MODEL="${AB_MODEL:-$PWD/models/prose-gpt2}"
tmp="$(mktemp -d)"; trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/base" "$base" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$tmp/base/node_modules"
# Each tree is bundled by its own scripts/build.mjs, whose plugins make its build-time modules (the
# word list, WordNet's names); the base may predate the harness, so it gets this tree's copy.
cp bench/ab_keystroke.ts "$tmp/base/bench/"
(cd "$tmp/base" && node scripts/build.mjs >/dev/null)
node scripts/build.mjs >/dev/null
for r in $(seq 1 "$rounds"); do
  AB_LABEL="base $base round $r" AB_MODEL="${AB_BASE_MODEL:-$AB_MODEL}" taskset -c "$core" node "$tmp/base/out/bench/ab_keystroke.js"
  AB_LABEL="head round $r" taskset -c "$core" node out/bench/ab_keystroke.js
done
