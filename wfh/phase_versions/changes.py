"""Changing a running phase from a date: a new PhaseVersion, and the rosters regenerated.

`change_parse` reads what the command, the phase page and the API give (weekdays as numbers or
Indonesian/English names, the ratio as "0.5", "0,5" or "50%", OPD kinds) and raises
ValidationError naming each bad field; `phase_change` records the version and queues a new draft
version of every OPD roster of the phase regenerated from that date (days before it stay as
lived). The drafts then go the usual way (submitted by the OPD, published by HR, which
publishes from that date and tells the staff: the roster-published notification and mail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import access
from opd.models import OpdKind
from wfh import selectors
from wfh.dates import long_date
from wfh.models import PatternKind, Phase, PhaseVersion, Roster
from wfh.overrides.inputs import parse_share
from wfh.phase_versions.selectors import phase_spans
from wfh.phase_versions.spans import Terms, terms_on
from wfh.rosters.generation import rosters_start

FIELDS = ("valid_from", "wfh_weekdays", "ratio", "weekly_cap", "exempt_kinds", "reference", "note")
DAY_NAMES = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
}


@dataclass(frozen=True)
class ChangeSpec:
    valid_from: dt.date
    reference: str
    wfh_weekdays: tuple[int, ...] | None = None
    ratio: Decimal | None = None
    weekly_cap: int | None = None
    exempt_kinds: tuple[str, ...] | None = None
    note: str = ""


def _items(value) -> list[str] | None:
    """None when not given; a list of words from a list or a text split at commas/spaces."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    elif not isinstance(value, (list, tuple)):
        value = [value]
    out: list[str] = []
    for item in value:
        out.extend(str(item).replace(",", " ").split())
    return out


