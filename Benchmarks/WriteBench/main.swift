// The writing benchmark's workbook written with our XLSXWriter (SheetXLSX).
//
// The rows are the ones defined in Benchmarks/write/workbook_data.py (xorshift64* PRNG, fixed word lists);
// `check` prints the checksum line of that definition so that write_run.py can compare the three generators
// before timing anything.
//
//   WriteBench write ROWS OUT.xlsx [--dimension] [--inline] [--level N] [--foreground]
//   WriteBench gen ROWS          generate the rows only (the generation floor)
//   WriteBench check ROWS        print "crc32 cells strings string_bytes"
//
// Built outside SwiftPM by Benchmarks/write_run.py (see build_writebench there): each module of the package
// compiled with `swiftc -O -wmo` into a static library, then this file linked against them.
import SheetCore
import SheetXLSX

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Word lists (same as workbook_data.py)

let provinces: [(name: String, weight: Int, districts: [(name: String, communes: [String])])] = [
    (
        "Gia Lai", 45,
        [
            ("Huyện Ia Grai", ["Xã Ia Đal", "Xã Ia Dom", "Xã Ia Krái", "Xã Ia Tô", "Xã Ia Chia", "Xã Ia Hrung"]),
            ("Huyện Chư Păh", ["Xã Ia Ka", "Xã Hà Tây", "Xã Đăk Tơ Ver", "Xã Ia Mơ Nông", "Xã Ia Ly"]),
            ("Huyện Kbang", ["Xã Kông Lơng Khơng", "Xã Sơn Lang", "Xã Đăk Rong", "Xã Krong", "Xã Lơ Ku"]),
            ("Huyện Đức Cơ", ["Xã Ia Dơk", "Xã Ia Kla", "Xã Ia Pnôn", "Xã Ia Nan"]),
        ]
    ),
    (
        "Kon Tum", 30,
        [
            ("Huyện Ia H'Drai", ["Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi"]),
            ("Huyện Sa Thầy", ["Xã Mô Rai", "Xã Rờ Kơi", "Xã Sa Nhơn", "Xã Ya Xiêr"]),
            ("Huyện Tu Mơ Rông", ["Xã Đăk Tờ Kan", "Xã Măng Ri", "Xã Ngọk Lây", "Xã Tê Xăng", "Xã Văn Xuôi"]),
            ("Huyện Kon Plông", ["Xã Hiếu", "Xã Măng Bút", "Xã Ngọk Tem", "Xã Pờ Ê"]),
        ]
    ),
    (
        "Đắk Lắk", 15,
        [
            ("Huyện Ea Súp", ["Xã Ea Bung", "Xã Ia Lốp", "Xã Ia Rvê", "Xã Cư M'Lan"]),
            ("Huyện Krông Bông", ["Xã Cư Pui", "Xã Yang Mao", "Xã Hòa Phong", "Xã Cư Drăm"]),
            ("Huyện Lắk", ["Xã Buôn Tría", "Xã Đắk Phơi", "Xã Krông Nô", "Xã Nam Ka"]),
        ]
    ),
    (
        "Đắk Nông", 10,
        [
            ("Huyện Tuy Đức", ["Xã Đắk Ngo", "Xã Quảng Trực", "Xã Đắk R'Tíh", "Xã Quảng Tân"]),
            ("Huyện Đắk Glong", ["Xã Quảng Hòa", "Xã Đắk Som", "Xã Đắk R'Măng"]),
        ]
    ),
]
let villages = [
    "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8", "Thôn 9", "Thôn 10",
    "Thôn 11", "Thôn 12", "Làng Kon Klor", "Làng Tơ Vơ", "Plei Ơi", "Plei Đôn", "Buôn Trấp", "Buôn Đôn",
    "Làng Mới", "Tổ dân phố 3", "Bon Bu Prăng", "Bon Ja Ráh",
]
let ethnic = [
    "Gia Rai", "Ba Na", "Kinh", "Xơ Đăng", "Ê Đê", "M'Nông", "Giẻ Triêng", "Mường", "Tày", "Nùng", "Thái", "H'Mông",
]
let ethnicWeights = [34, 22, 14, 9, 7, 4, 3, 2, 2, 1, 1, 1]
let kinhLike: Set<Int> = [2, 7, 8, 9, 10]  // Kinh, Mường, Tày, Nùng, Thái
let classes = ["Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo"]
let classWeights = [55, 35, 10]
let memberWeights = [4, 10, 16, 20, 17, 12, 8, 5, 3, 2, 2, 1]
let causes = [
    "Thiếu vốn sản xuất", "Thiếu đất canh tác", "Thiếu lao động", "Có người ốm đau, bệnh nặng",
    "Không có kỹ năng lao động", "Thiếu phương tiện sản xuất", "Đông người ăn theo",
    "Gặp rủi ro thiên tai", "Không biết cách làm ăn",
]
let policies = [
    "Vay vốn ưu đãi NHCSXH", "Hỗ trợ nhà ở", "Hỗ trợ sinh kế", "Bảo hiểm y tế",
    "Hỗ trợ giáo dục", "Hỗ trợ tiền điện", "Hỗ trợ giống cây trồng", "Hỗ trợ bò giống",
    "Đào tạo nghề", "Chưa được hỗ trợ",
]
let surK = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý",
]
let midK = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu", "Hồng", "Kim", "Đình", "Công"]
let givenK = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa",
    "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
    "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Trung",
    "Tuấn", "Tùng", "Uyên", "Việt", "Xuân", "Yến", "Đạt", "Ánh", "Ơn", "Ưng",
]
let surH = [
    "Rơ Mah", "Siu", "Ksor", "Rahlan", "Nay", "Kpă", "Rơ Châm", "Puih", "Đinh", "A", "Y", "H'Hen", "Rmah", "Kpuih",
    "Bơ Nong", "Ê Ban", "Niê", "Mlô", "Byă", "Êban",
]
let midH = ["", "Thị", "Văn", "H'", "Y", "A"]
let givenH = [
    "Hlen", "Blơi", "Thuân", "Bia", "Hyưk", "Jư", "Krông", "Blứp", "Nhă", "Djeh",
    "Hơn", "Lưk", "Phai", "Rin", "Tlam", "Yơn", "Hnao", "Bŭt", "Ngă", "Djuê",
    "Ban", "Đeo", "Khuê", "Mlang", "Glun", "Pơng", "Sul", "Tơng", "Wơ", "Hiu",
    "Kher", "Nhông", "Bơr", "Dơk", "Ju", "Lơi", "Mrơng", "Piu", "Thơm", "Yung",
]
let supportBase = [0, 0, 15, 30, 50, 75, 100, 200, 400]
let loanSizes = [10, 20, 30, 50, 100]
let notes: [(before: String, kind: Character?, after: String)] = [
    ("Đã được hỗ trợ bò giống năm ", "y", ""),
    ("Nhà tạm, dột nát; đề nghị hỗ trợ làm nhà mới", nil, ""),
    ("Chủ hộ đau ốm thường xuyên, con đang đi học", nil, ""),
    ("Vay ", "m", " triệu đồng trồng cà phê, chưa trả được"),
    ("Có ", "n", " lao động đi làm thuê theo mùa vụ"),
    ("Hộ đơn thân, nuôi ", "n", " con nhỏ"),
    ("Thiếu nước sinh hoạt vào mùa khô", nil, ""),
    ("Đất sản xuất ", "a", " ha, canh tác lúa rẫy"),
    ("Được cấp thẻ BHYT năm ", "y", ""),
    ("Đề nghị đưa ra khỏi danh sách \"hộ nghèo\" năm ", "y", ""),
]
let noteTail = [
    "", "", "", "; cần thêm vốn sản xuất", "; đã xác minh tại thôn", ", theo biên bản họp thôn",
    "; chưa có nhà vệ sinh hợp vệ sinh", "; con em bỏ học", "; gia đình có người khuyết tật",
    " (cán bộ phụ trách: A Thuân)",
]
let header = [
    "STT", "Tỉnh", "Huyện", "Xã", "Thôn, làng", "Họ và tên chủ hộ", "Dân tộc",
    "Số nhân khẩu", "Phân loại hộ", "Năm rà soát", "Thu nhập BQ (triệu đồng/người/năm)",
    "Điểm thiếu hụt", "Tỷ lệ hộ nghèo của xã (%)", "Số hộ nghèo của xã",
    "Nguyên nhân nghèo", "Chính sách đã hưởng", "Kinh phí hỗ trợ (triệu đồng)",
    "Vốn vay còn nợ (đồng)", "Tỷ lệ cận nghèo của xã (%)", "Ghi chú",
]
let formats = [
    "", "", "", "", "", "", "", "", "", "",
    "0.0", "", "0.00", "#,##0", "", "", "0.0", "#,##0", "0.00", "",
]

