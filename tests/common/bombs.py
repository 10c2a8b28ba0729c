"""Hostile import files, crafted small: a zip written part by part from a generator, so that a
workbook opening into 174 MB of sheet XML is built without holding that XML in memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = b"</sheetData></worksheet>"


def inline_row(number: int, *values: str) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f'<row r="{number}">{cells}</row>'.encode()


def workbook_with_sheet(parts: Iterable[bytes], *, title: str = "employees") -> bytes:
    """An XLSX whose only sheet's XML is `parts` (SHEET_OPEN ... SHEET_CLOSE included by the
    caller), streamed into the zip; the other parts are openpyxl's own."""
    wb = Workbook()
    wb.active.title = title
    template = io.BytesIO()
    wb.save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        for info in source.infolist():
            if info.filename == SHEET:
                with target.open(SHEET, "w", force_zip64=True) as sheet:
                    for part in parts:
                        sheet.write(part)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def bomb_parts(uncompressed: int) -> Iterator[bytes]:
    """Sheet XML of about `uncompressed` bytes: a header row, then one repeated row."""
    yield SHEET_OPEN
    yield inline_row(1, "nip", "name", "opd_code")
    block = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 10_000
    written = 0
    while written < uncompressed:
        yield block
        written += len(block)
    yield SHEET_CLOSE


def xlsx_bomb(uncompressed: int = 174 * 1024 * 1024) -> bytes:
    """A workbook of about half a megabyte whose sheet opens into `uncompressed` bytes."""
    return workbook_with_sheet(bomb_parts(uncompressed))


def with_declared_size(data: bytes, member: str, size: int) -> bytes:
    """The zip `data` with the uncompressed size its central directory declares for `member`
    replaced by `size` (a zip that lies about what it opens into; sizes under 2 GB)."""
    buffer = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.start_dir
    while buffer[offset : offset + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = (
            int.from_bytes(buffer[offset + i : offset + i + 2], "little") for i in (28, 30, 32)
        )
        if bytes(buffer[offset + 46 : offset + 46 + name_length]).decode() == member:
            buffer[offset + 24 : offset + 28] = size.to_bytes(4, "little")
            return bytes(buffer)
        offset += 46 + name_length + extra_length + comment_length
    raise KeyError(member)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n'
    b"<!DOCTYPE lolz [\n"
    b' <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c t="inlineStr"><is><t>nip</t></is></c></row>'
    b'<row r="2"><c t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def xlsx_billion_laughs() -> bytes:
    """A workbook whose sheet XML declares the nested entities of the "billion laughs"."""
    return workbook_with_sheet([BILLION_LAUGHS])
