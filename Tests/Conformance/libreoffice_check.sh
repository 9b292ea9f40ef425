#!/bin/sh
# LibreOffice reads back what the XLSX writer wrote, and its recalculated formulas equal the cached values we stored.
#
#   Tests/Conformance/libreoffice_check.sh [WORKBOOK.xlsx]
#
# Without an argument it writes the writer's every-feature sample (XLSXWriterSamples.everyFeature: a Vietnamese form
# with styles, merges, formulas with cached results, dates, booleans, errors, rich and inline text) through the test
# target. Then, for every sheet:
#
#   ours    `bieumau cat WORKBOOK --sheet N`: the values and cached formula results as written
#   theirs  `soffice --headless --convert-to csv` with a throwaway profile set to recalculate every formula on load
#           (Calc > Formula > Recalculation on file load: Always), one CSV per sheet
#
# and compares them cell by cell: text exactly, numbers within 1e-9 relative (LibreOffice prints 15 significant
# digits, and percentages and dates as it displays them by default, which are converted back first). A formula cell
# written without a cached value is counted apart. Exit status 0 when every cell agrees, 1 otherwise, 2 when a tool
# is missing.
#
# Needs: soffice (Debian: libreoffice-calc-nogui), python3, swift. Slow: LibreOffice takes a few seconds to start.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${SCRATCH:-.build-xlsxw}
command -v soffice >/dev/null 2>&1 || { echo "soffice not found (apt-get install libreoffice-calc-nogui)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not found" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bieumau-lo-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
swift build --scratch-path "$SCRATCH" --product bieumau >/dev/null
BIEUMAU="$ROOT/$SCRATCH/debug/bieumau"

if [ $# -ge 1 ]; then
    WORKBOOK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
    WORKBOOK="$WORK/sample.xlsx"
    BIEUMAU_SAMPLE_OUT="$WORKBOOK" swift test --scratch-path "$SCRATCH" --filter XLSXWriterSampleExport >/dev/null
fi
[ -f "$WORKBOOK" ] || { echo "no workbook at $WORKBOOK" >&2; exit 2; }

# A profile of our own, so the user's LibreOffice settings are neither used nor changed.
mkdir -p "$WORK/profile/user"
cat > "$WORK/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

# CSV filter options: comma, double quote, UTF-8, from line 1, default column formats, en-US, unquoted text not as
# numbers, special numbers detected, values rather than "as shown", no formulas, no trimming, every sheet (-1).
mkdir -p "$WORK/lo"
cp "$WORKBOOK" "$WORK/lo/book.xlsx"
soffice -env:UserInstallation="file://$WORK/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
    --outdir "$WORK/lo" "$WORK/lo/book.xlsx" >"$WORK/soffice.log" 2>&1 || { cat "$WORK/soffice.log" >&2; exit 1; }

python3 - "$WORKBOOK" "$WORK/lo" "$BIEUMAU" <<'PY'
import csv, io, re, subprocess, sys, zipfile
from xml.etree import ElementTree

workbook, lo_dir, bieumau = sys.argv[1:4]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
package = zipfile.ZipFile(workbook)
book = ElementTree.fromstring(package.read("xl/workbook.xml"))
sheets = [s.get("name") for s in book.find("m:sheets", NS)]

def formula_cells(index):
    """A1 references of the cells holding a formula, and of those written without a cached value."""
    xml = package.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")
    formulas, uncached = set(), set()
    for match in re.finditer(r'<c r="([A-Z]+)(\d+)"[^>]*>(.*?)</c>', xml):
        if "<f>" in match.group(3):
            cell = (int(match.group(2)) - 1, match.group(1))
            formulas.add(cell)
            if "<v>" not in match.group(3):
                uncached.add(cell)
    return formulas, uncached

def column_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1

def number(text):
    try:
        return float(text)
    except ValueError:
        return None

def lo_to_canonical(text):
    """LibreOffice's default display of percentages, dates and times, back to bieumau cat's canonical text."""
    if text.endswith("%") and number(text[:-1]) is not None:
        return repr(float(text[:-1]) / 100)
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})( (\d\d):(\d\d):(\d\d))?", text)
    if m:
        day = f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
        return day if not m.group(4) else f"{day}T{m.group(5)}:{m.group(6)}:{m.group(7)}"
    m = re.fullmatch(r"(\d\d):(\d\d):(\d\d) (AM|PM)", text)
    if m:
        hour = int(m.group(1)) % 12 + (12 if m.group(4) == "PM" else 0)
        return f"{hour:02d}:{m.group(2)}:{m.group(3)}"
    m = re.fullmatch(r"(\d+):(\d\d):(\d\d)", text)
    if m:
        return f"PT{int(m.group(1))}H{int(m.group(2))}M{int(m.group(3))}S"
    return text

def same(ours, theirs):
    if ours == theirs:
        return True
    theirs = lo_to_canonical(theirs)
    if ours == theirs:
        return True
    a, b = number(ours), number(theirs)
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a))

total = equal = formulas_checked = formulas_equal = uncached_count = 0
problems = []
for index, name in enumerate(sheets, start=1):
    ours_text = subprocess.run([bieumau, "cat", workbook, "--sheet", str(index)], check=True,
                               capture_output=True, text=True).stdout
    with open(f"{lo_dir}/book-{name}.csv", encoding="utf-8", newline="") as handle:
        theirs_rows = list(csv.reader(handle))
    ours_rows = list(csv.reader(io.StringIO(ours_text, newline="")))
    formulas, uncached = formula_cells(index)
    uncached_count += len(uncached)
    for r in range(max(len(ours_rows), len(theirs_rows))):
        ours_row = ours_rows[r] if r < len(ours_rows) else []
        theirs_row = theirs_rows[r] if r < len(theirs_rows) else []
        for c in range(max(len(ours_row), len(theirs_row))):
            ours = ours_row[c] if c < len(ours_row) else ""
            theirs = theirs_row[c] if c < len(theirs_row) else ""
            if ours == "" and theirs == "":
                continue
            letters = ""
            n = c + 1
            while n:
                n, rem = divmod(n - 1, 26)
                letters = chr(65 + rem) + letters
            cell = (r, letters)
            if cell in uncached:
                continue
            total += 1
            ok = same(ours, theirs)
            equal += ok
            if cell in formulas:
                formulas_checked += 1
                formulas_equal += ok
            if not ok:
                problems.append(f"{name}!{letters}{r + 1}: we wrote {ours!r}, LibreOffice has {theirs!r}")

print(f"{workbook}: {len(sheets)} sheets, {equal}/{total} cells agree with LibreOffice; "
      f"{formulas_equal}/{formulas_checked} recalculated formulas equal their cached values; "
      f"{uncached_count} formulas written without a cached value (not compared)")
for line in problems[:50]:
    print("  " + line)
sys.exit(0 if not problems else 1)
PY
