#!/usr/bin/env python3
"""Generates the .xls fixtures of Tests/SheetXLSTests with xlwt (pip install xlwt). Run from this folder.

The outputs are committed; re-running gives the same cells (xlwt writes no timestamps into BIFF records).
"""
import datetime

import xlwt


def bao_cao():
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Biểu 01")
    bold = xlwt.easyxf("font: name Times New Roman, bold on")
    date = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    stamp = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    percent = xlwt.easyxf(num_format_str="0.00%")
    vntime = xlwt.easyxf("font: name .VnTime")
    sheet.write_merge(0, 0, 0, 3, "Cộng hòa xã hội chủ nghĩa Việt Nam", bold)
    sheet.write(1, 0, "Xã")
    sheet.write(1, 1, "Số hộ nghèo")
    sheet.write(1, 2, "Tỷ lệ")
    sheet.write(1, 3, "Ngày báo cáo")
    rows = [("Ia Dal", 312, 0.2875), ("Ia Tơi", 45, 0.0312), ("Sa Nhơn", 1234567, 1.5)]
    for index, (name, households, rate) in enumerate(rows):
        row = 2 + index
        sheet.write(row, 0, name)
        sheet.write(row, 1, households)
        sheet.write(row, 2, rate, percent)
        sheet.write(row, 3, datetime.date(2024, 12, 31), date)
    sheet.write(5, 0, "Tổng")
    sheet.write(5, 1, xlwt.Formula("SUM(B3:B5)"))
    sheet.write(5, 3, datetime.datetime(2025, 1, 2, 8, 30), stamp)
    sheet.write(6, 0, True)
    sheet.write(6, 1, -2.5)
    sheet.write(6, 2, "Céng hßa", vntime)
    sheet.write(7, 0, xlwt.Formula('"Xã "&A3'))
    sheet.col(0).width = 20 * 256
    hidden = book.add_sheet("Ẩn")
    hidden.write(0, 0, "ẩn")
    hidden.visibility = 1
    book.save("bao-cao-xlwt.xls")


def many_strings():
    """Enough distinct strings that the SST runs over several CONTINUE records, some split mid-string."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Chuỗi")
    for row in range(600):
        sheet.write(row, 0, f"Hộ số {row:04d} ở thôn Plei Ơi – huyện Ia Grai")
        sheet.write(row, 1, f"plain ascii text number {row} " + "x" * (row % 37))
        sheet.write(row, 2, row * 1.25)
    book.save("many-strings-xlwt.xls")


def legacy_fonts():
    """Vietnamese in legacy encodings beside Unicode, as old district files hold it: the same text under .VnTime
    (TCVN3), .VnTimeH (TCVN3 drawn as capitals), VNI-Times (VNI) and Times New Roman, and a cell mixing fonts in
    rich-text runs. The legacy bytes are stored as the characters U+0000-U+00FF, as Excel stores them."""
    def legacy(hex_bytes):
        return bytes.fromhex(hex_bytes).decode("latin-1")

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Biểu cũ")
    fonts = {}
    for name in [".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman"]:
        font = xlwt.Font()
        font.name = name
        style = xlwt.XFStyle()
        style.font = font
        fonts[name] = (font, style)
    sheet.write(0, 0, legacy("43e96e672068df612078b72068e969206368f1206e6768dc61205669d674204e616d"), fonts[".VnTime"][1])
    sheet.write(0, 1, legacy("63e96e672068df612078b72068e969206368f1206e6768dc61207669d674206e616d"), fonts[".VnTimeH"][1])
    sheet.write(0, 2, legacy("436fe46e6720686ff861207861f520686fe46920636875fb206e6768f36120566965e474204e616d"),
                fonts["VNI-Times"][1])
    sheet.write(0, 3, "Cộng hòa xã hội chủ nghĩa Việt Nam", fonts["Times New Roman"][1])
    motto = legacy("a7e963206ccb70202d2054f920646f202d2048b96e68207068f363")  # Độc lập - Tự do - Hạnh phúc
    sheet.write_rich_text(1, 0, [(motto, fonts[".VnTime"][0]), (" (Unicode: Độc lập)", fonts["Times New Roman"][0])],
                          fonts["Times New Roman"][1])
    sheet.write(1, 1, legacy("6e67ad656920"), fonts[".VnTime"][1])  # 0xAD is ư in TCVN3
    book.save("legacy-fonts.xls")


if __name__ == "__main__":
    bao_cao()
    many_strings()
    legacy_fonts()
