#!/usr/bin/env python3
"""Writes the hand-made .xlsx fixtures of Tests/Fixtures/xlsx/ (run from the repository root).

Each fixture isolates what producers other than Excel do, or what damaged and hostile files look like. The parts
are written byte for byte here (no spreadsheet library), with fixed timestamps, so the output is deterministic:

    python3 Tests/Fixtures/make_xlsx_fixtures.py

Good fixtures have a text snapshot beside them (`NAME.expected.txt`) that the SheetXLSX tests compare with;
bad ones are listed in `bad/` and must make `bieumau` exit with code 3 and a message naming the place.
"""
import os
import struct
import zipfile
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xlsx")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE = (2024, 1, 1, 0, 0, 0)


def content_types(extra=""):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + extra + "</Types>"
    )


def root_rels(target="xl/workbook.xml"):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="{target}"/></Relationships>'
    )


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>' for i, t, target in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{body}</Relationships>'


def write(name, parts, folder=HERE):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in parts:
            info = zipfile.ZipInfo(part, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
    return path


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/>
<numFmt numFmtId="166" formatCode="#,##0.0&quot; tr.đ&quot;"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="12"/><name val=".VnTime"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="14" fontId="0"/>
<xf numFmtId="21" fontId="0"/><xf numFmtId="165" fontId="0"/><xf numFmtId="10" fontId="1"/><xf numFmtId="166" fontId="0"/></cellXfs>
</styleSheet>"""


def everything():
    """One workbook with every cell type, shared and array formulas, merges, widths, hidden rows and sheets."""
    workbook = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/>
<sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/><sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId2"/>
<sheet name="Rất ẩn" sheetId="3" state="veryHidden" r:id="rId3"/></sheets>
<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'Biểu 01'!$A$1:$F$9</definedName>
<definedName name="TyLe">'Biểu 01'!$E$4</definedName></definedNames></workbook>"""
    strings = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}" count="6" uniqueCount="6">
<si><t>Đơn vị</t></si>
<si><t xml:space="preserve">Số hộ nghèo </t></si>
<si><r><t>Xã </t></r><r><rPr><b/><rFont val=".VnTime"/></rPr><t>Ia §al</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>dòng 1_x000D_
dòng 2 _x005F_x0041_ &amp; &lt;tag&gt; "trích"</t></si>
<si><t><![CDATA[a < b & c]]></t></si>
</sst>"""
    sheet1 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:F9"/>
<cols><col min="1" max="1" width="24.5" customWidth="1"/><col min="3" max="4" width="9" hidden="1"/></cols>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s" s="0"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>300</v></c><c r="C2"><v>-0.1</v></c><c r="D2"><v>1.2345678901234567E-3</v></c><c r="E2"><v>1E+21</v></c><c r="F2"><v>3.3333333333333335</v></c></row>
<row r="3" hidden="1"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>
<row r="4"><c r="A4" s="1"><v>45658</v></c><c r="B4" s="2"><v>60</v></c><c r="C4" s="3"><v>0.5</v></c><c r="D4" s="4"><v>1.5</v></c><c r="E4" s="5"><v>0.0793</v></c><c r="F4" s="6"><v>49.7</v></c></row>
<row r="5"><c r="A5"><v>1</v></c><c r="B5"><f t="shared" ref="B5:B7" si="0">A5*2+$A$5</f><v>3</v></c><c r="C5"><f t="array" ref="C5:C5">SUM(A5:A7*2)</f><v>12</v></c></row>
<row r="6"><c r="A6"><v>2</v></c><c r="B6"><f t="shared" si="0"/><v>5</v></c></row>
<row r="7"><c r="A7"><v>3</v></c><c r="B7"><f t="shared" si="0"/><v>7</v></c><c r="C7"><f>SUM(A5:A7)</f></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>Tổng cộng</t></is></c><c r="B9" t="d"><v>2025-07-01T08:30:00Z</v></c><c r="C9" t="s"><v>5</v></c><c r="D9" s="6"/></row>
</sheetData>
<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B9:C9"/></mergeCells>
</worksheet>"""
    sheet2 = f"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="2"><c r="B2"><v>7</v></c></row></sheetData></worksheet>"""
    sheet3 = f"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData/></worksheet>"""
    write("everything.xlsx", [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels([
            ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "worksheet", "worksheets/sheet2.xml"),
            ("rId3", "worksheet", "/xl/worksheets/sheet3.xml"), ("rId4", "sharedStrings", "sharedStrings.xml"),
            ("rId5", "styles", "styles.xml")])),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/sheet2.xml", sheet2),
        ("xl/worksheets/sheet3.xml", sheet3),
    ])


