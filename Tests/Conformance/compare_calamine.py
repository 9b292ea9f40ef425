#!/usr/bin/env python3
"""Compare `bieumau cat` with python-calamine, cell by cell, over a corpus.

For every .xlsx/.xlsm file of the corpus (default ../shared/corpora/excel-made
relative to the repository root) and every sheet (1-based index i):

  ours      bieumau cat FILE --sheet i           -> RFC 4180 CSV, grid anchored at A1
  calamine  CalamineWorkbook.from_path(FILE).get_sheet_by_index(i-1)
                .to_python(skip_empty_area=False)  -> list of rows anchored at A1

Both grids are padded with empty cells to the same size (ragged rows and
trailing empties are not differences) and compared cell by cell:

  calamine float/int      our text parsed as float, must be exactly equal
  calamine str            exactly equal
  calamine bool           TRUE / FALSE
  calamine date           YYYY-MM-DD
  calamine datetime       YYYY-MM-DDTHH:MM:SS[.mmm]   (equal within 1 ms after parsing)
  calamine time           HH:MM:SS[.mmm]              (equal within 1 ms after parsing)
  calamine timedelta      ISO 8601 PT#H#M#S           (equal within 1 ms after parsing)
  calamine ""             empty field -- except error cells: python-calamine 0.9.1
                          returns "" for errors (#DIV/0!, #N/A, ...), so the script
                          reads the error text from the worksheet XML (t="e" cells)
                          and expects that text.

The CSV itself is checked too: it must re-serialise byte for byte with the
contract's rules (LF line ends, quote only fields containing , " CR LF) and
every line must have the same number of fields.  When `bieumau inspect FILE
--json` works, its sheet list (count, names, visibility) is compared with
calamine's.

Reports: files opened / failed to open (with our stderr), sheets, cells
compared, cells different, a table of difference categories, the first 50
differences grouped by file; the full list goes to
Benchmarks/results/conformance-differences.txt.  Exit 0 when there is no
difference, 1 otherwise (a chartsheet that `cat` refuses with a reason is
reported but not counted as a difference).

Usage: python3 Tests/Conformance/compare_calamine.py [--corpus DIR] [--bieumau PATH]
                                                     [--jobs 2] [--limit N] [--match SUBSTR]
"""

import argparse
import collections
import concurrent.futures as cf
import csv
import datetime
import io
import json
import math
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpora", "excel-made"))
DEFAULT_DETAIL = os.path.join(ROOT, "Benchmarks", "results", "conformance-differences.txt")
TIMEOUT = 120

csv.field_size_limit(1 << 30)

ERROR_TEXTS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
               "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
               "#EXTERNAL!", "#PYTHON!"}
RE_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
RE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
RE_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$")
RE_TIME = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$")
RE_DURATION = re.compile(r"^(-)?PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


# --------------------------------------------------------------------------
# Value kinds and normalisation
# --------------------------------------------------------------------------

def our_kind(s):
    """Best guess of what kind of value our CSV text represents."""
    if s == "":
        return "empty"
    if s in ("TRUE", "FALSE"):
        return "bool"
    if s in ERROR_TEXTS:
        return "error"
    if RE_NUMBER.match(s):
        return "number"
    if RE_DATE.match(s):
        return "date"
    if RE_DATETIME.match(s):
        return "datetime"
    if RE_TIME.match(s):
        return "time"
    if RE_DURATION.match(s) and s not in ("PT", "-PT"):
        return "duration"
    return "string"


def their_kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, datetime.datetime):
        return "datetime"
    if isinstance(v, datetime.date):
        return "date"
    if isinstance(v, datetime.time):
        return "time"
    if isinstance(v, datetime.timedelta):
        return "duration"
    if v is None or v == "":
        return "empty"
    if isinstance(v, str):
        return "string"
    return type(v).__name__


def _ms(us):
    return f".{us // 1000:03d}" if us else ""


