#!/usr/bin/env python3
"""Benchmark SheetCSV's reader against polars and pyarrow, single-threaded, on one CSV file.

Every measurement is a fresh child process, started through GNU /usr/bin/time
so that its peak RSS is its own; the parent times it from spawn to exit (wall)
and the child reports the time of the parse alone (in-process, after imports).
Tools are interleaved (run 1 of every tool, then run 2, ..., the order rotated
each run) so that background load on a shared machine spreads evenly.

  ours-records  csvparse records FILE   fields delimited, unescaped, UTF-8 checked (bytes, no String)
  ours-strings  csvparse strings FILE   + a Swift String per field
  ours-cells    csvparse cells FILE     + a Row of Cells (CellValue.string, A1 address) per record
  ours-typed    csvparse typed FILE     cells, numbers (en) as .number(Double) through DecimalNumber
  ours-*-2t     the same with CSVOptions.usesSecondThread: a second thread reads, checks UTF-8 and splits
                records, the main thread makes the values (two threads, unlike the others)
  polars-str    pl.read_csv(FILE, infer_schema_length=0)           every column Utf8
  polars-typed  pl.read_csv(FILE)                                  inferred Int64 / Float64 / Utf8
  pyarrow-str   pyarrow.csv.read_csv(FILE, use_threads=False, every column string)
  pyarrow-typed pyarrow.csv.read_csv(FILE, use_threads=False)      inferred types

polars runs with POLARS_MAX_THREADS=1, pyarrow with use_threads=False and
set_cpu_count(1) / set_io_thread_count(1); both with newlines allowed inside
quoted values.  csvparse is Benchmarks/CSVParse/main.swift compiled with
`swiftc -O` against the package's release build (see --scratch).

Usage: python3 Benchmarks/csv_run.py [--file Benchmarks/data/bench.csv] [--runs 5]
                                     [--tools ours-records,...] [--scratch .build-csv] [--build]
"""

import argparse
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
RESULTS = os.path.join(HERE, "results")
ALL_TOOLS = ["ours-records", "ours-strings", "ours-cells", "ours-typed", "ours-cells-2t", "ours-typed-2t",
             "polars-str", "polars-typed", "pyarrow-str", "pyarrow-typed"]
WHAT = {
    "ours-records": "fields as checked UTF-8 byte ranges (no String)",
    "ours-strings": "a Swift String per field",
    "ours-cells": "Row of Cells, CellValue.string per non-empty field",
    "ours-typed": "Row of Cells, numbers as .number(Double) via DecimalNumber, rest .string",
    "ours-cells-2t": "as ours-cells, records split on a second thread (2 threads)",
    "ours-typed-2t": "as ours-typed, records split on a second thread (2 threads)",
    "polars-str": "DataFrame, 20 Utf8 columns",
    "polars-typed": "DataFrame, inferred Int64/Float64/Utf8 columns",
    "pyarrow-str": "Table, 20 string columns",
    "pyarrow-typed": "Table, inferred int64/double/string columns",
}


# --------------------------------------------------------------------------
# Worker side (runs in the child process)
# --------------------------------------------------------------------------

def worker(tool, path):
    t0 = time.perf_counter()
    if tool.startswith("polars"):
        os.environ["POLARS_MAX_THREADS"] = "1"
        import polars as pl
        t1 = time.perf_counter()
        if tool == "polars-str":
            frame = pl.read_csv(path, infer_schema_length=0)
        else:
            frame = pl.read_csv(path)
        t2 = time.perf_counter()
        rows, columns = frame.shape
        types = sorted({str(t) for t in frame.dtypes})
        threads = pl.thread_pool_size()
    elif tool.startswith("pyarrow"):
        import pyarrow as pa
        import pyarrow.csv as pacsv
        pa.set_cpu_count(1)
        pa.set_io_thread_count(1)
        convert = pacsv.ConvertOptions()
        if tool == "pyarrow-str":
            with open(path, encoding="utf-8", newline="") as handle:
                import csv
                header = next(csv.reader(handle))
            convert = pacsv.ConvertOptions(column_types={name: pa.string() for name in header})
        t1 = time.perf_counter()
        table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=False),
                               parse_options=pacsv.ParseOptions(newlines_in_values=True),
                               convert_options=convert)
        t2 = time.perf_counter()
        rows, columns = table.num_rows, table.num_columns
        types = sorted({str(field.type) for field in table.schema})
        threads = 1
    else:
        raise SystemExit(f"unknown worker tool {tool}")
    json.dump({"seconds": t2 - t1, "import_s": t1 - t0, "records": rows + 1, "columns": columns,
               "types": types, "threads": threads}, sys.stdout)


# --------------------------------------------------------------------------
# Parent side
# --------------------------------------------------------------------------

GNU_TIME = "/usr/bin/time"
RSS_MARK = "CSV_BENCH_MAXRSS_KIB"


