#!/usr/bin/env python3
"""Benchmark writing the 100,000 x 20 workbook: our XLSXWriter against libxlsxwriter (C) and Python XlsxWriter,
side by side in one run; then `bieumau convert` against LibreOffice headless on a ~100 MB CSV.

Every program generates the same rows from the same definition (Benchmarks/write/workbook_data.py: an
xorshift64* PRNG and fixed Vietnamese word lists), so nothing is parsed from an input file.  Before timing,
the three generators must print the same checksum; after the first write of each tool, the file is read back
with python-calamine (in a child process) and must give the same checksum, cell count included.

  bieumau        Benchmarks/WriteBench/main.swift: XLSXWriter, shared strings (default options)
  lxw-constant   Benchmarks/write/xlsxwriter_c.c: libxlsxwriter, constant_memory (inline strings)
  lxw-normal     the same, without constant_memory (shared strings, every cell held in memory)   [100k only]
  py-constant    Benchmarks/write/xlsxwriter_py.py: XlsxWriter, constant_memory (inline strings)  [--slow-runs]
  py-normal      the same, without constant_memory (shared strings, every cell in memory)        [--slow-runs]

Each measurement is a fresh child started through GNU `/usr/bin/time -f %M` (peak RSS of the child, not of
this script); runs are interleaved (run 1 of every tool, then run 2, ..., order rotated each run) and medians
are reported.  Ratios are "bieumau speed / tool speed" = tool wall time / bieumau wall time.

Builds (done here, into --build-dir, default .build-wbench/):

  C        cc -O2 -o B/xlsxwriter_c Benchmarks/write/xlsxwriter_c.c -lxlsxwriter -lz
  Swift    the package's Sources are copied to B/src/worktree (or `git archive REV` to B/src/REV with
           --swift-src REV); then, without SwiftPM and without touching Package.swift, one module at a time:
             swiftc -O -wmo -swift-version 6 -parse-as-library -module-name M -emit-module
                    -emit-module-path B/swift/M.swiftmodule -I B/swift -I SRC/Sources/CZlib
                    -c SRC/Sources/M/**/*.swift -o B/swift/M.o          for M in SheetCore SheetZip SheetXML SheetXLSX
             swiftc -O -wmo -swift-version 6 -I B/swift -I SRC/Sources/CZlib Benchmarks/WriteBench/main.swift
                    B/swift/*.o -lz -o B/swift/WriteBench
  bieumau  (convert section) swift build -c release --product bieumau, run inside the same source copy SRC

Usage: python3 Benchmarks/write_run.py [--rows 100000] [--big-rows 1000000] [--runs 5] [--slow-runs 2]
                                       [--big-runs 2] [--tools ...] [--swift-src worktree|REV]
                                       [--no-big] [--no-convert] [--convert-runs 2] [--csv FILE]
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WRITE = os.path.join(HERE, "write")
sys.path.insert(0, WRITE)
sys.path.insert(0, HERE)
import run as read_run  # noqa: E402  (cpu_model, package_versions: one copy for every runner)
import workbook_data  # noqa: E402

MODULES = ["SheetCore", "SheetZip", "SheetXML", "SheetXLSX"]
ALL_TOOLS = ["bieumau", "lxw-constant", "lxw-normal", "py-constant", "py-normal"]
SLOW_TOOLS = {"py-constant", "py-normal"}
SMALL_ONLY = {"lxw-normal", "py-constant", "py-normal"}  # not run at --big-rows
LABELS = {
    "bieumau": "bieumau XLSXWriter",
    "bieumau-dimension": "bieumau XLSXWriter, dimension declared",
    "bieumau-foreground": "bieumau XLSXWriter, compression on the writing thread",
    "bieumau-level1": "bieumau XLSXWriter, deflate level 1",
    "lxw-constant": "libxlsxwriter {lxw}, constant_memory",
    "lxw-normal": "libxlsxwriter {lxw}, normal",
    "py-constant": "XlsxWriter {py}, constant_memory",
    "py-normal": "XlsxWriter {py}, normal",
}
GNU_TIME = "/usr/bin/time"
RSS_MARK = "BIEUMAU_BENCH_MAXRSS_KIB"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Child-side helpers (run as `write_run.py --validate FILE ROWS` etc.)
# --------------------------------------------------------------------------

def validate_worker(path, n_rows):
    """Read the first sheet back with python-calamine; print the checksum line of what was read."""
    import python_calamine
    wb = python_calamine.CalamineWorkbook.from_path(path)
    names = wb.sheet_names
    sheet = wb.get_sheet_by_index(0)
    ck = workbook_data.Checksum()
    width = set()
    rows = 0
    for row in sheet.iter_rows():
        rows += 1
        width.add(len(row))
        ck.add_row([v if isinstance(v, str) else float(v) for v in row])
    print(json.dumps({"checksum": ck.line(), "rows": rows, "widths": sorted(width), "sheets": names}))


def csv_compare_worker(source, produced):
    """Compare two CSV files record by record, field by field (as text)."""
    import csv
    differing_fields = differing_records = numeric_fields = line_breaks = 0
    examples = []
    with open(source, newline="", encoding="utf-8-sig") as a, open(produced, newline="", encoding="utf-8-sig") as b:
        ra, rb = csv.reader(a), csv.reader(b)
        n = 0
        for x, y in zip(ra, rb):
            n += 1
            if x != y:
                differing_records += 1
                for i in range(max(len(x), len(y))):
                    u = x[i] if i < len(x) else None
                    v = y[i] if i < len(y) else None
                    if u != v:
                        differing_fields += 1
                        try:
                            same_number = u is not None and v is not None and float(u) == float(v)
                        except ValueError:
                            same_number = False
                        if same_number:
                            continue
                        if u is not None and v is not None and u.replace("\r\n", "\n").replace("\r", "\n") == \
                                v.replace("\r\n", "\n").replace("\r", "\n"):
                            line_breaks += 1
                            continue
                        numeric_fields += 1
                        if len(examples) < 3:
                            examples.append(f"record {n} field {i + 1}: {u!r} -> {v!r}")
        rest_a = sum(1 for _ in ra)
        rest_b = sum(1 for _ in rb)
    print(json.dumps({"records": n, "extra_source": rest_a, "extra_produced": rest_b,
                      "differing_records": differing_records, "differing_fields": differing_fields,
                      "differing_values": numeric_fields, "line_breaks_only": line_breaks,
                      "examples": examples}))


def xlsx_count_worker(path):
    import python_calamine
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = cells = 0
    for row in sheet.iter_rows():
        rows += 1
        cells += sum(1 for v in row if v != "")
    print(json.dumps({"rows": rows, "cells": cells}))


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

def have_gnu_time():
    try:
        p = subprocess.run([GNU_TIME, "-f", f"{RSS_MARK} %M", "true"], capture_output=True, text=True)
        return p.returncode == 0 and RSS_MARK in p.stderr
    except OSError:
        return False


USE_GNU_TIME = None


TIMEOUT = 900
LAST_CPU = None  # user + system CPU seconds of the last child measured (from GNU time)


def spawn_measure(argv, cwd=None, env=None):
    """Run argv; return (wall s, peak RSS KiB, exit code, stdout, stderr).  See run.py for why GNU time forks.

    A child still running after TIMEOUT seconds is killed with its process group (exit code "timeout")."""
    global USE_GNU_TIME
    if USE_GNU_TIME is None:
        USE_GNU_TIME = have_gnu_time()
    full = [GNU_TIME, "-f", f"{RSS_MARK} %M %U %S", *argv] if USE_GNU_TIME else argv
    t0 = time.perf_counter()
    p = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        import signal
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return time.perf_counter() - t0, 0, "timeout", out, err + f"\nkilled after {TIMEOUT} s".encode()
    t1 = time.perf_counter()
    rss = 0
    global LAST_CPU
    LAST_CPU = None
    if USE_GNU_TIME:
        lines = err.decode(errors="replace").rstrip("\n").split("\n")
        if lines and lines[-1].startswith(RSS_MARK):
            fields = lines[-1].split()
            rss = int(fields[1])
            LAST_CPU = float(fields[2]) + float(fields[3])
            lines.pop()
        if lines and lines[-1].startswith("Command "):
            lines.pop()
        err = "\n".join(lines).encode()
    return t1 - t0, rss, p.returncode, out, err


def run_checked(cmd, **kw):
    shown = [a for a in cmd if not a.endswith(".swift")]
    n_swift = len(cmd) - len(shown)
    log("$", " ".join(shown) + (f"  [+ {n_swift} .swift files]" if n_swift else ""))
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p.stdout


# --------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------

def snapshot_sources(build, spec):
    """A private copy of the package sources: the working tree (files copied only when changed) or `git archive`."""
    if spec == "worktree":
        dst = os.path.join(build, "src", "worktree")
        wanted = set()
        for top in ["Package.swift", "Package.resolved", "Sources", "Tests"]:
            src = os.path.join(ROOT, top)
            if os.path.isfile(src):
                wanted.add(top)
                continue
            for dirpath, _dirs, files in os.walk(src):
                for f in files:
                    wanted.add(os.path.relpath(os.path.join(dirpath, f), ROOT))
        for rel in wanted:
            s, d = os.path.join(ROOT, rel), os.path.join(dst, rel)
            with open(s, "rb") as fh:
                data = fh.read()
            try:
                with open(d, "rb") as fh:
                    same = fh.read() == data
            except OSError:
                same = False
            if not same:
                os.makedirs(os.path.dirname(d), exist_ok=True)
                with open(d, "wb") as fh:
                    fh.write(data)
        for top in ["Sources", "Tests"]:
            for dirpath, _dirs, files in os.walk(os.path.join(dst, top)):
                for f in files:
                    p = os.path.join(dirpath, f)
                    if os.path.relpath(p, dst) not in wanted:
                        os.remove(p)
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "Sources", "Package.swift"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return dst, rev + (" + uncommitted Sources changes" if dirty else "")
    rev = subprocess.run(["git", "rev-parse", "--short", spec], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    dst = os.path.join(build, "src", rev)
    if not os.path.exists(os.path.join(dst, "Package.swift")):
        os.makedirs(dst, exist_ok=True)
        archive = subprocess.run(["git", "archive", rev, "Package.swift", "Sources", "Tests"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", dst], input=archive, check=True)
        if os.path.exists(os.path.join(ROOT, "Package.resolved")):
            shutil.copy(os.path.join(ROOT, "Package.resolved"), dst)
    return dst, rev


def build_c(build):
    exe = os.path.join(build, "xlsxwriter_c")
    run_checked(["cc", "-O2", "-o", exe, os.path.join(WRITE, "xlsxwriter_c.c"), "-lxlsxwriter", "-lz"])
    return exe


def build_writebench(build, src):
    out = os.path.join(build, "swift")
    os.makedirs(out, exist_ok=True)
    czlib = os.path.join(src, "Sources", "CZlib")
    common = ["swiftc", "-O", "-wmo", "-swift-version", "6"]
    for m in MODULES:
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(src, "Sources", m))
                       for f in fs if f.endswith(".swift"))
        run_checked(common + ["-parse-as-library", "-module-name", m, "-emit-module",
                              "-emit-module-path", os.path.join(out, f"{m}.swiftmodule"),
                              "-I", out, "-I", czlib, "-c", *files, "-o", os.path.join(out, f"{m}.o")])
    exe = os.path.join(out, "WriteBench")
    run_checked(common + ["-I", out, "-I", czlib, os.path.join(HERE, "WriteBench", "main.swift"),
                          *[os.path.join(out, f"{m}.o") for m in MODULES], "-lz", "-o", exe])
    return exe


def build_bieumau(src):
    run_checked(["swift", "build", "-c", "release", "--product", "bieumau"], cwd=src)
    return os.path.join(src, ".build", "release", "bieumau")


# --------------------------------------------------------------------------
# The writing benchmark
# --------------------------------------------------------------------------

def write_argv(tool, rows, out, exes):
    py = [sys.executable, os.path.join(WRITE, "xlsxwriter_py.py")]
    if tool.startswith("bieumau"):
        extra = {"bieumau": [], "bieumau-dimension": ["--dimension"], "bieumau-foreground": ["--foreground"],
                 "bieumau-level1": ["--level", "1"]}[tool]
        return [exes["swift"], "write", str(rows), out] + extra
    return {
        "lxw-constant": [exes["c"], "write", str(rows), out, "constant"],
        "lxw-normal": [exes["c"], "write", str(rows), out, "normal"],
        "py-constant": py + ["write", str(rows), out, "constant"],
        "py-normal": py + ["write", str(rows), out, "normal"],
    }[tool]


def gen_argv(lang, rows, exes):
    if lang == "python":
        return [sys.executable, os.path.join(WRITE, "xlsxwriter_py.py"), "gen", str(rows)]
    return [exes[lang], "gen", str(rows)]


def package_facts(path):
    """How strings are stored and the sizes of the parts."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        sheet = next(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        info = z.getinfo(sheet)
        with z.open(sheet) as f:
            head = f.read(1 << 20).decode("utf-8", errors="replace")
        sst = z.getinfo("xl/sharedStrings.xml").file_size if "xl/sharedStrings.xml" in names else 0
    inline = head.count('t="inlineStr"')
    shared = head.count('t="s"')
    kind = "shared" if shared and not inline else "inline" if inline and not shared else \
        f"mixed ({shared} shared / {inline} inline in the first MiB)"
    return {"strings": kind, "sheet_xml": info.file_size, "sheet_zip": info.compress_size, "sst_xml": sst,
            "parts": len(names)}


