#!/usr/bin/env python3
"""Measure surviving mutants by what they change in the crate's public results.

For each mutant named in a file of cargo-mutants names (lines as in
mutants.out/missed.txt), apply its diff to a scratch worktree, build the
probe (scripts/probe: ~7,600 public numeric results, from share intervals at
n = 10^15 to posterior HPD intervals and drop detectors), run it, and compare
with the unmutated build: the largest relative and absolute change, and how
many results changed at all. "no change" means every result is bit-identical.

    git worktree add --detach ../wt-probe <commit>      # once, a clean tree
    scripts/mutants-probe.py ../wt-probe mutants.out/missed.txt [regex]

Only names matching the optional regex are measured. The worktree is left
clean (git checkout) after each mutant. Needs cargo-mutants for the diffs.
"""

import json
import math
import os
import re
import subprocess
import sys


def run(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, check=True, text=True, capture_output=True, **kw)


def probe(worktree, target):
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    manifest = os.path.join(worktree, "scripts", "probe", "Cargo.toml")
    build = subprocess.run(
        ["cargo", "build", "--release", "-q", "--manifest-path", manifest],
        cwd=worktree, env=env, text=True, capture_output=True)
    if build.returncode != 0:
        return None
    out = subprocess.run([os.path.join(target, "release", "cxmetrics-probe")],
                         text=True, capture_output=True, timeout=600)
    if out.returncode != 0:
        return {"<panic>": out.stderr.strip().splitlines()[-1:]}
    results = {}
    for line in out.stdout.splitlines():
        name, _, value = line.rpartition(" ")
        results[name] = value
    return results


def compare(base, new):
    """The number of changed results, the largest relative and absolute
    change, and the largest relative change per family of results (the
    first word of a result's name: share, net, mean, sharepost, netcs, ...),
    so a change can be held against each method's documented precision."""
    changed, worst_rel, worst_abs, where = 0, 0.0, 0.0, ""
    families = {}
    for name, a in base.items():
        b = new.get(name)
        if a == b:
            continue
        changed += 1
        family = name.split(" ", 1)[0]
        try:
            x, y = float(a), float(b)
        except (TypeError, ValueError):
            x = y = math.nan
        if not (math.isfinite(x) and math.isfinite(y)):
            worst_rel, where = math.inf, f"{name}: {a} -> {b}"
            families[family] = math.inf
            continue
        d = abs(x - y)
        rel = d / max(abs(x), abs(y))
        if rel > worst_rel:
            worst_rel, where = rel, f"{name}: {a} -> {b}"
        worst_abs = max(worst_abs, d)
        families[family] = max(families.get(family, 0.0), rel)
    if changed == 0:
        return "no change"
    by_family = ", ".join(f"{f} {r:.1e}" for f, r in sorted(families.items(), key=lambda kv: -kv[1]))
    return (f"{changed} changed, max rel {worst_rel:.2e}, max abs {worst_abs:.2e} ({where})\n"
            f"    max rel by family: {by_family}")


def main():
    worktree, names_file = sys.argv[1], sys.argv[2]
    pattern = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
    names = [l.strip() for l in open(names_file) if l.strip()]
    if pattern:
        names = [n for n in names if pattern.search(n)]
    target = os.path.join(os.path.abspath(worktree), "target")
    run(["git", "checkout", "-q", "--", "."], worktree)
    base = probe(worktree, target)
    if base is None:
        sys.exit("the unmutated probe does not build")
    diffs = {}
    for name in names:
        path = name.split(":", 1)[0]
        if path not in diffs:
            listing = run(["cargo", "mutants", "--list", "--json", "--diff", "-f", path], worktree)
            diffs[path] = {m["name"]: m["diff"] for m in json.loads(listing.stdout)}
        diff = diffs[path].get(name)
        if diff is None:
            print(f"{name}\n    not in this tree's mutant list", flush=True)
            continue
        lines = diff.splitlines(keepends=True)
        lines[0], lines[1] = f"--- a/{path}\n", f"+++ b/{path}\n"
        try:
            subprocess.run(["git", "apply", "-"], cwd=worktree, input="".join(lines),
                           text=True, check=True, capture_output=True)
            new = probe(worktree, target)
            verdict = "unviable (does not build)" if new is None else compare(base, new)
        finally:
            run(["git", "checkout", "-q", "--", "."], worktree)
        print(f"{name}\n    {verdict}", flush=True)


if __name__ == "__main__":
    main()
