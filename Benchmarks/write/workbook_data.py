"""The writing benchmark's workbook, defined once (reference implementation).

The same rows are generated, value for value, by three programs:

  Benchmarks/write/xlsxwriter_py.py   (this module)
  Benchmarks/write/xlsxwriter_c.c     (C, libxlsxwriter)
  Benchmarks/WriteBench/main.swift    (Swift, our XLSXWriter)

Every program has a `check` mode printing `crc32 cells strings string_bytes`
over the canonical byte stream below; write_run.py requires the three to agree
before measuring, and after each first write reads the file back with
python-calamine and requires the same four figures.

Definition
----------
PRNG: xorshift64*, state seeded with SEED (never 0):

    s ^= s >> 12;  s ^= s << 25 (mod 2^64);  s ^= s >> 27
    out = s * 0x2545F4914F6CDD1D (mod 2^64)
    below(n)  = (out >> 32) % n
    pick(L)   = L[below(len(L))]
    weighted(W) = the first i with below(sum W) < W[0] + ... + W[i]

First, per commune in list order (province, district, commune):
    rate_poor = (800 + below(5401)) / 100     (8.00 .. 62.00)
    n_poor    = 120 + below(4881)
    rate_near = (300 + below(2201)) / 100     (3.00 .. 25.00)

Then for row i = 1 .. ROWS, the draws in exactly this order:
    p = weighted(PROVINCE_WEIGHTS); d = below(len districts of p); c = below(len communes of d)
    village = pick(VILLAGES); e = weighted(ETHNIC_WEIGHTS)
    name: e in KINH_LIKE: sur = pick(SUR_K); mid = pick(MID_K); g1 = pick(GIVEN_K)
                           name = sur + " " + mid + " " + g1
                           if below(10) < 6: name += " " + pick(GIVEN_K)
          otherwise:      sur = pick(SUR_H); mid = pick(MID_H); g1 = pick(GIVEN_H); g2 = pick(GIVEN_H)
                           name = sur + " " + (mid + " " if mid else "") + g1 + " " + g2
    cls = weighted(CLASS_WEIGHTS); members = 1 + weighted(MEMBER_WEIGHTS); year = 2019 + below(6)
    income = (60 + below(521)) / 10; score = below(101)
    cause = pick(CAUSES); policy = pick(POLICIES)
    support = (SUPPORT_BASE[below(9)] + below(100)) / 10
    loan = 0 if below(10) < 3 else (5 + below(96)) * 1e6 + 500000 * below(2)
    if below(50) == 0: loan = (100 + below(801)) * 1e6
    note: h = below(len NOTES); (before, kind, after) = NOTES[h]
          kind "y": v = decimal(2016 + below(9)); "n": decimal(1 + below(5));
          "m": decimal(LOAN_SIZES[below(5)]); "a": k = 2 + below(29), v = f"{k // 10}.{k % 10}"; "": v = ""
          note = before + v + after + pick(NOTE_TAIL)

Row: [i, province, district, commune, village, name, ethnic, members, cls, year, income, score,
      rate_poor, n_poor, cause, policy, support, loan, rate_near, note]
(numbers are IEEE doubles; a header row of 20 strings comes first).

Styles: header cells bold; columns 10 and 16 `0.0`, 12 and 18 `0.00`, 13 and 17 `#,##0`; others General.

Canonical byte stream for the checksum: per cell in row-major order, a string as its UTF-8 bytes followed
by 0x00, a number as the 8 little-endian bytes of its double followed by 0x01.  crc32 is zlib's.
"""

import struct
import zlib

SEED = 20240601
NCOLS = 20
SHEET_NAME = "Danh sách hộ"
MASK = (1 << 64) - 1
MULT = 0x2545F4914F6CDD1D

