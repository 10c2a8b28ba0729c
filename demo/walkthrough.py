"""The README walk-through's own phase, relative to the day the demo is seeded: a 50:50 rotation
from next Monday for four weeks, for Dinas Perhubungan, left without a roster so HR generates,
edits, submits and publishes it live on any date (the 2025 trial and the 2026 programme stay).

DISHUB leaves the 2026 Thursday rule for the trial's weeks: its published days of other phases in
that range are cleared, so the trial's roster is what HR publishes there. DISHUB, because the
demo's declared WFA exempts it and pegawai.demo (DISKOMINFOSTANDI) keeps the published days its
swap and declared days use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opd.models import Opd
from wfh.models import Composition, PatternKind, Phase, Programme, ScheduleDay

PROGRAMME = "demo-uji-rotasi"
PHASE = "demo-uji-rotasi"
OPDS = ("DISHUB",)
WEEKS = 4


def walkthrough_start(today: dt.date) -> dt.date:
    """The Monday after `today` (a week later when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def walkthrough_seed(*, today: dt.date) -> Phase:
    """Create (or move to today) the walk-through phase; no roster is generated."""
    start = walkthrough_start(today)
    end = start + dt.timedelta(weeks=WEEKS, days=-1)
    programme, _ = Programme.objects.update_or_create(
        slug=PROGRAMME,
        defaults={
            "name": "Uji Coba Rotasi WFH (demo)",
            "legal_basis": "SE Wali Kota Bekasi (demo) tentang uji coba rotasi WFH",
            "description": (
                "Rotasi 50:50 WFH/WFO selama empat minggu untuk Dinas Perhubungan (regu "
                "lapangan tetap di kantor); jadwalnya belum dibuat."
            ),
        },
    )
    phase, _ = Phase.objects.update_or_create(
        slug=PHASE,
        defaults={
            "programme": programme,
            "order": 1,
            "name": "Uji coba rotasi 50:50 (empat minggu)",
            "start": start,
            "end": end,
            "pattern": PatternKind.ROTATION,
            "wfh_weekdays": [],
            "optional_weekday": None,
            "ratio": Decimal("0.50"),
            "default_composition": Composition.BALANCED,
            "weekly_cap": 3,
            "wfh_note": "Kegiatan penting tetap dilaksanakan secara daring.",
        },
    )
    opds = list(Opd.objects.filter(code__in=OPDS))
    phase.opds.set(opds)
    ScheduleDay.objects.filter(opd__in=opds, day__gte=start, day__lte=end).exclude(
        phase=phase
    ).delete()
    return phase
