#!/usr/bin/env bash
# Every output realtor gives for the shared corpus and the repository's fixtures, one file
# per command, into DIR: run it before and after a refactor and `diff -r` the two.
#
#     scripts/outputs.sh REALTOR DIR
set -euo pipefail
realtor=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
mkdir -p "$out"
export REALTOR_TODAY=2026-12-01
inputs=(../shared/corpus fixtures examples)
for format in human json sarif github junit checkstyle gitlab concise; do
  "$realtor" check --exit-zero --color never --select ALL --format "$format" "${inputs[@]}" >"$out/check.$format" 2>&1
done
for format in human json markdown; do
  "$realtor" advise --format "$format" "${inputs[@]}" >"$out/advise.$format" 2>&1
done
"$realtor" rules >"$out/rules" 2>&1
: >"$out/help"
: >"$out/explain"
for rule in $("$realtor" rules | awk 'NR > 1 { print $1 }'); do
  "$realtor" explain "$rule" >>"$out/explain" 2>&1
done
for command in "--help" "check --help" "advise --help" "inventory convert --help" "completions bash"; do
  # shellcheck disable=SC2086
  "$realtor" $command >>"$out/help" 2>&1
done
