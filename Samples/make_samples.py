#!/usr/bin/env python3
"""Writes every sample workbook of Samples/ (see Samples/README.md). Run from anywhere:

    python3 Samples/make_samples.py

Needs XlsxWriter and PyYAML (`pip install xlsxwriter pyyaml`). The layouts (title, form number, header fields,
column groups and labels, the numbering row A, B, 1, 2…, row codes, line labels, unit of measure) are read from the
mapping files in Mappings/forms/, so the samples cannot drift from the mappings.

What is real and what is invented (details in Samples/README.md):
- real, from the district plan (../shared/sources/ke-hoach-giam-ngheo-ia-hdrai-2025.txt): the district figures of
  the end-of-2023 review (300 poor, 7,93 %, DTTS 241, 80,33 %; 285 near-poor, 7,53 %, DTTS 223, 78,24 %; the 12
  deprivation counts of each group), the 2025 funding needs, the 2024 allocations and 6-month disbursement, the
  poverty-reduction outcomes (13,38 %/năm, 127,42 % of the 10,5 % target; 3,03 % and 6,95 % aimed for 2024);
- invented: the total number of households (3.783, one of the three values 3.783–3.785 for which both stated rates
  round right), the split between the three communes and their villages, persons, middle-living households, the
  flows of reports 2/3, the 2022 period, and every household of the lists (names, codes, incomes, flags), generated
  from a fixed seed so that each run writes the same bytes.

Every derived cell is a formula with its cached value, as Excel would save it. Rates are rounded half up (Excel's
ROUND); the script asserts that no rate of the samples lies exactly on a half, so half-even gives the same values.
The script also writes Samples/EXPECTED.md: every finding the validator should report on each sample, with its rule,
sheet and cell, computed here from the same figures.
"""
import datetime
import os
import random
import unicodedata
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import xlsxwriter
import yaml
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FORMS_DIR = os.path.join(ROOT, "Mappings", "forms")
CREATED = datetime.datetime(2024, 12, 11)  # the date of the district's approval of the 2023 review (QĐ 264/QĐ-UBND)

# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Figures of the district plan (real) and the invented split.
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
PROVINCE = ("62", "Tỉnh Kon Tum")
DISTRICT = ("618", "Huyện Ia H'Drai", "IA H'DRAI")
POOR_DISTRICT = 300
NEAR_POOR_DISTRICT = 285
DTTS_POOR_DISTRICT = 241
DTTS_NEAR_POOR_DISTRICT = 223
HOUSEHOLDS_DISTRICT = 3783  # invented: 3.783, 3.784 and 3.785 all give 7,93 % and 7,53 %; the plan states none
POOR_COUNTS = [100, 117, 53, 0, 21, 5, 125, 56, 56, 110, 100, 24]
NEAR_POOR_COUNTS = [50, 80, 26, 0, 8, 4, 61, 14, 73, 93, 33, 15]
# Poor households at the start of 2023 (invented): 806 / 3.783 = 21,31 %, so that the rate falls by the plan's
# 13,38 points to 7,93 % (the plan gives the fall, not the start).
POOR_START_DISTRICT = 806

# (code, name, file slug, villages, households, poor, near-poor, DTTS poor, DTTS near-poor) — invented split.
COMMUNES = [
    ("23535", "Xã Ia Đal", "ia-dal", 5, 1260, 96, 92, 78, 72),
    ("23537", "Xã Ia Dom", "ia-dom", 4, 1135, 88, 84, 70, 66),
    ("23538", "Xã Ia Tơi", "ia-toi", 6, 1388, 116, 109, 93, 85),
]
assert sum(c[4] for c in COMMUNES) == HOUSEHOLDS_DISTRICT
assert sum(c[5] for c in COMMUNES) == POOR_DISTRICT and sum(c[6] for c in COMMUNES) == NEAR_POOR_DISTRICT
assert sum(c[7] for c in COMMUNES) == DTTS_POOR_DISTRICT and sum(c[8] for c in COMMUNES) == DTTS_NEAR_POOR_DISTRICT

RURAL_LINE = 1_500_000  # NĐ 07/2021/NĐ-CP, Điều 3: đồng/người/tháng, nông thôn


def d(value):
    return Decimal(str(value))


def rate(numerator, denominator, places=2):
    """numerator / denominator × 100 rounded half up; asserts the value is not a tie (half-even agrees)."""
    exact = d(numerator) * 100 / d(denominator)
    quantum = Decimal(1).scaleb(-places)
    up = exact.quantize(quantum, ROUND_HALF_UP)
    assert up == exact.quantize(quantum, ROUND_HALF_EVEN), (numerator, denominator)
    return up


# The plan's stated rates agree with 3.783 households and its counts.
assert rate(POOR_DISTRICT, HOUSEHOLDS_DISTRICT) == d("7.93")
assert rate(NEAR_POOR_DISTRICT, HOUSEHOLDS_DISTRICT) == d("7.53")
assert [h for h in range(3700, 3900) if rate(300, h) == d("7.93") and rate(285, h) == d("7.53")] == [3783, 3784, 3785]
assert rate(DTTS_POOR_DISTRICT, POOR_DISTRICT) == d("80.33")
assert rate(DTTS_NEAR_POOR_DISTRICT, NEAR_POOR_DISTRICT) == d("78.25")  # the plan writes 78,24 (truncated)
assert rate(POOR_START_DISTRICT, HOUSEHOLDS_DISTRICT) - d("7.93") == d("13.38")
PLAN_POOR_RATES = "33,33 39 17,67 0 7 1,67 41,67 18,67 18,67 36,67 33,33 8".split()
PLAN_NEAR_POOR_RATES = "17,54 28,07 9,12 0 2,81 1,4 21,4 4,91 25,61 32,63 11,58 5,26".split()
for counts, stated, total in ((POOR_COUNTS, PLAN_POOR_RATES, 300), (NEAR_POOR_COUNTS, PLAN_NEAR_POOR_RATES, 285)):
    assert [rate(c, total) for c in counts] == [d(s.replace(",", ".")) for s in stated]

# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Mapping files
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
_FORMS = {}


def form(form_id):
    if form_id not in _FORMS:
        with open(os.path.join(FORMS_DIR, form_id + ".yaml"), encoding="utf-8") as handle:
            _FORMS[form_id] = yaml.safe_load(handle)
    return _FORMS[form_id]


def column_keys(form_id):
    return [c["key"] for c in form(form_id)["columns"]]


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# TCVN3 (.VnTime) for the legacy-font sample: the 67 lowercase letters and 7 uppercase base letters of VN3, byte
# values from Sources/VietText/Generated/LegacyTables.swift; an .xlsx stores each byte as the Windows-1252 character
# of that byte (all these bytes are ≥ 0xA1, where Windows-1252 and Latin-1 agree).
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
TCVN3_LETTERS = "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
TCVN3_BYTES = bytes.fromhex(
    "a1a2a3a4a5a6a7a8a9aaabacadaeb5b6b7b8b9bbbcbdbec6c7c8c9cacbcccecfd0d1d2d3d4d5d6d7d8dcdddedfe1e2e3e4e5e6e7e8e9ea"
    "ebecedeeeff1f2f3f4f5f6f7f8f9fafbfcfdfe")
TCVN3 = dict(zip(TCVN3_LETTERS, TCVN3_BYTES))