# (province, weight, [(district, [communes])])
PROVINCES = [
    ("Gia Lai", 45, [
        ("Huyện Ia Grai", ["Xã Ia Đal", "Xã Ia Dom", "Xã Ia Krái", "Xã Ia Tô", "Xã Ia Chia", "Xã Ia Hrung"]),
        ("Huyện Chư Păh", ["Xã Ia Ka", "Xã Hà Tây", "Xã Đăk Tơ Ver", "Xã Ia Mơ Nông", "Xã Ia Ly"]),
        ("Huyện Kbang", ["Xã Kông Lơng Khơng", "Xã Sơn Lang", "Xã Đăk Rong", "Xã Krong", "Xã Lơ Ku"]),
        ("Huyện Đức Cơ", ["Xã Ia Dơk", "Xã Ia Kla", "Xã Ia Pnôn", "Xã Ia Nan"]),
    ]),
    ("Kon Tum", 30, [
        ("Huyện Ia H'Drai", ["Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi"]),
        ("Huyện Sa Thầy", ["Xã Mô Rai", "Xã Rờ Kơi", "Xã Sa Nhơn", "Xã Ya Xiêr"]),
        ("Huyện Tu Mơ Rông", ["Xã Đăk Tờ Kan", "Xã Măng Ri", "Xã Ngọk Lây", "Xã Tê Xăng", "Xã Văn Xuôi"]),
        ("Huyện Kon Plông", ["Xã Hiếu", "Xã Măng Bút", "Xã Ngọk Tem", "Xã Pờ Ê"]),
    ]),
    ("Đắk Lắk", 15, [
        ("Huyện Ea Súp", ["Xã Ea Bung", "Xã Ia Lốp", "Xã Ia Rvê", "Xã Cư M'Lan"]),
        ("Huyện Krông Bông", ["Xã Cư Pui", "Xã Yang Mao", "Xã Hòa Phong", "Xã Cư Drăm"]),
        ("Huyện Lắk", ["Xã Buôn Tría", "Xã Đắk Phơi", "Xã Krông Nô", "Xã Nam Ka"]),
    ]),
    ("Đắk Nông", 10, [
        ("Huyện Tuy Đức", ["Xã Đắk Ngo", "Xã Quảng Trực", "Xã Đắk R'Tíh", "Xã Quảng Tân"]),
        ("Huyện Đắk Glong", ["Xã Quảng Hòa", "Xã Đắk Som", "Xã Đắk R'Măng"]),
    ]),
]
VILLAGES = [
    "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8", "Thôn 9", "Thôn 10",
    "Thôn 11", "Thôn 12", "Làng Kon Klor", "Làng Tơ Vơ", "Plei Ơi", "Plei Đôn", "Buôn Trấp", "Buôn Đôn",
    "Làng Mới", "Tổ dân phố 3", "Bon Bu Prăng", "Bon Ja Ráh",
]
ETHNIC = ["Gia Rai", "Ba Na", "Kinh", "Xơ Đăng", "Ê Đê", "M'Nông", "Giẻ Triêng", "Mường", "Tày", "Nùng",
          "Thái", "H'Mông"]
ETHNIC_WEIGHTS = [34, 22, 14, 9, 7, 4, 3, 2, 2, 1, 1, 1]
KINH_LIKE = [2, 7, 8, 9, 10]  # indices into ETHNIC: Kinh, Mường, Tày, Nùng, Thái
CLASSES = ["Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo"]
CLASS_WEIGHTS = [55, 35, 10]
MEMBER_WEIGHTS = [4, 10, 16, 20, 17, 12, 8, 5, 3, 2, 2, 1]
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
SUR_K = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
         "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MID_K = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu",
         "Hồng", "Kim", "Đình", "Công"]
GIVEN_K = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa",
           "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
           "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Trung",
           "Tuấn", "Tùng", "Uyên", "Việt", "Xuân", "Yến", "Đạt", "Ánh", "Ơn", "Ưng"]
SUR_H = ["Rơ Mah", "Siu", "Ksor", "Rahlan", "Nay", "Kpă", "Rơ Châm", "Puih",
         "Đinh", "A", "Y", "H'Hen", "Rmah", "Kpuih", "Bơ Nong", "Ê Ban", "Niê", "Mlô",
         "Byă", "Êban"]
