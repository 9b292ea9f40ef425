#!/usr/bin/env python3
"""Generate the benchmark workbooks (deterministic).

Writes two workbooks with identical content to Benchmarks/data/:

  bench-shared.xlsx  text cells reference the shared strings table (t="s")
  bench-inline.xlsx  text cells are inline strings (t="inlineStr"><is><t>...)

Content: one sheet "Danh sach ho", a header row + ROWS rows x 20 columns
(10 numeric, 10 Vietnamese text) modelled on a commune-level poverty-household
register (danh sách hộ nghèo / cận nghèo).  Every cell of the grid is filled, so
the sheet holds ROWS*20 + 20 cells.

Both packages are written by hand with zipfile (deflate, fixed timestamps), so
the bytes are identical from run to run.  (xlsxwriter's constant_memory mode is
not used on purpose: in that mode xlsxwriter writes inline strings, not a
shared strings table.)

Usage: python3 Benchmarks/generate.py [--rows 100000] [--seed 20240601]
                                      [--out Benchmarks/data] [--verify]
"""

import argparse
import hashlib
import os
import random
import sys
import time
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
NCOLS = 20
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

PROVINCES = {
    "Gia Lai": {
        "Huyện Ia Grai": ["Ia Đal", "Ia Dom", "Ia Krái", "Ia Tô", "Ia Chia", "Ia Hrung"],
        "Huyện Chư Păh": ["Ia Ka", "Hà Tây", "Đăk Tơ Ver", "Ia Mơ Nông", "Ia Ly"],
        "Huyện Kbang": ["Kông Lơng Khơng", "Sơn Lang", "Đăk Rong", "Krong", "Lơ Ku"],
        "Huyện Đức Cơ": ["Ia Dơk", "Ia Kla", "Ia Pnôn", "Ia Nan"],
    },
    "Kon Tum": {
        "Huyện Ia H'Drai": ["Ia Đal", "Ia Dom", "Ia Tơi"],
        "Huyện Sa Thầy": ["Mô Rai", "Rờ Kơi", "Sa Nhơn", "Ya Xiêr"],
        "Huyện Tu Mơ Rông": ["Đăk Tờ Kan", "Măng Ri", "Ngọk Lây", "Tê Xăng", "Văn Xuôi"],
        "Huyện Kon Plông": ["Hiếu", "Măng Bút", "Ngọk Tem", "Pờ Ê"],
    },
    "Đắk Lắk": {
        "Huyện Ea Súp": ["Ea Bung", "Ia Lốp", "Ia Rvê", "Cư M'Lan"],
        "Huyện Krông Bông": ["Cư Pui", "Yang Mao", "Hòa Phong", "Cư Drăm"],
        "Huyện Lắk": ["Buôn Tría", "Đắk Phơi", "Krông Nô", "Nam Ka"],
    },
    "Đắk Nông": {
        "Huyện Tuy Đức": ["Đắk Ngo", "Quảng Trực", "Đắk R'Tíh", "Quảng Tân"],
        "Huyện Đắk Glong": ["Quảng Hòa", "Đắk Som", "Đắk R'Măng"],
    },
}
VILLAGES = (
    [f"Thôn {i}" for i in range(1, 13)]
    + ["Làng Kon Klor", "Làng Tơ Vơ", "Plei Ơi", "Plei Đôn", "Buôn Trấp", "Buôn Đôn",
       "Làng Mới", "Tổ dân phố 3", "Bon Bu Prăng", "Bon Ja Ráh"]
)
ETHNIC = [  # (name, weight)
    ("Gia Rai", 34), ("Ba Na", 22), ("Kinh", 14), ("Xơ Đăng", 9), ("Ê Đê", 7),
    ("M'Nông", 4), ("Giẻ Triêng", 3), ("Mường", 2), ("Tày", 2), ("Nùng", 1),
    ("Thái", 1), ("H'Mông", 1),
]
CLASSES = [("Hộ nghèo", 55), ("Hộ cận nghèo", 35), ("Hộ mới thoát nghèo", 10)]
CAUSES = [
    "Thiếu vốn sản xuất", "Thiếu đất canh tác", "Thiếu lao động", "Có người ốm đau, bệnh nặng",
    "Không có kỹ năng lao động", "Thiếu phương tiện sản xuất", "Đông người ăn theo",
    "Gặp rủi ro thiên tai", "Không biết cách làm ăn",
]
POLICIES = [
    "Vay vốn ưu đãi NHCSXH", "Hỗ trợ nhà ở", "Hỗ trợ sinh kế", "Bảo hiểm y tế",
    "Hỗ trợ giáo dục", "Hỗ trợ tiền điện", "Hỗ trợ giống cây trồng", "Hỗ trợ bò giống",
    "Đào tạo nghề", "Chưa được hỗ trợ",
]
SURNAMES_KINH = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                 "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_KINH = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu",
               "Hồng", "Kim", "Đình", "Công"]