def validate(path, rows, expected):
    p = subprocess.run([sys.executable, os.path.abspath(__file__), "--validate", path, str(rows)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return {"ok": False, "problem": p.stderr.strip().splitlines()[-1:] or ["?"]}
    got = json.loads(p.stdout)
    ok = got["checksum"] == expected and got["rows"] == rows + 1 and got["widths"] == [workbook_data.NCOLS]
    got["ok"] = ok
    if not ok:
        got["problem"] = f"read back {got['checksum']} ({got['rows']} rows, widths {got['widths']}), " \
                         f"expected {expected}"
    return got


def bench_writes(tools, rows, runs, slow_runs, exes, outdir, expected, results, tag):
    """Interleaved runs; the first output of each tool is validated and described, the others deleted."""
    samples = {t: [] for t in tools}
    checks = {}
    dead = set()  # tools that hit the timeout once are not run again
    max_runs = max(runs if set(tools) - SLOW_TOOLS else 0, slow_runs if set(tools) & SLOW_TOOLS else 0)
    for r in range(max_runs):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for t in order:
            if r >= (slow_runs if t in SLOW_TOOLS else runs) or t in dead:
                continue
            out = os.path.join(outdir, f"{t}-{rows}.xlsx")
            if os.path.exists(out):
                os.remove(out)
            wall, rss, rc, so, se = spawn_measure(write_argv(t, rows, out, exes))
            rec = {"wall_s": wall, "rss_kib": rss, "rc": rc, "cpu_s": LAST_CPU}
            if rc != 0:
                rec["error"] = se.decode(errors="replace").strip()[-300:]
                if rc == "timeout":
                    dead.add(t)
            else:
                rec["size"] = os.path.getsize(out)
                line = so.decode(errors="replace").strip().splitlines()
                if line and line[-1].startswith("{"):
                    rec.update(json.loads(line[-1]))
            samples[t].append(rec)
            log(f"[{tag}] run {r + 1}/{max_runs} {t:18} {wall:8.3f}s cpu {LAST_CPU or 0:7.2f}s {rss / 1024:7.1f} MB "
                + (f"{rec['size'] / 1e6:7.2f} MB" if rc == 0 else f"FAILED rc={rc} {rec['error']}"))
            if rc == 0 and t not in checks:
                checks[t] = package_facts(out)
                checks[t]["validation"] = validate(out, rows, expected)
                log(f"[{tag}]   {t}: {checks[t]['strings']} strings; calamine read-back "
                    + ("OK" if checks[t]["validation"]["ok"] else f"FAILED {checks[t]['validation']}"))
            if os.path.exists(out):
                os.remove(out)
            for f in os.listdir(outdir):  # temporary files of a killed writer
                if ".tmp" in f:
                    os.remove(os.path.join(outdir, f))
    results[tag] = {"rows": rows, "samples": samples, "checks": checks}


def summarize(samples):
    ok = [s for s in samples if s["rc"] == 0]
    if not ok:
        return None
    walls = [s["wall_s"] for s in ok]
    return {"runs": len(ok), "failed": len(samples) - len(ok), "wall": statistics.median(walls),
            "min": min(walls), "max": max(walls), "rss_mb": max(s["rss_kib"] for s in ok) / 1024,
            "rss_med_mb": statistics.median(s["rss_kib"] for s in ok) / 1024,
            "size": statistics.median(s["size"] for s in ok),
            "inproc": statistics.median(s["write_s"] for s in ok) if "write_s" in ok[0] else None,
            "cpu": statistics.median(s["cpu_s"] for s in ok) if ok[0].get("cpu_s") is not None else None}


# --------------------------------------------------------------------------
# The convert benchmark
# --------------------------------------------------------------------------

def soffice_argv(profile, target, src, outdir):
    return ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--infilter=CSV:44,34,76,1", "--convert-to", target, "--outdir", outdir, src]


SOFFICE_CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1'


def bieumau_supports_xlsx(bieumau):
    p = subprocess.run([bieumau, "convert", "--help"], capture_output=True, text=True)
    import re
    m = re.search(r"--to <to>.*?\(values:([^)]*)\)", p.stdout + p.stderr, re.S)
    return bool(m) and "xlsx" in m.group(1)


def csv_records(path):
    import csv
    with open(path, newline="", encoding="utf-8-sig") as f:
        n = w = 0
        for row in csv.reader(f):
            n += 1
            w = max(w, len(row))
    return n, w


def bench_convert(bieumau, csv_path, runs, build, results):
    work = os.path.join(build, "convert")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    profile = os.path.join(build, "lo-profile")
    stem = os.path.splitext(os.path.basename(csv_path))[0]
    records, width = csv_records(csv_path)
    log(f"[convert] {csv_path}: {records} records x {width} fields, {os.path.getsize(csv_path) / 1e6:.1f} MB")
    # First start of LibreOffice creates its profile: do it once, untimed, on a tiny file.
    tiny = os.path.join(work, "warm.csv")
    with open(tiny, "w") as f:
        f.write("a,b\n1,2\n")
    subprocess.run(soffice_argv(profile, "xlsx", tiny, work), capture_output=True)
    with open(csv_path, "rb") as f:
        while f.read(1 << 24):
            pass
    has_xlsx = bieumau and bieumau_supports_xlsx(bieumau)
    res = {"csv": csv_path, "csv_size": os.path.getsize(csv_path), "records": records, "fields": width,
           "bieumau_to_xlsx": bool(has_xlsx), "ops": {}}

    def measure(key, argv, produced):
        rec_list = res["ops"].setdefault(key, [])
        for p in produced:
            if os.path.exists(p):
                os.remove(p)
        wall, rss, rc, so, se = spawn_measure(argv)
        rec = {"wall_s": wall, "rss_kib": rss, "rc": rc, "cpu_s": LAST_CPU}
        if rc != 0 or not all(os.path.exists(p) for p in produced):
            rec["rc"] = rc or -1
            rec["error"] = (se.decode(errors="replace") + so.decode(errors="replace")).strip()[-400:]
        elif produced:
            rec["size"] = sum(os.path.getsize(p) for p in produced)
        rec_list.append(rec)
        log(f"[convert] {key:28} {wall:8.2f}s {rss / 1024:8.1f} MB " +
            ("" if rec["rc"] == 0 else f"FAILED {rec['error']}"))
        return rec["rc"] == 0

    dirs = {k: os.path.join(work, k) for k in ["lo-xlsx", "bm-xlsx", "lo-csv-from-lo", "bm-csv-from-lo",
                                               "lo-csv-from-bm", "bm-csv-from-bm"]}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
    lo_xlsx = os.path.join(dirs["lo-xlsx"], stem + ".xlsx")
    bm_xlsx = os.path.join(dirs["bm-xlsx"], stem + ".xlsx")

    # csv -> xlsx
    for r in range(runs):
        order = [("soffice", True), ("bieumau", has_xlsx)]
        if r % 2:
            order.reverse()
        for who, can in order:
            if not can:
                continue
            if who == "soffice":
                measure("csv→xlsx soffice", soffice_argv(profile, "xlsx", csv_path, dirs["lo-xlsx"]), [lo_xlsx])
            else:
                measure("csv→xlsx bieumau", [bieumau, "convert", csv_path, "--to", "xlsx", "-o", dirs["bm-xlsx"],
                                             "--force"], [bm_xlsx])
    # Check the workbooks: every record of the CSV a row, every non-empty field a cell.
    res["xlsx_checks"] = {}
    for who, x in [("soffice", lo_xlsx), ("bieumau", bm_xlsx)]:
        if os.path.exists(x):
            p = subprocess.run([sys.executable, os.path.abspath(__file__), "--xlsx-count", x],
                               capture_output=True, text=True)
            res["xlsx_checks"][who] = json.loads(p.stdout) if p.returncode == 0 else {"error": p.stderr[-300:]}
            log(f"[convert] {who} xlsx: {res['xlsx_checks'][who]}")

    # xlsx -> csv, on each workbook made above, by both tools.
    sources = [("soffice's xlsx", lo_xlsx, "from-lo")] + ([("bieumau's xlsx", bm_xlsx, "from-bm")]
                                                          if os.path.exists(bm_xlsx) else [])
    res["csv_checks"] = {}
    for label, x, tag in sources:
        if not os.path.exists(x):
            continue
        with open(x, "rb") as f:
            f.read()
        lo_dir, bm_dir = dirs[f"lo-csv-{tag}"], dirs[f"bm-csv-{tag}"]
        for r in range(runs):
            order = ["soffice", "bieumau"] if r % 2 == 0 else ["bieumau", "soffice"]
            for who in order:
                if who == "soffice":
                    measure(f"xlsx→csv soffice ({label})",
                            soffice_argv(profile, SOFFICE_CSV, x, lo_dir), [os.path.join(lo_dir, stem + ".csv")])
                elif bieumau:
                    for f in os.listdir(bm_dir):
                        os.remove(os.path.join(bm_dir, f))
                    measure(f"xlsx→csv bieumau ({label})",
                            [bieumau, "convert", x, "--to", "csv", "-o", bm_dir, "--force"], [])
        for who, d in [("soffice", lo_dir), ("bieumau", bm_dir)]:
            outs = [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".csv")]
            if len(outs) != 1:
                res["csv_checks"][f"{who} ({label})"] = {"error": f"{len(outs)} CSV files in {d}"}
                continue
            for rec in res["ops"].get(f"xlsx→csv {who} ({label})", []):
                rec.setdefault("size", os.path.getsize(outs[0]))
            p = subprocess.run([sys.executable, os.path.abspath(__file__), "--csv-compare", csv_path, outs[0]],
                               capture_output=True, text=True)
            res["csv_checks"][f"{who} ({label})"] = json.loads(p.stdout) if p.returncode == 0 else \
                {"error": p.stderr[-300:]}
            log(f"[convert] {who} csv from {label}: {res['csv_checks'][f'{who} ({label})']}")
    results["convert"] = res


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def versions():
    v = read_run.package_versions(["xlsxwriter", "python-calamine"])
    v["libxlsxwriter"] = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libxlsxwriter-dev"],
                                        capture_output=True, text=True).stdout.strip() or "?"
    v["swift"] = subprocess.run(["swiftc", "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        .replace("Swift version ", "").split(" (")[0]
    lo = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libreoffice-calc-nogui"], capture_output=True,
                        text=True).stdout.strip()
    v["libreoffice"] = lo or "not installed"
    return v


def fmt_mb(b):
    return f"{b / 1e6:.2f} MB"


def report(results, meta):
    L = []
    v = meta["versions"]
    lxw = v["libxlsxwriter"].split("-")[0]
    labels = {k: s.format(lxw=lxw, py=v["xlsxwriter"]) for k, s in LABELS.items()}
    L.append(f"## Writing benchmark ({meta['date']})")
    L.append("")
    L.append(f"Machine: {read_run.cpu_model()}, {os.cpu_count()} cores (shared), load average "
             f"{meta['load_before']:.2f} before / {meta['load_after']:.2f} after; {platform.system()} "
             f"{platform.release()}. Swift {v['swift']}; bieumau sources: {meta['swift_rev']}. "
             f"Python {v['python']}, XlsxWriter {v['xlsxwriter']}, libxlsxwriter {v['libxlsxwriter']}, "
             f"python-calamine {v['python-calamine']}, LibreOffice {v['libreoffice']}. Total {meta['elapsed']:.0f} s.")
    L.append("")
    L.append(f"Generators agree: checksum `{meta['checksum']}` (crc32, cells, string cells, string bytes) from "
             "the " + ", ".join({"c": "C", "python": "Python", "swift": "Swift"}[x] for x in meta["langs"])
             + " generators.")
    for tag in ["small", "big"]:
        if tag not in results:
            continue
        res = results[tag]
        rows = res["rows"]
        cells = (rows + 1) * workbook_data.NCOLS
        L.append("")
        L.append(f"### {rows:,} rows × 20 columns + header ({cells:,} cells)")
        L.append("")
        L.append("| tool | strings | runs | wall (median) | min–max | cells/s | CPU user+sys | file | "
                 "vs lxw-constant file | peak RSS (max) | read back | bieumau speed / tool speed |")
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
        summ = {t: summarize(s) for t, s in res["samples"].items()}
        base_tool = next((t for t in summ if t.startswith("bieumau") and summ[t]), None)
        base = summ.get(base_tool)
        lxc = summ.get("lxw-constant")
        for t, s in summ.items():
            chk = res["checks"].get(t, {})
            if s is None:
                err = res["samples"][t][0].get("error", "not run") if res["samples"][t] else "not run"
                L.append(f"| {labels[t]} | | 0 | failed: {err[:100]} | | | | | | | | |")
                continue
            rel = f"{s['size'] / lxc['size']:.3f}×" if lxc else "—"
            ratio = "1.00× (baseline)" if t == base_tool else (f"**{s['wall'] / base['wall']:.2f}×**"
                                                               if base else "—")
            val = chk.get("validation", {})
            rb = "ok" if val.get("ok") else f"FAILED: {val.get('problem', '?')}"
            L.append(f"| {labels[t]} | {chk.get('strings', '?')} | {s['runs']} | {s['wall']:.3f} s | "
                     f"{s['min']:.2f}–{s['max']:.2f} | {cells / s['wall'] / 1e6:.2f} M | "
                     f"{'—' if s['cpu'] is None else format(s['cpu'], '.2f') + ' s'} | {fmt_mb(s['size'])} | "
                     f"{rel} | {s['rss_mb']:.1f} MB | {rb} | {ratio} |")
        L.append("")
        L.append("Parts (first output of each tool): " + "; ".join(
            f"{t}: sheet XML {c['sheet_xml'] / 1e6:.1f} MB → {c['sheet_zip'] / 1e6:.1f} MB"
            + (f", sharedStrings.xml {c['sst_xml'] / 1e6:.1f} MB" if c["sst_xml"] else "")
            for t, c in res["checks"].items()) + ".")
        if base:
            goals = []
            if lxc:
                goals.append(f"speed vs libxlsxwriter constant_memory {lxc['wall'] / base['wall']:.2f}× "
                             f"(goal ≥ 1.5×: {'met' if lxc['wall'] / base['wall'] >= 1.5 else 'NOT met'})")
            pyc = summ.get("py-constant")
            if pyc:
                goals.append(f"vs XlsxWriter constant_memory {pyc['wall'] / base['wall']:.2f}× "
                             f"(goal ≥ 5×: {'met' if pyc['wall'] / base['wall'] >= 5 else 'NOT met'})")
            if lxc:
                goals.append(f"file {base['size'] / lxc['size']:.3f}× libxlsxwriter's "
                             f"(goal ≤ 1.10×: {'met' if base['size'] <= 1.10 * lxc['size'] else 'NOT met'})")
            goals.append(f"peak RSS {base['rss_mb']:.1f} MB (goal ≤ 60 MB: "
                         f"{'met' if base['rss_mb'] <= 60 else 'NOT met'})")
            L.append("")
            L.append(f"Goals (issue 3), for {labels[base_tool]}: " + "; ".join(goals) + ".")
    if "gen" in results:
        L.append("")
        L.append("Generating the rows alone (same program, `gen` mode: PRNG, word picks, string building; "
                 "no writer), the floor inside each wall time above:")
        L.append("")
        L.append("| generator | rows | runs | wall (median) | CPU user+sys | peak RSS |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for key, samples in results["gen"].items():
            ok = [s for s in samples if s["rc"] == 0]
            if ok:
                lang, rows = key.split("/")
                cpu = [s["cpu_s"] for s in ok if s.get("cpu_s") is not None]
                L.append(f"| {lang} | {int(rows):,} | {len(ok)} | {statistics.median(s['wall_s'] for s in ok):.3f} s"
                         f" | {statistics.median(cpu) if cpu else 0:.2f} s | {max(s['rss_kib'] for s in ok) / 1024:.1f} MB |")
    if "convert" in results:
        c = results["convert"]
        L.append("")
        L.append(f"### Convert: {os.path.relpath(c['csv'], ROOT)} ({c['csv_size'] / 1e6:.1f} MB, "
                 f"{c['records']:,} records × {c['fields']} fields) ↔ xlsx")
        L.append("")
        if not c["bieumau_to_xlsx"]:
            L.append("`bieumau convert --to xlsx` is not available in this build: csv→xlsx measured for LibreOffice "
                     "only.")
            L.append("")
        L.append("| conversion | tool | runs | wall (median) | min–max | CPU user+sys | output | peak RSS (max) | "
                 "bieumau speed / tool speed |")
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        groups = {}
        for key, recs in c["ops"].items():
            conv, who = key.split(" ", 2)[0], key.split(" ", 2)[1]
            src = key.split(" ", 2)[2] if key.count(" ") >= 2 else ""
            groups.setdefault((conv, src), {})[who] = recs
        for (conv, src), by in groups.items():
            bm = by.get("bieumau")
            bm_ok = [r for r in bm if r["rc"] == 0] if bm else []
            bm_wall = statistics.median(r["wall_s"] for r in bm_ok) if bm_ok else None
            for who in ["bieumau", "soffice"]:
                recs = by.get(who)
                if not recs:
                    continue
                ok = [r for r in recs if r["rc"] == 0]
                name = f"{conv} {src}".strip()
                if not ok:
                    L.append(f"| {name} | {who} | 0 | failed: {recs[0].get('error', '')[:120]} | | | | | |")
                    continue
                w = statistics.median(r["wall_s"] for r in ok)
                ratio = "1.00× (baseline)" if who == "bieumau" else (f"**{w / bm_wall:.2f}×**" if bm_wall else "—")
                L.append(f"| {name} | {'bieumau convert' if who == 'bieumau' else 'soffice --headless'} | "
                         f"{len(ok)} | {w:.2f} s | {min(r['wall_s'] for r in ok):.1f}–"
                         f"{max(r['wall_s'] for r in ok):.1f} | "
                         f"{statistics.median(r.get('cpu_s') or 0 for r in ok):.1f} s | "
                         f"{fmt_mb(statistics.median(r.get('size', 0) for r in ok))} | "
                         f"{max(r['rss_kib'] for r in ok) / 1024:.0f} MB | {ratio} |")
        L.append("")
        for who, chk in c.get("xlsx_checks", {}).items():
            L.append(f"- {who}'s xlsx read back with python-calamine: {chk.get('rows', '?'):,} rows "
                     f"(CSV: {c['records']:,} records), {chk.get('cells', '?'):,} non-empty cells"
                     if "rows" in chk else f"- {who}'s xlsx: {chk}")
        for who, chk in c.get("csv_checks", {}).items():
            if "records" in chk:
                L.append(f"- CSV by {who} against the source CSV: {chk['records']:,} records compared "
                         f"(+{chk['extra_source']} only in the source, +{chk['extra_produced']} only in the output), "
                         f"{chk['differing_fields']:,} fields differ as text: "
                         f"{chk['differing_fields'] - chk.get('line_breaks_only', 0) - chk['differing_values']:,} only in "
                         f"how a number is written (`42.0` → `42`), "
                         f"{chk.get('line_breaks_only', 0):,} only by a CR LF inside a quoted field read back as LF, "
                         f"{chk['differing_values']:,} otherwise"
                         + (f"; e.g. {'; '.join(chk['examples'][:2])}" if chk["examples"] else ""))
            else:
                L.append(f"- CSV by {who}: {chk}")
    L.append("")
    L.append("wall = spawn to exit of a fresh process (includes process start, and for Python the interpreter and "
             "imports); cells/s = cells / median wall; CPU user+sys = the child's user + system CPU time (median; "
             "less sensitive than wall time to other load on a shared machine; above the wall time when a "
             "tool uses a second thread); peak RSS from GNU time (%M) of each child, the largest over "
             "the runs; \"bieumau speed / tool speed\" = tool wall / bieumau wall (> 1: bieumau is faster). "
             "libxlsxwriter and XlsxWriter in constant_memory mode store strings inline in each cell (no "
             "shared-strings table), hence their larger files.")
    for n in meta["notes"]:
        L.append(f"\nNote: {n}")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--validate", nargs=2, metavar=("FILE", "ROWS"), help=argparse.SUPPRESS)
    ap.add_argument("--csv-compare", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--xlsx-count", help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--big-rows", type=int, default=1_000_000)
    ap.add_argument("--no-big", action="store_true", help="skip the 1M-row measurements")
    ap.add_argument("--runs", type=int, default=5, help="runs per fast tool at --rows (default 5)")
    ap.add_argument("--slow-runs", type=int, default=2, help="runs for the Python XlsxWriter (default 2)")
    ap.add_argument("--big-runs", type=int, default=2, help="runs per tool at --big-rows (default 2)")
    ap.add_argument("--gen-runs", type=int, default=3, help="runs of each generator alone (default 3)")
    ap.add_argument("--tools", default="bieumau,lxw-constant,lxw-normal,py-constant,py-normal",
                    help="also available: bieumau-dimension (rows straight into the ZIP entry)")
    ap.add_argument("--big-tools", default="bieumau,lxw-constant")
    ap.add_argument("--swift-src", default="worktree", help="'worktree' (default) or a git revision")
    ap.add_argument("--no-swift", action="store_true", help="measure the other tools only")
    ap.add_argument("--no-convert", action="store_true")
    ap.add_argument("--convert-only", action="store_true")
    ap.add_argument("--convert-runs", type=int, default=2)
    ap.add_argument("--csv", default=os.path.join(HERE, "data", "bench.csv"),
                    help="CSV for the convert section (made by Benchmarks/csv_generate.py when missing)")
    ap.add_argument("--bieumau", help="bieumau binary for the convert section (default: built from the sources)")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, ".build-wbench"))
    ap.add_argument("--timeout", type=int, default=900, help="seconds before a measured child is killed")
    ap.add_argument("--report-from", metavar="JSON", help="print the report of an earlier run's .json again")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "write-latest.md"))
    args = ap.parse_args()
    if args.validate:
        validate_worker(args.validate[0], int(args.validate[1]))
        return 0
    if args.csv_compare:
        csv_compare_worker(*args.csv_compare)
        return 0
    if args.xlsx_count:
        xlsx_count_worker(args.xlsx_count)
        return 0

    if args.report_from:
        with open(args.report_from) as f:
            saved = json.load(f)
        print(report(saved["results"], saved["meta"]), end="")
        return 0
    global TIMEOUT
    TIMEOUT = args.timeout
    build = os.path.abspath(args.build_dir)
    os.makedirs(build, exist_ok=True)
    outdir = os.path.join(build, "out")
    os.makedirs(outdir, exist_ok=True)
    notes = []
    started = time.time()

    exes = {"c": build_c(build)}
    src, swift_rev = None, "not measured"
    if not args.no_swift:
        src, swift_rev = snapshot_sources(build, args.swift_src)
        exes["swift"] = build_writebench(build, src)
    langs = ["c", "python"] + ([] if args.no_swift else ["swift"])

    # The generators must agree before anything is timed.
    sums = {}
    for lang in langs:
        argv = {"c": [exes["c"], "check", str(args.rows)],
                "python": [sys.executable, os.path.join(WRITE, "workbook_data.py"), str(args.rows)],
                "swift": [exes.get("swift", ""), "check", str(args.rows)]}[lang]
        sums[lang] = run_checked(argv).strip()
    log("checksums:", sums)
    if len(set(sums.values())) != 1:
        raise SystemExit(f"the generators disagree: {sums}")
    expected = sums["c"]
    expected_big = None
    if not args.no_big:
        big = {lang: run_checked([exes[lang], "check", str(args.big_rows)]).strip()
               for lang in ["c", "swift"] if lang in exes}
        if len(set(big.values())) != 1:
            raise SystemExit(f"the generators disagree at {args.big_rows} rows: {big}")
        expected_big = big["c"]

    results = {}
    load_before = os.getloadavg()[0]
    if not args.convert_only:
        tools = [t for t in args.tools.split(",") if t and not (args.no_swift and t.startswith("bieumau"))]
        bench_writes(tools, args.rows, args.runs, args.slow_runs, exes, outdir, expected, results, "small")
        # The generation floor of each language.
        results["gen"] = {}
        for r in range(args.gen_runs):
            for lang in langs:
                wall, rss, rc, _, _ = spawn_measure(gen_argv(lang, args.rows, exes))
                results["gen"].setdefault(f"{lang}/{args.rows}", []).append(
                    {"wall_s": wall, "rss_kib": rss, "rc": rc, "cpu_s": LAST_CPU})
        if not args.no_big:
            big_tools = [t for t in args.big_tools.split(",")
                         if t and not (args.no_swift and t.startswith("bieumau"))]
            bench_writes(big_tools, args.big_rows, args.big_runs, args.big_runs, exes, outdir, expected_big,
                         results, "big")
    if not args.no_convert:
        if not os.path.exists(args.csv):
            gen = os.path.join(HERE, "csv_generate.py")
            if os.path.exists(gen):
                run_checked([sys.executable, gen, "--out", args.csv])
            else:
                raise SystemExit(f"{args.csv} missing and no Benchmarks/csv_generate.py to make it")
        bieumau = args.bieumau
        if not bieumau and src:
            try:
                bieumau = build_bieumau(src)
            except SystemExit as e:
                notes.append(f"bieumau CLI could not be built, convert measured for LibreOffice only: {str(e)[-400:]}")
                bieumau = None
        bench_convert(bieumau, os.path.abspath(args.csv), args.convert_runs, build, results)
    load_after = os.getloadavg()[0]
    if not USE_GNU_TIME:
        notes.append("/usr/bin/time not available: peak RSS not measured")
    meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "versions": versions(),
            "swift_rev": swift_rev, "checksum": expected, "langs": langs, "load_before": load_before, "load_after": load_after,
            "elapsed": time.time() - started, "notes": notes}
    text = report(results, meta)
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"results": results, "meta": meta}, f, indent=1, default=str)
    log(f"written {os.path.relpath(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
