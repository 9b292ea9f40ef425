#!/usr/bin/env python3
"""The official workbooks, checked in another program: a fresh consolidation of Samples/ and the template of every form.

    Tests/Conformance/official_workbook_check.py [--bieumau PATH] [--keep DIR] [--png]

What it does, for every workbook (consolidations of Samples/*.xlsx for 2023 and for 2024-H1, twice each to check the
bytes are the same, and `bieumau template FORM --unit 23535 --period 2024` for every form of `bieumau forms`):

1. Schema. Every XML part of the package is validated by `xmllint --nonet` against its ECMA-376 schema from
   ../shared/corpora/ooxml-xsd: SpreadsheetML parts against sml.xsd, [Content_Types].xml and the .rels parts against
   the OPC schemas, docProps/app.xml against shared-documentPropertiesExtended.xsd, the theme against dml-main.xsd, and
   docProps/core.xml against opc-coreProperties.xsd with small local stand-ins for the Dublin Core and xml: schemas it
   imports from the web (DCMI's dc.xsd / dcterms.xsd; xmllint would otherwise fetch them). A part with no schema is a
   failure. The only edit before validating: `<t xml:space="preserve">` becomes `<t>` in SpreadsheetML parts, because
   sml.xsd types `t` as a bare string with no room for the attribute while Excel writes it (and needs it).

2. Recalculation. LibreOffice converts each workbook to CSV, one file per sheet, with a throwaway profile set to
   recalculate every formula on load (Tools > Options > Calc > Formula > "Recalculation on file load", Excel 2007 and
   newer: Always, i.e. OOXMLRecalcMode = 0). Without it LibreOffice 7.4 headless trusts the cached values (the default
   is "Never recalculate", and `<calcPr fullCalcOnLoad="1"/>` does not change that), so the comparison would prove
   nothing. To be sure the setting took, a second copy of each workbook is converted in which every cached formula
   result has been replaced by a wrong number: LibreOffice must still print our values, which it can only get by
   recalculating. Both conversions are compared cell by cell with `bieumau cat` of the original: text exactly;
   numbers at full precision (LibreOffice writes them unformatted, "as shown" off, up to 15 significant digits;
   cat writes the shortest round-trip double), equal when within 1e-12 relative, i.e. a difference only in the 16th
   significant digit, the last LibreOffice prints. Full precision rather than displayed precision because the
   displayed one (2 decimals for a rate) would hide a cached value computed differently from the formula (it did:
   rates were cached at 8 decimals).

3. Print. LibreOffice prints each workbook to PDF with a Vietnamese profile (locale vi-VN, so `#,##0` shows 1.234
   and `0,00` decimals, as an officer's machine does). Every page must be A4 landscape; every form sheet must show its
   heading (every text of its first rows: authority, CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do - Hạnh
   phúc, unit, form number, title, period, Đơn vị tính), the column numbers (1), (2)… on every page (print titles),
   and the signature block; the print scale (from the height of the printed text) is reported and must leave body
   text of at least 6 pt. With --png the pages are also rendered at 80 dpi for a person to look at.

Prints the figures and exits 0 when everything agrees, 1 on any difference, 2 when a tool is missing.
Needs: soffice (Debian: libreoffice-calc-nogui), the Carlito font (fonts-crosextra-carlito: Calibri's metrics, which
column widths are measured in), xmllint, pdfinfo/pdftotext/pdftoppm (poppler-utils), swift.
"""

import argparse
import csv
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.etree import ElementTree

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
XSD = os.path.abspath(os.path.join(ROOT, "..", "shared", "corpora", "ooxml-xsd"))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS = {"m": MAIN}
HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
RELATIVE_TOLERANCE = 1e-12
MINIMUM_BODY_POINTS = 6.0

