#!/usr/bin/env python3
"""Benchmark `bieumau validate` against just reading the same files with `bieumau cat` (issue 5, "Speed":
validating 1,000 commune files costs no more than 1.3x the time to just read them).

The corpus is 1,000 commune workbooks: the three commune samples of Samples/ (23535, 23537, 23538 — every TT 07
report of one commune, 7 sheets each) copied round-robin into Benchmarks/data/validate/ under distinct names.
Everything is measured in one run of this script, the measurements interleaved (cat, validate, cat, validate…)
so that load from a shared machine falls on both alike; each figure is the median of --runs repetitions.

  cat (all sheets)   `bieumau cat FILE --sheet N` for every sheet of every file: reading every sheet of every
                     file, which is what validate reads (cat prints one sheet per process).
  cat (first sheet)  `bieumau cat FILE` once per file: 1,000 processes, the first sheet only.
  validate, one run  `bieumau validate DIR --format json -o /dev/null`: one process over the 1,000 files
                     (mappings loaded once; every sheet detected, extracted, validated; links between the sheets
                     of each unit checked).
  validate per file  `bieumau validate FILE --format json -o /dev/null`, once per file: 1,000 processes, each
                     loading the mappings.

Usage: python3 Benchmarks/validate_run.py [--files 1000] [--runs 3] [--bieumau .build-validate/release/bieumau]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data", "validate")
SOURCES = ["23535-ia-dal-2023.xlsx", "23537-ia-dom-2023.xlsx", "23538-ia-toi-2023.xlsx"]

sys.path.insert(0, HERE)
from run import cpu_model, git_rev  # noqa: E402  (one copy of the report header helpers)


def make_corpus(count):
    os.makedirs(DATA, exist_ok=True)
    wanted = [f"commune-{i:04d}-{SOURCES[i % 3]}" for i in range(count)]
    for name in os.listdir(DATA):
        if name not in wanted:
            os.remove(os.path.join(DATA, name))
    for i, name in enumerate(wanted):
        target = os.path.join(DATA, name)
        if not os.path.exists(target):
            shutil.copyfile(os.path.join(ROOT, "Samples", SOURCES[i % 3]), target)
    return [os.path.join(DATA, n) for n in wanted]


def sheet_count(path):
    with zipfile.ZipFile(path) as z:
        return sum(1 for n in z.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))


def timed(argvs):
    """Runs each argv in turn; returns the total wall seconds, the children's CPU seconds (user + system, which
    a loaded shared machine disturbs less than wall time) and the exit codes seen."""
    codes = set()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for argv in argvs:
        codes.add(subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, codes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bieumau", default=os.path.join(ROOT, ".build-validate", "release", "bieumau"))
    args = parser.parse_args()
    bieumau = os.path.abspath(args.bieumau)
    if not os.path.exists(bieumau):
        raise SystemExit(f"{bieumau} not found: swift build -c release --scratch-path .build-validate")
    mappings = os.path.join(ROOT, "Mappings")
    files = make_corpus(args.files)
    sheets = {SOURCES[i]: sheet_count(os.path.join(ROOT, "Samples", SOURCES[i])) for i in range(3)}
    cat_all = [[bieumau, "cat", f, "--sheet", str(k + 1)]
               for f in files for k in range(sheets[f.split("-", 2)[2]])]
    cat_first = [[bieumau, "cat", f] for f in files]
    validate_one = [[bieumau, "validate", DATA, "--format", "json", "-o", "/dev/null", "--mappings", mappings]]
    validate_each = [[bieumau, "validate", f, "--format", "json", "-o", "/dev/null", "--mappings", mappings]
                     for f in files]
    cases = [("cat (all sheets)", cat_all), ("validate, one run", validate_one),
             ("cat (first sheet)", cat_first), ("validate per file", validate_each)]
    # Warm the page cache and check that validate runs (exit 1 is expected: the samples hold real errors).
    for _, argvs in cases:
        _, _, codes = timed(argvs[:3])
        if codes - {0, 1}:
            raise SystemExit(f"unexpected exit codes {codes} from {argvs[0]}")
    load_before = os.getloadavg()
    samples = {name: [] for name, _ in cases}
    cpu_samples = {name: [] for name, _ in cases}
    for run in range(args.runs):
        for name, argvs in cases[run % 2:] + cases[:run % 2]:
            seconds, cpu, _ = timed(argvs)
            samples[name].append(seconds)
            cpu_samples[name].append(cpu)
            print(f"run {run + 1}: {name}: {seconds:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    median = {name: statistics.median(values) for name, values in samples.items()}
    cpu = {name: statistics.median(values) for name, values in cpu_samples.items()}
    processes = {name: len(argvs) for name, argvs in cases}
    print(f"Machine: {cpu_model()}, {os.cpu_count()} cores (shared), load {load_before[0]:.2f} before / "
          f"{load_after[0]:.2f} after; bieumau {os.path.relpath(bieumau, ROOT)}, tree at {git_rev()}")
    print(f"Corpus: {len(files)} commune workbooks ({', '.join(SOURCES)} round-robin), "
          f"{sum(sheets[f.split('-', 2)[2]] for f in files)} sheets; median of {args.runs} runs")
    print()
    print("| measurement | processes | wall (s) | CPU (s) | wall per file (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in cases:
        print(f"| {name} | {processes[name]} | {median[name]:.2f} | {cpu[name]:.2f} | "
              f"{1000 * median[name] / len(files):.1f} |")
    print()
    for label, a, b in [("validate (one run) / cat (all sheets)", "validate, one run", "cat (all sheets)"),
                        ("validate (one run) / cat (first sheet)", "validate, one run", "cat (first sheet)"),
                        ("validate (per file) / cat (all sheets)", "validate per file", "cat (all sheets)"),
                        ("validate (per file) / cat (first sheet)", "validate per file", "cat (first sheet)")]:
        print(f"{label}: {median[a] / median[b]:.2f}x wall, {cpu[a] / cpu[b]:.2f}x CPU")
    ratio = median["validate, one run"] / median["cat (all sheets)"]
    print(f"goal (validate <= 1.3x cat over the same files, one run): {'met' if ratio <= 1.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
