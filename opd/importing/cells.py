"""Cell parsers of the organisation import: each returns a value or raises CellError with the
reason in Bahasa Indonesia."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opd.importing import free_text
from opd.importing.errors import CellError
from opd.importing.sheets import DEFAULT_TIME_ZONE
from opd.models import AsnType, OpdKind, UnitRole

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_ROLES = {
    "head": UnitRole.HEAD,
    "kepala": UnitRole.HEAD,
    "deputy": UnitRole.DEPUTY,
    "wakil": UnitRole.DEPUTY,
    "pengganti": UnitRole.DEPUTY,
    "staff": UnitRole.STAFF,
    "staf": UnitRole.STAFF,
}
ROLE_CODES = frozenset(_ROLES)  # the exact role values (others are read as HR's words)
YES_NO_CODES = frozenset({"ya", "tidak", "yes", "no", "true", "false", "1", "0"})
# "P3K" is how many Pemda spreadsheets write PPPK; part-time PPPK is still PPPK.
ASN_TYPES = {
    "pns": AsnType.PNS,
    "pppk": AsnType.PPPK,
    "p3k": AsnType.PPPK,
    "pppk paruh waktu": AsnType.PPPK,
}
_TZ_ALIASES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}


MISSING = object()  # what a row check records for a cell that failed (None is a value)


def parse_required(value: str) -> str:
    if not value:
        raise CellError(_("Wajib diisi."))
    return value


def parse_max_len(value: str, limit: int) -> str:
    if len(value) > limit:
        raise CellError(
            _("Terlalu panjang: %(n)d karakter, paling banyak %(limit)d.")
            % {"n": len(value), "limit": limit}
        )
    return value


def parse_code(value: str) -> str:
    parse_required(value)
    parse_max_len(value, 32)
    if not CODE_RE.match(value):
        raise CellError(
            _(
                "Kode %(value)s hanya boleh berisi huruf, angka, titik, garis bawah atau tanda "
                "hubung (tanpa spasi atau /)."
            )
            % {"value": value}
        )
    return value


def parse_yes_no(value: str, default: bool) -> bool:
    if not value:
        return default
    answer = free_text.read_yes_no(value)
    if answer is None:
        raise CellError(
            _("Nilai %(value)s tidak dikenal; isi ya/tidak (juga yes/no, true/false, 1/0).")
            % {"value": value}
        )
    return answer


def parse_decimal(value: str, low: int, high: int, label: str) -> Decimal | None:
    if not value:
        return None
    text = value.replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Indonesian decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("%(value)s bukan angka.") % {"value": value}) from None
    if not number.is_finite() or not low <= number <= high:
        raise CellError(
            _("%(label)s harus antara %(low)d dan %(high)d, bukan %(value)s.")
            % {"label": label, "low": low, "high": high, "value": value}
        )
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def parse_integer(value: str, default: int, low: int, high: int) -> int:
    if not value:
        return default
    text = value.replace(" ", "")
    if text.endswith((".0", ",0")):
        text = text[:-2]
    digits = text.lstrip("-")
    if not (digits.isascii() and digits.isdigit()):  # isdigit() alone takes ² too
        raise CellError(_("%(value)s bukan bilangan bulat.") % {"value": value})
    number = int(text)
    if not low <= number <= high:
        raise CellError(
            _("Harus antara %(low)d dan %(high)d, bukan %(value)s.")
            % {"low": low, "high": high, "value": value}
        )
    return number


def parse_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        if "/" in value:  # Indonesian spreadsheets write day first: 30/03/2025
            day, month, year = (int(p) for p in value.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise CellError(
            _("Tanggal %(value)s tidak dikenal; gunakan format YYYY-MM-DD.") % {"value": value}
        ) from None


_tz_cache: dict[str, str | None] = {}


def parse_time_zone(value: str) -> str:
    if not value:
        return DEFAULT_TIME_ZONE
    if value not in _tz_cache:
        name = _TZ_ALIASES.get(value.lower(), value)
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            name = None
        _tz_cache[value] = name
    name = _tz_cache[value]
    if name is None:
        raise CellError(
            _(
                "Zona waktu %(value)s tidak dikenal (contoh: Asia/Jakarta, Asia/Makassar, "
                "Asia/Jayapura, atau WIB/WITA/WIT)."
            )
            % {"value": value}
        )
    return name


@functools.cache
def _kinds() -> dict[str, str]:
    """Kind values and their Indonesian labels (e.g. "sekretariat daerah"), lowercased."""
    with translation.override("id"):
        labels = {str(k.label).lower(): k.value for k in OpdKind}
    return {k.value: k.value for k in OpdKind} | labels


def parse_kind(value: str) -> str:
    parse_required(value)
    kind = _kinds().get(value.lower())
    if kind is None:
        raise CellError(
            _("Jenis OPD %(value)s tidak dikenal; gunakan salah satu dari: %(choices)s.")
            % {"value": value, "choices": ", ".join(k.value for k in OpdKind)}
        )
    return kind


_ROLE_LABEL = gettext_lazy("Peran")


def _choice(value: str, mapping: dict, what) -> str:
    found = mapping.get(value.lower().replace(" ", "_"))
    if found is None:
        raise CellError(
            _("%(what)s %(value)s tidak dikenal; gunakan salah satu dari: %(choices)s.")
            % {"what": what, "value": value, "choices": ", ".join(mapping)}
        )
    return found


# A plain address (dot-atom local part, LDH domain labels): a strict subset of what Django's
# EmailValidator accepts, checked first because the full validator is slow over 100,000 rows.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def parse_email(value: str) -> str:
    if not value:
        return ""
    parse_max_len(value, 254)
    if _PLAIN_EMAIL.fullmatch(value):
        return value
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(_("Alamat email %(value)s tidak valid.") % {"value": value}) from None
    return value


def scientific_hint(nip: str) -> str:
    """What to do about a NIP that Excel turned into a number (1.98503302003121e+17), or ""."""
    if "e+" not in nip.lower():
        return ""
    return " " + _(
        "NIP tertulis dalam notasi ilmiah: format kolom NIP sebagai Teks di "
        "Excel agar 18 digitnya tidak hilang."
    )


def nip_text(value: str) -> str:
    return "".join(value.split()).replace("'", "")


def parse_role(value: str) -> str:
    """The exact values, else HR's words ("Kepala Bidang", "Plh", "Pelaksana")."""
    found = _ROLES.get(value.lower().replace(" ", "_")) or free_text.read_role(value)
    if found is None:
        return _choice(value, _ROLES, _ROLE_LABEL)  # raises, listing the known values
    return found


def parse_reason(value: str) -> free_text.ReasonReading:
    """HR's words for why someone may not work from home; never refused (see free_text)."""
    return free_text.read_reason(value)