# Stand-ins for the schemas docProps/core.xml imports from the web: Dublin Core elements as in DCMI's dc.xsd
# (SimpleLiteral: text, any attribute), dcterms:created / modified with the W3CDTF type the file names in xsi:type,
# and xml:lang.
STUB_XML = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>"""
STUB_DC = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://purl.org/dc/elements/1.1/"
  xmlns="http://purl.org/dc/elements/1.1/" elementFormDefault="qualified">
  <xs:complexType name="SimpleLiteral">
    <xs:simpleContent><xs:extension base="xs:string"><xs:anyAttribute processContents="lax"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="any" type="SimpleLiteral" abstract="true"/>
  <xs:element name="title" substitutionGroup="any"/><xs:element name="creator" substitutionGroup="any"/>
  <xs:element name="subject" substitutionGroup="any"/><xs:element name="description" substitutionGroup="any"/>
  <xs:element name="identifier" substitutionGroup="any"/><xs:element name="language" substitutionGroup="any"/>
</xs:schema>"""
STUB_DCTERMS = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://purl.org/dc/terms/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" elementFormDefault="qualified">
  <xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="dc.xsd"/>
  <xs:complexType name="W3CDTF">
    <xs:simpleContent>
      <xs:restriction base="dc:SimpleLiteral">
        <xs:pattern value="\\d{4}(-\\d\\d(-\\d\\d(T\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+\\-]\\d\\d:\\d\\d))?)?)?"/>
        <xs:anyAttribute processContents="lax"/>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="created" type="dc:SimpleLiteral"/>
  <xs:element name="modified" type="dc:SimpleLiteral"/>