GIVEN_KINH = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa",
              "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
              "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Trung",
              "Tuấn", "Tùng", "Uyên", "Việt", "Xuân", "Yến", "Đạt", "Ánh", "Ơn", "Ưng"]
SURNAMES_HIGHLAND = ["Rơ Mah", "Siu", "Ksor", "Rahlan", "Nay", "Kpă", "Rơ Châm", "Puih",
                     "Đinh", "A", "Y", "H'", "Rmah", "Kpuih", "Bơ Nong", "Ê Ban", "Niê", "Mlô",
                     "Byă", "Êban"]
MIDDLE_HIGHLAND = ["", "Thị", "Văn", "H'", "Y", "A"]
GIVEN_HIGHLAND = ["Hlen", "Blơi", "Thuân", "Bia", "Hyưk", "Jư", "Krông", "Blứp", "Nhă", "Djeh",
                  "Hơn", "Lưk", "Phai", "Rin", "Tlam", "Yơn", "Hnao", "Bŭt", "Ngă", "Djuê",
                  "Ban", "Đeo", "Khuê", "Mlang", "Glun", "Pơng", "Sul", "Tơng", "Wơ", "Hiu",
                  "Kher", "Nhông", "Bơr", "Dơk", "Ju", "Lơi", "Mrơng", "Piu", "Thơm", "Yung"]
NOTE_HEAD = [
    "Đã được hỗ trợ {n} con bò giống năm {y}",
    "Nhà tạm, dột nát; đề nghị hỗ trợ làm nhà mới",
    "Chủ hộ đau ốm thường xuyên, con đang đi học",
    "Vay {m} triệu đồng trồng cà phê, chưa trả được",
    "Có {n} lao động đi làm thuê theo mùa vụ",
    "Hộ đơn thân, nuôi {n} con nhỏ",
    "Thiếu nước sinh hoạt vào mùa khô",
    "Đất sản xuất {a} ha, canh tác lúa rẫy",
    "Được cấp thẻ BHYT năm {y}",
    "Đề nghị đưa ra khỏi danh sách \"hộ nghèo\" năm {y}",
]
NOTE_TAIL = [
    "", "", "", "; cần thêm vốn sản xuất", "; đã xác minh tại thôn", ", theo biên bản họp thôn",
    "; chưa có nhà vệ sinh hợp vệ sinh", "; con em bỏ học", "; gia đình có người khuyết tật",
    " (cán bộ phụ trách: A Thuân)",
]


def weighted(rng, pairs):
    names = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(names, weights)[0]


HEADER = [
    "STT", "Tỉnh", "Huyện", "Xã", "Thôn, làng", "Họ và tên chủ hộ", "Dân tộc",
    "Số nhân khẩu", "Phân loại hộ", "Năm rà soát", "Thu nhập BQ (triệu đồng/người/năm)",
    "Điểm thiếu hụt", "Tỷ lệ hộ nghèo của xã (%)", "Số hộ nghèo của xã",
    "Nguyên nhân nghèo", "Chính sách đã hưởng", "Kinh phí hỗ trợ (triệu đồng)",
    "Vốn vay còn nợ (đồng)", "Tỷ lệ cận nghèo của xã (%)", "Ghi chú",
]
# Column kinds: "n" numeric, "s" text.  Styles: 0 general, 1 "0.0", 2 "0.00", 3 "#,##0"
KINDS = ["n", "s", "s", "s", "s", "s", "s", "n", "s", "n",
         "n", "n", "n", "n", "s", "s", "n", "n", "n", "s"]
STYLES = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          1, 0, 2, 3, 0, 0, 1, 3, 2, 0]
assert len(HEADER) == len(KINDS) == len(STYLES) == NCOLS
assert KINDS.count("n") == 10 and KINDS.count("s") == 10