def their_text(v, kind):
    """calamine value -> our contract's text form (for display and exact compare)."""
    if kind == "empty":
        return ""
    if kind == "bool":
        return "TRUE" if v else "FALSE"
    if kind == "number":
        if isinstance(v, int):
            return str(v)
        r = repr(float(v))
        return r[:-2] if r.endswith(".0") else r
    if kind == "datetime":
        return v.strftime("%Y-%m-%dT%H:%M:%S") + _ms(v.microsecond)
    if kind == "date":
        return v.strftime("%Y-%m-%d")
    if kind == "time":
        return v.strftime("%H:%M:%S") + _ms(v.microsecond)
    if kind == "duration":
        total_us = v.days * 86_400_000_000 + v.seconds * 1_000_000 + v.microseconds
        sign = "-" if total_us < 0 else ""
        total_us = abs(total_us)
        h, rem = divmod(total_us, 3_600_000_000)
        m, rem = divmod(rem, 60_000_000)
        s, us = divmod(rem, 1_000_000)
        return f"{sign}PT{h}H{m}M{s}{_ms(us)}S"
    return str(v)


def _frac_us(frac):
    return round(float(frac) * 1_000_000) if frac else 0


def parse_ours_seconds(s, kind):
    """Our text of a date/time kind -> seconds (float) for tolerant compare; None if unparsable."""
    try:
        if kind == "datetime":
            m = RE_DATETIME.match(s)
            y, mo, d, hh, mi, ss = (int(x) for x in m.groups()[:6])
            dt = datetime.datetime(y, mo, d, hh, mi, ss) + datetime.timedelta(microseconds=_frac_us(m.group(7)))
            return (dt - datetime.datetime(1900, 1, 1)).total_seconds()
        if kind == "date":
            y, mo, d = (int(x) for x in RE_DATE.match(s).groups())
            return (datetime.datetime(y, mo, d) - datetime.datetime(1900, 1, 1)).total_seconds()
        if kind == "time":
            m = RE_TIME.match(s)
            hh, mi, ss = (int(x) for x in m.groups()[:3])
            return hh * 3600 + mi * 60 + ss + _frac_us(m.group(4)) / 1e6
        if kind == "duration":
            m = RE_DURATION.match(s)
            sec = int(m.group(2) or 0) * 3600 + int(m.group(3) or 0) * 60 + float(m.group(4) or 0)
            return -sec if m.group(1) else sec
    except (ValueError, AttributeError):
        return None
    return None


def their_seconds(v, kind):
    if kind == "datetime":
        return (v - datetime.datetime(1900, 1, 1)).total_seconds()
    if kind == "date":
        return (datetime.datetime(v.year, v.month, v.day) - datetime.datetime(1900, 1, 1)).total_seconds()
    if kind == "time":
        return v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
    if kind == "duration":
        return v.total_seconds()
    return None


def compare_cell(ours, theirs, error_text):
    """Return (category or None, expected text, tolerance_used)."""
    tk = their_kind(theirs)
    if tk == "empty" and error_text is not None:
        tk, theirs = "error", error_text
    expected = theirs if tk == "error" else their_text(theirs, tk)
    if ours == expected:
        return None, expected, False
    ok = our_kind(ours)
    if tk == "number":
        if ok == "number":
            try:
                if float(ours) == float(theirs):
                    return None, expected, False
            except ValueError:
                pass
            return "number mismatch", expected, False
        return f"ours {ok} / calamine number", expected, False
    if tk in ("date", "datetime", "time", "duration"):
        # A date and a date-time name the same instant when the time is midnight: calamine drops a zero time of
        # day, we keep the kind that shows the whole value.
        if ok == tk or {ok, tk} == {"date", "datetime"}:
            a, b = parse_ours_seconds(ours, ok), their_seconds(theirs, tk)
            if a is not None and b is not None and abs(a - b) <= 0.001 + 1e-9:
                return None, expected, True
            return f"{tk} mismatch", expected, False
        return f"ours {ok} / calamine {tk}", expected, False
    if tk == "string":
        if ok == "empty":
            return "ours empty / calamine string", expected, False
        return "string mismatch", expected, False
    if tk == "empty":
        return f"ours {ok} / calamine empty", expected, False
    if tk == ok:
        return f"{tk} mismatch", expected, False
    return f"ours {ok} / calamine {tk}", expected, False


# --------------------------------------------------------------------------
# Workbook XML helpers (error cells, sheet kinds)
# --------------------------------------------------------------------------

