#!/usr/bin/env python3
"""Writes the hostile corpus of Tests/Fixtures/hostile/ (issue 8; bounds in LIMITS.md). Run from the repository root:

    python3 Tests/Fixtures/hostile/make_hostile_fixtures.py

Each file is small and attacks one bound or one assumption of a reader: zip bombs, lying and overlapping ZIP
headers, XML entity tricks and deep nesting, references past Excel's grid, relationships leaving the package,
Compound File chain loops, BIFF records that lie about their length, and invalid UTF-8 in each text position.
The expected typed error of each is in `expected.txt` (`FILE  MODULE.code`), which the hostile tests read; each must
come within 2 s and 200 MB (`Scripts/hostile_check.sh` measures that on the built binary).

The 1 GiB unterminated CSV quote is generated on the fly by its test, never written here. The files are
deterministic (fixed timestamps, no randomness), so re-running leaves git clean.
"""
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from make_xlsx_fixtures import DATE, MAIN, REL, content_types, rels, root_rels  # noqa: E402

EXPECTED = []


def expect(name, error):
    EXPECTED.append((name, error))


def zip_bytes(parts, compress=zipfile.ZIP_DEFLATED):
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for part, data in parts:
            info = zipfile.ZipInfo(part, DATE)
            info.compress_type = compress
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return bytearray(buffer.getvalue())


def workbook_parts(sheet=None, strings=None, workbook=None, sheet_target="worksheets/sheet1.xml", styles=None):
    sheet = sheet if sheet is not None else (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    strings = strings if strings is not None else f'<sst xmlns="{MAIN}"><si><t>x</t></si></sst>'
    workbook = workbook if workbook is not None else (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Biểu 02" sheetId="1" r:id="a"/></sheets>'
        "</workbook>")
    items = [("a", "worksheet", sheet_target), ("b", "sharedStrings", "sharedStrings.xml")]
    parts = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels(items + ([("c", "styles", "styles.xml")] if styles else []))),
        ("xl/sharedStrings.xml", strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if styles:
        parts.append(("xl/styles.xml", styles))
    return parts


def save(name, data, error):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(bytes(data))
    expect(name, error)


def sheet_with(cells):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData></worksheet>'


# --- ZIP -------------------------------------------------------------------------------------------------------------


def set_sizes(data, name, compressed=None, uncompressed=None):
    """Rewrites an entry's sizes in its local header and central directory record (APPNOTE 4.3.7, 4.3.12)."""
    encoded = name.encode()
    offset = 0
    while True:
        local = data.find(b"PK\x03\x04", offset)
        if local < 0:
            break
        length = struct.unpack("<H", data[local + 26:local + 28])[0]
        if data[local + 30:local + 30 + length] == encoded:
            if compressed is not None:
                data[local + 18:local + 22] = struct.pack("<I", compressed)
            if uncompressed is not None:
                data[local + 22:local + 26] = struct.pack("<I", uncompressed)
        offset = local + 4
    offset = 0
    while True:
        central = data.find(b"PK\x01\x02", offset)
        if central < 0:
            break
        length = struct.unpack("<H", data[central + 28:central + 30])[0]
        if data[central + 46:central + 46 + length] == encoded:
            if compressed is not None:
                data[central + 20:central + 24] = struct.pack("<I", compressed)
            if uncompressed is not None:
                data[central + 24:central + 28] = struct.pack("<I", uncompressed)
        offset = central + 4


def zip_files():
    # Flat bomb: one worksheet that declares 3 GiB (honestly or not, it is refused before any inflating).
    data = zip_bytes(workbook_parts())
    set_sizes(data, "xl/worksheets/sheet1.xml", uncompressed=3 << 30)
    save("zip-bomb-flat.xlsx", data, "XLSXError.container ZipError.limitExceeded")

    # Ratio bomb: 64 MiB of zeros in the worksheet, declared honestly, about 1,030:1; stopped past the 1 MiB mark.
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
             "<!--" + "0" * (64 << 20) + "--></worksheet>")
    save("zip-bomb-ratio.xlsx", zip_bytes(workbook_parts(sheet=sheet)), "XLSXError.container ZipError.limitExceeded")

    # Nested bomb: the worksheet part is itself a ZIP of ZIPs (42.zip style). Nothing is ever inflated recursively:
    # the part is simply not XML.
    inner = b"0" * (1 << 20)
    for level in range(4):
        inner = bytes(zip_bytes([(f"{level}-{i}.zip", inner) for i in range(8)]))
    save("zip-bomb-nested.xlsx", zip_bytes(workbook_parts(sheet=inner)), "XLSXError.xml XMLError.unsupportedEncoding")

    # Overlapping entries: the shared strings' central directory record points at the worksheet's local header,
    # so one compressed stream would be inflated for two entries (Fifield's "better zip bomb").
    data = zip_bytes(workbook_parts())
    records = {}
    offset = 0
    while (central := data.find(b"PK\x01\x02", offset)) >= 0:
        length = struct.unpack("<H", data[central + 28:central + 30])[0]
        records[bytes(data[central + 46:central + 46 + length]).decode()] = central
        offset = central + 4
    sheet_record = records["xl/worksheets/sheet1.xml"]
    strings_record = records["xl/sharedStrings.xml"]
    # Copy sizes, CRC and local-header offset of the worksheet into the shared strings' record.
    data[strings_record + 16:strings_record + 28] = data[sheet_record + 16:sheet_record + 28]
    data[strings_record + 42:strings_record + 46] = data[sheet_record + 42:sheet_record + 46]
    save("zip-overlapping-entries.xlsx", data, "XLSXError.container ZipError.corruptCentralDirectory")

    # The end record places the central directory past the end of the file.
    data = zip_bytes(workbook_parts())
    end = data.rfind(b"PK\x05\x06")
    data[end + 16:end + 20] = struct.pack("<I", len(data) + 1000)
    save("zip-central-directory-past-end.xlsx", data, "XLSXError.container ZipError.corruptCentralDirectory")

    # The central directory claims 20,000 entries (more than ZipLimits.maxEntryCount).
    data = zip_bytes(workbook_parts())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8:end + 12] = struct.pack("<HH", 20_000, 20_000)
    save("zip-entry-count.xlsx", data, "XLSXError.container ZipError.limitExceeded")