def prefixed_no_references():
    """A producer that writes `x:` prefixes, omits `r` on rows and cells, uses the 1904 date system, odd part
    names reached through relative targets, percent-encoded names, a BOM, CRLF line ends and a DOCTYPE."""
    workbook = f"""\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}">\r\n
<x:workbookPr date1904="true"/><x:sheets><x:sheet name="Dữ liệu" sheetId="7" r:id="R9f"/></x:sheets></x:workbook>"""
    sheet = f"""<?xml version="1.0" encoding="UTF-8"?>\r\n<!DOCTYPE x:worksheet [ <!ELEMENT x:worksheet ANY> ]>
<x:worksheet xmlns:x="{MAIN}"><x:sheetData>
<x:row><x:c t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Ngày</x:t></x:is></x:c></x:row>
<x:row><x:c><x:v>23535</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c></x:row>
<x:row><x:c><x:v>23537</x:v></x:c><x:c s="1"><x:v>44000</x:v></x:c><x:c r="E3"><x:v>5</x:v></x:c><x:c><x:v>6</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"""
    styles = f"""<?xml version="1.0"?><x:styleSheet xmlns:x="{MAIN}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>"""
    write("prefixed-no-references.xlsx", [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels("/content/book%20main.xml")),
        ("content/book main.xml", workbook),
        ("content/_rels/book main.xml.rels", rels([
            ("R9f", "worksheet", "./tables/../tables/data%201.xml"), ("Rs", "styles", "/content/look.xml")])),
        ("content/tables/data 1.xml", sheet),
        ("content/look.xml", styles),
    ])


def stored_and_data_descriptor():
    """Entries written stored (method 0) and streamed with data descriptors, as some web exporters do."""
    path = os.path.join(HERE, "streamed.xlsx")
    parts = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="S" sheetId="1" r:id="a"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", rels([("a", "worksheet", "worksheets/s.xml")])),
        ("xl/worksheets/s.xml", f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>streamed</t></is></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>'),
    ]
    class Unseekable:
        """A write-only stream: zipfile then writes sizes and CRCs in data descriptors (APPNOTE 4.3.9)."""

        def __init__(self, raw):
            self.raw = raw

        def write(self, data):
            return self.raw.write(data)

        def flush(self):
            self.raw.flush()

        def seekable(self):
            return False

        def tell(self):
            raise OSError("unseekable")

        def seek(self, *args):
            raise OSError("unseekable")

    with open(path, "wb") as raw:
        with zipfile.ZipFile(Unseekable(raw), "w") as archive:
            for index, (name, text) in enumerate(parts):
                info = zipfile.ZipInfo(name, DATE)
                info.compress_type = zipfile.ZIP_STORED if index % 2 else zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=(index == 4)) as entry:
                    entry.write(text.encode())


def legacy_fonts():
    """Vietnamese text in legacy encodings beside Unicode: the bytes survive as U+0000-U+00FF characters, and only
    the fonts (.VnTime: TCVN3, .VnTimeH: TCVN3 capitals, VNI-Times: VNI) say how to read them."""
    def legacy(hex_bytes):
        return escape(bytes.fromhex(hex_bytes).decode("latin-1"))

    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    tcvn3 = legacy("43e96e672068df612078b72068e969206368f1206e6768dc61205669d674204e616d")  # Cộng hòa xã hội chủ nghĩa Việt Nam
    tcvn3_h = legacy("63e96e672068df612078b72068e969206368f1206e6768dc61207669d674206e616d")  # the same in .VnTimeH
    vni = legacy("436fe46e6720686ff861207861f520686fe46920636875fb206e6768f36120566965e474204e616d")
    motto = legacy("a7e963206ccb70202d2054f920646f202d2048b96e68207068f363")  # Độc lập - Tự do - Hạnh phúc
    nguoi = legacy("6e67ad656920")  # byte 0xAD is ư in TCVN3: "ng­ei " must not lose it
    styles = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><fonts count="4"><font><name val="Times New Roman"/></font><font><name val=".VnTime"/></font>
<font><b/><name val=".VnTimeH"/></font><font><name val="VNI-Times"/></font></fonts>
<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1"/><xf numFmtId="0" fontId="2"/><xf numFmtId="0" fontId="3"/></cellXfs></styleSheet>"""
    strings = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}"><si><t>{tcvn3}</t></si><si><t>{tcvn3_h}</t></si><si><t>{vni}</t></si>
<si><t>Cộng hòa xã hội chủ nghĩa Việt Nam</t></si>
<si><r><rPr><rFont val=".VnTime"/></rPr><t xml:space="preserve">{motto}</t></r><r><rPr><rFont val="Times New Roman"/></rPr><t xml:space="preserve"> (Unicode: Độc lập)</t></r></si>
<si><t xml:space="preserve">{nguoi}</t></si></sst>"""
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}"><dimension ref="A1:D2"/><sheetData>
<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2" t="s"><v>1</v></c><c r="C1" s="3" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1" t="s"><v>5</v></c><c r="C2" s="1" t="inlineStr"><is><t>{tcvn3}</t></is></c></row>
</sheetData></worksheet>"""
    write("legacy-fonts.xlsx", [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Biểu cũ" sheetId="1" r:id="a"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", rels([("a", "worksheet", "worksheets/sheet1.xml"), ("b", "sharedStrings", "sharedStrings.xml"), ("c", "styles", "styles.xml")])),
        ("xl/styles.xml", styles),
        ("xl/sharedStrings.xml", strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ])


