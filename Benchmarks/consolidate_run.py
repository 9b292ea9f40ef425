#!/usr/bin/env python3
"""Issue 6 "Scale": reading, validating and consolidating the generated province (100 communes) and country
(10,000 communes) in one run, with wall time, CPU time and peak memory, and the ratio consolidate / read.

    python3 Benchmarks/consolidate/make_country.py province     # once (see Benchmarks/README.md)
    python3 Benchmarks/consolidate/make_country.py country      # once
    python3 Benchmarks/consolidate_run.py [--data province,country] [--runs 3] [--jobs 2] [--bieumau PATH]

Every measurement is a fresh child process under GNU `/usr/bin/time -v` (wall clock, user + system CPU, maximum
resident set size); steps interleaved, run after run, medians reported, with the load average before and after.

Steps, over the folder of inputs (reports 1–7 and household lists of every commune):
  read         `bieumau consolidate … --read-only`: the files opened, hashed (SHA-256) and every sheet read into
               cells by the same reader, on the same number of threads, as consolidation does, and nothing else.
               The "time to read the same files" of the goal: the strictest baseline we have.
  convert      `bieumau convert … --to csv --jobs J`: the bulk reader of issue 7 (worker processes), which also
               writes every sheet as CSV; shown as a second view of reading (peak RSS is its largest process).
  validate     `bieumau validate … --format json -o FILE`: read, detect, extract, check each file and the links
               between the forms of a unit (one thread, as the command is).
  consolidate  `bieumau consolidate … --period 2023 --level province -o OUT.xlsx --force --jobs J`.
The goal (issue 6): consolidate wall ≤ 1.5 × read wall, consolidate peak RSS < 500 MB.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Benchmarks", "data", "consolidate")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")


def load():
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def build(binary):
    scratch = os.path.dirname(os.path.dirname(binary))
    command = ["swift", "build", "-c", "release", "--product", "bieumau"]
    if os.path.basename(scratch) != ".build":
        command += ["--scratch-path", scratch]
    print("building:", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=ROOT, check=True)


def timed(command, env, cwd):
    """Runs command under /usr/bin/time -v; returns wall s, CPU s, peak RSS MB, exit status, stderr tail."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        with tempfile.TemporaryFile("w+") as stderr:
            status = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command, env=env, cwd=cwd,
                                    stdout=subprocess.DEVNULL, stderr=stderr).returncode
            stderr.seek(0)
            tail = stderr.read()[-600:]
        text = report.read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    user = float(re.search(r"User time \(seconds\): (\S+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return {"wall": seconds, "cpu": user + system, "rss": rss, "status": status, "stderr": tail}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="province,country", help="generated data sets (Benchmarks/data/consolidate)")
    parser.add_argument("--steps", default="read,convert,validate,consolidate")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of convert and validate on data sets with "
                                                                   "more than 1,000 communes")
    parser.add_argument("--validate-max", type=int, default=1000,
                        help="skip validate on data sets of more communes (it keeps every form in memory for the "
                             "links: ~13 GB at 10,000 communes)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--bieumau", default=os.path.join(ROOT, ".build-scale", "release", "bieumau"))
    parser.add_argument("--read-with", help="binary for the read step (default --bieumau; for a build without "
                                            "--read-only, e.g. one from before it)")
    parser.add_argument("--build", action="store_true", help="build the binary first")
    parser.add_argument("--out", default=os.path.join(RESULTS, "consolidate-latest"))
    args = parser.parse_args()

    if args.build or not os.path.exists(args.bieumau):
        build(args.bieumau)
    work = tempfile.mkdtemp(prefix="bieumau-consolidate-")
    steps = args.steps.split(",")
    results = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                        text=True).stdout.strip(),
               "jobs": args.jobs, "cores": os.cpu_count(), "sets": {}}
    try:
        for name in args.data.split(","):
            folder = os.path.join(DATA, name)
            with open(os.path.join(folder, "manifest.json")) as handle:
                manifest = json.load(handle)
            inputs = os.path.join(folder, "inputs")
            env = dict(os.environ, BIEUMAU_MAPPINGS=os.path.join(folder, "Mappings"), BIEUMAU_LANG="en")
            out = os.path.join(work, f"{name}.xlsx")
            commands = {
                "read": [args.read_with or args.bieumau, "consolidate", inputs, "--period", "2023", "--level", "province", "-o", out,
                         "--force", "--jobs", str(args.jobs), "--read-only"],
                "convert": [args.bieumau, "convert", inputs, "--to", "csv", "-o", os.path.join(work, "csv"),
                            "--jobs", str(args.jobs)],
                "validate": [args.bieumau, "validate", inputs, "--format", "json", "-o",
                             os.path.join(work, "findings.json")],
                "consolidate": [args.bieumau, "consolidate", inputs, "--period", "2023", "--level", "province",
                                "-o", out, "--force", "--jobs", str(args.jobs)],
            }
            runs = {step: [] for step in steps}
            loads = [load()]
            slow = manifest["communes"] > 1000
            for run in range(args.runs):
                order = steps[run % len(steps):] + steps[:run % len(steps)]
                for step in order:
                    if slow and step in ("convert", "validate") and len(runs[step]) >= args.slow_runs:
                        continue
                    if step == "validate" and manifest["communes"] > args.validate_max:
                        continue
                    shutil.rmtree(os.path.join(work, "csv"), ignore_errors=True)
                    result = timed(commands[step], env, ROOT)
                    runs[step].append(result)
                    print(f"{name} run {run + 1} {step}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, "
                          f"{result['rss']:.0f} MB, exit {result['status']}, load {load()}", file=sys.stderr)
                    if result["status"] not in (0, 1):
                        print(result["stderr"], file=sys.stderr)
            loads.append(load())
            summary = {}
            for step, items in runs.items():
                if not items:
                    continue
                summary[step] = {
                    "runs": len(items),
                    "wall": statistics.median(r["wall"] for r in items),
                    "wall_min": min(r["wall"] for r in items), "wall_max": max(r["wall"] for r in items),
                    "cpu": statistics.median(r["cpu"] for r in items),
                    "rss": statistics.median(r["rss"] for r in items),
                    "status": items[-1]["status"],
                }
            if os.path.exists(out):
                summary["output_bytes"] = os.path.getsize(out)
            results["sets"][name] = {"manifest": manifest, "load": loads, "steps": summary,
                                     "raw": {k: [{x: r[x] for x in ("wall", "cpu", "rss", "status")} for r in v]
                                             for k, v in runs.items()}}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [f"Measured {results['date']} at {results['commit']}, {results['cores']} cores, --jobs {args.jobs}; "
             "medians of the runs.", "",
             "| data | files | step | runs | wall (min–max) | CPU | peak RSS | wall / read | CPU / read | exit |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, data in results["sets"].items():
        steps_ = data["steps"]
        read = steps_.get("read", {}).get("wall")
        read_cpu = steps_.get("read", {}).get("cpu")
        for step in steps:
            if step not in steps_:
                continue
            s = steps_[step]
            ratio = f"{s['wall'] / read:.2f}×" if read else "—"
            cpu_ratio = f"{s['cpu'] / read_cpu:.2f}×" if read_cpu else "—"
            lines.append(f"| {name} ({data['manifest']['communes']:,} communes) | {data['manifest']['files']:,} | "
                         f"{step} | {s['runs']} | {s['wall']:.2f} s ({s['wall_min']:.2f}–{s['wall_max']:.2f}) | "
                         f"{s['cpu']:.2f} s | {s['rss']:.0f} MB | {ratio} | {cpu_ratio} | {s['status']} |")
        lines.append(f"| {name}: load average before / after | | | | {data['load'][0]} / {data['load'][1]} | | | | | |")
    table = "\n".join(lines)
    print(table)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".md", "w") as handle:
        handle.write(table + "\n")
    with open(args.out + ".json", "w") as handle:
        json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