# --- XML -------------------------------------------------------------------------------------------------------------


def xml_files():
    bomb = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        bomb += f'<!ENTITY lol{level} "' + f"&{previous};" * 10 + '">'
    bomb += "]>" + sheet_with('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
    save("xml-billion-laughs.xlsx", zip_bytes(workbook_parts(sheet=bomb)), "XLSXError.xml XMLError.undefinedEntity")

    external = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                f'<sst xmlns="{MAIN}"><si><t>&secret;</t></si></sst>')
    save("xml-external-entity.xlsx", zip_bytes(workbook_parts(strings=external)),
         "XLSXError.xml XMLError.undefinedEntity")

    deep = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    deep += "<x>" * 100_000 + "</x>" * 100_000 + "</worksheet>"
    save("xml-deep-nesting.xlsx", zip_bytes(workbook_parts(sheet=deep)), "XLSXError.xml XMLError.limitExceeded")

    attributes = " ".join(f'a{i}="{i}"' for i in range(600))
    sheet = sheet_with(f'<row r="1"><c r="A1" {attributes}><v>1</v></c></row>')
    save("xml-many-attributes.xlsx", zip_bytes(workbook_parts(sheet=sheet)), "XLSXError.xml XMLError.limitExceeded")


# --- XLSX content ----------------------------------------------------------------------------------------------------


