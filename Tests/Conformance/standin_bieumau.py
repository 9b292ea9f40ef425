#!/usr/bin/env python3
"""Development stand-in for the `bieumau` CLI, built on python-calamine.

Only used to develop/test the measurement scripts while the Swift CLI is being
written (pass `--bieumau Tests/Conformance/standin_bieumau.py`).  It emits the
`bieumau cat` CSV contract as far as calamine allows (calamine turns error
cells into empty strings, so errors come out empty) and a subset of
`bieumau inspect --json`.
"""

import datetime
import json
import sys


def fmt(v):
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        if r.endswith(".0"):
            r = r[:-2]
        return r
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%dT%H:%M:%S")
        return s + (f".{v.microsecond // 1000:03d}" if v.microsecond else "")
    if isinstance(v, datetime.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, datetime.time):
        s = v.strftime("%H:%M:%S")
        return s + (f".{v.microsecond // 1000:03d}" if v.microsecond else "")
    if isinstance(v, datetime.timedelta):
        t = int(v.total_seconds())
        return f"PT{t // 3600}H{t % 3600 // 60}M{t % 60}S"
    return str(v)


def csv_field(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main(argv):
    import python_calamine
    if len(argv) < 2 or argv[0] not in ("cat", "inspect"):
        print("usage: standin cat FILE [--sheet NAME|INDEX] | inspect FILE --json", file=sys.stderr)
        return 2
    cmd, path = argv[0], argv[1]
    try:
        wb = python_calamine.CalamineWorkbook.from_path(path)
    except Exception as e:  # noqa: BLE001
        print(f"bieumau: cannot read {path}: {e}".replace("\n", " "), file=sys.stderr)
        return 3
    if cmd == "inspect":
        sheets = []
        for i, m in enumerate(wb.sheets_metadata):
            sheets.append({"index": i + 1, "name": m.name,
                           "visibility": {"Visible": "visible", "Hidden": "hidden",
                                          "VeryHidden": "veryHidden"}[str(m.visible).split(".")[-1]]})
        json.dump({"file": path, "format": "xlsx", "sheets": sheets, "definedNames": []}, sys.stdout)
        print()
        return 0
    sel = None
    if "--sheet" in argv:
        sel = argv[argv.index("--sheet") + 1]
    try:
        if sel is None:
            sh = wb.get_sheet_by_index(0)
        elif sel.isdigit():
            sh = wb.get_sheet_by_index(int(sel) - 1)
        else:
            sh = wb.get_sheet_by_name(sel)
        rows = sh.to_python(skip_empty_area=False)
    except Exception as e:  # noqa: BLE001
        print(f"bieumau: {e}".replace("\n", " "), file=sys.stderr)
        return 3
    width = max((len(r) for r in rows), default=0)
    out = sys.stdout
    for r in rows:
        cells = [csv_field(fmt(v)) for v in r] + [""] * (width - len(r))
        out.write(",".join(cells) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
