"""The one reader of a declaration as the command, the HR page and the API give it.

`declaration_parse` takes plain values (dates as ISO text or dates, OPD codes, units as
"OPD/UNIT" codes, the share as "0.5", "0,5" or "50%") and answers a checked `DeclarationSpec`,
or raises ValidationError with one message per field (named as the API names it), so a bad value
is reported where it was typed and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from opd.models import Opd, OpdKind, Unit
from wfh.dates import long_date
from wfh.overrides.models import DeclaredMode

MAX_DAYS = 62  # a declaration longer than two months is a phase, not a declared day
FIELDS = (
    "start",
    "end",
    "mode",
    "reference",
    "title",
    "share",
    "opds",
    "exempt_opds",
    "exempt_kinds",
    "exempt_units",
    "frontline_units",
    "seed",
)


@dataclass(frozen=True)
class DeclarationSpec:
    start: dt.date
    end: dt.date
    reference: str
    mode: str = DeclaredMode.WFA
    title: str = ""
    share: Decimal | None = None
    opds: tuple[Opd, ...] = ()
    exempt_opds: tuple[Opd, ...] = ()
    exempt_kinds: tuple[str, ...] = ()
    exempt_units: tuple[Unit, ...] = ()
    frontline_units: tuple[Unit, ...] = ()
    seed: int = 0
    extra: dict = field(default_factory=dict)


def _list(value) -> list[str]:
    """A list of codes from a list, or from one text separated by commas or spaces."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    elif not isinstance(value, (list, tuple)):
        value = [value]  # a number or an object from JSON: read as text, then refused as unknown
    out = []
    for item in value:
        out.extend(str(item).replace(",", " ").split())
    return out


def _date(value, name: str, errors: dict) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        errors[name] = _("Wajib diisi (tanggal TTTT-BB-HH, mis. 2026-03-16).")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors[name] = _("Tanggal %(v)s tidak dikenal: tulis TTTT-BB-HH, mis. 2026-03-16.") % {
            "v": text
        }
        return None