def xlsx_files():
    sheet = sheet_with('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')
    save("sst-index-out-of-range.xlsx", zip_bytes(workbook_parts(sheet=sheet)), "XLSXError.invalidValue")

    sheet = sheet_with('<row r="1"><c r="XFE1"><v>1</v></c></row>')
    save("cell-reference-xfe1.xlsx", zip_bytes(workbook_parts(sheet=sheet)), "XLSXError.invalidContent")

    sheet = sheet_with('<row r="2000000"><c r="A2000000"><v>1</v></c></row>')
    save("cell-row-2000000.xlsx", zip_bytes(workbook_parts(sheet=sheet)), "XLSXError.invalidContent")

    strings = f'<sst xmlns="{MAIN}" count="2147483648" uniqueCount="2147483648"><si><t>x</t></si></sst>'
    # The declared count is not trusted (nothing is reserved from it): the one string is read.
    save("sst-count-2-31.xlsx", zip_bytes(workbook_parts(strings=strings)), "ok")

    parts = workbook_parts(sheet_target="../../etc/passwd")
    save("relationship-etc-passwd.xlsx", zip_bytes(parts), "XLSXError.missingPart")

    # Invalid UTF-8 (a lone continuation byte 0x80, an overlong 0xC0 0xAF, a truncated 0xE1 0xBB) in each text
    # position the reader reads: sheet name, shared string, inline string, cell reference, formula, number format.
    bad = b"\xe1\xbb"
    positions = {
        "sheet-name": dict(workbook=(
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Bi\xc3\xaau '.encode("latin-1") + b"\x80"
            + b'" sheetId="1" r:id="a"/></sheets></workbook>')),
        "shared-string": dict(strings=f'<sst xmlns="{MAIN}"><si><t>'.encode() + b"x\xc0\xafy</t></si></sst>"),
        "inline-string": dict(sheet=sheet_with('<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
                              .replace(b"</sheetData></worksheet>", b"") + b"T" + bad + b"</t></is></c></row>"
                              + b"</sheetData></worksheet>"),
        "cell-reference": dict(sheet=f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A'.encode() + b"\x80"
                               + b'"><v>1</v></c></row></sheetData></worksheet>'),
        "formula": dict(sheet=f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="str"><f>"'.encode()
                        + bad + b'"</f><v>x</v></c></row></sheetData></worksheet>'),
        "element-name": dict(sheet=f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>'
                             .encode() + b"<x\x80/></row></sheetData></worksheet>"),
        "number-format": dict(styles=(
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0'.encode() + bad
            + b'"/></numFmts><cellXfs count="1"><xf numFmtId="164"/></cellXfs></styleSheet>')),
    }
    for position, change in positions.items():
        save(f"invalid-utf8-{position}.xlsx", zip_bytes(workbook_parts(**change)),
             "XLSXError.xml XMLError.unsupportedEncoding")


# --- Compound File and BIFF ------------------------------------------------------------------------------------------

FREE, END, FATSECT, DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC


def u16(value):
    return struct.pack("<H", value & 0xFFFF)


def u32(value):
    return struct.pack("<I", value & 0xFFFFFFFF)


def record(kind, data):
    return u16(kind) + u16(len(data)) + data


def bof(kind):
    return record(0x0809, u16(0x0600) + u16(kind) + u16(0x0DBB) + u16(0x07CC) + u32(0) + u32(6))


EOF_RECORD = record(0x000A, b"")


def short_string(text):
    return bytes([len(text), 0]) + text.encode("latin-1")


def unicode_string(text):
    return u16(len(text)) + b"\x00" + text.encode("latin-1")


def workbook_stream(sst=None, cells=None, extra_globals=b""):
    font = record(0x0031, u16(220) + u16(0) + u16(0x7FFF) + u16(400) + u16(0) + bytes(4) + short_string("Arial"))
    xfs = b"".join(record(0x00E0, u16(0) + u16(0) + u16(1) + bytes(14)) for _ in range(16))
    sst = sst if sst is not None else record(0x00FC, u32(1) + u32(1) + unicode_string("Ia H'Drai"))
    cells = cells if cells is not None else record(0x00FD, u16(0) + u16(0) + u16(15) + u32(0))
    head = bof(0x0005) + font + xfs + extra_globals
    boundsheet_length = len(record(0x0085, u32(0) + b"\x00\x00" + short_string("Sheet1")))
    position = len(head) + boundsheet_length + len(sst) + len(EOF_RECORD)
    boundsheet = record(0x0085, u32(position) + b"\x00\x00" + short_string("Sheet1"))
    return head + boundsheet + sst + EOF_RECORD + bof(0x0010) + cells + EOF_RECORD


def compound_file(stream, name="Workbook"):
    """Version 3 (512-byte sectors): header, FAT at sector 0, directory at 1, the stream from sector 2 (padded to
    4,096 bytes so it lives in regular sectors, not the mini stream)."""
    stream = stream + bytes(max(0, 4096 - len(stream)))
    sectors = (len(stream) + 511) // 512
    fat = [FATSECT, END] + [3 + i if i < sectors - 1 else END for i in range(sectors)]
    fat += [FREE] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[0x18:0x1E] = u16(0x3E) + u16(3) + u16(0xFFFE)
    header[0x1E:0x22] = u16(9) + u16(6)
    header[0x2C:0x30] = u32(1)
    header[0x30:0x34] = u32(1)
    header[0x38:0x3C] = u32(4096)
    header[0x3C:0x40] = u32(END)
    header[0x44:0x48] = u32(END)
    for index in range(109):
        header[0x4C + 4 * index:0x50 + 4 * index] = u32(0 if index == 0 else FREE)

    def entry(text, kind, start, size, child=FREE):
        data = bytearray(128)
        encoded = text.encode("utf-16-le")
        data[0:len(encoded)] = encoded
        data[0x40:0x42] = u16(len(encoded) + 2)
        data[0x42] = kind
        data[0x43] = 1
        data[0x44:0x50] = u32(FREE) + u32(FREE) + u32(child)
        data[0x74:0x7C] = u32(start) + u32(size)
        return bytes(data)

    directory = entry("Root Entry", 5, END, 0, child=1) + entry(name, 2, 2, len(stream))
    directory += bytes(512 - len(directory))
    body = bytes(header) + b"".join(u32(v) for v in fat) + directory + stream + bytes(sectors * 512 - len(stream))
    return bytearray(body)


def set_fat(data, index, value):
    data[512 + 4 * index:516 + 4 * index] = u32(value)


def xls_files():
    good = compound_file(workbook_stream())
    with open(os.path.join(HERE, "valid-base.xls"), "wb") as out:  # the base every .xls below damages
        out.write(good)
    expect("valid-base.xls", "ok")

    data = bytearray(good)
    set_fat(data, 4, 2)  # the stream's chain 2 → 3 → 4 → 2 …
    save("cfb-fat-loop.xls", data, "XLSError.container")

    # A DIFAT chain that points at itself: the header says one DIFAT sector (sector 10, appended), whose "next"
    # link is sector 10 again.
    data = bytearray(good)
    data[0x44:0x4C] = u32(len(data) // 512 - 1) + u32(1)
    difat_sector = len(data) // 512 - 1
    difat = b"".join(u32(FREE) for _ in range(127)) + u32(difat_sector)
    data += difat
    data[0x2C:0x30] = u32(2)  # two FAT sectors: one in the header, one to be found in the DIFAT chain
    save("cfb-difat-loop.xls", data, "XLSError.container")

    # A FAT sector count of 2^31 in the header.
    data = bytearray(good)
    data[0x2C:0x30] = u32(1 << 31)
    save("cfb-fat-count-2-31.xls", data, "XLSError.container")

    # A BIFF record whose length runs past the end of the stream (the stream's last record, EOF, says 8,000).
    stream = bytearray(workbook_stream())
    stream[-2:] = u16(8000)
    save("biff-record-past-stream.xls", compound_file(bytes(stream)), "XLSError.truncated")

    # A record longer than BIFF8 allows (8,224 bytes, [MS-XLS] 2.1.4): a 9,000-byte LABELSST.
    cells = record(0x00FD, u16(0) + u16(0) + u16(15) + u32(0) + bytes(9000 - 10))
    save("biff-record-too-long.xls", compound_file(workbook_stream(cells=cells)), "XLSError.limitExceeded")

    # An SST that announces 2^31 unique strings.
    sst = record(0x00FC, u32(1 << 31) + u32(1 << 31) + unicode_string("x"))
    save("biff-sst-count-2-31.xls", compound_file(workbook_stream(sst=sst)), "XLSError.limitExceeded")

    # A LABELSST pointing past the SST.
    cells = record(0x00FD, u16(0) + u16(0) + u16(15) + u32(5))
    save("biff-sst-index-out-of-range.xls", compound_file(workbook_stream(cells=cells)), "XLSError.invalidRecord")

    # A cell past Excel's grid: BIFF8 rows are 16-bit (at most 65,536, inside the grid) but so are columns, and
    # column 20,000 is past the 16,384 a sheet has.
    cells = record(0x0203, u16(0) + u16(20_000) + u16(15) + struct.pack("<d", 1.0))
    save("biff-column-past-grid.xls", compound_file(workbook_stream(cells=cells)), "XLSError.invalidRecord")


# --- CSV -------------------------------------------------------------------------------------------------------------


def csv_files():
    save("csv-invalid-utf8.csv", "STT,Đơn vị\n1,Ia H".encode() + b"\xc0\xaf" + b"'Drai\n", "CSVError.invalidUTF8")
    save("csv-unterminated-quote.csv", b'STT,Don vi\n1,"Ia Dal\n2,Ia Dom\n', "CSVError.unterminatedQuote")


if __name__ == "__main__":
    zip_files()
    xml_files()
    xlsx_files()
    xls_files()
    csv_files()
    with open(os.path.join(HERE, "expected.txt"), "w") as out:
        out.write("# FILE  EXPECTED ERROR (module error type and code; the XLSX reader's cause after it).\n"
                  "# Written by make_hostile_fixtures.py; read by the hostile tests and Scripts/hostile_check.sh.\n")
        for name, error in EXPECTED:
            out.write(f"{name}  {error}\n")
    for name, _ in EXPECTED:
        print(f"{os.path.getsize(os.path.join(HERE, name)):>9}  {name}")