def to_tcvn3(text, capitals_font=False):
    """Unicode → the characters Excel shows for TCVN3 bytes. With capitals_font (.VnTimeH) toned capitals are
    written with the lowercase byte, which that font draws as a capital."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        if ch not in TCVN3:
            lower = ch.lower()
            assert capitals_font and lower in TCVN3, f"{ch!r} has no TCVN3 byte in {text!r}"
            ch = lower
        out.append(bytes([TCVN3[ch]]).decode("latin-1"))
    return "".join(out)


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Writing a form sheet in the official look
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
class F:
    """A formula cell: `text(ref)` gives the formula, ref(key, row_id=None) the A1 address of a field; value is
    the cached result (None = empty string result is never used)."""

    def __init__(self, text, value):
        self.text = text
        self.value = value


class Formats:
    def __init__(self, book, font="Times New Roman"):
        self.book = book
        self.font = font
        self.cache = {}

    def __call__(self, font=None, **props):
        props = dict(props)
        props.setdefault("font_name", font or self.font)
        props.setdefault("font_size", 12)
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]


def number_format(column, value):
    kind = column.get("type")
    if kind == "percent":
        return "0.00"
    if kind == "money":
        if isinstance(value, (int, float, Decimal)) and d(value) != d(value).to_integral_value():
            return "#,##0.0"
        return "#,##0"
    if kind in ("integer", "decimal"):
        return "#,##0"
    return None


class Sheet:
    """One form sheet. rows: list of dicts {id, code, label, block, values: {key: value | F}, bold, level}."""

    def __init__(self, book, fmt, name, form_id, *, authority, unit_line, unit_code, period, place, rows,
                 legacy=None, nfd=False, signature=True, date_text=None):
        self.book, self.fmt, self.form_id = book, fmt, form_id
        self.spec = form(form_id)
        self.columns = self.spec["columns"]
        self.col = {c["key"]: i for i, c in enumerate(self.columns)}
        self.rows = rows
        self.legacy = legacy  # None or "tcvn3": labels and texts in TCVN3 bytes with .VnTime / .VnTimeH fonts
        self.nfd = nfd
        self.sheet = book.add_worksheet(name)
        self.name = name
        self.row_of = {}
        self.widths = {}
        self.cells = {}  # (row_id, key) -> A1
        self.write(authority, unit_line, unit_code, period, place, signature, date_text)

    # Text in the sample's encoding: TCVN3 bytes (font .VnTime / .VnTimeH) or NFD Unicode or plain NFC.
    def text(self, value, *, capitals=False, data=False):
        # Legacy sample: heading, title and labels in TCVN3 bytes; the data's texts (unit names) in NFD Unicode.
        if self.legacy == "tcvn3" and not data:
            return to_tcvn3(value, capitals_font=capitals)
        if self.nfd or (self.legacy and data):
            return unicodedata.normalize("NFD", value)
        return value

    def f(self, capitals=False, unicode=False, **props):
        if self.legacy == "tcvn3" and not unicode:
            props["font"] = ".VnTimeH" if capitals else ".VnTime"
        return self.fmt(**props)

    def ref(self, key, row_id=None, sheet=False):
        address = self.cells[(row_id, key)]
        return f"'{self.name}'!{address}" if sheet else address

    def write(self, authority, unit_line, unit_code, period, place, signature, date_text):
        ws, spec, ncol = self.sheet, self.spec, len(self.columns)
        last = ncol - 1
        left_end = max(2, min(4, ncol // 3))
        right_start = max(left_end + 1, ncol // 2)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.hide_gridlines(2)
        bold_c = self.f(bold=True, align="center", valign="vcenter")
        plain = self.f()
        # Heading: form number top right, reporting authority left, national heading right.
        ws.write(0, last, self.text(spec["form_number"]), self.f(bold=True, italic=True, align="right"))
        ws.merge_range(1, 0, 1, left_end, self.text(authority[0], capitals=True), self.f(capitals=True, align="center"))
        ws.merge_range(2, 0, 2, left_end, self.text(authority[1], capitals=True),
                       self.f(capitals=True, bold=True, align="center"))
        ws.merge_range(1, right_start, 1, last, self.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", capitals=True),
                       self.f(capitals=True, bold=True, align="center"))
        ws.merge_range(2, right_start, 2, last, self.text("Độc lập - Tự do - Hạnh phúc"),
                       self.f(bold=True, align="center"))
        ws.write(3, 0, self.text("Đơn vị báo cáo: " + unit_line), plain)
        ws.write(4, 0, self.text("Mã đơn vị: " + unit_code), plain)
        ws.merge_range(6, 0, 6, last, self.text(spec["title"], capitals=True),
                       self.f(capitals=True, bold=True, align="center", valign="vcenter", text_wrap=True,
                              font_size=14))
        ws.set_row(6, 40)
        ws.merge_range(7, 0, 7, last, self.text("Kỳ báo cáo: " + period), self.f(italic=True, align="center"))
        ws.merge_range(8, max(0, last - 3), 8, last, self.text("Đơn vị tính: " + spec["unit_of_measure"]),
                       self.f(italic=True, align="right"))
        # Header rows: groups, labels, numbering.
        head = self.f(bold=True, align="center", valign="vcenter", text_wrap=True, border=1, font_size=11)
        records = spec["kind"] == "records"
        groups = any(c.get("group") for c in self.columns)
        top = 10
        label_row = top + 1 if groups else top
        if groups:
            i = 0
            while i < ncol:
                group = self.columns[i].get("group")
                j = i
                while j + 1 < ncol and group and self.columns[j + 1].get("group") == group:
                    j += 1
                if group:
                    if j > i:
                        ws.merge_range(top, i, top, j, self.text(group), head)
                    else:
                        ws.write(top, i, self.text(group), head)
                    for k in range(i, j + 1):
                        ws.write(label_row, k, self.text(self.columns[k]["label"]), head)
                elif records:
                    ws.write(top, i, "", head)
                    ws.write(label_row, i, self.text(self.columns[i]["label"]), head)
                else:
                    ws.merge_range(top, i, label_row, i, self.text(self.columns[i]["label"]), head)
                i = j + 1
            ws.set_row(top, 30)
        else:
            for i, c in enumerate(self.columns):
                ws.write(label_row, i, self.text(c["label"]), head)
        ws.set_row(label_row, 75)
        row = label_row + 1
        if spec.get("table", {}).get("numbering_row", True):
            for i, c in enumerate(self.columns):
                ws.write_string(row, i, c["number"], self.f(italic=True, align="center", border=1, font_size=11))
            row += 1
        ws.repeat_rows(top, row - 1)
        self.first_data_row = row
        # Column widths.
        for i, c in enumerate(self.columns):
            width = 10
            if c["key"] == "code":
                width = 6
            elif c["type"] == "text":
                width = 34 if spec["kind"] == "lines" and c["key"] == "item" else 18
                if c["key"] in ("head_name",):
                    width = 24
                if c["key"] == "note":
                    width = 26
            elif c["type"] == "code":
                width = 13
            elif c["key"] == "income":
                width = 14
            elif c["key"].startswith("d") and c["key"][1:].isdigit() and records:
                width = 7
            self.widths[i] = width
            ws.set_column(i, i, width)
        # Addresses first (formulas may refer to later rows).
        for offset, r in enumerate(self.rows):
            self.row_of[r["id"]] = row + offset
            for key in self.col:
                self.cells[(r["id"], key)] = xl_rowcol_to_cell(row + offset, self.col[key])
        self.last_data_row = row + len(self.rows) - 1

    def fill(self):
        """Writes the data rows (after every sheet of the book knows its addresses) and the signature block."""
        ws = self.sheet
        for r in self.rows:
            y = self.row_of[r["id"]]
            # Wrapped texts: a row tall enough for them (no spreadsheet fits row heights on its own when opening).
            lines = 1
            for key in ("item", "unit", "note"):
                value = r["values"].get(key)
                if key in self.col and isinstance(value, str):
                    lines = max(lines, -(-len(value) // int(self.widths[self.col[key]] * 1.15)))
            if lines > 1:
                ws.set_row(y, 15 * lines)
            bold = r.get("bold", False)
            for key, x in self.col.items():
                column = self.columns[x]
                value = r["values"].get(key)
                props = {"border": 1, "font_size": 11, "bold": bold, "valign": "vcenter"}
                if column["type"] in ("text",) and key in ("item", "unit", "note"):
                    props["text_wrap"] = True
                    if r.get("level"):
                        props["indent"] = r["level"]
                if column["type"] in ("code",):
                    props["align"] = "center"
                numfmt = number_format(column, value.value if isinstance(value, F) else value)
                if numfmt:
                    props["num_format"] = numfmt
                cell_format = self.f(unicode=True, **props)
                if isinstance(value, F):
                    ws.write_formula(y, x, value.text(self.ref), cell_format,
                                     float(value.value) if isinstance(value.value, Decimal) else value.value)
                elif value is None or value == "":
                    ws.write_blank(y, x, None, cell_format)
                elif isinstance(value, str):
                    ws.write_string(y, x, self.text(value, data=True), cell_format)
                else:
                    ws.write_number(y, x, float(value) if isinstance(value, Decimal) else value, cell_format)

    def signature(self, place, date_text):
        if self.spec["kind"] == "records":
            return  # every non-blank row below a list's header is a household: no signature block on lists
        ws, ncol = self.sheet, len(self.columns)
        last = ncol - 1
        y = self.last_data_row + 2
        mid = max(2, ncol // 2)
        # Column A stays empty below the table: a text there would read as a row code.
        ws.merge_range(y, mid, y, last, self.text(f"{place}, {date_text}"), self.f(italic=True, align="center"))
        ws.merge_range(y + 1, 1, y + 1, max(1, mid - 1), self.text("NGƯỜI LẬP BIỂU", capitals=True),
                       self.f(capitals=True, bold=True, align="center"))
        ws.merge_range(y + 1, mid, y + 1, last, self.text("THỦ TRƯỞNG ĐƠN VỊ", capitals=True),
                       self.f(capitals=True, bold=True, align="center"))
        ws.merge_range(y + 2, 1, y + 2, max(1, mid - 1), self.text("(Ký, ghi rõ họ tên)"),
                       self.f(italic=True, align="center"))
        ws.merge_range(y + 2, mid, y + 2, last, self.text("(Ký tên, đóng dấu)"), self.f(italic=True, align="center"))


def new_book(path, title):
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    book.set_properties({"title": title, "author": "BieuMau samples (Samples/make_samples.py)", "created": CREATED})
    return book


def finish(book, sheets, place, date_text):
    for sheet in sheets:
        sheet.fill()
        sheet.signature(place, date_text)
    book.close()


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Households (invented, deterministic)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
FIRST_KINH_M = "Văn Hùng,Văn Dũng,Văn Thắng,Văn Tuấn,Văn Hải,Đức Minh,Văn Long,Văn Bình,Quang Huy,Văn Toàn,Văn Sơn,Ngọc Lâm".split(",")
FIRST_KINH_F = "Thị Lan,Thị Hoa,Thị Hương,Thị Mai,Thị Hằng,Thị Nga,Thị Thu,Thị Yến,Thị Loan,Thị Hạnh".split(",")
SURNAMES_KINH = "Nguyễn,Trần,Lê,Phạm,Hoàng,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương".split(",")
JRAI_CLANS = "Rơ Mah,Ksor,Siu,Rơ Lan,Kpă,Puih,Rah Lan,Nay,Rơ Châm,Kpuih".split(",")
JRAI_M = "Blik,Thuyên,Nhoi,Blut,Djuin,Hyoai,Kret,Pơ,Chuôk,Khăm,Hiếu,Đinh,Yuh,Breo".split(",")
JRAI_F = "H'Ben,H'Lan,H'Mai,H'Yer,H'Nguyên,H'Bloanh,H'Hlip,H'Kim,H'Lênh".split(",")
BANA_M = "A Thút,A Nhong,A Dơn,A Ka,A Blông,A Thiêng,A Rớt,A Dũ".split(",")
BANA_F = "Y Hên,Y Blăk,Y Ngát,Y Hoa,Y Rin,Y Bêr".split(",")
MUONG = ("Bùi,Đinh,Quách,Hà", "Văn Thắng,Văn Tiến,Văn Đông,Văn Khải,Thị Dung,Thị Xuân,Thị Nhung")
THAI = ("Lò,Lường,Vi,Cầm,Quàng", "Văn Pọm,Văn Xôm,Văn Ún,Thị Piêng,Thị Ỏm,Văn Chum")
TAY = ("Hoàng,Nông,Lục,Ma,Lương", "Văn Thành,Văn Páo,Thị Slam,Văn Quý,Thị Bích")
NUNG = ("Lý,Nông,Hoàng,Lục", "Văn Sình,Văn Pắn,Thị Mỷ,Văn Lầu")
DAO = ("Triệu,Bàn,Lý,Đặng", "Văn Chàn,Văn Mẩy,Thị Mùi,Văn Quẩy")
XODANG = ("A Thăng,A Sang,A Pâu,Y Hơn,Y Duyên", None)
ETHNIC = [("Gia Rai", 35), ("Mường", 20), ("Thái", 15), ("Tày", 10), ("Nùng", 8), ("Dao", 5), ("Ba Na", 4),
          ("Xơ Đăng", 3)]


def person_name(rng, ethnicity):
    if ethnicity == "Kinh":
        given = rng.choice(FIRST_KINH_M + FIRST_KINH_F)
        return f"{rng.choice(SURNAMES_KINH)} {given}"
    if ethnicity == "Gia Rai":
        return f"{rng.choice(JRAI_CLANS)} {rng.choice(JRAI_M + JRAI_F)}"
    if ethnicity == "Ba Na":
        return rng.choice(BANA_M + BANA_F)
    if ethnicity == "Xơ Đăng":
        return rng.choice(XODANG[0].split(","))
    surnames, given = {"Mường": MUONG, "Thái": THAI, "Tày": TAY, "Nùng": NUNG, "Dao": DAO}[ethnicity]
    return f"{rng.choice(surnames.split(','))} {rng.choice(given.split(','))}"


def split(total, weights):
    """Largest-remainder split of an integer total in proportion to weights."""
    whole = sum(weights)
    exact = [Decimal(total) * w / whole for w in weights]
    parts = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def split_counts(district_counts, sizes):
    """The 12 district counts split between communes in proportion to their household numbers."""
    return [[split(c, sizes)[k] for c in district_counts] for k in range(len(sizes))]


def poor_commune_counts():
    sizes = [c[5] for c in COMMUNES]
    counts = split_counts(POOR_COUNTS, sizes)

    def short(cs):
        return sum(p - sum(c) // 3 for p, c in zip(sizes, cs))

    best = min(POOR_DISTRICT - sum(POOR_COUNTS) // 3, short(counts))
    # Move single flags between communes until the fewest households possible are left short (< 3 deprivations):
    # 300 − ⌊767 / 3⌋ = 45, i.e. the communes' remainders mod 3 add up to 2.
    while short(counts) > best:
        moved = False
        for i in range(12):
            for a in range(len(sizes)):
                for b in range(len(sizes)):
                    if a == b or counts[a][i] == 0:
                        continue
                    trial = [list(c) for c in counts]
                    trial[a][i] -= 1
                    trial[b][i] += 1
                    if short(trial) < short(counts) and all(
                            max(t) <= sum(t) // 3 for t in trial):
                        counts, moved = trial, True
                        break
                if moved:
                    break
            if moved:
                break
        assert moved
    assert short(counts) == 45
    return counts


def near_poor_commune_counts():
    sizes = [c[6] for c in COMMUNES]
    counts = split_counts(NEAR_POOR_COUNTS, sizes)
    for size, c in zip(sizes, counts):
        assert sum(c) <= 2 * size and max(c) <= size
    return counts


def flag_sets(counts, households, poor):
    """Deprivation flag sets of a commune's households reproducing its 12 counts. Poor: ⌊S/3⌋ households with
    exactly 3 deprivations, the S mod 3 left over one each to other households, the rest none (the fewest short
    households possible). Near-poor: round-robin, at most 2 each."""
    sequence = [i for i in range(12) for _ in range(counts[i])]
    total = len(sequence)
    sets = [set() for _ in range(households)]
    if poor:
        k = total // 3
        for p in range(3 * k):
            sets[p % k].add(sequence[p])
        for extra, p in enumerate(range(3 * k, total)):
            sets[k + extra].add(sequence[p])
        assert all(len(s) == 3 for s in sets[:k])
    else:
        assert total <= 2 * households
        for p in range(total):
            sets[p % households].add(sequence[p])
        assert all(len(s) <= 2 for s in sets)
    assert sum(len(s) for s in sets) == total  # no indicator twice in one household
    return sets


def make_households(rng, commune, index, poor_counts, near_counts):
    code, _, _, villages, _, poor, near, dtts_poor, dtts_near = commune
    result = {}
    for group, count, dtts, counts, is_poor in (("poor", poor, dtts_poor, poor_counts, True),
                                                 ("near", near, dtts_near, near_counts, False)):
        sets = flag_sets(counts, count, is_poor)
        rng.shuffle(sets)
        sizes = split(count, [rng.randint(8, 14) for _ in range(villages)])
        assert min(sizes) >= 1
        village_of = [v + 1 for v, n in enumerate(sizes) for _ in range(n)]
        dtts_flags = [1] * dtts + [0] * (count - dtts)
        rng.shuffle(dtts_flags)
        rows = []
        for h in range(count):
            ethnicity = (rng.choices([e for e, _ in ETHNIC], [w for _, w in ETHNIC])[0] if dtts_flags[h] else "Kinh")
            members = rng.choices(range(1, 10), [5, 12, 20, 25, 18, 10, 6, 3, 1])[0]
            low = 600_000 if is_poor else 800_000
            income = rng.randrange(low, RURAL_LINE + 1, 10_000)
            flags = [1 if i in sets[h] else 0 for i in range(12)]
            rows.append({"village": village_of[h], "name": person_name(rng, ethnicity), "members": members,
                         "ethnicity": ethnicity, "dtts": dtts_flags[h], "income": income, "flags": flags,
                         "class": "Hộ nghèo" if is_poor else "Hộ cận nghèo"})
        rows.sort(key=lambda r: r["village"])
        seq = {}
        for r in rows:
            seq[r["village"]] = seq.get(r["village"], 0) + 1
            # Household code: commune code, village, group (1 poor, 2 near-poor), number — unique in the commune.
            r["code"] = f"{code}{r['village']:02d}{1 if is_poor else 2}{seq[r['village']]:03d}"
        result[group] = rows
    return result


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Flows of reports 2 and 3 (invented, consistent)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def flows(rng, P, Pp, N, Np, poor_start=None):
    """One unit's flows: P, N end-of-period poor / near-poor households, Pp, Np their persons. Returns
    (bc02 households, bc02 persons, bc03 households, bc03 persons) as dicts of the mapping's keys."""
    for _ in range(1000):
        def persons(n):
            return 0 if n == 0 else max(n, round(n * rng.uniform(3.6, 4.8)))
        a = rng.randint(0, max(1, P // 10))  # near-poor → poor
        b = rng.randint(0, max(1, P // 12))  # tái nghèo
        c = rng.randint(0, max(2, P // 8))  # phát sinh mới
        dd = rng.randint(0, max(1, P // 15))  # tăng khác
        e = round(N * rng.uniform(0.30, 0.45))  # poor → near-poor
        j = rng.randint(0, max(1, N // 12))
        k = rng.randint(0, max(2, N // 8))
        l_ = rng.randint(0, max(1, N // 15))
        g = rng.randint(0, max(1, P // 15))
        h = round(N * rng.uniform(0.20, 0.40))
        i = rng.randint(0, max(1, N // 20))
        if a + b + c + dd > P or e + j + k + l_ > N:
            continue
        f = (poor_start - P - e - g + a + b + c + dd) if poor_start is not None else round(P * rng.uniform(0.2, 0.5))
        if f < 0:
            continue
        start = P - a - b - c - dd + e + f + g
        nstart = N + a + h + i - e - j - k - l_
        ap, bp, cp, dp, ep, fp, gp, hp, ip, jp, kp, lp = (persons(x) for x in (a, b, c, dd, e, f, g, h, i, j, k, l_))
        if ap + bp + cp + dp > Pp or ep + jp + kp + lp > Np:
            continue
        pstart = Pp - ap - bp - cp - dp + ep + fp + gp
        npstart = Np + ap + hp + ip - ep - jp - kp - lp
        bc02 = dict(start=start, dec_to_near_poor=e, dec_above_line=f, dec_other=g, inc_from_near_poor=a,
                    inc_fell_back=b, inc_new=c, inc_other=dd, end=P)
        bc02p = dict(start=pstart, dec_to_near_poor=ep, dec_above_line=fp, dec_other=gp, inc_from_near_poor=ap,
                     inc_fell_back=bp, inc_new=cp, inc_other=dp, end=Pp)
        bc03 = dict(start=nstart, dec_escaped=h, dec_to_poor=a, dec_other=i, inc_from_poor=e, inc_fell_back=j,
                    inc_new=k, inc_other=l_, end=N)
        bc03p = dict(start=npstart, dec_escaped=hp, dec_to_poor=ap, dec_other=ip, inc_from_poor=ep, inc_fell_back=jp,
                     inc_new=kp, inc_other=lp, end=Np)
        for x, y in ((bc02, "dec_to_near_poor,dec_above_line,dec_other"), (bc02p, "dec_to_near_poor,dec_above_line,dec_other"),
                     (bc03, "dec_escaped,dec_to_poor,dec_other"), (bc03p, "dec_escaped,dec_to_poor,dec_other")):
            assert sum(x[z] for z in y.split(",")) <= x["start"]
            assert x["start"] >= 0
        assert bc02p["start"] >= bc02["start"] and bc03p["start"] >= bc03["start"]
        return bc02, bc02p, bc03, bc03p
    raise AssertionError("no flows found")


def identity(row, form_id):
    if form_id == "tt07-bc02":
        return (row["start"] - row["dec_to_near_poor"] - row["dec_above_line"] - row["dec_other"]
                + row["inc_from_near_poor"] + row["inc_fell_back"] + row["inc_new"] + row["inc_other"])
    return (row["start"] - row["dec_escaped"] - row["dec_to_poor"] - row["dec_other"] + row["inc_from_poor"]
            + row["inc_fell_back"] + row["inc_new"] + row["inc_other"])


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Building the data of the three communes
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def build_data():
    rng = random.Random(20231231)
    poor_counts = poor_commune_counts()
    near_counts = near_poor_commune_counts()
    communes = []
    all_villages = []
    for index, commune in enumerate(COMMUNES):
        code, name, slug, nv, households, poor, near, dtts_poor, dtts_near = commune
        lists = make_households(rng, commune, index, poor_counts[index], near_counts[index])
        villages = []
        hh_split = split(households, [rng.randint(9, 13) for _ in range(nv)])
        for v in range(1, nv + 1):
            P = [h for h in lists["poor"] if h["village"] == v]
            N = [h for h in lists["near"] if h["village"] == v]
            H = hh_split[v - 1]
            middle = round(H * rng.uniform(0.04, 0.08))
            poor_p = sum(h["members"] for h in P)
            near_p = sum(h["members"] for h in N)
            others = H - len(P) - len(N)
            persons = poor_p + near_p + round(others * rng.uniform(3.8, 4.4))
            middle_p = round(middle * rng.uniform(3.8, 4.6))
            assert len(P) + len(N) + middle <= H and poor_p + near_p + middle_p <= persons
            villages.append({
                "id": f"{code}-{v}", "code": f"1.{v}", "name": f"Thôn {v}", "households": H, "persons": persons,
                "poor": len(P), "near": len(N), "middle": middle, "poor_p": poor_p, "near_p": near_p,
                "middle_p": middle_p,
                "poor_flags": [sum(h["flags"][i] for h in P) for i in range(12)],
                "near_flags": [sum(h["flags"][i] for h in N) for i in range(12)],
            })
        assert sum(v["households"] for v in villages) == households
        assert [sum(v["poor_flags"][i] for v in villages) for i in range(12)] == poor_counts[index]
        communes.append({"code": code, "name": name, "slug": slug, "villages": villages, "lists": lists,
                         "households": households})
        all_villages += villages
    # Flows 2023: poor at the start split over every village of the district (806 in all).
    starts = split(POOR_START_DISTRICT, [v["poor"] * Decimal(str(rng.uniform(2.3, 3.1))) for v in all_villages])
    for v, start in zip(all_villages, starts):
        v["bc02"], v["bc02p"], v["bc03"], v["bc03p"] = flows(rng, v["poor"], v["poor_p"], v["near"], v["near_p"],
                                                             poor_start=start)
        # 2022: ends at 2023's start.
        v["prev"] = flows(rng, v["bc02"]["start"], v["bc02p"]["start"], v["bc03"]["start"], v["bc03p"]["start"])
    # Every commune and the district add up to the plan.
    for i in range(12):
        assert sum(v["poor_flags"][i] for v in all_villages) == POOR_COUNTS[i]
        assert sum(v["near_flags"][i] for v in all_villages) == NEAR_POOR_COUNTS[i]
    assert sum(v["bc02"]["start"] for v in all_villages) == POOR_START_DISTRICT
    return communes


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Rows of each form for one commune (row 1 = the commune, 1.x = its villages)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def total_row_values(form_id, children, child_values, sum_keys, extra=None):
    """Row 1: SUM formulas over the village rows for the summed columns."""
    values = {}
    for key in sum_keys:
        total = sum(cv[key] for cv in child_values)
        values[key] = F(lambda ref, key=key: f"=SUM({ref(key, children[0])}:{ref(key, children[-1])})", total)
    values.update(extra or {})
    return values


def rate_formula(num, den, n_value, d_value):
    if d_value == 0:
        return None
    return F(lambda ref: f"=ROUND({ref(num[0], num[1])}/{ref(den[0], den[1])}*100,2)", rate(n_value, d_value))


def bc01_rows(c):
    rows, values = [], []
    for v in c["villages"]:
        val = {"households": v["households"], "persons": v["persons"], "poor": v["poor"], "near_poor": v["near"],
               "middle": v["middle"], "poor_persons": v["poor_p"], "near_poor_persons": v["near_p"],
               "middle_persons": v["middle_p"]}
        values.append(val)
        rows.append({"id": v["id"], "values": dict(code=v["code"], unit=v["name"], **val)})
    ids = [r["id"] for r in rows]
    keys = ["households", "persons", "poor", "near_poor", "middle", "poor_persons", "near_poor_persons",
            "middle_persons"]
    total = {k: sum(x[k] for x in values) for k in keys}
    top = {"id": "1", "bold": True,
           "values": dict(code="1", unit=c["name"], **total_row_values("tt07-bc01", ids, values, keys))}
    rows.insert(0, top)
    for r, val in zip(rows, [total] + values):
        rid = r["id"]
        for rk, num, den in (("poor_rate", "poor", "households"), ("near_poor_rate", "near_poor", "households"),
                             ("middle_rate", "middle", "households"), ("poor_persons_rate", "poor_persons", "persons"),
                             ("near_poor_persons_rate", "near_poor_persons", "persons"),
                             ("middle_persons_rate", "middle_persons", "persons")):
            r["values"][rk] = rate_formula((num, rid), (den, rid), val[num], val[den])
    return rows


FLOW_KEYS = {
    "tt07-bc02": ["start", "dec_to_near_poor", "dec_above_line", "dec_other", "inc_from_near_poor", "inc_fell_back",
                  "inc_new", "inc_other"],
    "tt07-bc03": ["start", "dec_escaped", "dec_to_poor", "dec_other", "inc_from_poor", "inc_fell_back", "inc_new",
                  "inc_other"],
}


def flow_formula(form_id, rid):
    k = FLOW_KEYS[form_id]
    return lambda ref: ("=" + ref(k[0], rid) + "".join(f"-{ref(x, rid)}" for x in k[1:4])
                        + "".join(f"+{ref(x, rid)}" for x in k[4:]))


def flow_rows(c, form_id, period="2023", unit_name=None):
    """Two rows per unit (Hộ, Nhân khẩu); row 1 sums the villages."""
    hh_key, p_key = ("bc02", "bc02p") if form_id == "tt07-bc02" else ("bc03", "bc03p")
    keys = FLOW_KEYS[form_id]
    rows, vals = [], {"hh": [], "p": []}
    for v in c["villages"]:
        if period == "2023":
            hh, pp = v[hh_key], v[p_key]
        else:
            prev = v["prev"]
            hh, pp = (prev[0], prev[1]) if form_id == "tt07-bc02" else (prev[2], prev[3])
        vals["hh"].append(hh)
        vals["p"].append(pp)
        for kind, data, label in (("hh", hh, "Hộ"), ("p", pp, "Nhân khẩu")):
            rid = f"{v['id']}-{kind}"
            values = {k: data[k] for k in keys}
            values["end"] = F(flow_formula(form_id, rid), data["end"])
            assert identity(data, form_id) == data["end"]
            values.update(code=v["code"] if kind == "hh" else None, unit=v["name"] if kind == "hh" else None,
                          group=label)
            rows.append({"id": rid, "values": values, "kind": kind})
    top = []
    for kind, label in (("hh", "Hộ"), ("p", "Nhân khẩu")):
        rid = f"1-{kind}"
        children = [r["id"] for r in rows if r["kind"] == kind]
        values = {}
        for key in keys + ["end"]:
            total = sum(x[key] for x in vals[kind])
            values[key] = F(lambda ref, key=key, children=children:
                            "=" + "+".join(ref(key, ch) for ch in children), total)
        values.update(code="1" if kind == "hh" else None, unit=unit_name or c["name"] if kind == "hh" else None,
                      group=label)
        top.append({"id": rid, "values": values, "bold": True})
    return top + rows


def deprivation_rows(c, flags_key, count_key):
    rows, values = [], []
    for v in c["villages"]:
        val = {"households": v[count_key], **{f"d{i + 1}": v[flags_key][i] for i in range(12)}}
        values.append(val)
        rows.append({"id": v["id"], "values": dict(code=v["code"], unit=v["name"], **val)})
    ids = [r["id"] for r in rows]
    keys = ["households"] + [f"d{i}" for i in range(1, 13)]
    total = {k: sum(x[k] for x in values) for k in keys}
    rows.insert(0, {"id": "1", "bold": True,
                    "values": dict(code="1", unit=c["name"], **total_row_values(None, ids, values, keys))})
    for r, val in zip(rows, [total] + values):
        rid = r["id"]
        s = sum(val[f"d{i}"] for i in range(1, 13))
        r["values"]["total_deprivations"] = F(
            lambda ref, rid=rid: f"=SUM({ref('d1', rid)}:{ref('d12', rid)})", s)
        r["total_value"] = s
        r["households_value"] = val["households"]
    return rows


def rate_rows(counts_sheet, count_rows):
    """Reports 5/7: households and the 12 rates as formulas of report 4/6 (same workbook)."""
    rows = []
    for cr in count_rows:
        rid = cr["id"]
        households = cr["households_value"]
        values = {"code": cr["values"]["code"], "unit": cr["values"]["unit"],
                  "households": F(lambda ref, rid=rid: "=" + counts_sheet.ref("households", rid, sheet=True),
                                  households)}
        for i in range(1, 13):
            v = cr["values"][f"d{i}"]
            count = v.value if isinstance(v, F) else v
            values[f"r{i}"] = None if households == 0 else F(
                lambda ref, rid=rid, i=i: f"=ROUND({counts_sheet.ref(f'd{i}', rid, sheet=True)}/"
                                          f"{counts_sheet.ref('households', rid, sheet=True)}*100,2)",
                rate(count, households))
        rows.append({"id": rid, "values": values, "bold": cr.get("bold", False)})
    return rows


def list_rows(c, group):
    rows = []
    for n, h in enumerate(c["lists"][group], 1):
        rid = h["code"]
        values = {"seq": n, "household_code": h["code"], "head_name": h["name"], "members": h["members"],
                  "village": f"Thôn {h['village']}", "ethnicity": h["ethnicity"], "dtts": h["dtts"],
                  "area": "Nông thôn", "income": h["income"], "class": h["class"]}
        for i in range(12):
            values[f"d{i + 1}"] = h["flags"][i]
        values["deprivations"] = F(lambda ref, rid=rid: f"=SUM({ref('d1', rid)}:{ref('d12', rid)})", sum(h["flags"]))
        rows.append({"id": rid, "values": values, "household": h})
    return rows


SHEET_NAMES = {"tt07-bc01": "Biểu 01", "tt07-bc02": "Biểu 02", "tt07-bc03": "Biểu 03", "tt07-bc04": "Biểu 04",
               "tt07-bc05": "Biểu 05", "tt07-bc06": "Biểu 06", "tt07-bc07": "Biểu 07",
               "tt07-ds-ngheo": "DS hộ nghèo", "tt07-ds-can-ngheo": "DS hộ cận nghèo"}
REVIEW_DATE = "ngày 15 tháng 12 năm 2023"


def commune_heading(c):
    return (f"UBND {DISTRICT[1].upper().replace('HUYỆN', 'HUYỆN')}", f"UBND {c['name'].upper()}")


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Expected findings (Samples/EXPECTED.md)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
EXPECTED = []


def expect(file, sheet, cell, rule, severity, expected, actual, why):
    EXPECTED.append((os.path.relpath(file, HERE), sheet, cell, rule, severity, expected, actual, why))


def vn(value):
    """A number the Vietnamese way: 1.234,5."""
    value = d(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, _, frac = f"{value:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Workbooks of the household review
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def write_commune_reports(c, path, forms=None, period="Năm 2023", mutate=None, legacy=None, nfd=False):
    forms = forms or ["tt07-bc01", "tt07-bc02", "tt07-bc03", "tt07-bc04", "tt07-bc05", "tt07-bc06", "tt07-bc07"]
    book = new_book(path, f"Kết quả rà soát hộ nghèo, hộ cận nghèo {c['name']} năm 2023")
    fmt = Formats(book)
    heading = commune_heading(c)
    common = dict(authority=heading, unit_line=c["name"], unit_code=c["code"], period=period,
                  place=c["name"].replace("Xã ", ""), legacy=legacy, nfd=nfd)
    sheets = {}
    for form_id in forms:
        if form_id == "tt07-bc01":
            rows = bc01_rows(c)
        elif form_id in ("tt07-bc02", "tt07-bc03"):
            rows = flow_rows(c, form_id, "2023" if period == "Năm 2023" else "2022")
        elif form_id == "tt07-bc04":
            rows = deprivation_rows(c, "poor_flags", "poor")
        elif form_id == "tt07-bc06":
            rows = deprivation_rows(c, "near_flags", "near")
        elif form_id in ("tt07-bc05", "tt07-bc07"):
            source = sheets["tt07-bc04" if form_id == "tt07-bc05" else "tt07-bc06"]
            rows = rate_rows(source, source.rows)
        if mutate:
            rows = mutate(form_id, rows) or rows
        sheets[form_id] = Sheet(book, fmt, SHEET_NAMES[form_id], form_id, rows=rows, **common)
    finish(book, list(sheets.values()), common["place"], REVIEW_DATE)
    return sheets


def write_commune_lists(c, path, groups=("poor", "near"), mutate=None):
    book = new_book(path, f"Danh sách hộ nghèo, hộ cận nghèo {c['name']} năm 2023")
    fmt = Formats(book)
    sheets = []
    for group in groups:
        form_id = "tt07-ds-ngheo" if group == "poor" else "tt07-ds-can-ngheo"
        rows = list_rows(c, group)
        if mutate:
            rows = mutate(form_id, rows) or rows
        sheets.append(Sheet(book, fmt, SHEET_NAMES[form_id], form_id, authority=commune_heading(c),
                            unit_line=c["name"], unit_code=c["code"], period="Năm 2023",
                            place=c["name"].replace("Xã ", ""), rows=rows))
    finish(book, sheets, c["name"], REVIEW_DATE)
    return sheets


def expected_commune_findings(c, reports_path, lists_path, sheets, list_sheets):
    bc04 = sheets["tt07-bc04"]
    for r in bc04.rows:
        if r["total_value"] < 3 * r["households_value"]:
            expect(reports_path, bc04.name, bc04.ref("total_deprivations", r["id"]),
                   "tt07-bc04/at-least-three-deprivations", "error",
                   f"≥ {vn(3 * r['households_value'])}", vn(r["total_value"]),
                   f"{r['values']['unit']}: {r['households_value']} hộ nghèo nhưng chỉ {r['total_value']} lượt thiếu hụt "
                   "(kế hoạch: 767 lượt cho 300 hộ < 900)")
    for sheet in list_sheets:
        if sheet.form_id != "tt07-ds-ngheo":
            continue
        for r in sheet.rows:
            h = r["household"]
            if sum(h["flags"]) < 3:
                expect(lists_path, sheet.name, sheet.ref("class", r["id"]), "tt07-ds-ngheo/household-class", "error",
                       "Hộ cận nghèo", "Hộ nghèo",
                       f"hộ {h['code']}: thu nhập {vn(h['income'])} đ ≤ 1.500.000 nhưng chỉ {sum(h['flags'])} chỉ số "
                       "thiếu hụt (< 3)")


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# District forms of Circular 10/2022 (real figures of the plan)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
LINE_ORDER = [l["key"] for l in form("tt10-nhu-cau-von")["lines"]]
LINES = {l["key"]: l for l in form("tt10-nhu-cau-von")["lines"]}

# 2025 needs, triệu đồng, as the plan states them: (total, nstw, nstw_dtpt, nstw_sn, nsdp, nsdp_dtpt, nsdp_sn, dtpt, sn)
NEEDS_2025 = {
    "total": (56770, 47845, 31799, 16056, 8926, 7321, 1605, 39120, 17651),
    "da1_tda1": (46447, 38460, 31799, 6661, 7987, 7321, 666, 39120, 7327),
    "da2": (4008, 3644, None, 3644, 364, None, 364, None, 4008),
    "da3_tda1": (1617, 1470, None, 1470, 147, None, 147, None, 1617),
    "da3_tda2": (664, 604, None, 604, 60, None, 60, None, 664),
    "da4_tda1": (1642, 1493, None, 1493, 149, None, 149, None, 1642),
    "da4_tda2": (547, 497, None, 497, d("49.7"), None, d("49.7"), None, 547),
    "da4_tda3": (361, 328, None, 328, d("32.8"), None, d("32.8"), None, 361),
    "da5": (726, 660, None, 660, 66, None, 66, None, 726),
    "da6_tda1": (0, 0, None, 0, 0, None, 0, None, 0),
    "da6_tda2": (139, 126, None, 126, 13, None, 13, None, 139),
    "da7_tda1": (424, 385, None, 385, 39, None, 39, None, 424),
    "da7_tda2": (196, 178, None, 178, 18, None, 18, None, 196),
}
NEED_KEYS = ["total", "nstw", "nstw_dtpt", "nstw_sn", "nsdp", "nsdp_dtpt", "nsdp_sn", "dtpt", "sn"]
NEED_NOTES = {
    "da1_tda1": "Kế hoạch nêu chung Dự án 1 (đối tượng: huyện nghèo), ghi vào Tiểu dự án 1",
    "da1_tda2": "Kế hoạch không nêu",
    "da6_tda1": "Không có nhu cầu vốn thực hiện",
}


def needs_rows(corrected=False, inserted=None):
    """Rows of tt10-nhu-cau-von, every figure typed as the plan states it (the plan is a text: a district officer
    transcribes its figures; a formula would silently replace its inconsistent totals by correct sums). Projects
    with sub-projects, which the plan does not total, are typed as the sums of their sub-projects.
    corrected=True: the plan's inconsistencies removed (NSTW SN total 16.046, total 56.771, 49,7 → 50 and
    32,8 → 33 as the plan itself rounds them) — the base of a broken sample that must show only its own error."""
    table = dict(NEEDS_2025)
    if corrected:
        table["total"] = (56771, 47845, 31799, 16046, 8926, 7321, 1605, 39120, 17651)
        table["da4_tda2"] = (547, 497, None, 497, 50, None, 50, None, 547)
        table["da4_tda3"] = (361, 328, None, 328, 33, None, 33, None, 361)
    values_of = {}
    rows = []
    for key in reversed(LINE_ORDER):  # sub-projects before their project
        line = LINES[key]
        if key in table:
            values_of[key] = dict(zip(NEED_KEYS, table[key]))
        elif not line.get("sum_of"):
            values_of[key] = dict.fromkeys(NEED_KEYS)
        else:
            values_of[key] = {}
            for column in NEED_KEYS:
                parts = [values_of[p][column] for p in line["sum_of"] if values_of[p][column] is not None]
                values_of[key][column] = sum(d(x) for x in parts) if parts else None
    for key in LINE_ORDER:
        line = LINES[key]
        values = {"code": line["code"], "item": line["label"], "note": NEED_NOTES.get(key), **values_of[key]}
        rows.append({"id": key, "values": values, "bold": line.get("level", 0) <= 1, "level": line.get("level", 0)})
        if inserted and key == inserted[0]:
            rows.append(inserted[1])
    return rows


# 2024: NSTW allocations per component (ĐTPT, SN), outputs, notes.
ALLOC_2024 = {
    "da1_tda1": (48844, 5898, 9, "công trình", "04 công trình đầu tư mới, 05 chuyển tiếp; duy tu bảo dưỡng từ vốn sự nghiệp"),
    "da1_tda2": (None, None, None, None, "Kế hoạch không nêu"),
    "da2": (None, 3632, 8, "mô hình", "08 mô hình giảm nghèo, dự án phát triển sản xuất"),
    "da3_tda1": (None, 1470, 3, "dự án", "Phòng NN&PTNT 28; các xã 1.442"),
    "da3_tda2": (None, 604, None, None, "Văn phòng HĐND-UBND huyện 604; đang triển khai"),
    "da4_tda1": (None, 1448, None, None, "Phòng NN&PTNT 1.120; Phòng LĐ-TBXH 328; 176 người đang hoàn thiện hồ sơ học nghề"),
    "da4_tda2": (None, 498, None, None, "Phòng LĐ-TBXH 498; chưa triển khai"),
    "da4_tda3": (None, 330, None, None, "Phòng LĐ-TBXH 34; 296 (kế hoạch không nêu đơn vị nhận)"),
    "da5": (None, 700, 7, "hộ", "04 hộ xây mới, 03 hộ sửa chữa; dự kiến cả năm 24 hộ"),
    "da6_tda1": (None, 0, None, None, "Năm 2024 không bố trí vốn"),
    "da6_tda2": (None, 131, None, None, "Phòng LĐ-TBXH 131"),
    "da7_tda1": (None, 352, None, None, "Phòng LĐ-TBXH 352; dự kiến 01 đoàn học tập kinh nghiệm"),
    "da7_tda2": (None, 211, None, None, "Phòng LĐ-TBXH 26; các xã 185; dự kiến kiểm tra 01 đợt (tháng 9)"),
}


def results_rows():
    """tt10-kq-von, 6 months of 2024, typed as the plan states it: NSTW allocations per component (real); the NSĐP
    counterpart, the disbursement and the plan's rates only on the total line (the plan gives no split by
    component); blank where the plan gives nothing. A component's total (column 1) is its NSTW allocation (its NSĐP
    share is not known)."""
    rows = []
    values_of = {}
    for key in reversed(LINE_ORDER):
        line = LINES[key]
        if key == "total":
            continue
        if not line.get("sum_of"):
            dtpt, sn, output, unit, note = ALLOC_2024[key]
            v = {"plan_nstw_dtpt": dtpt, "plan_nstw_sn": sn, "output": output, "output_unit": unit, "note": note}
        else:
            v = {}
            for column in ("plan_nstw_dtpt", "plan_nstw_sn"):
                known = [values_of[p][column] for p in line["sum_of"] if values_of[p][column] is not None]
                v[column] = sum(known) if known else None
        if v["plan_nstw_dtpt"] is not None or v["plan_nstw_sn"] is not None:
            v["plan_nstw"] = (v["plan_nstw_dtpt"] or 0) + (v["plan_nstw_sn"] or 0)
            v["plan_total"] = v["plan_nstw"]
        values_of[key] = v
    values_of["total"] = dict(
        plan_total=65118 + 3078, plan_nstw=65118, plan_nstw_dtpt=48844, plan_nstw_sn=15274, plan_nsdp=3078,
        plan_nsdp_dtpt=1760, plan_nsdp_sn=1318, paid_total=4498 + 22, paid_nstw=4498, paid_nstw_dtpt=4158,
        paid_nstw_sn=318, paid_nsdp=22, paid_nsdp_sn=22, rate_total=rate(4520, 68196), rate_nstw=d("6.90"),
        rate_nstw_dtpt=d("8.5"), rate_nstw_sn=d("2.08"), rate_nsdp=rate(22, 3078), rate_nsdp_sn=d("1.67"),
        note="Số của kế hoạch (phụ lục A.II), không chia theo dự án; cột 1, 8, 15, 19 tính từ các số đó")
    assert sum(values_of[k]["plan_nstw"] for k in ("da1", "da2", "da3", "da4", "da5", "da6", "da7")) == 64118
    for key in LINE_ORDER:
        line = LINES[key]
        values = {"code": line["code"], "item": line["label"], **values_of[key]}
        rows.append({"id": key, "values": values, "bold": line.get("level", 0) <= 1, "level": line.get("level", 0)})
    return rows


def chi_tieu_rows(communes):
    """tt10-chi-tieu for the district, typed (a transcription): row 1 carries the plan's figures and rates as stated;
    the communes (invented split) their counts and rates computed here."""
    rows, vals = [], []
    for c in communes:
        lists = c["lists"]
        val = {"households": c["households"], "poor": len(lists["poor"]), "near_poor": len(lists["near"]),
               "dtts_poor": sum(h["dtts"] for h in lists["poor"]), "dtts_near_poor": sum(h["dtts"] for h in lists["near"])}
        val.update(poor_rate=rate(val["poor"], val["households"]), dtts_poor_share=rate(val["dtts_poor"], val["poor"]),
                   near_poor_rate=rate(val["near_poor"], val["households"]),
                   dtts_near_poor_share=rate(val["dtts_near_poor"], val["near_poor"]))
        vals.append(val)
        rows.append({"id": c["code"], "values": dict(code=f"1.{len(rows) + 1}", unit=c["name"], **val,
                                                     note="Chia theo xã: giả định")})
    keys = ["households", "poor", "near_poor", "dtts_poor", "dtts_near_poor"]
    total = {k: sum(v[k] for v in vals) for k in keys}
    assert total == {"households": 3783, "poor": 300, "near_poor": 285, "dtts_poor": 241, "dtts_near_poor": 223}
    top = {"id": "1", "bold": True, "values": dict(
        code="1", unit=DISTRICT[1], **total,
        # As the plan states them (phụ lục, mục IV.1).
        poor_rate=d("7.93"), dtts_poor_share=d("80.33"), near_poor_rate=d("7.53"), dtts_near_poor_share=d("78.24"),
        poor_rate_reduction=d("13.38"), reduction_target=d("10.5"), reduction_achieved=d("127.42"),
        next_poor_rate=d("3.03"), next_near_poor_rate=d("6.95"),
        note="Số hộ nghèo, cận nghèo, DTTS, tỷ lệ, mức giảm, chỉ tiêu: số của kế hoạch; tổng số hộ 3.783: giả định")}
    return [top] + rows


def district_heading():
    return (f"UBND {PROVINCE[1].upper()}", f"UBND {DISTRICT[1].upper()}")


def write_district(path, form_id, rows, period, sheet_name, date_text):
    book = new_book(path, f"{form(form_id)['title']} — {DISTRICT[1]}")
    fmt = Formats(book)
    sheet = Sheet(book, fmt, sheet_name, form_id, authority=district_heading(), unit_line=DISTRICT[1],
                  unit_code=DISTRICT[0], period=period, place="Ia H'Drai", rows=rows)
    finish(book, [sheet], "Ia H'Drai", date_text)
    return sheet


def expected_funding(needs_path, needs, results_path, results, chi_path, chi):
    ref = needs.ref
    # tt10-nhu-cau-von, total line I: each stated total against its parts.
    parts_total = {column: sum(d(NEEDS_2025[k][NEED_KEYS.index(column)] or 0) for k in NEEDS_2025 if k != "total")
                   for column in NEED_KEYS}
    assert parts_total["total"] == 56771 and parts_total["nstw"] == 47845 and parts_total["nstw_sn"] == 16046
    assert parts_total["nsdp"] == d("8925.5") and parts_total["nsdp_sn"] == d("1604.5")
    assert parts_total["dtpt"] == 39120 and parts_total["sn"] == 17651
    assert parts_total["nstw_dtpt"] == 31799 and parts_total["nsdp_dtpt"] == 7321
    f = "tt10-nhu-cau-von"
    expect(needs_path, needs.name, ref("total", "total"), f"{f}/formula/total", "info", vn(47845 + 8926), vn(56770),
           "cột 1 = 2 + 5: 47.845 + 8.926 = 56.771, kế hoạch ghi 56.770: lệch 1 đơn vị cuối (làm tròn)")
    expect(needs_path, needs.name, ref("total", "total"), f"{f}/totals", "info", vn(56771), vn(56770),
           "tổng 7 dự án = 56.771; lệch 1 ≤ 7 × ½ = 3,5: làm tròn")
    expect(needs_path, needs.name, ref("nstw", "total"), f"{f}/formula/nstw", "error", vn(31799 + 16056), vn(47845),
           "cột 2 = 3 + 4: 31.799 + 16.056 = 47.855 ≠ 47.845 (47.845 đúng bằng tổng các dự án: lỗi ở 16.056)")
    expect(needs_path, needs.name, ref("nstw_sn", "total"), f"{f}/totals", "error", vn(16046), vn(16056),
           "vốn sự nghiệp NSTW: tổng các dự án 6.661 + 9.385 = 16.046, kế hoạch ghi 16.056 (lệch 10 > 3,5)")
    expect(needs_path, needs.name, ref("nsdp", "total"), f"{f}/totals", "info", vn(d("8925.5")), vn(8926),
           "NSĐP: tổng các dự án 8.925,5 (có 49,7 và 32,8); kế hoạch làm tròn 49,7 → 50, 32,8 → 33 nên ghi 8.926; "
           "lệch 0,5 ≤ 3,5: làm tròn")
    expect(needs_path, needs.name, ref("nsdp_sn", "total"), f"{f}/totals", "info", vn(d("1604.5")), vn(1605),
           "vốn sự nghiệp NSĐP: 666 + 938,5 = 1.604,5, kế hoạch ghi 1.605: làm tròn như trên")
    expect(needs_path, needs.name, ref("sn", "total"), f"{f}/formula/sn", "error", vn(16056 + 1605), vn(17651),
           "cột 9 = 4 + 7: 16.056 + 1.605 = 17.661 ≠ 17.651 (17.651 đúng bằng tổng các dự án: lỗi ở 16.056)")
    # tt10-kq-von: the real inconsistencies, the plan's rounding of rates, and the totals the plan does not split.
    ref = results.ref
    f = "tt10-kq-von"
    expect(results_path, results.name, ref("plan_nstw", "total"), f"{f}/formula/plan_nstw", "error", vn(64118),
           vn(65118), "NSTW giao 2024: ĐTPT 48.844 + SN 15.274 = 64.118, kế hoạch ghi 65.118 (lệch 1.000)")
    expect(results_path, results.name, ref("paid_nstw", "total"), f"{f}/formula/paid_nstw", "error", vn(4158 + 318),
           vn(4498), "giải ngân 6 tháng: ĐTPT 4.158 + SN 318 = 4.476, kế hoạch ghi 4.498 (lệch 22; kế hoạch còn ghi "
           "'(164/15.274)' cạnh 318: không biểu diễn được trong biểu)")
    expect(results_path, results.name, ref("rate_nstw", "total"), f"{f}/formula/rate_nstw", "info",
           vn(rate(4498, 65118)), "6,9", "4.498 / 65.118 × 100 = 6,9075 → 6,91; kế hoạch ghi 6,90 (cắt bớt)")
    expect(results_path, results.name, ref("rate_nstw_dtpt", "total"), f"{f}/formula/rate_nstw_dtpt", "error",
           vn(rate(4158, 48844)), "8,5", "4.158 / 48.844 × 100 = 8,5128 → 8,51; kế hoạch ghi 8,5 (làm tròn 1 chữ số), "
           "cột hiển thị 2 chữ số: 8,50 lệch 0,0128 > 1 đơn vị cuối (0,01)")
    top = results.rows[0]["values"]
    columns = [c for c in form(f)["columns"] if c["type"] == "money"]
    projects = [l["key"] for l in form(f)["lines"] if l.get("level") == 1]
    for column in columns:
        key = column["key"]
        written = top.get(key)
        parts = [results.rows[[r["id"] for r in results.rows].index(p)]["values"].get(key) for p in projects]
        total = sum(d(x) for x in parts if x is not None)
        if written is None or d(written) == total:
            continue
        why = ("tổng NSTW phân bổ cho các hợp phần = 64.118, kế hoạch ghi 65.118 (lỗi thật của kế hoạch)"
               if key == "plan_nstw" else
               "kế hoạch chỉ nêu số tổng, không chia theo hợp phần: các dòng hợp phần để trống (= 0), dòng tổng có số"
               + (" (cột 1 của mỗi hợp phần chỉ có NSTW; 68.196 = 65.118 + 3.078)" if key == "plan_total" else ""))
        expect(results_path, results.name, ref(key, "total"), f"{f}/totals", "error", vn(total), vn(written), why)
    # tt10-chi-tieu
    ref = chi.ref
    f = "tt10-chi-tieu"
    expect(chi_path, chi.name, ref("dtts_near_poor_share", "1"), f"{f}/formula/dtts_near_poor_share", "info",
           vn(rate(223, 285)), "78,24", "223 / 285 × 100 = 78,2456 → 78,25; kế hoạch ghi 78,24 (cắt bớt)")
    expect(chi_path, chi.name, ref("reduction_achieved", "1"), f"{f}/formula/reduction_achieved", "info",
           vn((d("13.38") / d("10.5") * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)), "127,42",
           "13,38 / 10,5 × 100 = 127,4286 → 127,43; kế hoạch ghi 127,42 (cắt bớt)")


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# The original sample (kept: README and tests use it)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
GROUPS = [
    ("I", "Hộ nghèo", 300, POOR_COUNTS),
    ("II", "Hộ cận nghèo", 285, NEAR_POOR_COUNTS),
]


def write_original_sample():
    """Samples/chi-so-thieu-hut-ia-hdrai-2023.xlsx exactly as before (both groups in one table, two sheets). It is
    not one of the mapped forms (poor and near-poor households share one table): validate names the closest."""
    path = os.path.join(HERE, "chi-so-thieu-hut-ia-hdrai-2023.xlsx")
    expect(path, "Biểu 04 số hộ", "D7", "structure/unknown-form", "warning", "—", "—",
           "không phải một biểu đã ánh xạ (hộ nghèo và cận nghèo chung một bảng); gần nhất tt07-bc04")
    expect(path, "Biểu 05 tỷ lệ", "A3", "structure/unknown-form", "warning", "—", "—",
           "như trên; gần nhất tt07-bc05")
    book = xlsxwriter.Workbook(path)
    book.set_properties({"title": "Chỉ số thiếu hụt hộ nghèo, hộ cận nghèo huyện Ia H'Drai cuối năm 2023",
                         "created": datetime.datetime(2024, 12, 11)})
    title = book.add_format({"bold": True, "align": "center", "font_name": "Times New Roman", "font_size": 13})
    plain = book.add_format({"font_name": "Times New Roman", "font_size": 12})
    italic = book.add_format({"italic": True, "font_name": "Times New Roman", "font_size": 12})
    header = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                              "font_name": "Times New Roman", "font_size": 11})
    cell = book.add_format({"border": 1, "font_name": "Times New Roman", "font_size": 12, "num_format": "#,##0"})
    label = book.add_format({"border": 1, "font_name": "Times New Roman", "font_size": 12})
    rate_format = book.add_format({"border": 1, "font_name": "Times New Roman", "font_size": 12, "num_format": "0.00"})
    date = book.add_format({"font_name": "Times New Roman", "font_size": 12, "num_format": "dd/mm/yyyy",
                            "align": "left"})
    for sheet_name, is_rate in (("Biểu 04 số hộ", False), ("Biểu 05 tỷ lệ", True)):
        sheet = book.add_worksheet(sheet_name)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 15, 10)
        sheet.write(0, 0, "UBND HUYỆN IA H'DRAI (mã 618, tỉnh Kon Tum mã 62)", plain)
        last = 15
        heading = ("TỶ LỆ THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN (%)" if is_rate
                   else "SỐ HỘ THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN")
        sheet.merge_range(2, 0, 2, last, heading + " ĐẾN CUỐI NĂM 2023", title)
        sheet.merge_range(3, 0, 3, last, "(Theo Quyết định số 264/QĐ-UBND ngày 11/12/2024 của UBND huyện)", italic)
        sheet.write(4, 0, "Ngày số liệu:", plain)
        sheet.write_datetime(4, 2, datetime.datetime(2023, 12, 31), date)
        sheet.write(4, 12, "Đơn vị tính: %" if is_rate else "Đơn vị tính: hộ", italic)
        columns = ["TT", "Nhóm hộ", "Số hộ", "Tổng số chỉ số thiếu hụt"] + INDICATORS
        for column, text in enumerate(columns):
            sheet.write(6, column, text, header)
            sheet.write(7, column, column + 1 if column >= 2 else ["A", "B"][column], header)
        sheet.set_row(6, 60)
        for offset, (code, name, households, counts) in enumerate(GROUPS):
            row = 8 + offset
            sheet.write(row, 0, code, label)
            sheet.write(row, 1, name, label)
            sheet.write_number(row, 2, households, cell)
            if not is_rate:
                for index, count in enumerate(counts):
                    sheet.write_number(row, 4 + index, count, cell)
                sheet.write_formula(row, 3, f"=SUM(E{row + 1}:P{row + 1})", cell, sum(counts))
            else:
                source = "'Biểu 04 số hộ'"
                total = round(sum(counts) / households * 100, 2)
                sheet.write_formula(row, 3, f"=ROUND({source}!D{row + 1}/{source}!C{row + 1}*100,2)", rate_format,
                                    total)
                for index, count in enumerate(counts):
                    column = 4 + index
                    letter = xl_col_to_name(column)
                    value = round(count / households * 100, 2)
                    sheet.write_formula(row, column,
                                        f"=ROUND({source}!{letter}{row + 1}/{source}!C{row + 1}*100,2)", rate_format,
                                        value)
        sheet.write(11, 1, "Người lập biểu", plain)
        sheet.write(11, 10, "Thủ trưởng đơn vị", plain)
    book.close()
    return path


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Broken samples: one error each (and one tricky file that must validate clean)
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def typed(rows):
    """The same rows with every formula replaced by its cached value (a sheet typed by hand)."""
    return [dict(r, values={k: (v.value if isinstance(v, F) else v) for k, v in r["values"].items()}) for r in rows]


def write_broken(communes):
    out = os.path.join(HERE, "broken")
    os.makedirs(out, exist_ok=True)
    dal, dom, toi = communes

    # 1. A wrong total: in Biểu 01 of Ia Đal, the SUM of column 7 (middle-living households) on row 1 stops one
    #    village short. Its rate (column 8) follows the wrong total, as Excel computes it.
    path = os.path.join(out, "01-tong-sai-23535-ia-dal-bieu01.xlsx")
    info = {}

    def wrong_total(form_id, rows):
        villages = [r for r in rows if r["id"] != "1"]
        top = rows[0]
        right = sum(r["values"]["middle"] for r in villages)
        short = right - villages[-1]["values"]["middle"]
        top["values"]["middle"] = F(lambda ref: f"=SUM({ref('middle', villages[0]['id'])}:{ref('middle', villages[-2]['id'])})",
                                    short)
        households = top["values"]["households"].value
        top["values"]["middle_rate"] = F(lambda ref: f"=ROUND({ref('middle', '1')}/{ref('households', '1')}*100,2)",
                                         rate(short, households))
        info.update(right=right, short=short)
    sheets = write_commune_reports(dal, path, forms=["tt07-bc01"], mutate=wrong_total)
    s = sheets["tt07-bc01"]
    expect(path, s.name, s.ref("middle", "1"), "tt07-bc01/totals", "error", vn(info["right"]), vn(info["short"]),
           "dòng 1 = tổng các thôn; công thức SUM bỏ sót thôn cuối")

    # 2. A rate that disagrees with its count: village 1.2 of Ia Đal divides by the households of village 1.3.
    path = os.path.join(out, "02-ty-le-lech-23535-ia-dal-bieu01.xlsx")

    def wrong_rate(form_id, rows):
        v2, v3 = rows[2], rows[3]
        value = rate(v2["values"]["poor"], v3["values"]["households"])
        info.update(right=rate(v2["values"]["poor"], v2["values"]["households"]), wrong=value)
        assert abs(info["right"] - value) > d("0.01")
        v2["values"]["poor_rate"] = F(lambda ref: f"=ROUND({ref('poor', v2['id'])}/{ref('households', v3['id'])}*100,2)",
                                      value)
        info["row"] = v2["id"]
    sheets = write_commune_reports(dal, path, forms=["tt07-bc01"], mutate=wrong_rate)
    s = sheets["tt07-bc01"]
    expect(path, s.name, s.ref("poor_rate", info["row"]), "tt07-bc01/formula/poor_rate", "error", vn(info["right"]),
           vn(info["wrong"]), "thôn 1.2: công thức chia cho số hộ của thôn 1.3")

    # 3. A rate above 100 %: Biểu 05 of Ia Dom typed by hand, village 1.2 column 7 (housing quality) 112,5.
    path = os.path.join(out, "03-ty-le-tren-100-23537-ia-dom-bieu05.xlsx")
    counts = deprivation_rows(dom, "poor_flags", "poor")
    rows = []
    for r in counts:
        h = r["households_value"]
        values = {"code": r["values"]["code"], "unit": r["values"]["unit"], "households": h}
        for i in range(1, 13):
            v = r["values"][f"d{i}"]
            values[f"r{i}"] = rate(v.value if isinstance(v, F) else v, h)
        rows.append({"id": r["id"], "values": values, "bold": r.get("bold", False)})
    rows[2]["values"]["r7"] = d("112.5")
    book = new_book(path, "Biểu 05 Ia Dom (mẫu lỗi)")
    sheet = Sheet(book, Formats(book), SHEET_NAMES["tt07-bc05"], "tt07-bc05", authority=commune_heading(dom),
                  unit_line=dom["name"], unit_code=dom["code"], period="Năm 2023", place="Ia Dom", rows=rows)
    finish(book, [sheet], "Ia Dom", REVIEW_DATE)
    expect(path, sheet.name, sheet.ref("r7", rows[2]["id"]), "tt07-bc05/range/r7", "error", "≤ 100", "112,5",
           "tỷ lệ phần trăm không vượt 100 %")

    # 4. A denominator of 0: Ia Dom adds a new village with no households yet; its poor-household rate shows 0
    #    (=IF(C=0,0,…)) where the rate must be blank. The other rates of that row are blank, as they should be.
    path = os.path.join(out, "04-mau-so-0-23537-ia-dom-bieu01.xlsx")
    zero = {"id": f"{dom['code']}-new", "code": f"1.{len(dom['villages']) + 1}", "name": "Thôn mới thành lập",
            "households": 0, "persons": 0, "poor": 0, "near": 0, "middle": 0, "poor_p": 0, "near_p": 0, "middle_p": 0}
    dom_plus = dict(dom, villages=dom["villages"] + [zero])

    def zero_rate(form_id, rows):
        row = next(r for r in rows if r["id"] == zero["id"])
        row["values"]["poor_rate"] = F(
            lambda ref: f"=IF({ref('households', zero['id'])}=0,0,ROUND({ref('poor', zero['id'])}/"
                        f"{ref('households', zero['id'])}*100,2))", 0)
    sheets = write_commune_reports(dom_plus, path, forms=["tt07-bc01"], mutate=zero_rate)
    s = sheets["tt07-bc01"]
    expect(path, s.name, s.ref("poor_rate", zero["id"]), "tt07-bc01/formula/poor_rate", "warning", "(trống)", "0",
           "số hộ bằng 0: tỷ lệ phải để trống, không ghi 0 (mục Tolerances của README: 0 là cảnh báo)")

    # 5. A flow identity broken by one household: Biểu 02 of Ia Tơi, typed by hand, commune row only; column 7
    #    (newly poor) counts one household more than column 9 reflects.
    path = os.path.join(out, "05-dien-bien-lech-1-ho-23538-ia-toi-bieu02.xlsx")
    rows = typed([r for r in flow_rows(toi, "tt07-bc02") if r["id"] in ("1-hh", "1-p")])
    rows[0]["values"]["inc_new"] += 1
    end = rows[0]["values"]["end"]
    book = new_book(path, "Biểu 02 Ia Tơi (mẫu lỗi)")
    sheet = Sheet(book, Formats(book), SHEET_NAMES["tt07-bc02"], "tt07-bc02", authority=commune_heading(toi),
                  unit_line=toi["name"], unit_code=toi["code"], period="Năm 2023", place="Ia Tơi", rows=rows)
    finish(book, [sheet], "Ia Tơi", REVIEW_DATE)
    expect(path, sheet.name, sheet.ref("end", "1-hh"), "tt07-bc02/formula/end", "error", vn(end + 1), vn(end),
           "dòng Hộ: 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 = cuối kỳ + 1 (cột 7 ghi thừa 1 hộ)")

    # 6. A household whose class contradicts its income and deprivations: Ia Đal's near-poor list, one household
    #    with 3 deprivations (income ≤ 1.500.000) still classed near-poor.
    path = os.path.join(out, "06-phan-loai-sai-23535-ia-dal-ds-can-ngheo.xlsx")

    def wrong_class(form_id, rows):
        row = next(r for r in rows if sum(r["household"]["flags"]) == 2)
        flags = list(row["household"]["flags"])
        flags[flags.index(0)] = 1
        for i in range(12):
            row["values"][f"d{i + 1}"] = flags[i]
        rid = row["id"]
        row["values"]["deprivations"] = F(lambda ref: f"=SUM({ref('d1', rid)}:{ref('d12', rid)})", 3)
        info.update(row=rid, income=row["household"]["income"])
    sheets = write_commune_lists(dal, path, groups=("near",), mutate=wrong_class)
    s = sheets[0]
    expect(path, s.name, s.ref("class", info["row"]), "tt07-ds-can-ngheo/household-class", "error", "Hộ nghèo",
           "Hộ cận nghèo", f"hộ {info['row']}: thu nhập {vn(info['income'])} đ ≤ 1.500.000 và 3 chỉ số thiếu hụt")

    # 7. A row inserted in the middle of a form: the 2025 funding needs (the plan's inconsistencies corrected, see
    #    needs_rows) with an extra line between Dự án 2 and Dự án 3.
    path = os.path.join(out, "07-dong-chen-giua-618-ia-hdrai-2025-nhu-cau-von.xlsx")
    extra = {"id": "extra", "values": {"code": "2.1", "item": "Trong đó: hỗ trợ mô hình khởi nghiệp (dòng thêm)",
                                       "total": 1000, "nstw": 910, "nstw_sn": 910, "nsdp": 90, "nsdp_sn": 90,
                                       "sn": 1000}, "level": 2}
    rows = needs_rows(corrected=True, inserted=("da2", extra))
    sheet = write_district(path, "tt10-nhu-cau-von", rows, "Năm 2025", "Nhu cầu vốn 2025",
                           "ngày      tháng 8 năm 2024")
    expect(path, sheet.name, sheet.ref("code", "extra"), "structure/unexpected-row", "warning", "—", "2.1",
           "dòng có mã 2.1 không thuộc biểu (dòng chèn giữa Dự án 2 và Dự án 3); các tổng không đổi")

    # 8. Legacy text: Biểu 01 of Ia Dom with its heading, title and labels in TCVN3 bytes (fonts .VnTime and
    #    .VnTimeH) and its unit names in NFD; its Unicode twin. Both must validate clean and read the same.
    twin = os.path.join(out, "08-unicode-23537-ia-dom-bieu01.xlsx")
    write_commune_reports(dom, twin, forms=["tt07-bc01"])
    legacy = os.path.join(out, "08-vntime-nfd-23537-ia-dom-bieu01.xlsx")
    write_commune_reports(dom, legacy, forms=["tt07-bc01"], legacy="tcvn3")


# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
# Main
# ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
def write_expected():
    lines = ["# Phát hiện mong đợi / Expected findings",
             "",
             "Sinh tự động bởi `Samples/make_samples.py` (đừng sửa tay) — generated, do not edit. Mỗi dòng: một phát hiện "
             "mà `bieumau validate` phải báo; ngoài các dòng này không được có phát hiện nào khác. Các tệp mẫu không "
             "có trong bảng phải kiểm tra sạch. Số viết kiểu Việt Nam.",
             "",
             "Validate the commune workbooks together with their lists (`bieumau validate Samples/23535-ia-dal-2023.xlsx "
             "Samples/23535-ia-dal-2023-danh-sach.xlsx --previous Samples/previous/23535-ia-dal-2022.xlsx`). "
             "Each line is one finding the validator must report; nothing else may be reported.",
             ""]
    current = None
    for file, sheet, cell, rule, severity, expected, actual, why in EXPECTED:
        if file != current:
            current = file
            count = sum(1 for e in EXPECTED if e[0] == file)
            lines += ["", f"## `Samples/{file}` ({count})", "",
                      "| trang tính / sheet | ô / cell | quy tắc / rule | mức / severity | mong đợi / expected | "
                      "ghi / actual | vì sao / why |", "|---|---|---|---|---|---|---|"]
        lines.append(f"| {sheet} | {cell} | `{rule}` | {severity} | {expected} | {actual} | {why} |")
    with open(os.path.join(HERE, "EXPECTED.md"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    communes = build_data()
    os.makedirs(os.path.join(HERE, "previous"), exist_ok=True)
    for c in communes:
        reports = os.path.join(HERE, f"{c['code']}-{c['slug']}-2023.xlsx")
        lists = os.path.join(HERE, f"{c['code']}-{c['slug']}-2023-danh-sach.xlsx")
        sheets = write_commune_reports(c, reports)
        list_sheets = write_commune_lists(c, lists)
        expected_commune_findings(c, reports, lists, sheets, list_sheets)
        previous = os.path.join(HERE, "previous", f"{c['code']}-{c['slug']}-2022.xlsx")
        write_commune_reports(c, previous, forms=["tt07-bc02", "tt07-bc03"], period="Năm 2022")
    needs_path = os.path.join(HERE, "618-ia-hdrai-2025-nhu-cau-von.xlsx")
    needs = write_district(needs_path, "tt10-nhu-cau-von", needs_rows(), "Năm 2025", "Nhu cầu vốn 2025",
                           "ngày      tháng 8 năm 2024")
    results_path = os.path.join(HERE, "618-ia-hdrai-2024-kq-von.xlsx")
    results = write_district(results_path, "tt10-kq-von", results_rows(), "6 tháng đầu năm 2024",
                             "Kết quả vốn 6 tháng 2024", "ngày      tháng 8 năm 2024")
    chi_path = os.path.join(HERE, "618-ia-hdrai-2023-chi-tieu.xlsx")
    chi = write_district(chi_path, "tt10-chi-tieu", chi_tieu_rows(communes), "Năm 2023", "Chỉ tiêu 2023",
                         "ngày      tháng 8 năm 2024")
    expected_funding(needs_path, needs, results_path, results, chi_path, chi)
    write_broken(communes)
    write_original_sample()
    write_expected()
    short = sum(1 for c in communes for h in c["lists"]["poor"] if sum(h["flags"]) < 3)
    print(f"{len(EXPECTED)} expected findings; {short} poor households with fewer than 3 deprivations")


if __name__ == "__main__":
    main()