MID_H = ["", "Thị", "Văn", "H'", "Y", "A"]
GIVEN_H = ["Hlen", "Blơi", "Thuân", "Bia", "Hyưk", "Jư", "Krông", "Blứp", "Nhă", "Djeh",
           "Hơn", "Lưk", "Phai", "Rin", "Tlam", "Yơn", "Hnao", "Bŭt", "Ngă", "Djuê",
           "Ban", "Đeo", "Khuê", "Mlang", "Glun", "Pơng", "Sul", "Tơng", "Wơ", "Hiu",
           "Kher", "Nhông", "Bơr", "Dơk", "Ju", "Lơi", "Mrơng", "Piu", "Thơm", "Yung"]
SUPPORT_BASE = [0, 0, 15, 30, 50, 75, 100, 200, 400]
LOAN_SIZES = [10, 20, 30, 50, 100]
NOTES = [  # (before, kind, after)
    ("Đã được hỗ trợ bò giống năm ", "y", ""),
    ("Nhà tạm, dột nát; đề nghị hỗ trợ làm nhà mới", "", ""),
    ("Chủ hộ đau ốm thường xuyên, con đang đi học", "", ""),
    ("Vay ", "m", " triệu đồng trồng cà phê, chưa trả được"),
    ("Có ", "n", " lao động đi làm thuê theo mùa vụ"),
    ("Hộ đơn thân, nuôi ", "n", " con nhỏ"),
    ("Thiếu nước sinh hoạt vào mùa khô", "", ""),
    ("Đất sản xuất ", "a", " ha, canh tác lúa rẫy"),
    ("Được cấp thẻ BHYT năm ", "y", ""),
    ("Đề nghị đưa ra khỏi danh sách \"hộ nghèo\" năm ", "y", ""),
]
NOTE_TAIL = [
    "", "", "", "; cần thêm vốn sản xuất", "; đã xác minh tại thôn", ", theo biên bản họp thôn",
    "; chưa có nhà vệ sinh hợp vệ sinh", "; con em bỏ học", "; gia đình có người khuyết tật",
    " (cán bộ phụ trách: A Thuân)",
]
HEADER = [
    "STT", "Tỉnh", "Huyện", "Xã", "Thôn, làng", "Họ và tên chủ hộ", "Dân tộc",
    "Số nhân khẩu", "Phân loại hộ", "Năm rà soát", "Thu nhập BQ (triệu đồng/người/năm)",
    "Điểm thiếu hụt", "Tỷ lệ hộ nghèo của xã (%)", "Số hộ nghèo của xã",
    "Nguyên nhân nghèo", "Chính sách đã hưởng", "Kinh phí hỗ trợ (triệu đồng)",
    "Vốn vay còn nợ (đồng)", "Tỷ lệ cận nghèo của xã (%)", "Ghi chú",
]
# Number format of each column's data cells ("" = General).
FORMATS = ["", "", "", "", "", "", "", "", "", "",
           "0.0", "", "0.00", "#,##0", "", "", "0.0", "#,##0", "0.00", ""]
assert len(HEADER) == len(FORMATS) == NCOLS


