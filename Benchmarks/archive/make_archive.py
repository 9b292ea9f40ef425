#!/usr/bin/env python3
"""A generated archive of legacy reporting files for `bieumau convert` (issue 7): 980 good files and 20 broken ones.

    python3 Benchmarks/archive/make_archive.py [--count 1000] [--out Benchmarks/data/archive] [--no-libreoffice]

Good files (with the Unicode text they must give back, in manifest.json):
  * .xls written by xlwt, text in TCVN3 under .VnTime, upper case under .VnTimeH, VNI under VNI-Times, or Unicode
    under Times New Roman; bold titles, merged title rows, column widths, number formats, rich-text notes;
  * .xls saved by LibreOffice (xlsx files converted with one soffice call), fonts and bytes kept;
  * .xlsx written by XlsxWriter, the same mix, with formulas (cached values written too);
  * .csv in Windows-1258 (decomposed tone marks, as Windows writes it) and in TCVN3 bytes.
Broken files: truncated .xls and .xlsx, password-protected .xlsx (msoffcrypto-tool), zero bytes, not a spreadsheet,
a directory named x.xls, files without read permission, a CSV with NUL bytes, a CFB with a damaged FAT.

Legacy bytes come from the code tables in Sources/VietText/Generated/LegacyTables.swift (read here, not copied), so
the archive and the decoder share one source of truth. Nothing is random beyond a fixed seed: the same command makes
the same archive.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import xlsxwriter
import xlwt

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLES = os.path.join(ROOT, "Sources", "VietText", "Generated", "LegacyTables.swift")


def load_tables():
    """Unicode → bytes encoders for TCVN3 (VN3 letters only) and VNI, from the Swift tables."""
    text = open(TABLES, encoding="utf-8").read()

    def table(name):
        body = re.search(r"static let %s: \[UInt32\] = \[(.*?)\]" % name, text, re.S).group(1)
        return [int(v, 16) for v in re.findall(r"0x([0-9A-F]+)", body)]

    tcvn3 = {}
    for byte, scalar in enumerate(table("tcvn3")):
        # VN3 proper: ASCII and 0xA0-0xFF; the VN1 capitals in the control ranges are not what .VnTime files hold.
        if (0x20 <= byte < 0x7F) or byte >= 0xA0 or byte in (0x09, 0x0A, 0x0D):
            tcvn3.setdefault(chr(scalar), bytes([byte]))
    vni = {}
    for byte, scalar in enumerate(table("vniSingle")):
        if byte >= 0x20 and byte != 0x7F:
            vni.setdefault(chr(scalar), bytes([byte]))  # two-byte letters below replace Latin-1 look-alikes
    pairs = re.search(r"static let vniPairs.*?= \[(.*?)\n    \]", text, re.S).group(1)
    for base, modifier, scalar in re.findall(r"\(0x([0-9A-F]+), 0x([0-9A-F]+), 0x([0-9A-F]+)\)", pairs):
        vni[chr(int(scalar, 16))] = bytes([int(base, 16), int(modifier, 16)])
    return tcvn3, vni


TCVN3, VNI = load_tables()


def encode(text, table):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch not in table:
            raise ValueError("%r cannot be written in this encoding" % ch)
        out += table[ch]
    return bytes(out)


def as_legacy_chars(text, table):
    """Legacy bytes as the characters U+0000-U+00FF, as Excel stores them under a legacy font."""
    return encode(text, table).decode("latin-1")


def cp1258(text):
    """Windows-1258 as Windows writes it: base letters with their own code points, tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for keep in range(len(marks)):  # â, ê, ô, ă, ơ, ư stay one letter; the tone follows as a mark
            try:
                rest = marks[:keep] + marks[keep + 1:]
                out += unicodedata.normalize("NFC", base + marks[keep]).encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += decomposed.encode("cp1258")
    return bytes(out)