def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _resolve(base_dir, target):
    if target.startswith("/"):
        return target.lstrip("/")
    parts = (base_dir + "/" + target).split("/") if base_dir else target.split("/")
    out = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p not in ("", "."):
            out.append(p)
    return "/".join(out)


def sheet_parts(z):
    """Zip part name of each sheet in workbook order (None when unresolved)."""
    try:
        rels = ET.fromstring(z.read("_rels/.rels"))
        wb_part = next(_resolve("", r.get("Target")) for r in rels
                       if r.get("Type", "").endswith("/officeDocument"))
        wb = ET.fromstring(z.read(wb_part))
        wb_dir = wb_part.rsplit("/", 1)[0] if "/" in wb_part else ""
        rel_name = f"{wb_dir}/_rels/{wb_part.rsplit('/', 1)[-1]}.rels" if wb_dir else f"_rels/{wb_part}.rels"
        targets = {r.get("Id"): _resolve(wb_dir, r.get("Target")) for r in ET.fromstring(z.read(rel_name))}
        out = []
        for el in wb.iter():
            if _local(el.tag) == "sheet":
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
                out.append(targets.get(rid))
        return out
    except (KeyError, ET.ParseError, StopIteration):
        return []


def ref_to_rc(ref):
    m = re.match(r"^\$?([A-Za-z]+)\$?(\d+)$", ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def rc_to_ref(r, c):
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return f"{s}{r + 1}"


def error_cells(z, part):
    """{(row, col): error text} for t="e" cells of one worksheet part."""
    if not part:
        return {}
    try:
        data = z.read(part)
    except KeyError:
        return {}
    if b't="e"' not in data and b"t='e'" not in data:
        return {}
    out = {}
    row_i = 0
    for _, el in ET.iterparse(io.BytesIO(data), events=("end",)):
        name = _local(el.tag)
        if name == "c":
            if el.get("t") == "e":
                rc = ref_to_rc(el.get("r", ""))
                v = next((ch.text for ch in el if _local(ch.tag) == "v"), None)
                if rc is not None and v is not None:
                    out[rc] = v
            el.clear()
        elif name == "row":
            row_i += 1
            el.clear()
    return out


# --------------------------------------------------------------------------
# CSV contract
# --------------------------------------------------------------------------

def csv_field(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def parse_csv(text):
    """Parse our CSV; return (rows, format problem or None)."""
    rows = []
    for rec in csv.reader(io.StringIO(text, newline=""), strict=True):
        rows.append(rec if rec else [""])
    canon = "".join(",".join(csv_field(f) for f in r) + "\n" for r in rows)
    problem = None
    if canon != text:
        i = next((k for k, (a, b) in enumerate(zip(canon, text)) if a != b), min(len(canon), len(text)))
        line = text.count("\n", 0, i) + 1
        problem = (f"not canonical CSV near line {line}: ours {json.dumps(text[max(0, i - 20):i + 20])}, "
                   f"expected {json.dumps(canon[max(0, i - 20):i + 20])}")
    widths = collections.Counter(len(r) for r in rows)
    if len(widths) > 1:
        w = ", ".join(f"{n} lines with {k} fields" for k, n in sorted(widths.items())[:4])
        problem = (problem + "; " if problem else "") + f"ragged lines ({w})"
    return rows, problem


# --------------------------------------------------------------------------
# Per-file work (runs in a worker process)
# --------------------------------------------------------------------------

def run_ours(bieumau, args):
    try:
        p = subprocess.run([bieumau, *args], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, b"", f"timeout after {TIMEOUT}s"
    except OSError as e:
        return -1, b"", str(e)
    err = p.stderr.decode("utf-8", errors="replace").strip()
    return p.returncode, p.stdout, err


def first_line(s, n=200):
    s = s.strip().splitlines()[0] if s.strip() else ""
    return s[:n]


def check_file(path, bieumau, use_inspect):
    import python_calamine
    res = {"file": os.path.basename(path), "sheets": [], "open_fail": None, "calamine_fail": None,
           "inspect": None, "diffs": [], "issues": [], "grid_cells": 0, "nonempty_cells": 0,
           "tolerance": 0, "seconds": 0.0}
    t0 = time.perf_counter()
    try:
        wb = python_calamine.CalamineWorkbook.from_path(path)
        metas = wb.sheets_metadata
    except Exception as e:  # noqa: BLE001
        res["calamine_fail"] = first_line(f"{type(e).__name__}: {e}")
        wb, metas = None, []
    try:
        z = zipfile.ZipFile(path)
        parts = sheet_parts(z)
    except zipfile.BadZipFile:
        z, parts = None, []

    if use_inspect:
        rc, out, err = run_ours(bieumau, ["inspect", path, "--json"])
        if rc == 0:
            try:
                info = json.loads(out)
                ours_sheets = [(s.get("name"), s.get("visibility")) for s in info.get("sheets", [])]
                theirs = [(m.name, {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}
                           .get(str(m.visible).split(".")[-1], str(m.visible))) for m in metas]
                res["inspect"] = "ok"
                if wb is not None and ours_sheets != theirs:
                    res["issues"].append(("inspect: sheet list mismatch", None,
                                          f"ours {ours_sheets[:6]} / calamine {theirs[:6]}"))
            except (ValueError, AttributeError) as e:
                res["inspect"] = "bad json"
                res["issues"].append(("inspect: invalid JSON", None, first_line(str(e))))
        else:
            res["inspect"] = f"exit {rc}: {first_line(err)}"

    n_sheets = len(metas) if wb is not None else 1
    for i in range(n_sheets):
        meta = metas[i] if wb is not None else None
        is_chart = meta is not None and "ChartSheet" in str(meta.typ)
        sheet = {"index": i + 1, "name": meta.name if meta else "?", "chart": is_chart, "fail": None}
        res["sheets"].append(sheet)
        rc, out, err = run_ours(bieumau, ["cat", path, "--sheet", str(i + 1)])
        if rc != 0:
            reason = f"exit {rc}: {first_line(err) or '(no stderr)'}"
            if i == 0 and not is_chart:
                res["open_fail"] = reason
                # Still try the other sheets? A file that fails on sheet 1 usually fails on all.
                sheet["fail"] = reason
                break
            sheet["fail"] = reason
            continue
        if wb is None:
            continue  # calamine cannot read it: nothing to compare against
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError as e:
            res["issues"].append(("CSV not UTF-8", i + 1, str(e)))
            text = out.decode("utf-8", errors="replace")
        try:
            ours_rows, problem = parse_csv(text)
        except csv.Error as e:
            res["issues"].append(("CSV unparsable", i + 1, str(e)))
            continue
        if problem:
            res["issues"].append(("CSV format", i + 1, problem))
        try:
            theirs_rows = wb.get_sheet_by_index(i).to_python(skip_empty_area=False)
        except Exception as e:  # noqa: BLE001
            sheet["calamine_fail"] = first_line(f"{type(e).__name__}: {e}")
            continue
        errs = error_cells(z, parts[i] if i < len(parts) else None) if z is not None else {}
        n_rows = max(len(ours_rows), len(theirs_rows))
        n_cols = max([len(r) for r in ours_rows] + [len(r) for r in theirs_rows] + [0])
        res["grid_cells"] += n_rows * n_cols
        for r in range(n_rows):
            orow = ours_rows[r] if r < len(ours_rows) else []
            trow = theirs_rows[r] if r < len(theirs_rows) else []
            width = max(len(orow), len(trow))
            for c in range(width):
                o = orow[c] if c < len(orow) else ""
                t = trow[c] if c < len(trow) else ""
                e = errs.get((r, c))
                if o == "" and (t == "" or t is None) and e is None:
                    continue
                res["nonempty_cells"] += 1
                cat, expected, tol = compare_cell(o, t, e)
                if tol:
                    res["tolerance"] += 1
                if cat:
                    res["diffs"].append((i + 1, sheet["name"], rc_to_ref(r, c), cat, o,
                                         f"{type(t).__name__ if e is None else 'error(xml)'}:{expected}"))
    res["seconds"] = time.perf_counter() - t0
    return res


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def show(s, n=60):
    j = json.dumps(s, ensure_ascii=False)
    return j if len(j) <= n else j[:n - 1] + "…\""


def ensure_bieumau(path):
    if os.path.exists(path):
        return
    rel_dir = os.path.dirname(os.path.abspath(path))
    if os.path.basename(rel_dir) != "release":
        raise SystemExit(f"{path} not found")
    scratch = os.path.dirname(rel_dir)
    cmd = ["swift", "build", "-c", "release", "--product", "bieumau"]
    if os.path.abspath(scratch) != os.path.join(ROOT, ".build"):
        cmd += ["--scratch-path", scratch]
    print("building:", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--bieumau", default=os.path.join(ROOT, ".build", "release", "bieumau"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted)")
    ap.add_argument("--match", default="", help="only files whose name contains this")
    ap.add_argument("--show", type=int, default=50, help="differences printed (default 50)")
    ap.add_argument("--no-inspect", action="store_true", help="skip the `inspect --json` sheet-list check")
    ap.add_argument("--detail", default=DEFAULT_DETAIL)
    args = ap.parse_args()

    bieumau = os.path.abspath(args.bieumau)
    ensure_bieumau(bieumau)
    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus)
                   if f.lower().endswith((".xlsx", ".xlsm")) and args.match in f)
    if args.limit:
        files = files[:args.limit]
    if not files:
        raise SystemExit(f"no .xlsx/.xlsm files in {args.corpus}")

    t0 = time.time()
    results = []
    with cf.ProcessPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(check_file, f, bieumau, not args.no_inspect): f for f in files}
        for k, fut in enumerate(cf.as_completed(futs), 1):
            try:
                results.append(fut.result())
            except Exception as e:  # noqa: BLE001 - keep going, report as a harness failure
                results.append({"file": os.path.basename(futs[fut]), "sheets": [], "open_fail": None,
                                "calamine_fail": None, "inspect": None, "diffs": [],
                                "issues": [("harness error", None, f"{type(e).__name__}: {e}")],
                                "grid_cells": 0, "nonempty_cells": 0, "tolerance": 0, "seconds": 0})
            if k % 100 == 0:
                print(f"  {k}/{len(files)} files", file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["file"])
    elapsed = time.time() - t0

    # ---------------- aggregate ----------------
    opened = [r for r in results if r["open_fail"] is None]
    open_fail = [r for r in results if r["open_fail"] is not None]
    cal_fail = [r for r in results if r["calamine_fail"] is not None]
    sheets = [s for r in results for s in r["sheets"]]
    chart_fail = [(r["file"], s) for r in results for s in r["sheets"] if s["fail"] and s["chart"]]
    sheet_fail = [(r["file"], s) for r in results for s in r["sheets"]
                  if s["fail"] and not s["chart"] and r["open_fail"] is None]
    diffs = [(r["file"], *d) for r in results for d in r["diffs"]]
    issues = [(r["file"], *i) for r in results for i in r["issues"]]
    cats = collections.defaultdict(list)
    for d in diffs:
        cats[d[4]].append(d)
    inspect_states = collections.Counter(
        "ok" if r["inspect"] == "ok" else ("skipped" if r["inspect"] is None else "failed") for r in results)

    out = []
    out.append(f"Conformance: bieumau cat vs python-calamine over {args.corpus}")
    out.append(f"  bieumau: {os.path.relpath(bieumau, ROOT)}; {len(files)} files, {args.jobs} jobs, {elapsed:.1f} s")
    out.append("")
    out.append(f"files:            {len(files)}")
    out.append(f"  opened:         {len(opened)}")
    out.append(f"  failed to open: {len(open_fail)}")
    out.append(f"  calamine could not open: {len(cal_fail)}")
    out.append(f"sheets:           {len(sheets)} ({sum(1 for s in sheets if s['chart'])} chartsheets)")
    out.append(f"  sheet failures (worksheets, file opened): {len(sheet_fail)}")
    out.append(f"  chartsheets refused by cat (not counted): {len(chart_fail)}")
    out.append(f"cells compared:   {sum(r['nonempty_cells'] for r in results):,} non-empty on either side "
               f"(padded grids: {sum(r['grid_cells'] for r in results):,} cells)")
    out.append(f"cells different:  {len(diffs):,} in {len({d[0] for d in diffs})} files")
    tol = sum(r["tolerance"] for r in results)
    if tol:
        out.append(f"  (date/time cells equal only within 1 ms: {tol})")
    out.append(f"CSV/inspect issues: {len(issues)}")
    out.append(f"inspect --json:   {dict(inspect_states)}")
    out.append("")

    if open_fail:
        out.append("Files that failed to open (our stderr):")
        reasons = collections.Counter(r["open_fail"] for r in open_fail)
        for reason, n in reasons.most_common(15):
            ex = [r["file"] for r in open_fail if r["open_fail"] == reason][:3]
            out.append(f"  {n:5}  {reason}   e.g. {', '.join(ex)}")
        out.append("")
    if sheet_fail:
        out.append("Worksheets that failed (file opened):")
        for f, s in sheet_fail[:20]:
            out.append(f"  {f} sheet {s['index']} ({s['name']}): {s['fail']}")
        out.append("")
    if chart_fail:
        out.append(f"Chartsheets refused: e.g. {chart_fail[0][0]} sheet {chart_fail[0][1]['index']}: "
                   f"{chart_fail[0][1]['fail']}")
        out.append("")

    if cats:
        out.append("Differences by category:")
        out.append("")
        out.append("| category | cells | files | example (file, sheet, cell: ours / calamine) |")
        out.append("|---|---:|---:|---|")
        for cat, ds in sorted(cats.items(), key=lambda kv: -len(kv[1])):
            f, si, sn, ref, _, o, t = ds[0]
            out.append(f"| {cat} | {len(ds)} | {len({d[0] for d in ds})} | "
                       f"{f} [{si}] {ref}: {show(o, 40)} / {show(t, 40)} |")
        out.append("")
    if issues:
        out.append("CSV format / inspect issues by kind:")
        for kind, n in collections.Counter(i[1] for i in issues).most_common():
            ex = next(i for i in issues if i[1] == kind)
            out.append(f"  {n:5}  {kind}   e.g. {ex[0]} sheet {ex[2]}: {ex[3][:160]}")
        out.append("")

    if diffs:
        out.append(f"First {min(args.show, len(diffs))} differences (file / sheet / cell: category: ours | calamine):")
        shown = 0
        cur = None
        for f, si, sn, ref, cat, o, t in diffs:
            if shown >= args.show:
                break
            if f != cur:
                out.append(f"  {f}")
                cur = f
            out.append(f"    [{si}] {sn}!{ref}: {cat}: {show(o)} | {show(t)}")
            shown += 1
        out.append("")

    report = "\n".join(out)
    print(report)

    os.makedirs(os.path.dirname(os.path.abspath(args.detail)), exist_ok=True)
    with open(args.detail, "w", encoding="utf-8") as fh:
        fh.write(report + "\n\nAll differences (file\tsheet index\tsheet name\tcell\tcategory\tours\tcalamine):\n")
        for f, si, sn, ref, cat, o, t in diffs:
            fh.write(f"{f}\t{si}\t{sn}\t{ref}\t{cat}\t{json.dumps(o, ensure_ascii=False)}\t"
                     f"{json.dumps(t, ensure_ascii=False)}\n")
        fh.write("\nIssues (file\tkind\tsheet\tdetail):\n")
        for f, kind, si, detail in issues:
            fh.write(f"{f}\t{kind}\t{si}\t{detail}\n")
        fh.write("\nFailures:\n")
        for r in open_fail:
            fh.write(f"{r['file']}\topen\t{r['open_fail']}\n")
        for f, s in sheet_fail + chart_fail:
            fh.write(f"{f}\tsheet {s['index']}{' (chartsheet)' if s['chart'] else ''}\t{s['fail']}\n")
        fh.write("\nSeconds per file (slowest 20):\n")
        for r in sorted(results, key=lambda r: -r["seconds"])[:20]:
            fh.write(f"{r['file']}\t{r['seconds']:.2f}\n")
    print(f"full list: {os.path.relpath(args.detail, os.getcwd())}", file=sys.stderr)

    failed = bool(diffs or open_fail or sheet_fail or issues)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