def rows(n_rows, seed=SEED):
    """Yield n_rows lists of 20 values (float for numbers, str for text), header not included."""
    s = seed & MASK

    def below(n):
        nonlocal s
        s ^= s >> 12
        s ^= (s << 25) & MASK
        s ^= s >> 27
        return (((s * MULT) & MASK) >> 32) % n

    def weighted(w, total):
        r = below(total)
        acc = 0
        for i, x in enumerate(w):
            acc += x
            if r < acc:
                return i
        raise AssertionError

    stats = []
    for _p, _w, districts in PROVINCES:
        ds = []
        for _d, communes in districts:
            cs = []
            for _c in communes:
                a = (800 + below(5401)) / 100
                b = float(120 + below(4881))
                c = (300 + below(2201)) / 100
                cs.append((a, b, c))
            ds.append(cs)
        stats.append(ds)

    pw = [p[1] for p in PROVINCES]
    pw_t, ew_t, cw_t, mw_t = sum(pw), sum(ETHNIC_WEIGHTS), sum(CLASS_WEIGHTS), sum(MEMBER_WEIGHTS)
    kinh = set(KINH_LIKE)
    for i in range(1, n_rows + 1):
        p = weighted(pw, pw_t)
        prov, _, districts = PROVINCES[p]
        d = below(len(districts))
        dist, communes = districts[d]
        c = below(len(communes))
        village = VILLAGES[below(len(VILLAGES))]
        e = weighted(ETHNIC_WEIGHTS, ew_t)
        if e in kinh:
            sur = SUR_K[below(len(SUR_K))]
            mid = MID_K[below(len(MID_K))]
            g1 = GIVEN_K[below(len(GIVEN_K))]
            name = sur + " " + mid + " " + g1
            if below(10) < 6:
                name += " " + GIVEN_K[below(len(GIVEN_K))]
        else:
            sur = SUR_H[below(len(SUR_H))]
            mid = MID_H[below(len(MID_H))]
            g1 = GIVEN_H[below(len(GIVEN_H))]
            g2 = GIVEN_H[below(len(GIVEN_H))]
            name = sur + " " + (mid + " " if mid else "") + g1 + " " + g2
        cls = CLASSES[weighted(CLASS_WEIGHTS, cw_t)]
        members = float(1 + weighted(MEMBER_WEIGHTS, mw_t))
        year = float(2019 + below(6))
        income = (60 + below(521)) / 10
        score = float(below(101))
        cause = CAUSES[below(len(CAUSES))]
        policy = POLICIES[below(len(POLICIES))]
        support = (SUPPORT_BASE[below(9)] + below(100)) / 10
        if below(10) < 3:
            loan = 0.0
        else:
            loan = float((5 + below(96)) * 1000000 + 500000 * below(2))
        if below(50) == 0:
            loan = float((100 + below(801)) * 1000000)
        before, kind, after = NOTES[below(len(NOTES))]
        if kind == "y":
            v = str(2016 + below(9))
        elif kind == "n":
            v = str(1 + below(5))
        elif kind == "m":
            v = str(LOAN_SIZES[below(5)])
        elif kind == "a":
            k = 2 + below(29)
            v = f"{k // 10}.{k % 10}"
        else:
            v = ""
        note = before + v + after + NOTE_TAIL[below(len(NOTE_TAIL))]
        rate_poor, n_poor, rate_near = stats[p][d][c]
        yield [float(i), prov, dist, communes[c], village, name, ETHNIC[e], members, cls, year, income, score,
               rate_poor, n_poor, cause, policy, support, loan, rate_near, note]


class Checksum:
    """crc32 of the canonical byte stream, plus counts: cells, string cells, string UTF-8 bytes."""

    def __init__(self):
        self.crc = 0
        self.cells = self.strings = self.string_bytes = 0

    def add_row(self, values):
        parts = []
        for v in values:
            if isinstance(v, str):
                b = v.encode("utf-8")
                parts.append(b)
                parts.append(b"\x00")
                self.strings += 1
                self.string_bytes += len(b)
            else:
                parts.append(struct.pack("<d", float(v)))
                parts.append(b"\x01")
        self.cells += len(values)
        self.crc = zlib.crc32(b"".join(parts), self.crc)

    def line(self):
        return f"{self.crc:08x} {self.cells} {self.strings} {self.string_bytes}"


def checksum(n_rows):
    c = Checksum()
    c.add_row(HEADER)
    for r in rows(n_rows):
        c.add_row(r)
    return c.line()


if __name__ == "__main__":
    import sys
    print(checksum(int(sys.argv[1]) if len(sys.argv) > 1 else 100000))