</xs:schema>"""

RECALC_ALWAYS = '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" ' \
    'oor:op="fuse"><value>0</value></prop></item>'
LOCALE_VI = '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">' \
    '<value>vi-VN</value></prop></item>'
# CSV filter options: comma, double quote, UTF-8, from line 1, default column formats, en-US (so numbers use "."),
# unquoted text not as numbers, special numbers detected, values not "as shown", no formulas, no trimming, all sheets.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"


def fail_tool(name):
    print(f"{name} not found", file=sys.stderr)
    sys.exit(2)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def profile(folder, items):
    os.makedirs(os.path.join(folder, "user"), exist_ok=True)
    with open(os.path.join(folder, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/'
                     'registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/'
                     'XMLSchema-instance">\n' + "\n".join(items) + "\n</oor:items>\n")
    return "file://" + folder


def soffice(profile_url, target, outdir, files):
    """One LibreOffice run over many files (it takes seconds to start); returns its output."""
    os.makedirs(outdir, exist_ok=True)
    result = run(["soffice", f"-env:UserInstallation={profile_url}", "--headless", "--convert-to", target,
                  "--outdir", outdir] + files, timeout=900)
    return result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------------------- inputs

def make_workbooks(bieumau, work):
    """Consolidations (each twice, for determinism) and templates; returns [(label, path)], determinism problems."""
    books, problems = [], []
    samples = sorted(os.path.relpath(path, ROOT) for path in glob.glob(os.path.join(ROOT, "Samples", "*.xlsx")))
    for period, extra in (("2023", []), ("2024-H1", ["--unit", "618"])):
        paths = []
        for attempt in (1, 2):
            path = os.path.join(work, f"consolidated-{period}-{attempt}.xlsx")
            result = run([bieumau, "consolidate", *samples, "--period", period, *extra, "-o", path, "--force"],
                         cwd=ROOT)
            if result.returncode not in (0, 1) or not os.path.exists(path):
                problems.append(f"consolidate --period {period} exited {result.returncode}: {result.stderr.strip()}")
                break
            paths.append(path)
        if len(paths) == 2:
            with open(paths[0], "rb") as first, open(paths[1], "rb") as second:
                if first.read() != second.read():
                    problems.append(f"consolidate --period {period}: two runs gave different bytes")
            books.append((f"consolidated {period}", paths[0]))
    forms = [line.split()[0] for line in run([bieumau, "forms"], cwd=ROOT).stdout.splitlines()
             if line[:1].isalnum() and len(line.split()) > 2 and "-" in line.split()[0]]
    for form in forms:
        path = os.path.join(work, f"template-{form}.xlsx")
        result = run([bieumau, "template", form, "--unit", "23535", "--period", "2024", "-o", path, "--force"],
                     cwd=ROOT)
        if result.returncode != 0:
            problems.append(f"template {form} exited {result.returncode}: {result.stderr.strip()}")
        else:
            books.append((f"template {form}", path))
    return books, problems


# ---------------------------------------------------------------------------------------------------------- schema

def schema_for(name):
    if name == "[Content_Types].xml":
        return os.path.join(XSD, "opc-xsd", "opc-contentTypes.xsd")
    if name.endswith(".rels"):
        return os.path.join(XSD, "opc-xsd", "opc-relationships.xsd")
    if name == "docProps/app.xml":
        return os.path.join(XSD, "shared-documentPropertiesExtended.xsd")
    if name == "docProps/core.xml":
        return "core"
    if name.startswith("xl/theme/"):
        return os.path.join(XSD, "dml-main.xsd")
    if name.startswith("xl/") and name.endswith(".xml"):
        return os.path.join(XSD, "sml.xsd")
    return None


def validate_parts(books, work):
    """Returns (parts validated, failures)."""
    folder = os.path.join(work, "xsd")
    os.makedirs(folder, exist_ok=True)
    stubs = os.path.join(folder, "stubs")
    os.makedirs(stubs, exist_ok=True)
    for name, text in (("xml.xsd", STUB_XML), ("dc.xsd", STUB_DC), ("dcterms.xsd", STUB_DCTERMS)):
        with open(os.path.join(stubs, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    core = os.path.join(stubs, "core.xsd")
    with open(os.path.join(XSD, "opc-xsd", "opc-coreProperties.xsd"), encoding="utf-8") as handle:
        text = handle.read()
    text = text.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd", "dc.xsd")
    text = text.replace("http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd", "dcterms.xsd")
    text = text.replace('<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace"/>',
                        '<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace" '
                        'schemaLocation="xml.xsd"/>')
    with open(core, "w", encoding="utf-8") as handle:
        handle.write(text)
    by_schema, failures, count = {}, [], 0
    for index, (label, path) in enumerate(books):
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.endswith("/"):
                    continue
                schema = schema_for(name)
                if schema is None:
                    failures.append(f"{label}: {name}: no schema for this part")
                    continue
                data = package.read(name)
                if schema.endswith("sml.xsd"):
                    data = data.replace(b'<t xml:space="preserve">', b"<t>")
                file = os.path.join(folder, f"{index}-" + name.replace("/", "_").replace("[", "").replace("]", ""))
                with open(file, "wb") as handle:
                    handle.write(data)
                by_schema.setdefault(core if schema == "core" else schema, []).append((label, name, file))
    for schema, parts in by_schema.items():
        result = run(["xmllint", "--noout", "--nonet", "--schema", schema] + [file for _, _, file in parts])
        names = {file: f"{label}: {name}" for label, name, file in parts}
        for line in result.stderr.splitlines():
            if line.endswith(" validates"):
                count += 1
            elif line.strip():
                for file, name in names.items():
                    line = line.replace(file, name)
                failures.append(line)
    return count, failures


# ------------------------------------------------------------------------------------------------------- recalc

def poisoned(path, target):
    """A copy whose every cached formula result is wrong: recalculating is the only way back to the right value."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r'<c ([^>]*?)(?: t="(?:str|n|b|e)")?([^>]*)><f>([^<]*)</f>(?:<v>[^<]*</v>|<v/>)?</c>',
                              r'<c \1\2><f>\3</f><v>-987654.321</v></c>', text)
                data = text.encode("utf-8")
            out.writestr(item, data)


def sheet_names(path):
    with zipfile.ZipFile(path) as package:
        book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    return [sheet.get("name") for sheet in book.find("m:sheets", NS)]


def formula_cells(path, index):
    with zipfile.ZipFile(path) as package:
        xml = package.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")
    cells = set()
    for match in re.finditer(r'<c r="([A-Z]+)(\d+)"[^>]*>(.*?)</c>', xml):
        if "<f>" in match.group(3):
            cells.add((int(match.group(2)) - 1, column_index(match.group(1))))
    return cells


