#!/usr/bin/env python3
"""How far `realtor advise` agrees with hand labels on real public workloads.

fixtures/labelled/workloads.tsv (and held-out.tsv) lists workloads from public repositories (repository,
commit, path, workload name) with the placement a person chose for each, written before
realtor ran on them. The files themselves are not in this repository (several are
GPL-licensed); this script brings them here: from a local mirror of bare repositories
(`--mirrors DIR`, holding `owner+name/repo`) when there is one, else by `git clone` into
`--cache DIR`, with the files a labelled Dockerfile copies in from its build context (as
a checkout beside it would hold them). It then runs `realtor advise --format json` on them and prints the
agreement, the confusion matrix, precision and recall per placement, and the figure the
advisor is judged by: among workloads that run in containers today, recall and precision
of the move to a VM.

    scripts/labelled-agreement.py [--labels FILE] [--realtor target/release/realtor] [--mirrors DIR]
"""

import argparse
import collections
import json
import os
import pathlib
import posixpath
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
LABELS = ROOT / "fixtures" / "labelled" / "workloads.tsv"
PLACEMENTS = ["container", "sandboxed-container", "vm"]


def read_labels(path):
    rows = []
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        repo, commit, path, name, label, why = line.split("\t")
        rows.append(dict(repo=repo, commit=commit, path=path, name=name, label=label, why=why))
    return rows


def git_dir(repo, commit, mirrors, cache):
    mirror = mirrors / repo.replace("/", "+") / "repo" if mirrors else None
    if mirror and mirror.is_dir():
        return mirror
    clone = cache / repo.replace("/", "+")
    if not clone.is_dir():
        subprocess.run(
            ["git", "clone", "--quiet", "--bare", "--filter=blob:none",
             f"https://github.com/{repo}.git", str(clone)],
            check=True,
        )
    has = subprocess.run(["git", "--git-dir", str(clone), "cat-file", "-e", commit],
                         capture_output=True)
    if has.returncode != 0:
        subprocess.run(["git", "--git-dir", str(clone), "fetch", "--quiet", "origin", commit],
                       check=True)
    return clone


def materialise(rows, tree, mirrors, cache):
    for row in rows:
        git = git_dir(row["repo"], row["commit"], mirrors, cache)

        def show(path):
            return subprocess.run(
                ["git", "--git-dir", str(git), "cat-file", "blob", f"{row['commit']}:{path}"],
                capture_output=True,
            )

        text = show(row["path"])
        text.check_returncode()
        target = tree / row["repo"].replace("/", "+") / row["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.stdout)
        row["file"] = str(target.relative_to(tree))
        name = target.name.lower()
        if "dockerfile" not in name and "containerfile" not in name:
            continue
        for source in copied_files(text.stdout.decode("utf-8", "replace")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(row["path"]), source))
            if path.startswith(".."):
                continue
            blob = show(path)
            if blob.returncode == 0 and len(blob.stdout) <= 65536:
                copy = tree / row["repo"].replace("/", "+") / path
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(blob.stdout)


def copied_files(dockerfile):
    """The plain relative paths a Dockerfile's COPY and ADD instructions take from its
    build context: what a checkout of the repository would hold beside it."""
    joined = re.sub(r"\\\r?\n", " ", dockerfile)
    for line in joined.splitlines():
        words = line.split()
        if len(words) < 3 or words[0].upper() not in ("COPY", "ADD"):
            continue
        if any(w.startswith("--from") for w in words[1:]) or words[1].startswith("["):
            continue
        sources = [w for w in words[1:-1] if not w.startswith("--")]
        for source in sources:
            if not any(c in source for c in "*?[$") and "://" not in source \
                    and not source.startswith("/") and source not in (".", "./"):
                yield source


def advise(realtor, tree):
    done = subprocess.run([realtor, "advise", "--format", "json", "."], cwd=tree,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"realtor advise failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)["workloads"]


def verdicts(rows, workloads):
    by_file = collections.defaultdict(list)
    for workload in workloads:
        by_file[workload["file"]].append(workload)
    for row in rows:
        found = by_file.get(row["file"], [])
        if row["name"] != "-":
            found = [w for w in found if w["name"] == row["name"]]
        if len(found) == 1:
            row["advised"] = found[0]["recommended"]
            row["current"] = found[0]["current"]
        else:
            row["advised"] = "not read" if not found else "ambiguous"
            row["current"] = "vm" if row["name"] != "-" and "kubevirt" in row["repo"] else None


def ratio(part, whole):
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else f"{part}/0"


def report(rows):
    agree = sum(r["advised"] == r["label"] for r in rows)
    print(f"labelled workloads: {len(rows)}")
    print(f"agreement: {ratio(agree, len(rows))}")
    columns = PLACEMENTS + sorted({r["advised"] for r in rows} - set(PLACEMENTS))
    width = max(len(c) for c in columns + ["label \\ advised"]) + 2
    print("\nconfusion matrix (rows: label, columns: realtor)")
    print("label \\ advised".ljust(width) + "".join(c.ljust(width) for c in columns))
    for label in PLACEMENTS:
        counts = collections.Counter(r["advised"] for r in rows if r["label"] == label)
        print(label.ljust(width) + "".join(str(counts[c]).ljust(width) for c in columns))
    print("\nper placement")
    for placement in PLACEMENTS:
        advised = [r for r in rows if r["advised"] == placement]
        labelled = [r for r in rows if r["label"] == placement]
        hits = sum(r["label"] == placement for r in advised)
        print(f"  {placement}: precision {ratio(hits, len(advised))}, recall {ratio(hits, len(labelled))}")
    in_containers = [r for r in rows if r.get("current") != "vm"]
    advised_vm = [r for r in in_containers if r["advised"] == "vm"]
    labelled_vm = [r for r in in_containers if r["label"] == "vm"]
    hits = sum(r["label"] == "vm" for r in advised_vm)
    print(f"\nVMs in disguise (workloads in containers today: {len(in_containers)})")
    print(f"  recall of vm: {ratio(hits, len(labelled_vm))}")
    print(f"  precision of vm: {ratio(hits, len(advised_vm))}")
    wrong = [r for r in rows if r["advised"] != r["label"]]
    if wrong:
        print("\ndisagreements")
        for r in wrong:
            name = "" if r["name"] == "-" else f" {r['name']}"
            print(f"  {r['repo']}:{r['path']}{name}: label {r['label']}, realtor {r['advised']} ({r['why']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realtor", default=os.environ.get(
        "REALTOR", str(ROOT / "target" / "release" / "realtor")))
    default_mirrors = pathlib.Path("/work/.mirror")
    parser.add_argument("--mirrors", type=pathlib.Path,
                        default=default_mirrors if default_mirrors.is_dir() else None)
    parser.add_argument("--cache", type=pathlib.Path,
                        default=pathlib.Path.home() / ".cache" / "realtor" / "labelled")
    parser.add_argument("--labels", type=pathlib.Path, default=LABELS,
                        help="the labelled set (default: fixtures/labelled/workloads.tsv; "
                        "fixtures/labelled/held-out.tsv is the held-out one)")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = read_labels(args.labels)
    with tempfile.TemporaryDirectory() as tree:
        tree = pathlib.Path(tree)
        materialise(rows, tree, args.mirrors, args.cache)
        verdicts(rows, advise(args.realtor, tree))
    report(rows)


if __name__ == "__main__":
    main()