// MARK: - Generator

struct Rows {
    private var state: UInt64 = 20_240_601
    private var stats: [[[(Double, Double, Double)]]] = []
    private let provinceWeights = provinces.map(\.weight)

    init() {
        for province in provinces {
            var districts: [[(Double, Double, Double)]] = []
            for district in province.districts {
                var communes: [(Double, Double, Double)] = []
                for _ in district.communes {
                    let a = Double(800 + below(5401)) / 100
                    let b = Double(120 + below(4881))
                    let c = Double(300 + below(2201)) / 100
                    communes.append((a, b, c))
                }
                districts.append(communes)
            }
            stats.append(districts)
        }
    }

    @inline(__always) mutating func below(_ n: Int) -> Int {
        var s = state
        s ^= s >> 12
        s ^= s << 25
        s ^= s >> 27
        state = s
        return Int((s &* 0x2545_F491_4F6C_DD1D) >> 32) % n
    }

    mutating func pick(_ list: [String]) -> String { list[below(list.count)] }

    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        let r = below(total)
        var acc = 0
        for (i, w) in weights.enumerated() {
            acc += w
            if r < acc { return i }
        }
        fatalError("weighted")
    }

    enum Value {
        case number(Double)
        case string(String)
    }

    /// Row `i` (1-based), 20 values.
    mutating func row(_ i: Int) -> [Value] {
        let p = weighted(provinceWeights)
        let province = provinces[p]
        let d = below(province.districts.count)
        let district = province.districts[d]
        let c = below(district.communes.count)
        let village = pick(villages)
        let e = weighted(ethnicWeights)
        var name: String
        if kinhLike.contains(e) {
            let sur = pick(surK)
            let mid = pick(midK)
            let g1 = pick(givenK)
            name = sur + " " + mid + " " + g1
            if below(10) < 6 { name += " " + pick(givenK) }
        } else {
            let sur = pick(surH)
            let mid = pick(midH)
            let g1 = pick(givenH)
            let g2 = pick(givenH)
            name = sur + " " + (mid.isEmpty ? "" : mid + " ") + g1 + " " + g2
        }
        let cls = classes[weighted(classWeights)]
        let members = Double(1 + weighted(memberWeights))
        let year = Double(2019 + below(6))
        let income = Double(60 + below(521)) / 10
        let score = Double(below(101))
        let cause = pick(causes)
        let policy = pick(policies)
        let support = Double(supportBase[below(9)] + below(100)) / 10
        var loan: Double
        if below(10) < 3 {
            loan = 0
        } else {
            let m = 5 + below(96)
            loan = Double(m * 1_000_000 + 500_000 * below(2))
        }
        if below(50) == 0 { loan = Double((100 + below(801)) * 1_000_000) }
        let note = notes[below(notes.count)]
        var v = ""
        switch note.kind {
        case "y": v = String(2016 + below(9))
        case "n": v = String(1 + below(5))
        case "m": v = String(loanSizes[below(5)])
        case "a":
            let k = 2 + below(29)
            v = "\(k / 10).\(k % 10)"
        default: break
        }
        let noteText = note.before + v + note.after + pick(noteTail)
        let (ratePoor, nPoor, rateNear) = stats[p][d][c]
        return [
            .number(Double(i)), .string(province.name), .string(district.name), .string(district.communes[c]),
            .string(village), .string(name), .string(ethnic[e]), .number(members), .string(cls), .number(year),
            .number(income), .number(score), .number(ratePoor), .number(nPoor), .string(cause), .string(policy),
            .number(support), .number(loan), .number(rateNear), .string(noteText),
        ]
    }
}

