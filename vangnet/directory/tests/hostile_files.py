"""Workbooks that no spreadsheet program writes, built on the spot for the import tests."""

import io
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
    f'<Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
    f'<Relationship Id="rId1" Type="{OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def workbook_xml(sheets: str = '<sheet name="Blad1" sheetId="1" r:id="rId1"/>') -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
        f'xmlns:r="{OFFICE_REL}"><sheets>{sheets}</sheets></workbook>'
    )


def inline_row(*values: str, number: int | None = None) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    attribute = f' r="{number}"' if number else ""
    return f"<row{attribute}>{cells}</row>".encode()


def streamed_workbook(
    rows: int,
    *,
    header: tuple[str, ...] = ("naam", "type"),
    row: tuple[str, ...] = ("Praktijk", "welfare"),
    workbook: str | None = None,
    before_data: str = "",
) -> bytes:
    """A workbook whose one sheet holds ``rows`` identical rows, written as a stream.

    Nothing is built in memory: a million rows make a file of a few hundred KB.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook or workbook_xml())
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?>{before_data}'
                f'<worksheet xmlns="{NS}"><sheetData>'.encode()
            )
            sheet.write(inline_row(*header, number=1))
            chunk = inline_row(*row) * 1000
            for _ in range(rows // 1000):
                sheet.write(chunk)
            sheet.write(inline_row(*row) * (rows % 1000))
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def zip_of(files: dict[str, bytes | str], *, encrypted_flag: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    data = out.getvalue()
    if encrypted_flag:
        # Set the "encrypted" bit in every local header and central directory entry.
        local, central = b"PK\x03\x04\x14\x00", b"PK\x01\x02\x14\x03\x14\x00"
        data = data.replace(local + b"\x00\x00", local + b"\x01\x00")
        data = data.replace(central + b"\x00\x00", central + b"\x01\x00")
    return data