def _weekday(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit() and 0 <= int(word) <= 4:
        return int(word)
    return DAY_NAMES.get(word)


def change_parse(data: Mapping) -> ChangeSpec:
    """The change in `data`, checked on its own (against the phase in `phase_change`)."""
    errors: dict[str, str] = {}
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors["non_field_errors"] = _("Kolom tidak dikenal: %(names)s.") % {
            "names": ", ".join(unknown)
        }
    valid_from = data.get("valid_from")
    if not isinstance(valid_from, dt.date):
        text = str(valid_from or "").strip()
        valid_from = None
        if not text:
            errors["valid_from"] = _("Wajib diisi (tanggal TTTT-BB-HH, mis. 2026-02-17).")
        else:
            try:
                valid_from = dt.date.fromisoformat(text)
            except ValueError:
                errors["valid_from"] = _(
                    "Tanggal %(v)s tidak dikenal: tulis TTTT-BB-HH, mis. 2026-02-17."
                ) % {"v": text}
    reference = str(data.get("reference") or "").strip()
    if not reference:
        errors["reference"] = _("Tuliskan nomor surat edaran perubahan, mis. SE 800/123/BKPSDM.")
    elif len(reference) > 200:
        errors["reference"] = _("Paling banyak 200 karakter.")
    weekdays = None
    words = _items(data.get("wfh_weekdays"))
    if words is not None and words:
        read = [_weekday(w) for w in words]
        bad = [w for w, d in zip(words, read, strict=True) if d is None]
        if bad:
            errors["wfh_weekdays"] = _(
                "Hari %(v)s tidak dikenal: tulis Senin sampai Jumat (atau 0 sampai 4)."
            ) % {"v": ", ".join(bad)}
        else:
            weekdays = tuple(sorted(set(read)))
    ratio = None
    if data.get("ratio") not in (None, ""):
        try:
            ratio = parse_share(data.get("ratio"))
        except (ValueError, ArithmeticError):  # "abc", True, NaN
            errors["ratio"] = _(
                "Rasio %(v)s tidak dikenal: tulis angka antara 0,01 dan 1 (mis. 0,5 atau 50%%)."
            ) % {"v": data.get("ratio")}
        else:
            ratio = Decimal("1.00") if ratio is None else ratio
    cap = None
    if data.get("weekly_cap") not in (None, ""):
        try:
            cap = int(str(data.get("weekly_cap")).strip())
        except ValueError:
            cap = -1
        if not 1 <= cap <= 5:
            errors["weekly_cap"] = _("Batas per minggu harus angka 1 sampai 5.")
            cap = None
    kinds = None
    words = _items(data.get("exempt_kinds"))
    if words is not None:
        kinds = tuple(sorted({w.lower() for w in words}))
        bad = [k for k in kinds if k not in OpdKind.values]
        if bad:
            errors["exempt_kinds"] = _("Jenis OPD tidak dikenal: %(k)s (pilihan: %(all)s).") % {
                "k": ", ".join(bad),
                "all": ", ".join(OpdKind.values),
            }
    note = str(data.get("note") or "").strip()
    if errors:
        raise ValidationError(errors)
    return ChangeSpec(
        valid_from=valid_from,
        reference=reference,
        wfh_weekdays=weekdays,
        ratio=ratio,
        weekly_cap=cap,
        exempt_kinds=kinds,
        note=note,
    )


@dataclass
class ChangeResult:
    version: PhaseVersion
    before: Terms
    rosters: list[Roster]


@transaction.atomic
def phase_change(
    *,
    phase: Phase,
    spec: ChangeSpec,
    user=None,
    today: dt.date | None = None,
    regenerate: bool = True,
) -> ChangeResult:
    """Record the change and queue the regeneration of every OPD roster of the phase from its
    date (`regenerate=False`: the caller builds them itself, as the demo does in-process).
    `user=None` is the command line; a user must be HR (opd.access)."""
    if user is not None and not access.can_change_phases(user):
        raise PermissionDenied(_("Hanya HR yang boleh mengubah tahap."))
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    today = today or timezone.localdate()
    day = spec.valid_from
    errors: dict[str, str] = {}
    if not phase.start < day <= phase.end:
        errors["valid_from"] = _(
            "Tanggal berlaku %(day)s harus sesudah hari pertama tahap dan paling lambat hari "
            "terakhirnya (%(start)s s.d. %(end)s)."
        ) % {"day": long_date(day), "start": long_date(phase.start), "end": long_date(phase.end)}
    elif day < today:
        errors["valid_from"] = _(
            "Tanggal berlaku %(day)s sudah lewat: hari yang sudah dijalani tidak diubah. Pilih "
            "hari ini atau sesudahnya."
        ) % {"day": long_date(day)}
    versions = list(PhaseVersion.objects.filter(phase=phase).order_by("valid_from"))
    if versions and day <= versions[-1].valid_from and "valid_from" not in errors:
        errors["valid_from"] = _(
            "Sudah ada perubahan yang berlaku sejak %(day)s: perubahan baru harus berlaku "
            "sesudahnya."
        ) % {"day": long_date(versions[-1].valid_from)}
    if phase.pattern == PatternKind.WEEKDAY and spec.ratio is not None:
        errors["ratio"] = _("Tahap ini berpola hari tetap: ubah hari WFH, bukan rasio.")
    if phase.pattern == PatternKind.ROTATION and spec.wfh_weekdays is not None:
        errors["wfh_weekdays"] = _("Tahap ini berpola rotasi: ubah rasio, bukan hari WFH.")
    if errors:
        raise ValidationError(errors)
    before = terms_on(phase_spans(phase, versions), day)
    after = before.with_changes(
        wfh_weekdays=spec.wfh_weekdays,
        ratio=spec.ratio,
        weekly_cap=spec.weekly_cap,
        exempt_kinds=spec.exempt_kinds,
    )
    if not after.differences(before):
        raise ValidationError(
            {
                "non_field_errors": _(
                    "Tidak ada yang berubah: isi hari WFH, rasio, batas per minggu atau jenis "
                    "OPD yang dikecualikan yang berbeda dari yang berlaku pada %(day)s."
                )
                % {"day": long_date(day)}
            }
        )
    version = PhaseVersion.objects.create(
        phase=phase,
        valid_from=day,
        wfh_weekdays=list(after.wfh_weekdays),
        ratio=after.ratio,
        weekly_cap=after.weekly_cap,
        exempt_kinds=list(after.exempt_kinds),
        reference=spec.reference,
        note=spec.note,
        created_by=user,
    )
    rosters: list[Roster] = []
    if regenerate:
        with_rosters = list(
            selectors.phase_opds(phase).filter(rosters__phase=phase).distinct().order_by("code")
        )
        rosters = rosters_start(phase=phase, opds=with_rosters, user=user, regenerate_from=day)
    return ChangeResult(version=version, before=before, rosters=rosters)