// MARK: - Checksum (zlib's CRC-32 over the canonical byte stream)

struct Checksum {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    var crc: UInt32 = 0xFFFF_FFFF
    var cells = 0
    var strings = 0
    var stringBytes = 0

    mutating func add<S: Sequence<UInt8>>(_ bytes: S) {
        for b in bytes { crc = Self.table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    }

    mutating func add(_ row: [Rows.Value]) {
        for value in row {
            switch value {
            case .string(let s):
                add(s.utf8)
                add(CollectionOfOne(0))
                strings += 1
                stringBytes += s.utf8.count
            case .number(let x):
                withUnsafeBytes(of: x.bitPattern.littleEndian) { add($0) }
                add(CollectionOfOne(1))
            }
            cells += 1
        }
    }

    var line: String {
        let hex = String(crc ^ 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex + " \(cells) \(strings) \(stringBytes)"
    }
}

// MARK: - Main

func fail(_ message: String) -> Never {
    let text = "WriteBench: \(message)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(1)
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 3, let rowCount = Int(args[2]) else {
    fail("usage: WriteBench write ROWS OUT.xlsx [--dimension] [--inline] [--level N] [--foreground] | gen ROWS | check ROWS")
}
let started = now()
var rows = Rows()

switch args[1] {
case "check":
    var checksum = Checksum()
    checksum.add(header.map { .string($0) })
    for i in 1...rowCount { checksum.add(rows.row(i)) }
    print(checksum.line)

case "gen":
    var touched = 0
    for i in 1...rowCount {
        if case .string(let s) = rows.row(i)[5] { touched += s.utf8.count }
    }
    print("{\"write_s\": \(now() - started), \"touched\": \(touched)}")

case "write":
    guard args.count >= 4 else { fail("write needs ROWS and OUT.xlsx") }
    let flags = Array(args.dropFirst(4))
    var options = XLSXWriterOptions()
    if flags.contains("--inline") { options.strings = .inline }
    if flags.contains("--foreground") { options.compressesInBackground = false }
    if let i = flags.firstIndex(of: "--level"), i + 1 < flags.count, let level = Int32(flags[i + 1]) {
        options.compressionLevel = level
    }
    var setup = SheetSetup()
    if flags.contains("--dimension") {
        setup.dimension = CellRange(CellAddress(row: 0, column: 0), CellAddress(row: rowCount, column: 19))
    }
    do {
        let book = try XLSXWriter(path: args[3], options: options)
        let bold = try book.addStyle(CellStyle(font: .init(isBold: true)))
        var styles: [String: StyleID] = ["": .default]
        for code in formats where styles[code] == nil {  // in order of first use: the same file every run
            styles[code] = try book.addStyle(CellStyle(numberFormat: NumberFormatCode(code)))
        }
        let columnStyles = formats.map { styles[$0]! }
        let sheet = try book.addSheet("Danh sách hộ", setup: setup)
        try sheet.writeRow(header.enumerated().map { WriteCell(column: $0, value: .string($1), style: bold) })
        for i in 1...rowCount {
            var cells: [WriteCell] = []
            cells.reserveCapacity(20)
            for (column, value) in rows.row(i).enumerated() {
                switch value {
                case .number(let x):
                    cells.append(WriteCell(column: column, value: .number(x), style: columnStyles[column]))
                case .string(let s):
                    cells.append(WriteCell(column: column, value: .string(s), style: columnStyles[column]))
                }
            }
            try sheet.writeRow(cells)
        }
        try book.close()
    } catch {
        fail("\(error)")
    }
    print("{\"write_s\": \(now() - started)}")

default:
    fail("unknown mode \(args[1])")
}