def bad_files():
    """Damaged and hostile workbooks: each must give exit code 3 and say what and where."""
    folder = os.path.join(HERE, "bad")
    good = open(os.path.join(HERE, "everything.xlsx"), "rb").read()
    with open(os.path.join(folder, "truncated.xlsx"), "wb") as out:
        out.write(good[: len(good) // 2])
    # The central directory's first signature smashed.
    damaged = bytearray(good)
    first = damaged.find(b"PK\x01\x02")
    damaged[first:first + 4] = b"XXXX"
    with open(os.path.join(folder, "corrupt-central-directory.xlsx"), "wb") as out:
        out.write(bytes(damaged))
    # The worksheet's stored CRC-32 changed (local header and central directory) so that inflating succeeds and
    # only the checksum disagrees.
    with zipfile.ZipFile(os.path.join(HERE, "everything.xlsx")) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    damaged = bytearray(good)
    header = info.header_offset
    damaged[header + 14:header + 18] = struct.pack("<I", (info.CRC ^ 0xDEADBEEF) & 0xFFFFFFFF)
    offset = 0
    while True:
        offset = damaged.find(b"PK\x01\x02", offset)
        if offset < 0:
            break
        length = struct.unpack("<H", damaged[offset + 28:offset + 30])[0]
        if damaged[offset + 46:offset + 46 + length] == b"xl/worksheets/sheet1.xml":
            damaged[offset + 16:offset + 20] = struct.pack("<I", (info.CRC ^ 0xDEADBEEF) & 0xFFFFFFFF)
        offset += 4
    with open(os.path.join(folder, "crc-mismatch.xlsx"), "wb") as out:
        out.write(bytes(damaged))
    # Zip bomb: a 1 MB file whose worksheet inflates to 1.1 GiB of XML whitespace (declared honestly).
    bomb_path = os.path.join(folder, "zip-bomb.xlsx")
    with zipfile.ZipFile(bomb_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                           ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="S" sheetId="1" r:id="a"/></sheets></workbook>'),
                           ("xl/_rels/workbook.xml.rels", rels([("a", "worksheet", "worksheets/s.xml")]))]:
            archive.writestr(zipfile.ZipInfo(name, DATE), text)
        info = zipfile.ZipInfo("xl/worksheets/s.xml", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as entry:
            entry.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            block = b" " * (1 << 20)
            for _ in range(1100):  # 1.1 GiB of spaces: compresses about 1000:1
                entry.write(block)
            entry.write(b"</sheetData></worksheet>")
    # XML bomb: nested entity definitions in the shared strings.
    bomb = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">'
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        bomb += f'<!ENTITY lol{level} "' + f"&{previous};" * 10 + '">'
    bomb += f']><sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
    write("xml-bomb.xlsx", standard_parts(shared_strings=bomb), folder)
    # The workbook lists a sheet whose part is not in the package.
    parts = [p for p in standard_parts() if p[0] != "xl/worksheets/sheet1.xml"]
    write("missing-sheet.xlsx", parts, folder)
    # A number cell whose value is not a number.
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="12"><c r="D12"><v>1</v></c><c r="E12"><v>12,5</v></c></row></sheetData></worksheet>'
    write("non-numeric-value.xlsx", standard_parts(sheet=sheet), folder)
    # Malformed XML in the worksheet.
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>'
    write("mismatched-tag.xlsx", standard_parts(sheet=sheet), folder)
    # Not a ZIP at all, and a legacy Compound File header.
    with open(os.path.join(folder, "not-a-zip.xlsx"), "wb") as out:
        out.write(b"STT,Don vi\n1,Ia Dal\n")
    with open(os.path.join(folder, "compound-file.xlsx"), "wb") as out:
        out.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))


def standard_parts(sheet=None, shared_strings=None):
    sheet = sheet or f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    shared_strings = shared_strings or f'<sst xmlns="{MAIN}"><si><t>x</t></si></sst>'
    return [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Biểu 02" sheetId="1" r:id="a"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", rels([("a", "worksheet", "worksheets/sheet1.xml"), ("b", "sharedStrings", "sharedStrings.xml")])),
        ("xl/sharedStrings.xml", shared_strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ]


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "bad"), exist_ok=True)
    everything()
    prefixed_no_references()
    stored_and_data_descriptor()
    legacy_fonts()
    bad_files()
    for folder, _, files in sorted(os.walk(HERE)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            print(f"{os.path.getsize(path):>9}  {os.path.relpath(path, HERE)}")
