"""NIP rules for Indonesian civil servants (pure Python, no Django).

A PNS NIP has 18 digits: birth date YYYYMMDD, CPNS start YYYYMM, gender (1 male, 2 female) and a
serial 001-999. A PPPK number (NI PPPK) has 18 digits too: birth date YYYYMMDD, appointment year
YYYY, a two-digit code (21 full-time, 24 part-time, anything >= 21 is PPPK), gender and serial.
Digits 13-14 tell the forms apart: a month 01-12 is PNS, a code >= 21 is PPPK.

Every error names the part of the number that is wrong, in Bahasa Indonesia (the language of the
people who fix the data) with the digit positions, so an operator can find it in a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PNS = "PNS"
PPPK = "PPPK"
MIN_APPOINTMENT_AGE = 18
EARLIEST_BIRTH_YEAR = 1900


class NipError(ValueError):
    """A NIP that breaks a rule; `part` names the faulty part (e.g. "tanggal lahir")."""

    def __init__(self, message: str, part: str):
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class NipInfo:
    nip: str
    asn_type: str  # PNS or PPPK
    birth_date: dt.date
    start_year: int
    start_month: int | None  # CPNS start month for PNS; None for PPPK
    pppk_code: int | None  # 21 full-time, 24 part-time, ... for PPPK; None for PNS
    gender: str  # "L" or "P"
    serial: int


def parse_nip(raw: str, *, today: dt.date | None = None) -> NipInfo:
    """Validate a NIP and return its parts, or raise NipError naming the wrong part.

    `today`, when given, rejects start dates in the future.
    """
    # any whitespace (also the no-break spaces of a NIP copied from a web page or PDF) is dropped
    nip = "".join((raw or "").split())
    if not nip:
        raise NipError("NIP kosong.", "NIP")
    if not (nip.isascii() and nip.isdigit()):  # str.isdigit() also takes ² and Arabic digits
        raise NipError(f"NIP {nip!r} harus berisi angka saja.", "NIP")
    if len(nip) != 18:
        raise NipError(f"NIP {nip} harus 18 digit, bukan {len(nip)}.", "panjang")

    birth_date = _birth_date(nip)
    year = int(nip[8:12])
    second = int(nip[12:14])
    if 1 <= second <= 12:
        asn_type, start_month, pppk_code = PNS, second, None
        start_label = "TMT CPNS (digit 9-14)"
        start_key = (year, second)
    elif second >= 21:
        asn_type, start_month, pppk_code = PPPK, None, second
        start_label = "tahun pengangkatan PPPK (digit 9-12)"
        start_key = (year, 12)
    else:
        raise NipError(
            f"NIP {nip}: digit 13-14 bernilai {nip[12:14]}: bukan bulan TMT CPNS (01-12) "
            "maupun kode PPPK (21 ke atas).",
            "bulan TMT CPNS / kode PPPK",
        )
    if start_key < (birth_date.year + MIN_APPOINTMENT_AGE, birth_date.month):
        raise NipError(
            f"NIP {nip}: {start_label} {year} kurang dari {MIN_APPOINTMENT_AGE} tahun "
            f"setelah tanggal lahir {birth_date.isoformat()}.",
            "tahun pengangkatan",
        )
    if today is not None and start_key > (today.year, today.month):
        raise NipError(f"NIP {nip}: {start_label} ada di masa depan.", "tahun pengangkatan")

    gender_digit = nip[14]
    if gender_digit not in "12":
        raise NipError(
            f"NIP {nip}: digit 15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), "
            f"bukan {gender_digit}.",
            "jenis kelamin",
        )
    serial = int(nip[15:18])
    if serial == 0:
        raise NipError(f"NIP {nip}: nomor urut (digit 16-18) harus 001-999.", "nomor urut")
    return NipInfo(
        nip=nip,
        asn_type=asn_type,
        birth_date=birth_date,
        start_year=year,
        start_month=start_month,
        pppk_code=pppk_code,
        gender="L" if gender_digit == "1" else "P",
        serial=serial,
    )


def _birth_date(nip: str) -> dt.date:
    y, m, d = int(nip[0:4]), int(nip[4:6]), int(nip[6:8])
    if y < EARLIEST_BIRTH_YEAR:
        raise NipError(f"NIP {nip}: tahun lahir (digit 1-4) {y} tidak masuk akal.", "tanggal lahir")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise NipError(
            f"NIP {nip}: tanggal lahir (digit 1-8) {nip[0:4]}-{nip[4:6]}-{nip[6:8]} "
            "bukan tanggal yang ada.",
            "tanggal lahir",
        ) from None


def format_nip(nip: str) -> str:
    """The printed form with spaces: 19850330 200312 1 002."""
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
