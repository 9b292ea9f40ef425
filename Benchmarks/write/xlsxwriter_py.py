#!/usr/bin/env python3
"""The writing benchmark's workbook written with Python XlsxWriter.

  xlsxwriter_py.py write ROWS OUT.xlsx constant|normal   write the workbook
  xlsxwriter_py.py gen ROWS                              generate the rows only (the generation floor)
  xlsxwriter_py.py check ROWS                            print "crc32 cells strings string_bytes"

Rows come from workbook_data.py (the reference definition).  Cells are written with write_number /
write_string (no type sniffing).  With constant_memory XlsxWriter writes strings inline (t="inlineStr")
and flushes each row; without it, it builds a shared-strings table and keeps every cell in memory.
On exit it prints one JSON line: {"import_s": ..., "write_s": ...}.
"""

import json
import os
import sys
import time

t0 = time.perf_counter()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workbook_data as data  # noqa: E402


def main():
    mode, n_rows = sys.argv[1], int(sys.argv[2])
    if mode == "check":
        print(data.checksum(n_rows))
        return 0
    if mode == "gen":
        t1 = time.perf_counter()
        touched = 0
        for row in data.rows(n_rows):
            touched += len(row[5])
        print(json.dumps({"import_s": t1 - t0, "write_s": time.perf_counter() - t1, "touched": touched}))
        return 0
    if mode != "write":
        raise SystemExit(__doc__)
    path, memory = sys.argv[3], sys.argv[4]
    import xlsxwriter
    t1 = time.perf_counter()
    wb = xlsxwriter.Workbook(path, {"constant_memory": memory == "constant"})
    ws = wb.add_worksheet(data.SHEET_NAME)
    bold = wb.add_format({"bold": True})
    by_code = {}
    for code in data.FORMATS:  # in order of first use: the same file every run
        if code and code not in by_code:
            by_code[code] = wb.add_format({"num_format": code})
    formats = [by_code.get(code) for code in data.FORMATS]
    for j, h in enumerate(data.HEADER):
        ws.write_string(0, j, h, bold)
    write_number, write_string = ws.write_number, ws.write_string
    r = 0
    for row in data.rows(n_rows):
        r += 1
        for j, v in enumerate(row):
            if v.__class__ is str:
                write_string(r, j, v, formats[j])
            else:
                write_number(r, j, v, formats[j])
    wb.close()
    print(json.dumps({"import_s": t1 - t0, "write_s": time.perf_counter() - t1}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
