#!/usr/bin/env python3
"""Generate the .xls (BIFF8) benchmark workbook (deterministic).

Writes Benchmarks/data/bench.xls with xlwt: one sheet "Danh sach ho", a header
row + 65,534 rows = 65,535 rows (the BIFF8 row limit is 65,536; the issue asks
for 65,535 x 20) x 20 columns, every cell filled.  The content is the same
poverty-household register as the .xlsx benchmark (Benchmarks/generate.py:
same vocabulary, same generator, fixed seed): 10 numeric columns (ints,
one-decimal money, two-decimal rates, loans in dong) and 10 Vietnamese text
columns with realistic repetition (provinces, communes, ethnic groups repeat;
household names are mostly unique).  xlwt stores text in the shared string
table (SST + LABELSST, split by CONTINUE records) and numbers as RK / NUMBER
records; number formats 0.0, 0.00 and #,##0 go through XF/FORMAT records.

Usage: python3 Benchmarks/xls_generate.py [--rows 65535] [--seed 20240601]
                                          [--out Benchmarks/data/bench.xls] [--verify]
"""

import argparse
import hashlib
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (vocabulary and row generator shared with the .xlsx benchmark)

NCOLS = generate.NCOLS
MAX_ROWS = 65536  # BIFF8


def ensure_modules():
    missing = []
    for mod in ("xlwt", "xlrd"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        print("installing:", " ".join(missing), file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", *missing], check=True)


def write_xls(path, total_rows, seed):
    import xlwt
    # style_compression=2: identical styles share one XF record (xlwt otherwise
    # keys XFs by style object, which is the same here, but be explicit).
    wb = xlwt.Workbook(encoding="utf-8", style_compression=2)
    ws = wb.add_sheet("Danh sach ho", cell_overwrite_ok=False)
    header_style = xlwt.easyxf("font: bold on")
    fmt = {
        0: xlwt.easyxf(""),
        1: xlwt.easyxf(num_format_str="0.0"),
        2: xlwt.easyxf(num_format_str="0.00"),
        3: xlwt.easyxf(num_format_str="#,##0"),
    }
    col_style = [fmt[s] for s in generate.STYLES]
    for j, h in enumerate(generate.HEADER):
        ws.write(0, j, h, header_style)
    r = 0
    for r, row in enumerate(generate.make_rows(total_rows - 1, seed), start=1):
        wrow = ws.row(r)
        for j, v in enumerate(row):
            if generate.STYLES[j]:
                wrow.write(j, v, col_style[j])
            else:
                wrow.write(j, v)
        if r % 1000 == 0:
            ws.flush_row_data()  # keep xlwt's memory bounded
    ws.set_panes_frozen(True)
    ws.set_horz_split_pos(1)
    tmp = path + ".tmp"
    wb.save(tmp)
    os.replace(tmp, path)
    return r + 1


def verify(path, total_rows):
    """Reopen with xlrd (and python-calamine if installed): shape and header."""
    import xlrd
    book = xlrd.open_workbook(path, on_demand=True)
    sh = book.sheet_by_index(0)
    assert (sh.nrows, sh.ncols) == (total_rows, NCOLS), (sh.nrows, sh.ncols)
    assert sh.row_values(0) == generate.HEADER, sh.row_values(0)
    assert sh.cell_value(1, 0) == 1.0
    msg = f"xlrd: {sh.nrows} x {sh.ncols}, first data row {sh.row_values(1)[:6]}"
    try:
        import python_calamine
    except ImportError:
        return msg
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    n = cells = 0
    for row in sheet.iter_rows():
        n += 1
        cells += sum(1 for v in row if v != "")
    assert n == total_rows and cells == total_rows * NCOLS, (n, cells)
    return msg + f"; calamine: {n} rows, {cells} non-empty cells"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=65_535, help="total rows including the header (default 65535)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default=os.path.join(HERE, "data", "bench.xls"))
    ap.add_argument("--verify", action="store_true", help="reopen with xlrd and python-calamine")
    args = ap.parse_args()
    if not 2 <= args.rows <= MAX_ROWS:
        raise SystemExit(f"--rows must be between 2 and {MAX_ROWS} (BIFF8 limit)")
    ensure_modules()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    t0 = time.perf_counter()
    rows = write_xls(args.out, args.rows, args.seed)
    dt = time.perf_counter() - t0
    with open(args.out, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    print(f"{args.out}: {os.path.getsize(args.out) / 1e6:.1f} MB, {rows} rows x {NCOLS} cols "
          f"({rows * NCOLS:,} cells), sha256 {digest}, {dt:.1f}s", flush=True)
    if args.verify:
        print("  verify:", verify(args.out, rows), flush=True)


if __name__ == "__main__":
    sys.exit(main())
