"""Ready-made programmes from real circulars, loaded with `manage.py load_preset NAME`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from wfh.models import Composition, PatternKind, Phase, PhaseVersion, Programme

MONDAY, THURSDAY, FRIDAY = 0, 3, 4
# Depok's exempt units serve the public directly: hospitals, puskesmas, schools.
DEPOK_EXEMPT = ["puskesmas", "rsud", "sekolah"]
ONLINE_NOTE = "Kegiatan penting tetap dilaksanakan secara daring."

PRESETS: dict[str, dict] = {
    "jabar-2025": {
        "programme": {
            "name": "Uji Coba WFH ASN Pemprov Jawa Barat 2025",
            "legal_basis": "SE 150/KPG.03/BKD",
            "description": (
                "Uji coba kerja dari rumah: Tahap I setiap Kamis di bulan November, Tahap II "
                "rotasi 50:50 WFH/WFO di bulan Desember yang disusun tiap OPD."
            ),
        },
        "phases": [
            {
                "slug": "jabar-2025-tahap-1",
                "order": 1,
                "name": "Tahap I — setiap Kamis",
                "start": dt.date(2025, 11, 1),
                "end": dt.date(2025, 11, 30),
                "pattern": PatternKind.WEEKDAY,
                "wfh_weekdays": [THURSDAY],
                "optional_weekday": None,
                "ratio": None,
                "default_composition": Composition.BALANCED,
                "weekly_cap": 2,
                "wfh_note": ONLINE_NOTE,
            },
            {
                "slug": "jabar-2025-tahap-2",
                "order": 2,
                "name": "Tahap II — rotasi 50:50",
                "start": dt.date(2025, 12, 1),
                "end": dt.date(2025, 12, 31),
                "pattern": PatternKind.ROTATION,
                "wfh_weekdays": [],
                "optional_weekday": None,
                "ratio": Decimal("0.50"),
                "default_composition": Composition.BALANCED,
                # A true 50:50 needs up to 3 WFH days in a 5-day week: the circular's own rule,
                # above the national cap of 2, so the phase carries a warning.
                "weekly_cap": 3,
                "wfh_note": ONLINE_NOTE,
            },
        ],
    },
    "jabar-2026": {
        "programme": {
            "name": "WFH ASN Pemprov Jawa Barat 2026",
            "legal_basis": "SE 188/KPG.03/BKD",
            "description": (
                "Setiap Kamis WFH untuk semua ASN kecuali unit layanan publik; Jumat WFH dapat "
                "diajukan OPD kepada BKD."
            ),
        },
        "phases": [
            {
                "slug": "jabar-2026-kamis",
                "order": 1,
                "name": "2026 — setiap Kamis (Jumat opsional)",
                "start": dt.date(2026, 1, 1),
                "end": dt.date(2026, 12, 31),
                "pattern": PatternKind.WEEKDAY,
                "wfh_weekdays": [THURSDAY],
                "optional_weekday": FRIDAY,
                "ratio": None,
                "default_composition": Composition.BALANCED,
                "weekly_cap": 2,
                "wfh_note": ONLINE_NOTE,
            },
        ],
    },
    "depok-2026": {
        "programme": {
            "name": "WFH ASN Pemerintah Kota Depok 2026",
            "legal_basis": "Surat Edaran Wali Kota Depok tentang WFH ASN (Januari 2026)",
            "description": (
                "Setiap Kamis WFH mulai 29 Januari 2026, dipindah ke Senin mulai 17 Februari 2026 "
                "oleh surat edaran baru; unit layanan langsung (RSUD, Puskesmas, sekolah) tetap "
                "bekerja di kantor."
            ),
        },
        "phases": [
            {
                "slug": "depok-2026",
                "order": 1,
                "name": "2026 — satu hari WFH per minggu",
                "start": dt.date(2026, 1, 29),
                "end": dt.date(2026, 12, 31),
                "pattern": PatternKind.WEEKDAY,
                "wfh_weekdays": [THURSDAY],
                "optional_weekday": None,
                "ratio": None,
                "default_composition": Composition.BALANCED,
                "weekly_cap": 2,
                "wfh_note": ONLINE_NOTE,
                "exempt_kinds": DEPOK_EXEMPT,
                "versions": [
                    {
                        "valid_from": dt.date(2026, 2, 17),
                        "wfh_weekdays": [MONDAY],
                        "ratio": None,
                        "weekly_cap": 2,
                        "exempt_kinds": DEPOK_EXEMPT,
                        "reference": (
                            "Surat Edaran Wali Kota Depok tentang perubahan hari WFH "
                            "(Februari 2026)"
                        ),
                        "note": "Hari WFH dipindah dari Kamis ke Senin.",
                    }
                ],
            },
        ],
    },
}


@transaction.atomic
def preset_load(*, name: str) -> dict[str, int]:
    """Create or bring back to the preset's values; a second run changes nothing."""
    if name not in PRESETS:
        raise KeyError(name)
    spec = PRESETS[name]
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    programme, created = Programme.objects.get_or_create(slug=name, defaults=spec["programme"])
    _count(counts, programme, spec["programme"], created)
    for phase_spec in spec["phases"]:
        values = {k: v for k, v in phase_spec.items() if k not in ("slug", "versions")}
        phase, created = Phase.objects.get_or_create(
            slug=phase_spec["slug"], defaults={"programme": programme, **values}
        )
        _count(counts, phase, {"programme": programme, **values}, created)
        for version_spec in phase_spec.get("versions", []):
            values = {k: v for k, v in version_spec.items() if k != "valid_from"}
            version, created = PhaseVersion.objects.get_or_create(
                phase=phase, valid_from=version_spec["valid_from"], defaults=values
            )
            _count(counts, version, values, created)
    return counts


def _count(counts: dict[str, int], obj, values: dict, created: bool) -> None:
    if created:
        counts["created"] += 1
        return
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
