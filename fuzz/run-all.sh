#!/bin/sh
# Runs every fuzz target for SECONDS each (default 600), one after another, seeded from the
# repository's fixtures and ../shared/corpus, and prints libFuzzer's closing lines. A crash
# ends that target's run, leaving the input in fuzz/artifacts/<target>/. Build first with
# `RUSTC_BOOTSTRAP=1 cargo fuzz build -O` (see docs/fuzzing.md).
#
#   fuzz/run-all.sh [SECONDS] [TARGET...]
set -eu
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-dockerfile kubernetes importers pipeline}
cd "$(dirname "$0")"
shared=../../shared/corpus
seeds() {
    case $1 in
    dockerfile) echo ../fixtures/rules "$shared/dockerfiles" ;;
    kubernetes) echo ../examples/k8s "$shared/k8s" ;;
    importers) echo ../fixtures/importers "$shared/inventory" ;;
    pipeline) echo ../examples ../fixtures/advice ../fixtures/importers ;;
    esac
}
for target in $targets; do
    mkdir -p "corpus/$target"
    existing=""
    for dir in $(seeds "$target"); do
        [ -d "$dir" ] && existing="$existing $dir"
    done
    echo "== $target: ${seconds}s, seeds:$existing"
    # shellcheck disable=SC2086
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" $existing -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=10 \
        -print_final_stats=1 2>&1 | tail -n 12
done
