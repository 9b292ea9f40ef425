#!/usr/bin/env python3
"""Generate the CSV benchmark file (deterministic).

Writes Benchmarks/data/bench.csv: a header + ROWS records x 20 fields, the same
poverty-household register as the workbook benchmark (generate.py's make_rows:
10 numeric columns, 10 Vietnamese text columns), UTF-8 without BOM, LF line
ends, RFC 4180 quoting.  To exercise the quoted path, the free-text note of
some records holds commas, doubled quotes and line breaks: about 1 record in 4
has a quoted field, 1 in 40 a quoted line break.

Numbers are written as Python writes them (`49.7`, `900000000`); ~100 MB at
the default 360,000 rows.

Usage: python3 Benchmarks/csv_generate.py [--rows 360000] [--seed 20240601]
                                          [--out Benchmarks/data/bench.csv]
"""

import argparse
import csv
import hashlib
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import HEADER, make_rows  # noqa: E402

EXTRA_NOTES = [
    "Biên bản họp thôn ngày 12/3, ghi: \"đồng ý\"",
    "Dòng 1: thiếu vốn\nDòng 2: đề nghị vay thêm",
    "Đã xác minh, \"hộ nghèo\" theo chuẩn 2022–2025\r\nký tên: A Thuân",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=360_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", default=os.path.join(HERE, "data", "bench.csv"))
    args = parser.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    rng = random.Random(args.seed + 1)
    started = time.time()
    tmp = args.out + ".tmp"
    quoted_breaks = 0
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADER)
        for row in make_rows(args.rows, args.seed):
            if rng.random() < 0.1:
                extra = rng.choice(EXTRA_NOTES)
                quoted_breaks += "\n" in extra
                row[19] = row[19] + "; " + extra
            writer.writerow(row)
    os.replace(tmp, args.out)
    size = os.path.getsize(args.out)
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()[:16]
    print(f"{args.out}: {args.rows + 1} records, {size / 1e6:.1f} MB, {quoted_breaks} notes with line breaks, "
          f"sha256 {digest}…, {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
