#!/bin/sh
# Benchmark: advise a generated native inventory of N machines (default 100000) with
# `realtor advise`, reporting wall time and peak memory. Not a test: run it by hand after
# `cargo build --release`.
#
#   scripts/bench-inventory-advise.sh [MACHINES]
#   FORMAT=html scripts/bench-inventory-advise.sh 100000   # the HTML report instead of JSON
set -eu
machines=${1:-100000}
format=${FORMAT:-json}
bin=${REALTOR:-${CARGO_TARGET_DIR:-target}/release/realtor}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$machines" "$dir/inventory.yaml" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
oses = ['{family: linux, distro: centos, version: "6"}',
        '{family: windows, distro: windows-server, version: "2019"}',
        '{family: linux, distro: ubuntu, version: "22.04"}',
        '{family: linux, distro: rhel, version: "8"}']
kinds = ["web", "api", "database", "worker", "directory"]
with open(path, "w") as f:
    f.write("apiVersion: realtor.dev/v1\nkind: Inventory\nmachines:\n")
    for i in range(count):
        f.write(f"  - name: vm-{i:06d}\n    id: \"4201{i:028x}\"\n    platform: {{hypervisor: vmware}}\n"
                f"    os: {oses[i % len(oses)]}\n"
                f"    compute: {{vcpus: {2 + i % 8}, memoryMiB: {2048 * (1 + i % 16)}}}\n"
                f"    utilization:\n      cpuPct: {{avg: {2 + i % 30}, max: {10 + i % 85}}}\n"
                f"      memPct: {{avg: {20 + i % 40}, max: {30 + i % 65}}}\n"
                f"    workloads:\n      services:\n        - {{name: svc-{i}, kind: {kinds[i % len(kinds)]}, ports: [{8000 + i % 100}]}}\n")
PY
size=$(wc -c < "$dir/inventory.yaml")
echo "input: $machines machines, $size bytes"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$bin" advise --max-file-size 64M --format "$format" "$dir/inventory.yaml" > "$dir/advice.$format"
echo "output: $(wc -c < "$dir/advice.$format") bytes of advice ($format)"
