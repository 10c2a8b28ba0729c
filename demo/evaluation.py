"""Demo data for the kajian: a plan (October 2025 against both jabar-2025 phases), operating costs
for October–December 2025 for every OPD, weekly service output for frontline-heavy OPDs, e-Kinerja
attainment per employee per month and a readiness checklist for every OPD.

It does not need attendance: the measures read the daily records and summaries when `seed_demo`
made them and say "tidak ada data" otherwise. Most OPDs save 15–25% in the phases, a few save
nothing, and one or two miss a month of costs so that the report shows what missing data looks like.
Running it again with the same seed gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from evaluation import services
from evaluation.models import (
    InputSource,
    OperatingCost,
    PerformanceTarget,
    ReadinessAssessment,
    ServiceOutput,
)
from opd.models import Employee, Opd
from wfh.calendar import working_days
from wfh.models import Phase
from wfh.presets import preset_load

PRESET = "jabar-2025"
BASELINE = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
MONTHS = (dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2025, 12, 1))
FRONTLINE_KINDS = {"kecamatan", "kelurahan", "rsud", "puskesmas"}


@dataclass
class EvaluationDemo:
    costs: int
    services: int
    targets: int
    readiness: int
    missing_months: list[str]
    no_saving: list[str]


def _next_period(today: dt.date) -> str:
    """The year the recommendation is for: the coming one once this year is half gone (a
    kajian written in December recommends for next year, not for the month left)."""
    return f"Tahun {today.year + 1 if today.month >= 7 else today.year}"


def _rp(value: float) -> Decimal:
    return Decimal(round(value / 1000) * 1000)


@transaction.atomic
def evaluation_seed(*, seed: int) -> EvaluationDemo:
    rng = random.Random(seed)
    preset_load(name=PRESET)
    phases = list(Phase.objects.filter(slug__startswith=f"{PRESET}-tahap").order_by("start"))
    services.plan_ensure(
        programme=phases[0].programme,
        baseline_label="Oktober 2025",
        baseline_start=BASELINE[0],
        baseline_end=BASELINE[1],
        phases=phases,
        next_period=_next_period(timezone.localdate()),
    )
    opds = list(Opd.objects.filter(active=True).order_by("code"))
    staff = _staff_counts(opds)
    frontline = _frontline_counts(opds)
    # a few OPDs save nothing, one or two miss a month (not the first OPDs, to be seen in the list)
    codes = [o.code for o in opds]
    shuffled = codes[:]
    rng.shuffle(shuffled)
    no_saving = set(shuffled[: max(1, len(codes) // 10)])
    missing = {}
    for code, month in zip(
        shuffled[len(no_saving) : len(no_saving) + 2], (MONTHS[0], MONTHS[2]), strict=False
    ):
        missing[code] = month

    OperatingCost.objects.filter(opd__in=opds, month__in=MONTHS).delete()
    days = {
        month: len(
            working_days(
                month, (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            )
        )
        for month in MONTHS
    }
    costs = []
    for opd in opds:
        n = max(staff.get(opd.pk, 0), 5)
        base = {
            "electricity_kwh": Decimal(round(n * rng.uniform(45, 70))),
            "water_m3": Decimal(round(n * rng.uniform(0.8, 1.4))),
            "internet_rp": _rp(rng.choice([8, 12, 15, 25]) * 1_000_000),
            "fuel_transport_rp": _rp(n * rng.uniform(90_000, 150_000)),
            "support_staff_rp": _rp(rng.choice([2, 3, 4, 6]) * 4_200_000),
            "other_rp": _rp(n * rng.uniform(30_000, 60_000)),
        }
        tariff_kwh, tariff_m3 = 1_444.70, 7_500
        for i, month in enumerate(MONTHS):
            if missing.get(opd.code) == month:
                continue
            if i == 0 or opd.code in no_saving:
                factor = rng.uniform(0.98, 1.03)
            else:
                # Phase I (Thursdays) saves a little less than Phase II (50% rotation); the
                # internet contract does not shrink, so the total saves about 15-25%
                factor = 1 - (rng.uniform(0.22, 0.3) if i == 1 else rng.uniform(0.28, 0.36))
            # a month's bill follows its working days: the saving shows per employee-day
            factor *= days[month] / days[MONTHS[0]]
            kwh = (base["electricity_kwh"] * Decimal(str(factor))).quantize(Decimal("1"))
            m3 = (base["water_m3"] * Decimal(str(factor))).quantize(Decimal("0.1"))
            costs.append(
                OperatingCost(
                    opd=opd,
                    month=month,
                    electricity_kwh=kwh,
                    electricity_rp=_rp(float(kwh) * tariff_kwh),
                    water_m3=m3,
                    water_rp=_rp(float(m3) * tariff_m3),
                    internet_rp=_rp(float(base["internet_rp"]) * days[month] / days[MONTHS[0]]),
                    fuel_transport_rp=_rp(float(base["fuel_transport_rp"]) * factor),
                    support_staff_rp=_rp(float(base["support_staff_rp"]) * factor),
                    other_rp=_rp(float(base["other_rp"]) * factor)
                    if opd.kind != "kelurahan"
                    else None,
                    source=InputSource.DEMO,
                    note="data demo",
                )
            )
    OperatingCost.objects.bulk_create(costs, batch_size=1000)

    # weekly service output for frontline-heavy OPDs (Monday to Friday weeks, Oct–Dec 2025)
    heavy = [o for o in opds if o.kind in FRONTLINE_KINDS or frontline.get(o.pk, 0) > 0]
    ServiceOutput.objects.filter(
        opd__in=heavy, start__gte=MONTHS[0], start__lte=dt.date(2025, 12, 31)
    ).delete()
    outputs = []
    monday = dt.date(2025, 9, 29)
    for opd in heavy:
        per_day = max(frontline.get(opd.pk, 0), 2) * rng.uniform(12, 25)
        week = monday
        while week <= dt.date(2025, 12, 29):
            start, end = (
                max(week, MONTHS[0]),
                min(week + dt.timedelta(days=4), dt.date(2025, 12, 31)),
            )
            # spans are cut at month ends so that each row falls in one period
            if start.month != end.month:
                last = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
                    days=1
                )
                spans = [(start, last), (last + dt.timedelta(days=1), end)]
            else:
                spans = [(start, end)]
            for s, e in spans:
                days = sum(
                    1 for i in range((e - s).days + 1) if (s + dt.timedelta(days=i)).weekday() < 5
                )
                if not days:
                    continue
                drift = 1.0 if s < dt.date(2025, 11, 1) else rng.uniform(0.96, 1.06)
                delivered = round(per_day * days * drift * rng.uniform(0.93, 1.07))
                outputs.append(
                    ServiceOutput(
                        opd=opd,
                        start=s,
                        end=e,
                        services_delivered=delivered,
                        complaints=round(delivered * rng.uniform(0.003, 0.012)),
                        avg_response_minutes=Decimal(str(round(rng.uniform(12, 40), 1))),
                        sla_breaches=round(delivered * rng.uniform(0.0, 0.01)),
                        source=InputSource.DEMO,
                        system="demo",
                    )
                )
            week += dt.timedelta(days=7)
    ServiceOutput.objects.bulk_create(outputs, batch_size=1000, ignore_conflicts=True)

    # e-Kinerja attainment per employee per month
    PerformanceTarget.objects.filter(month__in=MONTHS, employee__opd__in=opds).delete()
    targets = []
    for employee_id in (
        Employee.objects.filter(opd__in=opds, active_to__isnull=True)
        .values_list("id", flat=True)
        .order_by("id")
        .iterator(chunk_size=5000)
    ):
        level = rng.uniform(78, 97)
        for i, month in enumerate(MONTHS):
            value = min(level + rng.uniform(-4, 4) + (0 if i == 0 else rng.uniform(-1, 2.5)), 120)
            targets.append(
                PerformanceTarget(
                    employee_id=employee_id,
                    month=month,
                    attainment_percent=Decimal(str(round(value, 2))),
                    source=InputSource.DEMO,
                )
            )
    PerformanceTarget.objects.bulk_create(targets, batch_size=5000)

    # a readiness checklist for every OPD
    ReadinessAssessment.objects.filter(opd__in=opds).delete()
    now = timezone.now()
    notes = {
        "online_tasks": "Inventarisasi tugas per jabatan oleh sekretariat",
        "devices": "Survei perangkat dan koneksi pegawai",
        "online_sop": "SOP layanan daring",
        "supervision": "Target harian dan laporan kinerja harian",
        "data_security": "Kebijakan akses data dan VPN",
    }
    assessments = []
    for opd in opds:
        strong = opd.kind in {"badan", "dinas", "inspektorat", "setda", "setwan"}
        low, high = (2, 4) if strong else (1, 3)
        scores = {name: rng.randint(low, high) for name in notes}
        if not strong and rng.random() < 0.2:
            scores["data_security"] = 0
        assessments.append(
            ReadinessAssessment(
                opd=opd,
                **scores,
                **{f"{name}_note": f"{text} (demo)" for name, text in notes.items()},
                assessed_at=now,
            )
        )
    ReadinessAssessment.objects.bulk_create(assessments, batch_size=1000)
    return EvaluationDemo(
        costs=len(costs),
        services=len(outputs),
        targets=len(targets),
        readiness=len(assessments),
        missing_months=[f"{code} {month:%Y-%m}" for code, month in missing.items()],
        no_saving=sorted(no_saving),
    )


def _staff_counts(opds: list[Opd]) -> dict[int, int]:
    return dict(
        Employee.objects.filter(opd__in=opds, active_to__isnull=True)
        .values("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
        .order_by()
    )


def _frontline_counts(opds: list[Opd]) -> dict[int, int]:
    return dict(
        Employee.objects.filter(opd__in=opds, active_to__isnull=True, unit__frontline=True)
        .values("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
        .order_by()
    )