def make_rows(n_rows, seed):
    """Yield lists of 20 values (int/float for numbers, str for text)."""
    rng = random.Random(seed)
    prov_names = list(PROVINCES)
    prov_weights = [45, 30, 15, 10]
    # Per-commune statistics: the same commune carries the same rates/counts.
    commune_stats = {}
    for p in prov_names:
        for d, communes in PROVINCES[p].items():
            for c in communes:
                commune_stats[(p, d, c)] = (
                    round(rng.uniform(8, 62), 2),   # tỷ lệ hộ nghèo (%)
                    rng.randint(120, 5000),          # số hộ nghèo của xã
                    round(rng.uniform(3, 25), 2),    # tỷ lệ cận nghèo (%)
                )
    for i in range(1, n_rows + 1):
        p = rng.choices(prov_names, prov_weights)[0]
        d = rng.choice(list(PROVINCES[p]))
        c = rng.choice(PROVINCES[p][d])
        village = rng.choice(VILLAGES)
        ethnic = weighted(rng, ETHNIC)
        if ethnic in ("Kinh", "Mường", "Tày", "Nùng", "Thái"):
            name = f"{rng.choice(SURNAMES_KINH)} {rng.choice(MIDDLE_KINH)} {rng.choice(GIVEN_KINH)}"
            if rng.random() < 0.6:
                name = f"{name.rsplit(' ', 1)[0]} {rng.choice(GIVEN_KINH)} {rng.choice(GIVEN_KINH)}"
        else:
            mid = rng.choice(MIDDLE_HIGHLAND)
            sur = rng.choice(SURNAMES_HIGHLAND)
            name = " ".join(x for x in (sur, mid, rng.choice(GIVEN_HIGHLAND), rng.choice(GIVEN_HIGHLAND)) if x)
            name = name.replace("H' ", "H'")
        cls = weighted(rng, CLASSES)
        members = rng.choices(range(1, 13), [4, 10, 16, 20, 17, 12, 8, 5, 3, 2, 2, 1])[0]
        year = rng.randint(2019, 2024)
        income = round(rng.uniform(6.0, 58.0), 1)           # triệu đồng/người/năm, e.g. 49.7
        score = rng.randint(0, 100)
        rate_poor, n_poor, rate_near = commune_stats[(p, d, c)]
        cause = rng.choice(CAUSES)
        policy = rng.choice(POLICIES)
        support = round(rng.choice([0, 0, 1.5, 3, 5, 7.5, 10, 20, 40]) + rng.randint(0, 99) / 10, 1)
        loan = 0 if rng.random() < 0.3 else rng.randint(5, 100) * 1_000_000 + rng.choice([0, 500_000])
        if rng.random() < 0.02:
            loan = rng.randint(100, 900) * 1_000_000        # occasional large loan
        note = rng.choice(NOTE_HEAD).format(
            n=rng.randint(1, 5), y=rng.randint(2016, 2024), m=rng.choice([10, 20, 30, 50, 100]),
            a=round(rng.uniform(0.2, 3.0), 1)) + rng.choice(NOTE_TAIL)
        yield [i, p, d, f"Xã {c}", village, name, ethnic, members, cls, year,
               income, score, rate_poor, n_poor, cause, policy, support, loan, rate_near, note]


# --------------------------------------------------------------------------
# XML parts
# --------------------------------------------------------------------------

def col_letters(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


COLS = [col_letters(i + 1) for i in range(NCOLS)]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def content_types(shared):
    sst = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
           'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>') if shared else ""
    return (XML_DECL +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + sst + '</Types>')


