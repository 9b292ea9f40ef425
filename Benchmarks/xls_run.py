#!/usr/bin/env python3
"""Benchmark `bieumau cat FILE.xls` against python-calamine and xlrd.

Same conventions as Benchmarks/run.py: every measurement is a fresh child
process started through GNU /usr/bin/time -f %M (its own peak RSS); the tools
are interleaved (run 1 of every tool, then run 2, ..., tool order rotated each
run); medians are reported; "bieumau speed / tool speed" = tool wall time /
bieumau wall time (> 1: bieumau is faster).

  bieumau    bieumau cat FILE > /dev/null                                  (release build)
  calamine   python_calamine.CalamineWorkbook.from_path(FILE).get_sheet_by_index(0).iter_rows()
  xlrd       xlrd.open_workbook(FILE, on_demand=True); every cell value of sheet 1

Python tools include interpreter start-up and module import in their wall time;
their in-process read time (after import) is shown in a separate column.
Before timing, one untimed check compares the number of non-empty cells in
bieumau's CSV output with python-calamine's.

Goal (issue 4): bieumau >= 1.5x python-calamine's cells/s and >= 5x xlrd's.

Usage: python3 Benchmarks/xls_run.py [--tools bieumau,calamine,xlrd] [--runs 5] [--slow-runs 3]
                                     [--bieumau .build/release/bieumau] [--file Benchmarks/data/bench.xls]
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as xlsx_run  # noqa: E402  (spawn_measure, ensure_bieumau, cpu_model, git_rev, fmt_ratio)

ROOT = xlsx_run.ROOT
DATA = os.path.join(HERE, "data")
RESULTS = os.path.join(HERE, "results")
ALL_TOOLS = ["bieumau", "calamine", "xlrd"]
SLOW_TOOLS = {"xlrd"}
GOALS = {"calamine": 1.5, "xlrd": 5.0}


# --------------------------------------------------------------------------
# Worker side (runs in the child process)
# --------------------------------------------------------------------------

def worker(tool, path):
    t0 = time.perf_counter()
    nonempty = None
    if tool in ("calamine", "calamine-count"):
        import python_calamine
        t1 = time.perf_counter()
        sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        cells = 0
        if tool == "calamine":
            for row in sheet.iter_rows():
                cells += len(row)
        else:
            nonempty = 0
            for row in sheet.iter_rows():
                cells += len(row)
                nonempty += sum(1 for v in row if v != "")
    elif tool == "xlrd":
        import xlrd
        t1 = time.perf_counter()
        book = xlrd.open_workbook(path, on_demand=True)
        sh = book.sheet_by_index(0)
        cells = 0
        for rx in range(sh.nrows):
            for _v in sh.row_values(rx):
                cells += 1
        book.release_resources()
    else:
        raise SystemExit(f"unknown worker tool {tool}")
    t2 = time.perf_counter()
    out = {"cells": cells, "import_s": t1 - t0, "read_s": t2 - t1}
    if nonempty is not None:
        out["nonempty"] = nonempty
    json.dump(out, sys.stdout)


# --------------------------------------------------------------------------
# Parent side
# --------------------------------------------------------------------------

def tool_argv(tool, path, bieumau):
    if tool == "bieumau":
        return [bieumau, "cat", path]
    return [sys.executable, os.path.abspath(__file__), "--worker", tool, path]


def check_cells(bieumau, path):
    """Untimed: non-empty cells in bieumau's CSV vs python-calamine's.

    Returns (bieumau_records, bieumau_nonempty, calamine_cells, calamine_nonempty, problem)."""
    import csv
    import io
    p = subprocess.run([bieumau, "cat", path], capture_output=True)
    if p.returncode != 0:
        return None, None, None, None, f"bieumau exit {p.returncode}: {p.stderr.decode(errors='replace').strip()[:200]}"
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8", errors="replace"), newline="")))
    b_nonempty = sum(1 for r in rows for v in r if v != "")
    q = subprocess.run(tool_argv("calamine-count", path, None), capture_output=True)
    if q.returncode != 0:
        return len(rows), b_nonempty, None, None, f"calamine exit {q.returncode}: {q.stderr.decode(errors='replace').strip()[-200:]}"
    c = json.loads(q.stdout)
    problem = None
    if b_nonempty != c["nonempty"]:
        problem = f"bieumau printed {b_nonempty:,} non-empty cells, python-calamine read {c['nonempty']:,}"
    return len(rows), b_nonempty, c["cells"], c["nonempty"], problem


def versions():
    return xlsx_run.package_versions(["python-calamine", "xlrd", "xlwt"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--tools", default=",".join(ALL_TOOLS))
    ap.add_argument("--runs", type=int, default=5, help="runs for bieumau and calamine (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3, help="runs for xlrd (default 3)")
    ap.add_argument("--bieumau", default=os.path.join(ROOT, ".build", "release", "bieumau"))
    ap.add_argument("--build", action="store_true", help="run swift build even if the binary exists")
    ap.add_argument("--file", default=os.path.join(DATA, "bench.xls"))
    ap.add_argument("--out", default=os.path.join(RESULTS, "xls-latest.md"))
    args = ap.parse_args()

    if args.worker:
        worker(*args.worker)
        return 0

    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in ALL_TOOLS:
            raise SystemExit(f"unknown tool {t}; choose from {ALL_TOOLS}")
    path = os.path.abspath(args.file)
    if not os.path.exists(path):
        raise SystemExit(f"{path} missing: run python3 Benchmarks/xls_generate.py first")
    bieumau = os.path.abspath(args.bieumau)
    notes = []
    if "bieumau" in tools:
        xlsx_run.ensure_bieumau(bieumau, args.build)

    # Warm the page cache; check bieumau's cell count against calamine's once (untimed).
    with open(path, "rb") as fh:
        fh.read()
    check = None
    if "bieumau" in tools:
        check = check_cells(bieumau, path)
        if check[4]:
            notes.append(f"cell-count check: {check[4]}")
            print("WARNING:", notes[-1], file=sys.stderr)
        else:
            print(f"cell-count check: bieumau {check[1]:,} non-empty cells in {check[0]:,} CSV records "
                  f"= python-calamine {check[3]:,}", file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    samples = {t: [] for t in tools}
    max_runs = max(args.runs, args.slow_runs if SLOW_TOOLS & set(tools) else 0)
    started = time.time()
    for r in range(max_runs):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for t in order:
            want = args.slow_runs if t in SLOW_TOOLS else args.runs
            if r >= want:
                continue
            wall, rss, rc, out, err = xlsx_run.spawn_measure(
                tool_argv(t, path, bieumau),
                stdout=subprocess.DEVNULL if t == "bieumau" else subprocess.PIPE)
            rec = {"wall_s": wall, "rss_kib": rss, "rc": rc}
            if rc != 0:
                rec["error"] = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
            elif t != "bieumau":
                rec.update(json.loads(out))
            samples[t].append(rec)
            print(f"run {r + 1}/{max_runs} {t:9} {wall:8.3f}s {rss / 1024:8.1f} MB"
                  + ("" if rc == 0 else f"  FAILED rc={rc} {rec['error']}"), file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    elapsed = time.time() - started
    if not xlsx_run.USE_GNU_TIME:
        notes.append("/usr/bin/time not available: peak RSS taken from wait4() in xls_run.py, which on Linux "
                     "includes xls_run.py's own RSS at fork time (an upper bound)")

    # Cells: the full grid as python-calamine reads it (every row padded to the sheet width).
    cells = check[2] if check and check[2] else None
    summary = {}
    for t in tools:
        ok = [s for s in samples[t] if s["rc"] == 0]
        if not ok:
            summary[t] = None
            continue
        summary[t] = xlsx_run.summarize(ok, len(samples[t]) - len(ok))
    if cells is None:
        cells = next((s["cells"] for s in summary.values() if s and s["cells"]), 0)
    for t, s in summary.items():
        if s and s["cells"] is not None and s["cells"] != cells:
            notes.append(f"{t} consumed {s['cells']:,} cells, expected {cells:,}")

    lines = []
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines.append(f"## .xls benchmark results ({now})")
    lines.append("")
    vs = versions()
    lines += xlsx_run.machine_lines(load_before, load_after, vs, bieumau)
    lines.append(f"Runs: {args.runs} for bieumau and calamine, {args.slow_runs} for xlrd (interleaved); "
                 f"medians shown; total {elapsed:.0f} s")
    lines.append("")
    lines.append("| file | tool | runs | wall (median) | min–max | in-process read | cells/s | peak RSS | "
                 "bieumau speed / tool speed | goal |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    base = summary.get("bieumau")
    name = os.path.basename(path)
    verdicts = []
    for t in tools:
        s = summary[t]
        if s is None:
            err = samples[t][0].get("error", ["?"]) if samples[t] else ["not run"]
            lines.append(f"| {name} | {t} | 0 | failed: {' '.join(err)[:80]} | | | | | | |")
            continue
        ratio = (s["wall"] / base["wall"]) if base else None
        read = f"{s['read']:.3f} s" if s["read"] is not None else "—"
        goal = ""
        if t in GOALS and ratio is not None:
            met = ratio >= GOALS[t]
            goal = f"≥ {GOALS[t]:g}×: {'met' if met else 'NOT met'}"
            verdicts.append(met)
        lines.append(f"| {name} | {t} | {s['runs']} | {s['wall']:.3f} s | {s['min']:.2f}–{s['max']:.2f} | "
                     f"{read} | {cells / s['wall'] / 1e6:.2f} M | {s['rss_mb']:.0f} MB | "
                     f"{'1.00× (baseline)' if t == 'bieumau' else xlsx_run.fmt_ratio(ratio)} | {goal} |")
    lines.append("")
    size = os.path.getsize(path)
    lines.append(f"cells = {cells:,} ({name}, {size / 1e6:.1f} MB: 65,535 rows × 20 columns including the header "
                 "row). \"bieumau speed / tool speed\" = tool wall time / bieumau wall time (> 1: bieumau is "
                 "faster); cells/s = cells / median wall time, start-up included.")
    if check and not check[4]:
        lines.append("")
        lines.append(f"Cell-count check (untimed): `bieumau cat` printed {check[0]:,} CSV records with "
                     f"{check[1]:,} non-empty fields; python-calamine read {check[3]:,} non-empty cells.")
    if verdicts:
        lines.append("")
        lines.append("Issue 4 speed goal (≥ 1.5× python-calamine, ≥ 5× xlrd): "
                     + ("**met**" if all(verdicts) and len(verdicts) == len(GOALS) else "**not met**") + ".")
    for n in notes:
        lines.append(f"\nNote: {n}")
    report = "\n".join(lines) + "\n"
    print(report)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"samples": samples, "check": check, "versions": vs, "notes": notes,
                   "load": [load_before, load_after]}, f, indent=1)
    print(f"written {os.path.relpath(args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