def parse_share(value) -> Decimal | None:
    """ "0.5", "0,5", "50%" -> Decimal("0.50"); empty -> None (everyone). ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal | int | float):
        share = Decimal(str(value))
    else:
        text = str(value).strip().replace(",", ".")
        percent = text.endswith("%")
        try:
            share = Decimal(text.rstrip("%").strip())
        except InvalidOperation:
            raise ValueError(text) from None
        if percent:
            share /= 100
    if not share.is_finite() or not Decimal("0.01") <= share <= 1:
        raise ValueError(str(value))
    share = share.quantize(Decimal("0.01"))
    return None if share == 1 else share


def _opds(codes: Iterable[str], name: str, errors: dict) -> tuple[Opd, ...]:
    codes = list(dict.fromkeys(c.upper() for c in codes))
    if not codes:
        return ()
    where = Q()
    for code in codes:
        where |= Q(code__iexact=code)
    found = {o.code.upper(): o for o in Opd.objects.filter(where)}
    missing = [c for c in codes if c not in found]
    if missing:
        errors[name] = _("OPD tidak dikenal: %(codes)s.") % {"codes": ", ".join(missing)}
    return tuple(found[c] for c in codes if c in found)


def _units(values: Iterable[str], name: str, errors: dict) -> tuple[Unit, ...]:
    units, bad = [], []
    for value in values:
        opd_code, sep, unit_code = value.partition("/")
        if not sep or not opd_code or not unit_code:
            bad.append(value)
            continue
        unit = (
            Unit.objects.select_related("opd")
            .filter(opd__code__iexact=opd_code, code__iexact=unit_code)
            .first()
        )
        if unit is None:
            bad.append(value)
        else:
            units.append(unit)
    if bad:
        errors[name] = _(
            "Unit tidak dikenal: %(units)s (tulis KODE-OPD/KODE-UNIT, mis. DISHUB/PKB)."
        ) % {"units": ", ".join(bad)}
    return tuple(dict.fromkeys(units))


def declaration_parse(data: Mapping) -> DeclarationSpec:
    """The declaration in `data`, checked; ValidationError naming each bad field otherwise."""
    errors: dict[str, str] = {}
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors["non_field_errors"] = _("Kolom tidak dikenal: %(names)s.") % {
            "names": ", ".join(unknown)
        }
    start = _date(data.get("start"), "start", errors)
    end = _date(data.get("end"), "end", errors)
    if start and end:
        if end < start:
            errors["end"] = _("Tanggal selesai (%(end)s) sebelum tanggal mulai (%(start)s).") % {
                "end": long_date(end),
                "start": long_date(start),
            }
        elif (end - start).days + 1 > MAX_DAYS:
            errors["end"] = _(
                "Paling lama %(n)s hari; untuk masa yang lebih panjang buat tahap program."
            ) % {"n": MAX_DAYS}
    reference = str(data.get("reference") or "").strip()
    if not reference:
        errors["reference"] = _("Tuliskan nomor surat edaran, mis. SE MenPANRB 2/2026.")
    elif len(reference) > 200:
        errors["reference"] = _("Paling banyak 200 karakter.")
    title = str(data.get("title") or "").strip()
    if len(title) > 200:
        errors["title"] = _("Paling banyak 200 karakter.")
    mode = str(data.get("mode") or DeclaredMode.WFA).strip().upper()
    if mode not in DeclaredMode.values:
        errors["mode"] = _("Jenis %(v)s tidak dikenal: pilih WFA atau WFH.") % {"v": mode}
    try:
        share = parse_share(data.get("share"))
    except ValueError:
        share = None
        errors["share"] = _(
            "Porsi %(v)s tidak dikenal: tulis angka antara 0,01 dan 1 (mis. 0,5 atau 50%%), "
            "atau kosongkan untuk semua pegawai."
        ) % {"v": data.get("share")}
    opds = _opds(_list(data.get("opds")), "opds", errors)
    exempt_opds = _opds(_list(data.get("exempt_opds")), "exempt_opds", errors)
    both = sorted({o.code for o in opds} & {o.code for o in exempt_opds})
    if both and "exempt_opds" not in errors:
        errors["exempt_opds"] = _("OPD ini disebut ikut dan dikecualikan sekaligus: %(c)s.") % {
            "c": ", ".join(both)
        }
    kinds = [k.lower() for k in _list(data.get("exempt_kinds"))]
    bad_kinds = [k for k in kinds if k not in OpdKind.values]
    if bad_kinds:
        errors["exempt_kinds"] = _("Jenis OPD tidak dikenal: %(k)s (pilihan: %(all)s).") % {
            "k": ", ".join(bad_kinds),
            "all": ", ".join(OpdKind.values),
        }
    exempt_units = _units(_list(data.get("exempt_units")), "exempt_units", errors)
    frontline_units = _units(_list(data.get("frontline_units")), "frontline_units", errors)
    not_frontline = [f"{u.opd.code}/{u.code}" for u in frontline_units if not u.frontline]
    if not_frontline and "frontline_units" not in errors:
        errors["frontline_units"] = _("Bukan unit layanan langsung: %(u)s.") % {
            "u": ", ".join(not_frontline)
        }
    seed = data.get("seed") or 0
    try:
        seed = int(seed)
    except (TypeError, ValueError):
        errors["seed"] = _("Seed harus bilangan bulat.")
        seed = 0
    if errors:
        raise ValidationError(errors)
    return DeclarationSpec(
        start=start,
        end=end,
        reference=reference,
        mode=mode,
        title=title,
        share=share,
        opds=opds,
        exempt_opds=exempt_opds,
        exempt_kinds=tuple(dict.fromkeys(kinds)),
        exempt_units=exempt_units,
        frontline_units=frontline_units,
        seed=seed,
    )