ROOT_RELS = (XML_DECL +
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')

WORKBOOK = (XML_DECL +
            f'<workbook {NS} {NS_R}><workbookPr/><bookViews><workbookView/></bookViews>'
            '<sheets><sheet name="Danh sach ho" sheetId="1" r:id="rId1"/></sheets></workbook>')


def workbook_rels(shared):
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    s = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{base}worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{base}styles" Target="styles.xml"/>')
    if shared:
        s += f'<Relationship Id="rId3" Type="{base}sharedStrings" Target="sharedStrings.xml"/>'
    return s + '</Relationships>'


STYLES_XML = (XML_DECL +
              f'<styleSheet {NS}>'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
              '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
              '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="5">'
              '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
              '</cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              '</styleSheet>')


def text_xml(s):
    t = escape(s)
    if s != s.strip():
        return f'<t xml:space="preserve">{t}</t>'
    return f"<t>{t}</t>"


def num_text(v):
    return str(v) if isinstance(v, int) else repr(v)


class SST:
    def __init__(self):
        self.index = {}
        self.order = []
        self.count = 0

    def get(self, s):
        self.count += 1
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.order)
            self.order.append(s)
        return i

    def xml_chunks(self):
        yield (XML_DECL + f'<sst {NS} count="{self.count}" uniqueCount="{len(self.order)}">')
        buf = []
        for s in self.order:
            buf.append(f"<si>{text_xml(s)}</si>")
            if len(buf) >= 4096:
                yield "".join(buf)
                buf = []
        yield "".join(buf) + "</sst>"


def sheet_chunks(rows, n_rows, sst):
    """Yield the worksheet XML in chunks.  sst=None -> inline strings."""
    last = f"{COLS[-1]}{n_rows + 1}"
    yield (XML_DECL + f'<worksheet {NS} {NS_R}><dimension ref="A1:{last}"/>'
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           '<sheetFormatPr defaultRowHeight="15"/><sheetData>')
    spans = f' spans="1:{NCOLS}"'

    def text_cell(ref, s, style=0):
        st = f' s="{style}"' if style else ""
        if sst is not None:
            return f'<c r="{ref}"{st} t="s"><v>{sst.get(s)}</v></c>'
        return f'<c r="{ref}"{st} t="inlineStr"><is>{text_xml(s)}</is></c>'

    buf = [f'<row r="1"{spans}>' + "".join(text_cell(f"{COLS[j]}1", h, 4) for j, h in enumerate(HEADER)) + "</row>"]
    r = 1
    for row in rows:
        r += 1
        parts = [f'<row r="{r}"{spans}>']
        for j, v in enumerate(row):
            ref = f"{COLS[j]}{r}"
            if KINDS[j] == "s":
                parts.append(text_cell(ref, v))
            else:
                st = STYLES[j]
                parts.append(f'<c r="{ref}" s="{st}"><v>{num_text(v)}</v></c>' if st
                             else f'<c r="{ref}"><v>{num_text(v)}</v></c>')
        parts.append("</row>")
        buf.append("".join(parts))
        if len(buf) >= 2000:
            yield "".join(buf)
            buf = []
    buf.append('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
               'header="0.3" footer="0.3"/></worksheet>')
    yield "".join(buf)


def zinfo(name):
    zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o600 << 16
    return zi


def write_part(zf, name, chunks):
    if isinstance(chunks, str):
        chunks = [chunks]
    with zf.open(zinfo(name), "w", force_zip64=False) as f:
        for c in chunks:
            f.write(c.encode("utf-8"))


def write_workbook(path, n_rows, seed, shared):
    tmp = path + ".tmp"
    sst = SST() if shared else None
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        write_part(zf, "[Content_Types].xml", content_types(shared))
        write_part(zf, "_rels/.rels", ROOT_RELS)
        write_part(zf, "xl/workbook.xml", WORKBOOK)
        write_part(zf, "xl/_rels/workbook.xml.rels", workbook_rels(shared))
        write_part(zf, "xl/styles.xml", STYLES_XML)
        # The worksheet must be written before the shared strings (the table is
        # filled while the sheet is generated); part order in the zip is free.
        write_part(zf, "xl/worksheets/sheet1.xml", sheet_chunks(make_rows(n_rows, seed), n_rows, sst))
        if shared:
            write_part(zf, "xl/sharedStrings.xml", sst.xml_chunks())
    os.replace(tmp, path)
    return sst


def verify(path, n_rows):
    """Open with python-calamine (full) and openpyxl (read-only, first rows)."""
    import python_calamine
    wb = python_calamine.CalamineWorkbook.from_path(path)
    sh = wb.get_sheet_by_index(0)
    n = cells = 0
    first = None
    for row in sh.iter_rows():
        if first is None:
            first = row
        n += 1
        cells += sum(1 for v in row if v != "")
    assert n == n_rows + 1, (n, n_rows + 1)
    assert cells == (n_rows + 1) * NCOLS, cells
    assert list(first) == HEADER, first
    import openpyxl
    owb = openpyxl.load_workbook(path, read_only=True)
    ws = owb.worksheets[0]
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(row)
        if len(rows) == 3:
            break
    owb.close()
    assert list(rows[0]) == HEADER
    assert len(rows[1]) == NCOLS and rows[1][0] == 1
    return f"calamine: {n} rows, {cells} cells; openpyxl: header + {rows[1][:3]}..."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    ap.add_argument("--variants", default="shared,inline")
    ap.add_argument("--verify", action="store_true", help="reopen with python-calamine and openpyxl")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for variant in args.variants.split(","):
        shared = {"shared": True, "inline": False}[variant]
        path = os.path.join(args.out, f"bench-{variant}.xlsx")
        t0 = time.perf_counter()
        sst = write_workbook(path, args.rows, args.seed, shared)
        dt = time.perf_counter() - t0
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        with zipfile.ZipFile(path) as z:
            sheet = z.getinfo("xl/worksheets/sheet1.xml")
            extra = f"sheet1.xml {sheet.file_size / 1e6:.1f} MB -> {sheet.compress_size / 1e6:.1f} MB"
            if shared:
                si = z.getinfo("xl/sharedStrings.xml")
                extra += (f", sharedStrings.xml {si.file_size / 1e6:.1f} MB "
                          f"({len(sst.order)} unique of {sst.count})")
        print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB, {args.rows + 1} rows x {NCOLS} cols, "
              f"{extra}, sha256 {digest}, {dt:.1f}s", flush=True)
        if args.verify:
            print("  verify:", verify(path, args.rows), flush=True)


if __name__ == "__main__":
    sys.exit(main())
