#!/usr/bin/env python3
"""Writes the small XLSX seeds of the tabular and bank statement harnesses.

The committed seeds were made by this script (python3 tests/fuzz/make_xlsx_seeds.py);
run it again only to change them. Parts are STORED (not deflated) in most
seeds so that the fuzzer's byte mutations land in the XML the reader parses
rather than in compressed data; one seed is deflated so that path is covered.
"""
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="0"/><sheets><sheet name="对账单" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>交易日期</t></si><si><t>交易金额</t></si><si><t>收支方向</t></si><si><t>对方户名</t></si><si><t>摘要</t></si><si><t>收</t></si><si><t>支</t></si><si><r><t>西咸新区</t></r><r><t>人社局</t></r></si><si><t xml:space="preserve"> 宣传品 </t></si></sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="2"><c r="A2" s="1"><v>45488</v></c><c r="B2"><v>200000</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="s"><v>7</v></c><c r="E2" t="inlineStr"><is><t>劳务品牌奖补</t></is></c></row><row r="3"><c r="A3" t="str"><v>2024-08-01</v></c><c r="B3"><v>1000.5</v></c><c r="C3" t="s"><v>6</v></c><c r="E3" t="s"><v>8</v></c></row><row r="5"><c r="A5" s="2"><v>45535</v></c><c r="B5" t="n"><v>15</v></c><c r="C5" t="inlineStr"><is><t>支出</t></is></c><c r="D5" t="b"><v>1</v></c></row></sheetData></worksheet>"""


def write(path: pathlib.Path, parts: dict, compression: int) -> None:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def main() -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": SHARED,
        "xl/worksheets/sheet1.xml": SHEET,
    }
    minimal = {name: text for name, text in parts.items() if name not in ("xl/styles.xml", "xl/sharedStrings.xml")}
    minimal["xl/worksheets/sheet1.xml"] = SHEET.replace('t="s"><v>0</v>', 't="inlineStr"><is><t>日期</t></is>')
    for harness in ("fuzz_tabular", "fuzz_bank_statement"):
        directory = ROOT / harness
        directory.mkdir(parents=True, exist_ok=True)
        write(directory / "statement-stored.xlsx", parts, zipfile.ZIP_STORED)
        write(directory / "statement-deflated.xlsx", parts, zipfile.ZIP_DEFLATED)
        write(directory / "minimal-stored.xlsx", minimal, zipfile.ZIP_STORED)


if __name__ == "__main__":
    main()