COMMUNES = [
    "Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi", "Thị trấn Đắk Tô", "Xã Sa Loong", "Xã Tân Lập", "Xã Đắk Rơ Nga",
    "Xã Ngọk Réo", "Xã Văn Lem", "Xã Pô Kô", "Xã Đắk Trăm", "Thị trấn Plei Kần", "Xã Bờ Y", "Xã Sa Nhơn",
    "Xã Hơ Moong", "Xã Mô Rai", "Xã Rờ Kơi", "Xã Đắk Kôi", "Xã Ngọc Tụ", "Xã Kon Đào", "Xã Tu Mơ Rông",
    "Xã Măng Ri", "Xã Đắk Hà", "Xã Hiếu", "Xã Pờ Ê", "Xã Vinh Quang", "Xã Hòa Bình", "Xã Chư Hreng",
]
TITLES = [
    "Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm {year}",
    "Tổng hợp diễn biến hộ nghèo cuối kỳ năm {year}",
    "Kết quả thực hiện chương trình giảm nghèo bền vững năm {year}",
    "Biểu tổng hợp hộ có mức sống trung bình năm {year}",
]
HEADERS = ["STT", "Đơn vị", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Số hộ cận nghèo", "Ghi chú"]
NOTES = [
    "", "Thiếu hụt nước sinh hoạt", "Hộ đồng bào dân tộc thiểu số", "Giảm nghèo bền vững", "Phát sinh mới",
    "Tái nghèo", "Thiếu hụt nhà ở", "Đã rà soát", "Chưa có số liệu điều tra", "Người lập biểu ký",
]
FOOTER = "Thủ trưởng đơn vị"
WIDTHS = [6, 26, 12, 12, 16, 14, 30]

# How each kind of file stores its text: (font name, encoder, expected text transform).
VARIANTS = {
    "tcvn3": (".VnTime", lambda t: as_legacy_chars(t, TCVN3), lambda t: t),
    "tcvn3-capitals": (".VnTimeH", lambda t: as_legacy_chars(t.lower(), TCVN3), lambda t: t.upper()),
    "vni": ("VNI-Times", lambda t: as_legacy_chars(t, VNI), lambda t: t),
    "unicode": ("Times New Roman", lambda t: t, lambda t: t),
}


def report_rows(rng, year):
    """A title, a header and 8-40 commune rows with counts; text cells and numbers."""
    title = rng.choice(TITLES).format(year=year)
    rows = []
    for number in range(1, rng.randint(8, 40) + 1):
        households = rng.randint(400, 4000)
        poor = rng.randint(0, households // 3)
        rows.append([
            number, rng.choice(COMMUNES), households, poor, round(poor * 100 / households, 2),
            rng.randint(0, households // 4), rng.choice(NOTES),
        ])
    return title, rows


class Manifest:
    def __init__(self):
        self.files = []

    def add(self, path, kind, expect, cells=None, fonts_fixed=True, reason=None):
        self.files.append({"path": path, "kind": kind, "expect": expect, "cells": cells or [],
                           "legacy_fonts": fonts_fixed, "reason": reason})


def write_xls(path, variant, rng, year):
    """An xlwt workbook: merged bold title, header, rows, rich-text note, widths and number formats."""
    font_name, enc, expected = VARIANTS[variant]
    book = xlwt.Workbook(encoding="utf-8")
    title, rows = report_rows(rng, year)
    cells = []
    for sheet_index in range(rng.choice([1, 1, 2])):
        sheet = book.add_sheet("Bieu %02d" % (sheet_index + 1))

        def style(bold=False, italic=False, height=240, fmt=None):
            font = xlwt.Font()
            font.name = font_name
            font.bold = bold
            font.italic = italic
            font.height = height
            st = xlwt.XFStyle()
            st.font = font
            if fmt:
                st.num_format_str = fmt
            return st

        title_style = style(bold=True, height=280)
        sheet.write_merge(0, 0, 0, 6, enc(title), title_style)
        cells.append([sheet_index, 0, 0, expected(title)])
        header_style = style(bold=True)
        for col, header in enumerate(HEADERS):
            sheet.write(2, col, enc(header), header_style)
            cells.append([sheet_index, 2, col, expected(header)])
            sheet.col(col).width = WIDTHS[col] * 256
        body, count, rate = style(), style(fmt="#,##0"), style(fmt="0.00")
        for r, row in enumerate(rows, start=3):
            sheet.write(r, 0, row[0], count)
            sheet.write(r, 1, enc(row[1]), body)
            cells.append([sheet_index, r, 1, expected(row[1])])
            sheet.write(r, 2, row[2], count)
            sheet.write(r, 3, row[3], count)
            sheet.write(r, 4, row[4], rate)
            sheet.write(r, 5, row[5], count)
            if row[6]:
                sheet.write(r, 6, enc(row[6]), style(italic=True))
                cells.append([sheet_index, r, 6, expected(row[6])])
        last = len(rows) + 4
        footer_font = xlwt.Font()
        footer_font.name = font_name
        footer_font.bold = True
        plain_font = xlwt.Font()
        plain_font.name = "Times New Roman"
        sheet.write_rich_text(last, 1, [(enc(FOOTER), footer_font), (" (ký tên)", plain_font)], body)
        cells.append([sheet_index, last, 1, expected(FOOTER) + " (ký tên)"])
    book.save(path)
    return cells


def write_xlsx(path, variant, rng, year):
    """An XlsxWriter workbook like write_xls, with formulas for the rates (cached values written)."""
    font_name, enc, expected = VARIANTS[variant]
    book = xlsxwriter.Workbook(path)
    title, rows = report_rows(rng, year)
    cells = []
    for sheet_index in range(rng.choice([1, 1, 2])):
        sheet = book.add_worksheet("Biểu %02d" % (sheet_index + 1))

        def fmt(**props):
            return book.add_format(dict({"font_name": font_name, "font_size": 12}, **props))

        sheet.merge_range(0, 0, 0, 6, enc(title), fmt(bold=True, font_size=14, align="center"))
        cells.append([sheet_index, 0, 0, expected(title)])
        header = fmt(bold=True, border=1)
        for col, text in enumerate(HEADERS):
            sheet.write_string(2, col, enc(text), header)
            cells.append([sheet_index, 2, col, expected(text)])
            sheet.set_column(col, col, WIDTHS[col])
        body, count, rate = fmt(), fmt(num_format="#,##0"), fmt(num_format="0.00")
        for r, row in enumerate(rows, start=3):
            sheet.write_number(r, 0, row[0], count)
            sheet.write_string(r, 1, enc(row[1]), body)
            cells.append([sheet_index, r, 1, expected(row[1])])
            sheet.write_number(r, 2, row[2], count)
            sheet.write_number(r, 3, row[3], count)
            sheet.write_formula(r, 4, "=ROUND(D%d*100/C%d,2)" % (r + 1, r + 1), rate, row[4])
            sheet.write_number(r, 5, row[5], count)
            if row[6]:
                sheet.write_string(r, 6, enc(row[6]), fmt(italic=True))
                cells.append([sheet_index, r, 6, expected(row[6])])
        last = len(rows) + 4
        sheet.write_rich_string(last, 1, fmt(bold=True), enc(FOOTER), book.add_format({"font_name": "Times New Roman"}),
                                " (ký tên)", body)
        cells.append([sheet_index, last, 1, expected(FOOTER) + " (ký tên)"])
    book.close()
    return cells


def write_csv(path, encoding, rng, year):
    title, rows = report_rows(rng, year)
    lines = [[title], HEADERS] + [[str(v) for v in row] for row in rows]
    text = "\r\n".join(",".join('"%s"' % f if ("," in f or not f) else f for f in line) for line in lines) + "\r\n"
    data = cp1258(text) if encoding == "cp1258" else encode(text, TCVN3)
    open(path, "wb").write(data)
    cells = [[0, 0, 0, title]] + [[0, 1, c, h] for c, h in enumerate(HEADERS)]
    cells += [[0, r, 1, row[1]] for r, row in enumerate(rows, start=2)]
    cells += [[0, r, 6, row[6]] for r, row in enumerate(rows, start=2) if row[6]]
    return cells


def libreoffice_xls(sources, folder):
    """Converts .xlsx files to .xls with one soffice call (LibreOffice's "MS Excel 97" filter)."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to",
                        "xls:MS Excel 97", "--outdir", folder] + sources, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=1800)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def broken_files(out, manifest, good_xls, good_xlsx):
    folder = os.path.join(out, "hong")
    os.makedirs(folder, exist_ok=True)

    def add(name, data, reason):
        path = os.path.join(folder, name)
        if data is not None:
            open(path, "wb").write(data)
        manifest.add(os.path.relpath(path, out), "broken", "failed", reason=reason)

    xls, xlsx = open(good_xls, "rb").read(), open(good_xlsx, "rb").read()
    add("cat-cut-1.xls", xls[: len(xls) // 2], "truncated")
    add("cat-cut-2.xls", xls[:600], "truncated")
    add("cat-cut-3.xls", xls[:-1500], "truncated")
    add("cat-cut-1.xlsx", xlsx[: len(xlsx) // 2], "truncated")
    add("cat-cut-2.xlsx", xlsx[:100], "truncated")
    try:
        import msoffcrypto.format.ooxml as ooxml
        import io
        for name in ["mat-khau-1.xlsx", "mat-khau-2.xlsx"]:
            encrypted = io.BytesIO()
            ooxml.OOXMLFile(io.BytesIO(xlsx)).encrypt("matkhau", encrypted)
            add(name, encrypted.getvalue(), "encrypted")
    except ImportError:
        sys.exit("pip install msoffcrypto-tool (for the password-protected files)")
    add("rong.xls", b"", "zero bytes")
    add("rong.xlsx", b"", "zero bytes")
    add("rong.csv", b"", "zero bytes")
    add("anh.xls", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a spreadsheet")
    add("ghi-chu.xlsx", "Đây là ghi chú, không phải bảng tính.\n".encode(), "not a spreadsheet")
    add("tai-lieu.xls", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20, "not a spreadsheet")
    os.makedirs(os.path.join(folder, "x.xls"), exist_ok=True)
    manifest.add(os.path.relpath(os.path.join(folder, "x.xls"), out), "broken", "failed", reason="directory")
    os.makedirs(os.path.join(folder, "y.xlsx"), exist_ok=True)
    manifest.add(os.path.relpath(os.path.join(folder, "y.xlsx"), out), "broken", "failed", reason="directory")
    for name in ["khong-doc.xls", "khong-doc.csv"]:
        add(name, xls if name.endswith(".xls") else b"a,b\n1,2\n", "no read permission")
        os.chmod(os.path.join(folder, name), 0)
    add("nhi-phan.csv", b"STT,Don vi\n1,\x00\x00\x00\x01\x02\n", "NUL bytes")
    damaged = bytearray(xls)
    damaged[0x200:0x400] = b"\xff" * 0x200  # the FAT's first sector, every entry a free/end mark
    add("fat-hong.xls", bytes(damaged), "damaged")
    middle = len(xlsx) // 2  # inside the deflated parts: a CRC or inflate error
    add("zip-hong.xlsx", xlsx[:middle] + bytes(b ^ 0x5A for b in xlsx[middle:middle + 400]) + xlsx[middle + 400:],
        "damaged")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", default=os.path.join(ROOT, "Benchmarks", "data", "archive"))
    parser.add_argument("--no-libreoffice", action="store_true", help="xlwt .xls instead of LibreOffice-saved ones")
    args = parser.parse_args()
    if os.path.exists(args.out):
        subprocess.run(["chmod", "-R", "u+rwX", args.out])
        shutil.rmtree(args.out)
    inputs = os.path.join(args.out, "inputs")
    os.makedirs(inputs)
    rng = random.Random(7)
    manifest = Manifest()
    good = args.count - 20
    plan = (["xls"] * 35 + ["lo-xls"] * 10 + ["xlsx"] * 29 + ["csv-cp1258"] * 13 + ["csv-tcvn3"] * 13)
    lo_pending = []
    staging = tempfile.mkdtemp(prefix="lo-xlsx-")
    first = {}
    for i in range(good):
        kind = plan[i % len(plan)]
        year = 2015 + i % 10
        district = "huyen-%02d" % (i % 12 + 1)
        folder = os.path.join(inputs, str(year), district)
        os.makedirs(folder, exist_ok=True)
        variant = ["tcvn3", "tcvn3", "vni", "tcvn3-capitals", "unicode"][i % 5]
        stem = "bao-cao-%04d" % i
        if kind == "xls" or (kind == "lo-xls" and args.no_libreoffice):
            path = os.path.join(folder, stem + ".xls")
            cells = write_xls(path, variant, rng, year)
        elif kind == "lo-xls":
            source = os.path.join(staging, stem + ".xlsx")
            cells = write_xlsx(source, variant, rng, year)
            lo_pending.append((source, folder, stem, cells, variant))
            continue
        elif kind == "xlsx":
            path = os.path.join(folder, stem + ".xlsx")
            cells = write_xlsx(path, variant, rng, year)
        else:
            encoding = kind[4:]
            path = os.path.join(folder, stem + ".csv")
            cells = write_csv(path, encoding, rng, year)
            variant = encoding
        first.setdefault(os.path.splitext(path)[1], path)
        manifest.add(os.path.relpath(path, args.out), kind + ":" + variant, "ok", cells)
    if lo_pending:
        converted = tempfile.mkdtemp(prefix="lo-xls-")
        libreoffice_xls([p[0] for p in lo_pending], converted)
        for source, folder, stem, cells, variant in lo_pending:
            path = os.path.join(folder, stem + ".xls")
            shutil.move(os.path.join(converted, stem + ".xls"), path)
            manifest.add(os.path.relpath(path, args.out), "lo-xls:" + variant, "ok", cells)
        shutil.rmtree(converted, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    broken_files(inputs, manifest, first[".xls"], first[".xlsx"])
    for entry in manifest.files:
        if entry["expect"] == "failed":
            entry["path"] = os.path.join("inputs", entry["path"])
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"files": manifest.files}, f, ensure_ascii=False, indent=0)
    kinds = {}
    for entry in manifest.files:
        kinds[entry["kind"].split(":")[0]] = kinds.get(entry["kind"].split(":")[0], 0) + 1
    print("%d files in %s: %s" % (len(manifest.files), inputs, kinds))


if __name__ == "__main__":
    main()
