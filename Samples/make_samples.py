#!/usr/bin/env python3
"""Writes the sample workbook of Samples/ from the figures of the district plan in ../shared/sources/
(Kế hoạch giảm nghèo huyện Ia H'Drai 2025, section IV.2: deprivation counts of poor and near-poor households at
the end of 2023). Needs XlsxWriter (`pip install xlsxwriter`); run from the repository root:

    python3 Samples/make_samples.py

The rates sheet holds real formulas (count / households × 100, rounded to 2 decimals) with their cached values,
as Excel would save them.
"""
import datetime
import os

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
# (row code, label, households, the 12 deprivation counts) — figures as the plan states them.
GROUPS = [
    ("I", "Hộ nghèo", 300, [100, 117, 53, 0, 21, 5, 125, 56, 56, 110, 100, 24]),
    ("II", "Hộ cận nghèo", 285, [50, 80, 26, 0, 8, 4, 61, 14, 73, 93, 33, 15]),
]


def main():
    path = os.path.join(HERE, "chi-so-thieu-hut-ia-hdrai-2023.xlsx")
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
    rate = book.add_format({"border": 1, "font_name": "Times New Roman", "font_size": 12, "num_format": "0.00"})
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
                sheet.write_formula(row, 3, f"=ROUND({source}!D{row + 1}/{source}!C{row + 1}*100,2)", rate, total)
                for index, count in enumerate(counts):
                    column = 4 + index
                    letter = xlsxwriter.utility.xl_col_to_name(column)
                    value = round(count / households * 100, 2)
                    sheet.write_formula(row, column,
                                        f"=ROUND({source}!{letter}{row + 1}/{source}!C{row + 1}*100,2)", rate, value)
        sheet.write(11, 1, "Người lập biểu", plain)
        sheet.write(11, 10, "Thủ trưởng đơn vị", plain)
    book.close()
    print(path)


if __name__ == "__main__":
    main()