def spawn_measure(argv, env=None):
    """Run argv under GNU time; return (wall seconds, peak RSS KiB, stdout text)."""
    full = [GNU_TIME, "-f", f"{RSS_MARK} %M", *argv]
    t0 = time.perf_counter()
    p = subprocess.run(full, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    err = p.stderr.decode(errors="replace").rstrip("\n").split("\n")
    rss = 0
    if err and err[-1].startswith(RSS_MARK):
        rss = int(err[-1].split()[1])
        err.pop()
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({p.returncode}):\n" + "\n".join(err))
    return wall, rss, p.stdout.decode()


def build(scratch, force):
    binary = os.path.join(ROOT, scratch, "release", "csvparse")
    main = os.path.join(HERE, "CSVParse", "main.swift")
    sources = glob.glob(os.path.join(ROOT, "Sources", "SheetC*", "*.swift"))
    if not force and os.path.exists(binary) and os.path.getmtime(binary) > max(
            os.path.getmtime(p) for p in sources + [main]):
        return binary
    print(f"building {binary} …", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--target", "SheetCSV"],
                   cwd=ROOT, check=True)
    release = os.path.join(ROOT, scratch, "release")
    objects = (sorted(glob.glob(os.path.join(release, "SheetCore.build", "*.o")))
               + sorted(glob.glob(os.path.join(release, "SheetCSV.build", "*.o"))))
    subprocess.run(["swiftc", "-O", "-I", os.path.join(release, "Modules"), main, *objects, "-o", binary],
                   cwd=ROOT, check=True)
    return binary


def argv_for(tool, path, binary):
    if tool.startswith("ours-"):
        return [binary, tool[len("ours-"):], path]
    return [sys.executable, os.path.abspath(__file__), "--worker", tool, path]


def loadavg():
    try:
        return open("/proc/loadavg").read().split()[:3]
    except OSError:
        return ["?"] * 3


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", default=os.path.join(DATA, "bench.csv"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default=",".join(ALL_TOOLS))
    parser.add_argument("--scratch", default=".build-csv")
    parser.add_argument("--build", action="store_true", help="rebuild csvparse")
    parser.add_argument("--out", default=os.path.join(RESULTS, "csv-latest.md"))
    args = parser.parse_args()
    tools = args.tools.split(",")
    if not os.path.exists(args.file):
        subprocess.run([sys.executable, os.path.join(HERE, "csv_generate.py"), "--out", args.file], check=True)
    binary = build(args.scratch, args.build)
    size = os.path.getsize(args.file)

    # Warm the page cache and check that every tool reads the same number of records and columns.
    with open(args.file, "rb") as handle:
        while handle.read(1 << 24):
            pass
    expected_records = None
    for tool in tools:
        _, _, out = spawn_measure(argv_for(tool, args.file, binary))
        report = json.loads(out)
        records = report["records"]
        if expected_records is None:
            expected_records = records
        if records != expected_records:
            raise SystemExit(f"{tool} read {records} records, expected {expected_records}")
        print(f"check {tool}: {records} records {report.get('types', '')}", file=sys.stderr)

    load_before = loadavg()
    samples = {tool: [] for tool in tools}
    started = time.time()
    for run in range(args.runs):
        order = tools[run % len(tools):] + tools[:run % len(tools)]
        for tool in order:
            wall, rss, out = spawn_measure(argv_for(tool, args.file, binary))
            report = json.loads(out)
            samples[tool].append({"wall": wall, "rss_kib": rss, **report})
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    load_after = loadavg()

    polars_parse = None
    if "polars-str" in samples:
        polars_parse = statistics.median(s["seconds"] for s in samples["polars-str"])
    lines = [
        f"# CSV parsing benchmark — {datetime.datetime.now().isoformat(timespec='seconds')}",
        "",
        f"File: `{os.path.relpath(args.file, ROOT)}`, {size / 1e6:.1f} MB, {expected_records} records × 20 fields. "
        f"{args.runs} runs per tool, interleaved. Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {' '.join(load_before)} before, {' '.join(load_after)} after.",
        "",
        "| tool | produces | parse (median) | min–max | MB/s (parse) | wall (median) | peak RSS | "
        "speed vs polars-str (parse) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for tool in tools:
        parse = [s["seconds"] for s in samples[tool]]
        wall = [s["wall"] for s in samples[tool]]
        rss = statistics.median(s["rss_kib"] for s in samples[tool]) / 1024
        median = statistics.median(parse)
        versus = f"{polars_parse / median:.2f}×" if polars_parse else "—"
        lines.append(
            f"| {tool} | {WHAT[tool]} | {median:.3f} s | {min(parse):.3f}–{max(parse):.3f} | "
            f"{size / 1e6 / median:.0f} | {statistics.median(wall):.3f} s | {rss:.0f} MB | {versus} |")
    lines += [
        "",
        "parse: time of the read call alone, inside the child (after interpreter start-up and imports for the "
        "Python tools; the whole run of csvparse, which has none). wall: spawn to exit. "
        "Speed above 1× means faster than polars reading every column as strings.",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.splitext(args.out)[0] + ".json", "w") as handle:
        json.dump({"file": args.file, "bytes": size, "samples": samples, "load_before": load_before,
                   "load_after": load_after, "elapsed_s": time.time() - started}, handle, indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