def column_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letters(index):
    letters, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def compare_cell(ours, theirs):
    """(equal, exactly equal, relative difference)."""
    if ours == theirs:
        return True, True, 0.0
    if theirs.endswith("%") and number(theirs[:-1]) is not None:
        theirs = repr(float(theirs[:-1]) / 100)
    a, b = number(ours), number(theirs)
    if a is None or b is None:
        return False, False, None
    if a == b:
        return True, True, 0.0
    relative = abs(a - b) / max(abs(a), abs(b))
    return relative <= RELATIVE_TOLERANCE, False, relative


def compare_recalculation(bieumau, books, work, figures):
    url = profile(os.path.join(work, "profile-recalc"), [RECALC_ALWAYS])
    plain, poison = os.path.join(work, "csv"), os.path.join(work, "csv-poisoned")
    copies = []
    for index, (_, path) in enumerate(books):
        os.makedirs(os.path.join(work, "in"), exist_ok=True)
        os.makedirs(os.path.join(work, "in-poisoned"), exist_ok=True)
        copy = os.path.join(work, "in", f"book{index}.xlsx")
        shutil.copy(path, copy)
        poisoned(path, os.path.join(work, "in-poisoned", f"book{index}.xlsx"))
        copies.append(copy)
    logs = soffice(url, CSV_FILTER, plain, copies)
    logs += soffice(url, CSV_FILTER, poison, [os.path.join(work, "in-poisoned", os.path.basename(c)) for c in copies])
    problems = [line for line in logs.splitlines() if "rror" in line and "javaldx" not in line]
    for index, (label, path) in enumerate(books):
        for number_, name in enumerate(sheet_names(path), start=1):
            figures["sheets"] += 1
            ours_text = run([bieumau, "cat", path, "--sheet", str(number_)]).stdout
            ours_rows = list(csv.reader(io.StringIO(ours_text, newline="")))
            formulas = formula_cells(path, number_)
            figures["formula cells"] += len(formulas)
            for kind, folder in (("recalculated", plain), ("recalculated from wrong caches", poison)):
                file = os.path.join(folder, f"book{index}-{name}.csv")
                if not os.path.exists(file):
                    problems.append(f"{label}: LibreOffice wrote no CSV for sheet {name!r} ({kind})")
                    continue
                with open(file, encoding="utf-8", newline="") as handle:
                    theirs_rows = list(csv.reader(handle))
                for r in range(max(len(ours_rows), len(theirs_rows))):
                    ours_row = ours_rows[r] if r < len(ours_rows) else []
                    theirs_row = theirs_rows[r] if r < len(theirs_rows) else []
                    for c in range(max(len(ours_row), len(theirs_row))):
                        ours = ours_row[c] if c < len(ours_row) else ""
                        theirs = theirs_row[c] if c < len(theirs_row) else ""
                        is_formula = (r, c) in formulas
                        if ours == "" and theirs == "" and not is_formula:
                            continue
                        equal, exact, relative = compare_cell(ours, theirs)
                        key = "poisoned" if folder == poison else "plain"
                        figures[f"{key} cells"] += 1
                        figures[f"{key} cells equal"] += equal
                        if is_formula:
                            figures[f"{key} formulas"] += 1
                            figures[f"{key} formulas equal"] += equal
                            figures[f"{key} formulas bit-identical"] += exact
                        if relative:
                            figures["largest relative difference"] = max(figures["largest relative difference"],
                                                                         relative)
                        if not equal:
                            problems.append(f"{label}: {name}!{column_letters(c)}{r + 1} ({kind}): we cached "
                                            f"{ours!r}, LibreOffice has {theirs!r}")
    return problems


# --------------------------------------------------------------------------------------------------------- print

def page_texts(pdf):
    pages = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout).group(1))
    texts = [run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"]).stdout for p in range(1, pages + 1)]
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)",
                       run(["pdfinfo", "-f", "1", "-l", str(pages), pdf]).stdout)
    return texts, sizes


def squeeze(text):
    return " ".join(text.split())


