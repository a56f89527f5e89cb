#!/bin/sh
# Benchmark: the two ways the action's "Install realtor" step gets realtor, timed by
# running that step's own script from action.yml as a Linux x86_64 runner would.
# Not a test: run it by hand after `cargo build --release`. Needs python3 with PyYAML
# (the venv of .ci/run has it) and curl.
#
#   scripts/bench-action-install.sh            # both paths
#   SKIP_CARGO=1 scripts/bench-action-install.sh   # only the release path
#
# The release path downloads a release archive from a local HTTP mirror
# (REALTOR_RELEASES_URL), checks it against SHA256SUMS and unpacks it; the archive holds
# this machine's release build, about as big as a release's static musl binary. On a
# runner the download of that many bytes from GitHub comes on top. The cargo path runs
# `cargo install --locked --path` into an empty target directory, as an unreleased ref
# does on a runner without a cached build.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${REALTOR:-${CARGO_TARGET_DIR:-$repo/target}/release/realtor}
port=${PORT:-8765}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT

python3 - "$repo/action.yml" > "$work/install.sh" <<'PY'
import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
print(next(step["run"] for step in steps if step.get("name") == "Install realtor"))
PY

tag=v0.0.0
name=realtor-$tag-x86_64-unknown-linux-musl
mkdir -p "$work/releases/$tag/$name"
cp "$bin" "$work/releases/$tag/$name/realtor"
(cd "$work/releases/$tag" && tar -czf "$name.tar.gz" "$name" && sha256sum "$name.tar.gz" > SHA256SUMS)
rm -r "$work/releases/$tag/$name"
python3 -m http.server --bind 127.0.0.1 --directory "$work/releases" "$port" >/dev/null 2>&1 &
server=$!
until curl -fs "http://127.0.0.1:$port/" >/dev/null; do sleep 0.2; done
echo "release archive: $(wc -c < "$work/releases/$tag/$name.tar.gz") bytes"

install() {
  env REALTOR_ROOT="$work/root-$1" REALTOR_VERSION="$2" REALTOR_ACTION_REF="$3" \
    REALTOR_CACHE_HIT="" REALTOR_REPOSITORY=realtor-dev/realtor \
    REALTOR_RELEASES_URL="http://127.0.0.1:$port" GITHUB_SERVER_URL=https://github.com \
    GITHUB_ACTION_PATH="$repo" RUNNER_OS=Linux RUNNER_ARCH=X64 \
    CARGO_TARGET_DIR="$work/target" \
    /usr/bin/time -f "$1 path: %e s" bash --noprofile --norc -eo pipefail "$work/install.sh"
  "$work/root-$1/bin/realtor" --version
}

install release 0.0.0 ""
[ -n "${SKIP_CARGO:-}" ] || install cargo "" main
