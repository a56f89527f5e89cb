#!/usr/bin/env python3
"""How realtor's Compose rules agree with dclint's on the same files.

    scripts/compose-agreement.py --realtor target/release/realtor --dclint PATH [DIR]

DIR defaults to fixtures/compose/real. dclint comes from npm (`npm install dclint`). Two
pairs of rules check the same thing: C007 service-latest-tag and dclint's
service-image-require-explicit-tag (per service), C011 database-port-exposed and dclint's
no-unbound-port-interfaces, of which C011 keeps to database ports (so each C011 finding
should be a dclint finding, not the other way round). Prints a Markdown table.
"""
import argparse
import json
import pathlib
import re
import subprocess
import tempfile


def dclint_findings(dclint, directory):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([dclint, "-r", ".", "-f", "json", "-o", out.name],
                       cwd=directory, capture_output=True)
        files = json.load(open(out.name))
    found = {}
    for file in files:
        for message in file["messages"]:
            service = message.get("data", {}).get("serviceName")
            if service is None:
                match = re.search(r'Service "([^"]+)"', message["message"])
                service = match and match.group(1)
            key = (file["filePath"].removeprefix("./"), service)
            found.setdefault(message["rule"], set()).add(key)
    return found


def realtor_findings(realtor, directory):
    output = subprocess.run([realtor, "check", "--format", "json", "."], cwd=directory,
                            capture_output=True, text=True).stdout
    found = {}
    for diagnostic in json.loads(output)["diagnostics"]:
        workload = (diagnostic.get("workload") or "").removeprefix("ComposeService ")
        service = workload.rsplit("/", 1)[-1]
        found.setdefault(diagnostic["rule"], set()).add((diagnostic["file"], service))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--realtor", required=True)
    parser.add_argument("--dclint", required=True)
    parser.add_argument("dir", nargs="?", default="fixtures/compose/real")
    args = parser.parse_args()
    directory = pathlib.Path(args.dir)
    realtor = realtor_findings(str(pathlib.Path(args.realtor).resolve()), directory)
    dclint = dclint_findings(str(pathlib.Path(args.dclint).resolve()), directory)
    print("| realtor | dclint | both | realtor only | dclint only |")
    print("|---|---|---|---|---|")
    for ours, theirs in [("C007", "service-image-require-explicit-tag"),
                         ("C011", "no-unbound-port-interfaces")]:
        a, b = realtor.get(ours, set()), dclint.get(theirs, set())
        print(f"| {ours} | {theirs} | {len(a & b)} | {len(a - b)} | {len(b - a)} |")
        for side, only in [("realtor", a - b), ("dclint", b - a)]:
            if len(only) <= 10:
                for file, service in sorted(only):
                    print(f"|  | {side} only: `{file}` {service} | | | |")


if __name__ == "__main__":
    main()
