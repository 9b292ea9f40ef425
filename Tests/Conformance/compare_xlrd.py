#!/usr/bin/env python3
"""Compare SheetXLS with xlrd, cell by cell, over a corpus of .xls files.

SheetXLS is not wired into the CLI yet, so its side comes from the corpus test, which writes one TSV per file
when XLS_DUMP_DIR is set:

  XLS_DUMP_DIR=DIR swift test --scratch-path .build-xls --filter XLSCorpusTests

(this script runs that command unless --dump DIR points to dumps already made). Each TSV holds
`S <sheet> <name>` lines, `<sheet> <row> <col> <type> <value>` cells (type number|date|text|bool|error|empty),
or one `ERROR <code> <message>` line.

xlrd (pip install xlrd; 2.x reads only .xls) gives, for each sheet, every cell whose ctype is not EMPTY or BLANK:

  XL_CELL_NUMBER / XL_CELL_DATE   our number or date serial, exactly equal
  XL_CELL_TEXT                    our text, exactly equal (rich text compared as its plain text)
  XL_CELL_BOOLEAN                 our bool
  XL_CELL_ERROR                   our error text (xlrd.error_text_from_code)

When xlrd rejects a file we read, our text, number and boolean cells are checked against python-calamine, if
installed, as a second opinion.

Files: "same" when both read and every sheet name and cell agrees; "both reject" when xlrd and we both refuse
the file; otherwise "differ" (with the first differences printed) or "we reject, xlrd reads".
Exit status 0 when every file is "same" or "both reject".
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

import xlrd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def unescape(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_ours(path):
    sheets, cells = {}, {}
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().split("\n"):
            if not line:
                continue
            fields = line.split("\t", 4)
            if fields[0] == "ERROR":
                return None, fields[1] + ": " + unescape(fields[2] if len(fields) > 2 else "")
            if fields[0] == "S":
                sheets[int(fields[1])] = unescape(fields[2])
                continue
            sheet, row, col, kind, value = fields
            cells[(int(sheet), int(row), int(col))] = (kind, value)
    return (sheets, cells), None


def read_xlrd(path):
    try:
        book = xlrd.open_workbook(path, on_demand=False)
    except Exception as error:  # xlrd raises many kinds
        return None, f"{type(error).__name__}: {error}"
    sheets, cells = {}, {}
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        sheets[index] = sheet.name
        for row in range(sheet.nrows):
            for col, cell in enumerate(sheet.row(row)):
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                cells[(index, row, col)] = (cell.ctype, cell.value)
    return (sheets, cells), None


def same_cell(theirs, ours):
    ctype, value = theirs
    if ours is None:
        return False
    kind, text = ours
    if ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        return kind in ("number", "date") and float(text) == float(value)
    if ctype == xlrd.XL_CELL_TEXT:
        return kind == "text" and unescape(text) == value
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return kind == "bool" and int(text) == int(value)
    if ctype == xlrd.XL_CELL_ERROR:
        return kind == "error" and text == xlrd.error_text_from_code.get(value)
    return False


def against_calamine(path, ours):
    """A second opinion when xlrd refuses a file: our cells against python-calamine's, where it is installed."""
    try:
        import python_calamine
    except ImportError:
        return "python-calamine not installed: no second opinion"
    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
    except Exception as error:
        return f"python-calamine rejects it too: {error}"
    total = same = 0
    for index, sheet_name in enumerate(book.sheet_names):
        grid = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
        for (sheet, row, col), (kind, text) in ours[1].items():
            if sheet != index or kind in ("date", "empty"):
                continue
            total += 1
            value = grid[row][col] if row < len(grid) and col < len(grid[row]) else ""
            if kind == "text" and value == unescape(text):
                same += 1
            elif kind == "number" and isinstance(value, (int, float)) and float(value) == float(text):
                same += 1
            elif kind == "bool" and isinstance(value, bool) and int(value) == int(text):
                same += 1
    return f"python-calamine reads it: {same} of our {total} text, number and boolean cells equal"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(ROOT), "shared/corpora/xls-samples"))
    parser.add_argument("--dump", help="folder of TSV dumps already written by the corpus test")
    parser.add_argument("--scratch-path", default=".build-xls")
    parser.add_argument("--show", type=int, default=5, help="differences printed per file")
    args = parser.parse_args()

    dump = args.dump
    if dump is None:
        dump = tempfile.mkdtemp(prefix="xls-dump-")
        env = dict(os.environ, XLS_DUMP_DIR=dump, XLS_CORPUS_DIR=os.path.abspath(args.corpus))
        command = ["swift", "test", "--scratch-path", args.scratch_path, "--filter", "XLSCorpusTests"]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
            sys.exit("the corpus test failed; no comparison made")

    counts = {"same": 0, "both reject": 0, "differ": 0, "we reject, xlrd reads": 0, "we read, xlrd rejects": 0}
    cell_total = cell_same = 0
    for path in sorted(glob.glob(os.path.join(args.corpus, "*.xls"))):
        name = os.path.basename(path)
        ours_path = os.path.join(dump, name + ".tsv")
        if not os.path.exists(ours_path):
            print(f"{name}: no dump from the corpus test")
            counts["differ"] += 1
            continue
        ours, our_error = read_ours(ours_path)
        theirs, their_error = read_xlrd(path)
        if ours is None and theirs is None:
            counts["both reject"] += 1
            print(f"{name}: both reject\n  ours: {our_error}\n  xlrd: {their_error}")
            continue
        if ours is None:
            counts["we reject, xlrd reads"] += 1
            print(f"{name}: we reject, xlrd reads\n  ours: {our_error}")
            continue
        if theirs is None:
            counts["we read, xlrd rejects"] += 1
            print(f"{name}: we read, xlrd rejects\n  xlrd: {their_error}")
            print("  " + against_calamine(path, ours))
            continue
        differences = []
        # A bare BIFF3/BIFF4 worksheet has no sheet name: Excel (and we) use the file's name, xlrd "Sheet 1".
        stem = os.path.splitext(name)[0]
        if ours[0] != theirs[0] and not (ours[0] == {0: stem} and theirs[0] == {0: "Sheet 1"}):
            differences.append(f"sheet names: ours {ours[0]} xlrd {theirs[0]}")
        for key, value in theirs[1].items():
            cell_total += 1
            if same_cell(value, ours[1].get(key)):
                cell_same += 1
            else:
                differences.append(f"sheet {key[0]} R{key[1] + 1}C{key[2] + 1}: xlrd {value!r} ours {ours[1].get(key)}")
        for key, value in ours[1].items():
            if key not in theirs[1] and not (value[0] == "text" and value[1] == ""):
                differences.append(f"sheet {key[0]} R{key[1] + 1}C{key[2] + 1}: xlrd has no value, ours {value}")
        if differences:
            counts["differ"] += 1
            print(f"{name}: {len(differences)} differences")
            for line in differences[: args.show]:
                print("  " + line)
        else:
            counts["same"] += 1
            print(f"{name}: same ({len(theirs[1])} cells)")
    print()
    print(", ".join(f"{key}: {value}" for key, value in counts.items()))
    print(f"cells: {cell_same} of {cell_total} xlrd cells equal")
    sys.exit(0 if counts["same"] + counts["both reject"] == sum(counts.values()) else 1)


if __name__ == "__main__":
    main()
