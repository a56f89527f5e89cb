#!/bin/sh
# Benchmark: convert a generated RVTools vInfo export of N rows (default 100000) with
# `realtor inventory convert`, reporting wall time and peak memory. Not a test: run it by
# hand after `cargo build --release`.
#
#   scripts/bench-rvtools-convert.sh [ROWS]
set -eu
rows=${1:-100000}
bin=${REALTOR:-${CARGO_TARGET_DIR:-target}/release/realtor}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$rows" "$dir/RVTools_tabvInfo.csv" <<'PY'
import csv, sys
rows, path = int(sys.argv[1]), sys.argv[2]
oses = ["CentOS 7 (64-bit)", "Microsoft Windows Server 2016 (64-bit)",
        "Red Hat Enterprise Linux 8 (64-bit)", "Ubuntu Linux (64-bit)"]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["VM", "Powerstate", "Template", "SRM Placeholder", "CPUs", "Memory",
                "NICs", "Disks", "Provisioned MiB", "Firmware",
                "OS according to the configuration file", "OS according to the VMware Tools",
                "Datacenter", "Cluster", "Host", "VM ID", "VM UUID", "VI SDK UUID"])
    for i in range(rows):
        w.writerow([f"vm-{i:06d}", "poweredOn", "True" if i % 1000 == 0 else "False", "False",
                    2 + i % 8, 2048 * (1 + i % 16), 1, 2, "81,920", "efi" if i % 2 else "bios",
                    oses[i % 4], oses[i % 4], "dc1", f"cl{i % 20}", f"esx{i % 200}.corp",
                    f"vm-{i}", f"4201{i:028x}"[:36], "vc-1"])
PY
size=$(wc -c < "$dir/RVTools_tabvInfo.csv")
echo "input: $rows rows, $size bytes"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$bin" inventory convert "$dir/RVTools_tabvInfo.csv" > "$dir/out.yaml"
echo "output: $(grep -c '^- name:' "$dir/out.yaml") machines, $(wc -c < "$dir/out.yaml") bytes"
