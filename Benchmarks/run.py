#!/usr/bin/env python3
"""Benchmark `bieumau cat` against python-calamine, fastexcel and openpyxl.

Every measurement is a fresh child process; the parent times it from spawn to
exit (wall clock) and takes the child's own peak RSS from os.wait4().  Tools are
interleaved (run 1: all tools on all variants, run 2: ..., with the tool order
rotated each run) so that background load from a shared machine spreads evenly.

  bieumau    bieumau cat FILE > /dev/null                       (release build)
  calamine   python_calamine.load_workbook(FILE); iter_rows() over sheet 1
  fastexcel  fastexcel.read_excel(FILE).load_sheet(0).to_arrow()
  openpyxl   openpyxl.load_workbook(FILE, read_only=True); iter_rows(values_only=True)

Python tools include interpreter start-up and module import in their wall time
(as a user running a script would see it); their in-process read time (after
import) is reported in a separate column.

Usage: python3 Benchmarks/run.py [--variants shared,inline] [--tools bieumau,calamine,fastexcel,openpyxl]
                                 [--runs 5] [--slow-runs 3] [--bieumau .build/release/bieumau]
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import struct
import subprocess
import sys
import time
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
RESULTS = os.path.join(HERE, "results")
ALL_TOOLS = ["bieumau", "calamine", "fastexcel", "openpyxl"]
SLOW_TOOLS = {"openpyxl"}
NCOLS = 20


# --------------------------------------------------------------------------
# Worker side (runs in the child process)
# --------------------------------------------------------------------------

def worker(tool, path):
    t0 = time.perf_counter()
    if tool == "calamine":
        import python_calamine
        t1 = time.perf_counter()
        wb = python_calamine.load_workbook(path)
        sheet = wb.get_sheet_by_index(0)
        cells = 0
        for row in sheet.iter_rows():
            cells += len(row)
    elif tool == "fastexcel":
        import fastexcel
        import pyarrow  # noqa: F401  (to_arrow needs it; import outside the timed part)
        t1 = time.perf_counter()
        sheet = fastexcel.read_excel(path).load_sheet(0)
        table = sheet.to_arrow()
        cells = table.num_rows * table.num_columns + table.num_columns  # + header row
    elif tool == "openpyxl":
        import openpyxl
        t1 = time.perf_counter()
        wb = openpyxl.load_workbook(path, read_only=True)
        ws = wb.worksheets[0]
        cells = 0
        for row in ws.iter_rows(values_only=True):
            cells += len(row)
        wb.close()
    else:
        raise SystemExit(f"unknown worker tool {tool}")
    t2 = time.perf_counter()
    json.dump({"cells": cells, "import_s": t1 - t0, "read_s": t2 - t1}, sys.stdout)


# --------------------------------------------------------------------------
# Parent side
# --------------------------------------------------------------------------

GNU_TIME = "/usr/bin/time"
RSS_MARK = "BIEUMAU_BENCH_MAXRSS_KIB"


def have_gnu_time():
    try:
        p = subprocess.run([GNU_TIME, "-f", f"{RSS_MARK} %M", "true"], capture_output=True, text=True)
        return p.returncode == 0 and RSS_MARK in p.stderr
    except OSError:
        return False


USE_GNU_TIME = None


def spawn_measure(argv, stdout=subprocess.DEVNULL):
    """Run argv; return (wall seconds, peak RSS KiB, exit code, stdout bytes, stderr bytes).

    Peak RSS is the child's ru_maxrss from wait4().  On Linux a child's
    ru_maxrss starts at its parent's RSS at fork time (and exec keeps it), so
    wait4() called here would report at least this Python process's RSS.  The
    child is therefore forked by GNU time (/usr/bin/time -f %M, ~1 MB RSS),
    which reports its own wait4() ru_maxrss for the child.  Without GNU time
    we fall back to wait4() here (and say so in the report).
    """
    global USE_GNU_TIME
    if USE_GNU_TIME is None:
        USE_GNU_TIME = have_gnu_time()
    full = [GNU_TIME, "-f", f"{RSS_MARK} %M", *argv] if USE_GNU_TIME else argv
    t0 = time.perf_counter()
    p = subprocess.Popen(full, stdout=stdout, stderr=subprocess.PIPE)
    # Read pipes before reaping so that a chatty child cannot block.
    out = p.stdout.read() if stdout == subprocess.PIPE else b""
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
    rss = ru.ru_maxrss
    if USE_GNU_TIME:
        lines = err.decode(errors="replace").rstrip("\n").split("\n")
        if lines and lines[-1].startswith(RSS_MARK):
            rss = int(lines[-1].split()[1])
            lines.pop()
        if lines and lines[-1].startswith("Command "):  # "Command exited with non-zero status N"
            lines.pop()
        err = "\n".join(lines).encode()
    return t1 - t0, rss, p.returncode, out, err


def tool_argv(tool, path, bieumau):
    if tool == "bieumau":
        return [bieumau, "cat", path]
    return [sys.executable, os.path.abspath(__file__), "--worker", tool, path]


def ensure_bieumau(path, force_build):
    if os.path.exists(path) and not force_build:
        return
    # .build/release/bieumau -> scratch path .build; X/release/bieumau -> X
    rel_dir = os.path.dirname(os.path.abspath(path))
    scratch = os.path.dirname(rel_dir)
    cmd = ["swift", "build", "-c", "release", "--product", "bieumau"]
    if os.path.basename(rel_dir) != "release":
        raise SystemExit(f"{path} not found and not of the form SCRATCH/release/bieumau; build it first")
    if os.path.abspath(scratch) != os.path.join(ROOT, ".build"):
        cmd += ["--scratch-path", scratch]
    print("building:", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)
    if not os.path.exists(path):
        raise SystemExit(f"build finished but {path} does not exist")


def check_bieumau_output(bieumau, path, expect_rows):
    """One untimed run that also warms the page cache: count CSV records."""
    import csv
    import io
    p = subprocess.run([bieumau, "cat", path], capture_output=True)
    if p.returncode != 0:
        return f"exit {p.returncode}: {p.stderr.decode(errors='replace').strip()[:200]}"
    text = p.stdout.decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    widths = {len(r) for r in rows}
    if len(rows) != expect_rows or widths != {NCOLS}:
        return f"unexpected output: {len(rows)} records, field counts {sorted(widths)[:5]}"
    return None


def zip_entry_raw(path, name):
    """Compressed bytes of one zip entry (read via its local header)."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        hdr = f.read(30)
        sig, *_rest = struct.unpack("<I26s", hdr)
        assert sig == 0x04034B50
        name_len, extra_len = struct.unpack("<HH", hdr[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        data = f.read(info.compress_size)
    return info, data


def inflate_alone(path, name, reps=5):
    info, data = zip_entry_raw(path, name)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        out = zlib.decompress(data, -15)
        times.append(time.perf_counter() - t0)
        assert len(out) == info.file_size
        del out
    return {"part": name, "compressed": info.compress_size, "uncompressed": info.file_size,
            "median_s": statistics.median(times)}


def dimension_of(path):
    """(rows, cells) from the <dimension ref="A1:T100001"/> at the start of sheet1.xml."""
    import re
    with zipfile.ZipFile(path) as z, z.open("xl/worksheets/sheet1.xml") as f:
        head = f.read(4096).decode("utf-8", errors="replace")
    m = re.search(r'<dimension ref="A1:([A-Z]+)(\d+)"', head)
    if not m:
        raise SystemExit(f"{path}: no A1-anchored <dimension> in sheet1.xml")
    cols = 0
    for ch in m.group(1):
        cols = cols * 26 + ord(ch) - 64
    rows = int(m.group(2))
    return rows, rows * cols


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_versions(dists):
    """Python's version and each named distribution's, "not installed" when absent (shared by the runners)."""
    from importlib.metadata import version
    v = {"python": platform.python_version()}
    for dist in dists:
        try:
            v[dist] = version(dist)
        except Exception:
            v[dist] = "not installed"
    return v


def versions():
    return package_versions(["python-calamine", "fastexcel", "openpyxl", "pyarrow"])


def summarize(ok, failed):
    """Medians of one tool's successful samples: wall time, in-process read, peak RSS, cells consumed."""
    walls = [s["wall_s"] for s in ok]
    return {
        "runs": len(ok), "failed": failed,
        "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
        "read": statistics.median([s["read_s"] for s in ok]) if "read_s" in ok[0] else None,
        "rss_mb": statistics.median([s["rss_kib"] for s in ok]) / 1024,
        "cells": ok[0].get("cells"),
    }


def machine_lines(load_before, load_after, package_versions_shown, bieumau):
    """The report's first lines: machine, load, versions, and which bieumau binary at which tree."""
    built = (datetime.datetime.fromtimestamp(os.path.getmtime(bieumau)).strftime("%Y-%m-%d %H:%M")
             if os.path.exists(bieumau) else "?")
    return [
        f"Machine: {cpu_model()}, {os.cpu_count()} cores (shared with builds), "
        f"load average {load_before[0]:.2f} before / {load_after[0]:.2f} after; "
        f"{platform.system()} {platform.release()}",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in package_versions_shown.items())
        + f"; bieumau: {os.path.relpath(bieumau, ROOT)}, built {built}, tree at {git_rev()}",
    ]


def git_rev():
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "Sources", "Package.swift"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+uncommitted Sources changes" if dirty else "")
    except OSError:
        return "unknown"


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--variants", default="shared,inline")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS))
    ap.add_argument("--runs", type=int, default=5, help="runs per fast tool and variant (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3, help="runs for openpyxl (default 3)")
    ap.add_argument("--bieumau", default=os.path.join(ROOT, ".build", "release", "bieumau"))
    ap.add_argument("--build", action="store_true", help="run swift build even if the binary exists")
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--out", default=os.path.join(RESULTS, "latest.md"))
    args = ap.parse_args()

    if args.worker:
        worker(*args.worker)
        return 0

    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in ALL_TOOLS:
            raise SystemExit(f"unknown tool {t}; choose from {ALL_TOOLS}")
    variants = [v for v in args.variants.split(",") if v]
    files = {v: os.path.join(args.data, f"bench-{v}.xlsx") for v in variants}
    for v, f in files.items():
        if not os.path.exists(f):
            raise SystemExit(f"{f} missing: run python3 Benchmarks/generate.py first")
    bieumau = os.path.abspath(args.bieumau)
    notes = []
    if "bieumau" in tools:
        ensure_bieumau(bieumau, args.build)

    # Expected rows and cells from the <dimension> of sheet 1 (the generated sheets are full grids).
    expect = {v: dimension_of(f) for v, f in files.items()}

    # Warm the page cache and sanity-check bieumau's output once (untimed).
    for v, f in files.items():
        with open(f, "rb") as fh:
            fh.read()
        if "bieumau" in tools:
            problem = check_bieumau_output(bieumau, f, expect[v][0])
            if problem:
                notes.append(f"bieumau output check on {os.path.basename(f)}: {problem}")
                print("WARNING:", notes[-1], file=sys.stderr)

    load_before = os.getloadavg()
    samples = {(v, t): [] for v in variants for t in tools}
    max_runs = max(args.runs, args.slow_runs if SLOW_TOOLS & set(tools) else 0)
    started = time.time()
    for r in range(max_runs):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for v in variants:
            for t in order:
                want = args.slow_runs if t in SLOW_TOOLS else args.runs
                if r >= want:
                    continue
                wall, rss, rc, out, err = spawn_measure(
                    tool_argv(t, files[v], bieumau),
                    stdout=subprocess.DEVNULL if t == "bieumau" else subprocess.PIPE)
                rec = {"wall_s": wall, "rss_kib": rss, "rc": rc}
                if rc != 0:
                    rec["error"] = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
                elif t != "bieumau":
                    rec.update(json.loads(out))
                samples[(v, t)].append(rec)
                print(f"run {r + 1}/{max_runs} {v:6} {t:9} {wall:8.3f}s {rss / 1024:8.1f} MB"
                      + ("" if rc == 0 else f"  FAILED rc={rc} {rec['error']}"), file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    if not USE_GNU_TIME:
        notes.append("/usr/bin/time not available: peak RSS taken from wait4() in run.py, which on Linux "
                     "includes run.py's own RSS at fork time (an upper bound)")
    elapsed = time.time() - started

    inflate = {}
    for v, f in files.items():
        parts = ["xl/worksheets/sheet1.xml"]
        with zipfile.ZipFile(f) as z:
            if "xl/sharedStrings.xml" in z.namelist():
                parts.append("xl/sharedStrings.xml")
        inflate[v] = [inflate_alone(f, p) for p in parts]

    # ---------------- report ----------------
    summary = {}
    for v in variants:
        for t in tools:
            ok = [s for s in samples[(v, t)] if s["rc"] == 0]
            if not ok:
                summary[(v, t)] = None
                continue
            summary[(v, t)] = summarize(ok, len(samples[(v, t)]) - len(ok))
            if summary[(v, t)]["cells"] is None:
                summary[(v, t)]["cells"] = expect[v][1]
            if t != "bieumau" and summary[(v, t)]["cells"] != expect[v][1]:
                notes.append(f"{t} on {v} consumed {summary[(v, t)]['cells']} cells, expected {expect[v][1]}")

    lines = []
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines.append(f"## Benchmark results ({now})")
    lines.append("")
    vs = versions()
    lines += machine_lines(load_before, load_after, vs, bieumau)
    lines.append(f"Runs: {args.runs} per fast tool, {args.slow_runs} for openpyxl (interleaved); "
                 f"medians shown; total {elapsed:.0f} s")
    lines.append("")
    lines.append("| file | tool | runs | wall (median) | min–max | in-process read | cells/s | peak RSS | bieumau speed / tool speed |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for v in variants:
        base = summary.get((v, "bieumau"))
        cells = expect[v][1]
        for t in tools:
            s = summary[(v, t)]
            name = os.path.basename(files[v])
            if s is None:
                err = samples[(v, t)][0].get("error", ["?"]) if samples[(v, t)] else ["not run"]
                lines.append(f"| {name} | {t} | 0 | failed: {' '.join(err)[:80]} | | | | | |")
                continue
            ratio = (s["wall"] / base["wall"]) if base else None
            read = f"{s['read']:.3f} s" if s["read"] is not None else "—"
            lines.append(f"| {name} | {t} | {s['runs']} | {s['wall']:.3f} s | {s['min']:.2f}–{s['max']:.2f} | "
                         f"{read} | {cells / s['wall'] / 1e6:.2f} M | {s['rss_mb']:.0f} MB | "
                         f"{'1.00× (baseline)' if t == 'bieumau' else fmt_ratio(ratio)} |")
    lines.append("")
    lines.append("Inflate alone (python zlib.decompress of the part's deflate stream, in-process, median of 5):")
    lines.append("")
    lines.append("| file | part | compressed | uncompressed | inflate time | MB/s (uncompressed) |")
    lines.append("|---|---|---:|---:|---:|---:|")
    for v in variants:
        for i in inflate[v]:
            lines.append(f"| {os.path.basename(files[v])} | {i['part']} | {i['compressed'] / 1e6:.1f} MB | "
                         f"{i['uncompressed'] / 1e6:.1f} MB | {i['median_s']:.3f} s | "
                         f"{i['uncompressed'] / i['median_s'] / 1e6:.0f} |")
    lines.append("")
    h, c = expect[variants[0]]
    lines.append(f"cells = {c:,} per file ({h - 1:,} rows × {c // h} columns + header row). "
                 "\"bieumau speed / tool speed\" = tool wall time / bieumau wall time (> 1: bieumau is faster).")
    for n in notes:
        lines.append(f"\nNote: {n}")
    report = "\n".join(lines) + "\n"
    print(report)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"samples": {f"{v}/{t}": s for (v, t), s in samples.items()},
                   "inflate": inflate, "versions": vs, "notes": notes,
                   "load": [load_before, load_after]}, f, indent=1)
    print(f"written {os.path.relpath(args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