# The printed width of the word NGƯỜI of the signature block (Times New Roman 12 pt bold, which LibreOffice sets in
# the metric-compatible Liberation Serif) at 100 %, measured once on a copy of a form printed without fitting.
SIGNATURE_WORD_WIDTH = 41.513


def print_scale(pdf, page):
    """The print scale of a page, from the printed width of the signature block's NGƯỜI."""
    bbox = run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"]).stdout
    for match in re.finditer(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">NGƯỜI</word>', bbox):
        return (float(match.group(2)) - float(match.group(1))) / SIGNATURE_WORD_WIDTH
    return None


def check_print(bieumau, books, work, figures, png):
    url = profile(os.path.join(work, "profile-vi"), [RECALC_ALWAYS, LOCALE_VI])
    folder = os.path.join(work, "pdf")
    copies = []
    for index, (_, path) in enumerate(books):
        copy = os.path.join(work, "in", f"book{index}.xlsx")
        if not os.path.exists(copy):
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            shutil.copy(path, copy)
        copies.append(copy)
    soffice(url, "pdf", folder, copies)
    problems, report = [], []
    for index, (label, path) in enumerate(books):
        pdf = os.path.join(folder, f"book{index}.pdf")
        if not os.path.exists(pdf):
            problems.append(f"{label}: LibreOffice printed no PDF")
            continue
        texts, sizes = page_texts(pdf)
        figures["pages"] += len(texts)
        for page, (width, height) in enumerate(sizes, start=1):
            if not (abs(float(width) - 841.89) < 1 and abs(float(height) - 595.28) < 1):
                problems.append(f"{label}: page {page} is {width} x {height} pt, not A4 landscape")
        # Pages of each form sheet: from one national heading to the next (or to the findings / sources pages).
        forms = [(number_, name) for number_, name in enumerate(sheet_names(path), start=1)
                 if HEADING in run([bieumau, "cat", path, "--sheet", str(number_)]).stdout]
        starts = [p for p, text in enumerate(texts) if HEADING in text]
        if len(starts) != len(forms):
            problems.append(f"{label}: {len(forms)} form sheets but the heading is on {len(starts)} pages")
            continue
        for position, ((number_, name), start) in enumerate(zip(forms, starts)):
            end = starts[position + 1] if position + 1 < len(starts) else len(texts)
            pages = list(range(start, end))
            # The findings and sources sheets start with their header row; they are not part of the form.
            pages = [p for p in pages if p == start or not squeeze(texts[p]).startswith(("Tệp", "File"))]
            rows = list(csv.reader(io.StringIO(run([bieumau, "cat", path, "--sheet", str(number_)]).stdout,
                                               newline="")))
            wanted = [cell for row in rows[:7] for cell in row if cell.strip()]
            wanted += [cell for row in rows[-3:] for cell in row if cell.strip()]
            joined = squeeze(" ".join(texts[p] for p in pages))
            for text in wanted:
                if squeeze(text) not in joined and not all(word in joined for word in text.split()):
                    problems.append(f"{label}: {name}: {text!r} is not printed")
                # A text cut by a page edge: its first or last three words on a page without the whole of it.
                words = text.split()
                if len(words) >= 6:
                    for p in pages:
                        page = squeeze(texts[p])
                        ends = [" ".join(words[:3]), " ".join(words[-3:])]
                        if squeeze(text) not in page and any(
                                re.search(r"(?<!\S)" + re.escape(end) + r"(?!\S)", page) for end in ends):
                            problems.append(f"{label}: {name}: {text!r} is cut on page {p + 1}")
            numbered = re.search(r"\(\d+\)", " ".join(sum(rows[:12], []))) is not None
            for p in pages:
                if numbered and not re.search(r"\(\d+\)", texts[p]):
                    problems.append(f"{label}: {name}: page {p + 1} has no column numbers (print titles)")
            scale = next((s for s in (print_scale(pdf, p + 1) for p in pages) if s), None)
            figures["form sheets printed"] += 1
            report.append((label, name, len(pages), scale))
            if scale is not None and scale * 12 < MINIMUM_BODY_POINTS:
                problems.append(f"{label}: {name}: printed at {scale:.0%}, 12 pt text comes out at "
                                f"{scale * 12:.1f} pt")
        if png:
            pictures = os.path.join(png, re.sub(r"[^A-Za-z0-9-]+", "-", label))
            shutil.rmtree(pictures, ignore_errors=True)
            os.makedirs(pictures)
            run(["pdftoppm", "-r", "80", "-png", pdf, os.path.join(pictures, "page")])
    return problems, report


# ---------------------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bieumau", help="the bieumau binary (default: built with SCRATCH, default .build)")
    parser.add_argument("--keep", help="keep the work files in this folder")
    parser.add_argument("--png", help="render every printed page at 80 dpi into this folder")
    args = parser.parse_args()
    for tool in ("soffice", "xmllint", "pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            fail_tool(tool)
    if not os.path.exists(os.path.join(XSD, "sml.xsd")):
        fail_tool(os.path.join(XSD, "sml.xsd"))
    # Column widths are in characters of the workbook's default font, Calibri 11. Without Calibri or its metric twin
    # Carlito, LibreOffice measures them in a wider fallback font and prints every form smaller than Excel does.
    calibri = run(["fc-match", "Calibri"]).stdout if shutil.which("fc-match") else ""
    if "Carlito" not in calibri and "Calibri" not in calibri:
        print(f"Calibri falls back to {calibri.strip() or '?'}: install Carlito (fonts-crosextra-carlito)",
              file=sys.stderr)
        sys.exit(2)
    bieumau = args.bieumau
    if not bieumau:
        scratch = os.environ.get("SCRATCH", ".build")
        build = run(["swift", "build", "--scratch-path", scratch, "--product", "bieumau"], cwd=ROOT)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            sys.exit(2)
        bieumau = os.path.join(ROOT, scratch, "debug", "bieumau")
    bieumau = os.path.abspath(bieumau)
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="bieumau-official-")
    os.makedirs(work, exist_ok=True)
    try:
        figures = {key: 0 for key in ("sheets", "formula cells", "plain cells", "plain cells equal",
                                       "plain formulas", "plain formulas equal", "plain formulas bit-identical",
                                       "poisoned cells", "poisoned cells equal", "poisoned formulas",
                                       "poisoned formulas equal", "poisoned formulas bit-identical", "pages",
                                       "form sheets printed")}
        figures["largest relative difference"] = 0.0
        books, problems = make_workbooks(bieumau, work)
        parts, schema_problems = validate_parts(books, work)
        recalc_problems = compare_recalculation(bieumau, books, work, figures)
        print_problems, report = check_print(bieumau, books, work, figures, args.png)
        problems += schema_problems + recalc_problems + print_problems
        print(f"{len(books)} workbooks ({', '.join(label for label, _ in books)})")
        print(f"schema: {parts} XML parts validate, {len(schema_problems)} failures")
        print(f"recalculation: {figures['sheets']} sheets, {figures['formula cells']} formula cells")
        for key, what in (("plain", "recalculated on load"), ("poisoned", "recalculated from wrong caches")):
            print(f"  {what}: {figures[key + ' cells equal']}/{figures[key + ' cells']} cells equal, "
                  f"{figures[key + ' formulas equal']}/{figures[key + ' formulas']} formulas equal to our cached "
                  f"values ({figures[key + ' formulas bit-identical']} bit-identical)")
        print(f"  largest relative difference of a number: {figures['largest relative difference']:.3g} "
              f"(tolerance {RELATIVE_TOLERANCE:g})")
        print(f"print: {figures['pages']} A4 pages, {figures['form sheets printed']} form sheets")
        for label, name, pages, scale in report:
            size = f"{scale:.0%}, 12 pt prints as {scale * 12:.1f} pt" if scale else "scale unknown"
            print(f"  {label}: {name}: {pages} page{'s' if pages > 1 else ''}, {size}")
        for line in problems[:80]:
            print("  " + line)
        if len(problems) > 80:
            print(f"  … and {len(problems) - 80} more")
        print("OK" if not problems else f"{len(problems)} problems")
        return 0 if not problems else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
