#!/usr/bin/env bash
# Builds the Presage bridge into bench/presage/build/ (gitignored through .cache-style rules below).
# Needs g++ and libpresage-dev; `npm run bench` installs the apt packages when they are missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/build"
mkdir -p "$out"
if [[ ! -f /usr/include/presage.h ]]; then
  echo "presage.h not found: install libpresage-dev (apt-get install presage libpresage-dev libpresage-data)" >&2
  exit 3
fi
src="$here/presage_bridge.cpp"
bin="$out/presage_bridge"
# Rebuild only when the source is newer than the binary.
if [[ ! -x "$bin" || "$src" -nt "$bin" ]]; then
  g++ -std=c++17 -O2 -Wall -Wextra -o "$bin.tmp" "$src" -lpresage
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
