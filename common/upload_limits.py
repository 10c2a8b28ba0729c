"""How much an import may read: the caps, checked while reading, so a small file that opens into
a huge one (an "XLSX bomb", a CSV of millions of rows) is refused before it ties up a worker.

The caps are settings (config/settings.py reads them from the environment):

- IMPORT_MAX_FILE_MB (50): the size of an uploaded or opened file. A web upload is counted as
  it streams in (`LimitedUploadHandler`, first of FILE_UPLOAD_HANDLERS): a bigger one is dropped
  without being kept, and the form names the limit.
- IMPORT_MAX_UNCOMPRESSED_MB (100): what the parts of an XLSX (a zip) add up to once opened,
  by the sizes the zip declares and by the bytes actually inflated (`zip_check`).
- IMPORT_MAX_COMPRESSION_RATIO (100): how many times smaller than its content a part of an XLSX
  may be (a part under 1 MB opened is never refused for it). Real workbooks stay near 10.
- IMPORT_MAX_ROWS (200,000): rows of one table (the header aside); reading stops at the first
  row over it.
- IMPORT_MAX_COLUMNS (200): cells of one row (trailing empty cells aside).

Each check raises `LimitExceeded` with a message in Bahasa Indonesia that names the limit;
common.tabular turns it into the ReadError of the file. No project imports here but Django's.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils import formats
from django.utils.translation import gettext as _

MB = 1024 * 1024
RATIO_FLOOR_BYTES = MB  # a part smaller than this once opened is never refused for its ratio
MAX_ZIP_MEMBERS = 10_000  # a workbook holds a few dozen parts
CHUNK_BYTES = MB
WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")  # <row ...>, <x:row>, not <rowBreaks>


class LimitExceeded(ValueError):
    """A file over one of the caps; `str()` is the message for the user."""


@dataclass(frozen=True, slots=True)
class Limits:
    file_mb: int
    uncompressed_mb: int
    compression_ratio: int
    rows: int
    columns: int

    @classmethod
    def current(cls) -> Limits:
        return cls(
            file_mb=getattr(settings, "IMPORT_MAX_FILE_MB", 50),
            uncompressed_mb=getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 100),
            compression_ratio=getattr(settings, "IMPORT_MAX_COMPRESSION_RATIO", 100),
            rows=getattr(settings, "IMPORT_MAX_ROWS", 200_000),
            columns=getattr(settings, "IMPORT_MAX_COLUMNS", 200),
        )

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MB

    @property
    def uncompressed_bytes(self) -> int:
        return self.uncompressed_mb * MB


def _number(value: int) -> str:
    """200.000 in Indonesian, 200,000 in English."""
    return formats.number_format(value, force_grouping=True)


def file_too_big_message(limits: Limits | None = None) -> str:
    limits = limits or Limits.current()
    return _("Berkas melebihi %(limit)s MB; bagi menjadi beberapa berkas.") % {
        "limit": _number(limits.file_mb)
    }


def file_size_check(size: int, limits: Limits) -> None:
    if size > limits.file_bytes:
        raise LimitExceeded(file_too_big_message(limits))


def rows_check(row_number: int, limits: Limits) -> None:
    """`row_number` is the spreadsheet's (the header is row 1)."""
    if row_number - 1 > limits.rows:
        raise LimitExceeded(
            _("Berkas melebihi %(limit)s baris; bagi menjadi beberapa berkas.")
            % {"limit": _number(limits.rows)}
        )


def columns_check(width: int, row_number: int, limits: Limits) -> None:
    if width > limits.columns:
        raise LimitExceeded(
            _("Baris %(row)s berisi lebih dari %(limit)s kolom.")
            % {"row": row_number, "limit": _number(limits.columns)}
        )


def _uncompressed_too_big(limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        _("Isi XLSX melebihi %(limit)s MB setelah dibuka; bagi menjadi beberapa berkas.")
        % {"limit": _number(limits.uncompressed_mb)}
    )


def _ratio_too_high(member: str, limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        _(
            "Bagian %(member)s di dalam XLSX dipadatkan lebih dari %(limit)s kali; berkas "
            "seperti ini ditolak. Simpan ulang buku kerjanya dari Excel."
        )
        % {"member": member, "limit": _number(limits.compression_ratio)}
    )


def _ratio_exceeded(opened: int, compressed: int, limits: Limits) -> bool:
    return opened > RATIO_FLOOR_BYTES and opened > limits.compression_ratio * max(compressed, 1)


def zip_check(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip whose parts open into more than the caps allow: first by the sizes it
    declares (nothing inflated), then by inflating every part in chunks and counting, stopping
    at the first chunk over a cap (a zip may lie about its sizes). The rows of each worksheet
    are counted on the way, so a sheet over IMPORT_MAX_ROWS is refused before any XML parser
    sees it (openpyxl reads a whole sheet when it opens a workbook whose sheet does not state
    its size).

    Raises LimitExceeded, or zipfile.BadZipFile for a damaged part.
    """
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(
            _("Buku kerja berisi lebih dari %(limit)s bagian; berkas seperti ini ditolak.")
            % {"limit": _number(MAX_ZIP_MEMBERS)}
        )
    if sum(m.file_size for m in members) > limits.uncompressed_bytes:
        raise _uncompressed_too_big(limits)
    for member in members:
        if _ratio_exceeded(member.file_size, member.compress_size, limits):
            raise _ratio_too_high(member.filename, limits)
    total = 0
    for member in members:
        opened = rows = 0
        tail = b""
        sheet = WORKSHEET.fullmatch(member.filename) is not None
        try:
            with archive.open(member) as part:
                while chunk := part.read(CHUNK_BYTES):
                    opened += len(chunk)
                    total += len(chunk)
                    if total > limits.uncompressed_bytes:
                        raise _uncompressed_too_big(limits)
                    if _ratio_exceeded(opened, member.compress_size, limits):
                        raise _ratio_too_high(member.filename, limits)
                    if sheet:
                        # a tag cut between two chunks is found whole in tail + chunk; one
                        # wholly inside the tail was counted with the chunk before
                        window = tail + chunk
                        rows += sum(1 for m in ROW_TAG.finditer(window) if m.end() > len(tail))
                        rows_check(rows, limits)
                        tail = window[-32:]
        except (RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
            # encrypted, an unknown compression method, or cut short
            raise zipfile.BadZipFile(f"{member.filename}: {exc}") from None


# --------------------------------------------------------------------------------------------
# Web uploads


class LimitedUploadHandler(FileUploadHandler):
    """Counts each uploaded file as it streams in and drops one over IMPORT_MAX_FILE_MB: the rest
    of it is read and thrown away, never kept in memory or on disk. The dropped fields are in
    `refused_uploads(request)` so the form can say why."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        self.limit = Limits.current().file_bytes

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            refused = getattr(self.request, "_refused_uploads", set())
            refused.add(self.field_name)
            self.request._refused_uploads = refused
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


def refused_uploads(request) -> set[str]:
    """The file fields of this request that were dropped for being over IMPORT_MAX_FILE_MB."""
    return set(getattr(request, "_refused_uploads", ()))
