"""The whole demo, in the order `seed_demo` writes it: the city (registry and logins), then its
recent life (leave, published rosters, the swap partner, attendance, summaries), the 2025 West Java
trial the evaluation compares, and the evaluation's inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from attendance.summaries.runs import summaries_build
from common.bulk import large_write_cache
from demo.attendance import events_seed, leave_seed
from demo.buildings import buildings_seed
from demo.city import DemoResult, city_seed, registry_reset
from demo.consolidation import consolidation_seed
from demo.energy import energy_seed
from demo.evaluation import evaluation_seed
from demo.logins import EMPLOYEE_USERNAME
from demo.overrides import DEMO_REFERENCE, overrides_seed
from demo.policy import eligibility_records_seed, phase_change_seed
from demo.schedules import schedules_seed
from demo.swaps import swap_partner_link
from demo.walkthrough import walkthrough_seed
from wfh.dates import long_date

DEFAULT_ACTIVITY_DAYS = 30
# The West Java trial the evaluation (kajian) compares: October 2025 as the baseline, then
# Phase I (Thursdays, November) and Phase II (50:50 rotation, December).
TRIAL_START = dt.date(2025, 10, 1)
TRIAL_END = dt.date(2025, 12, 31)


@dataclass
class ActivityResult:
    start: dt.date
    end: dt.date
    phases: list[str]
    rosters: int
    failed: list[str]
    schedule_rows: int
    leave: int
    events: int
    today_events: int
    flagged_waiting: int
    reports: int
    records: int
    summaries: int
    trial_phases: list[str]
    trial_events: int
    trial_records: int
    swap_partner: str = ""  # who rekan.demo is, and the day a swap with pegawai.demo passes
    declared_wfa: str = ""  # the demo's declared days, for the printed summary
    phase_change: str = ""  # the demo's change of the 2026 weekday, for the printed summary
    ineligible: str = ""  # the demo's sanctions and recent moves, for the printed summary
    walkthrough: str = ""  # the README walk-through's phase, not yet generated


@dataclass
class DemoSeedResult:
    deleted: dict[str, int] | None  # what the reset deleted; None without a reset
    city: DemoResult
    activity: ActivityResult | None  # None with no activity days
    buildings: dict[str, int] | None = None  # the office complexes written


def _silent(text: str) -> None:
    pass


def _progress(say: Callable[[str], object], what: str):
    """A progress callback (step, done, total) that says `what` at each quarter of the total, so
    a long seed shows it is moving without a line per OPD."""

    def report(step: str, done: int, total: int) -> None:
        quarter = max(1, total // 4)
        if done == total or done % quarter == 0:
            say(f"  {what} {step}: {done}/{total} OPD")

    return report


@transaction.atomic
def demo_seed(
    *,
    employees: int,
    seed: int,
    password: str,
    days: int,
    reset: bool = False,
    say: Callable[[str], object] = _silent,
) -> DemoSeedResult:
    """Empty the registry first when `reset`, write the city, then `days` days of its life (none
    when 0). One transaction: a seed that fails leaves the database as it was, reset included."""
    with large_write_cache():
        deleted = registry_reset() if reset else None
        city = city_seed(employees=employees, seed=seed, password=password)
        buildings = buildings_seed()
        activity = activity_seed(days=days, seed=seed, say=say) if days else None
    return DemoSeedResult(deleted=deleted, city=city, activity=activity, buildings=buildings)


def activity_seed(
    *,
    days: int,
    seed: int,
    today: dt.date | None = None,
    say: Callable[[str], object] = _silent,
    now: dt.datetime | None = None,
) -> ActivityResult:
    """The demo city's recent life: leave first (so rosters respect it), the rosters of the phases
    around today generated and published, then `days` calendar days of attendance before today,
    summarised the way the nightly job does."""
    today = today or timezone.localdate()
    end = today - dt.timedelta(days=1)
    start = today - dt.timedelta(days=days)
    records = eligibility_records_seed(today=today)
    leave = leave_seed(start=start, end=today + dt.timedelta(days=14), seed=seed)
    say("Membuat dan menerbitkan jadwal demo…")
    schedules = schedules_seed(
        start=start, end=today + dt.timedelta(days=31), progress=_progress(say, "jadwal")
    )
    say("Menetapkan WFA nasional dan perintah WFH contoh…")
    overrides = overrides_seed(today=today)
    say("Memindah hari WFH 2026 mulai suatu tanggal (contoh perubahan tahap)…")
    changed = phase_change_seed(today=today)
    say("Menyiapkan tahap uji coba rotasi untuk panduan (mulai Senin depan, belum dibuat)…")
    walkthrough = walkthrough_seed(today=today)
    partner = swap_partner_link(today=today)
    say("Mengisi presensi demo…")
    activity = events_seed(
        start=start, end=end, today=today, seed=seed, progress=_progress(say, "presensi")
    )
    say("Merekap presensi…")
    run = summaries_build(start=start, end=end)
    # today's morning too, up to the moment of seeding, so today's dashboard is not empty (the
    # nightly run summarises it); only when the demo is seeded for the real today
    now = now or timezone.now()
    morning = 0
    if timezone.localtime(now).date() == today:
        say("Mengisi presensi pagi ini…")
        morning = events_seed(start=today, end=today, today=today, seed=seed + 2, until=now).events
    say("Mengisi uji coba Jawa Barat 2025 (Oktober sebagai pembanding, tahap I dan II)…")
    trial = schedules_seed(start=TRIAL_START, end=TRIAL_END, progress=_progress(say, "jadwal"))
    leave_seed(start=TRIAL_START, end=TRIAL_END, seed=seed + 1)
    trial_events = events_seed(
        start=TRIAL_START,
        end=TRIAL_END,
        today=TRIAL_END + dt.timedelta(days=30),
        seed=seed + 1,
        progress=_progress(say, "presensi"),
    )
    say("Merekap presensi uji coba…")
    trial_run = summaries_build(start=TRIAL_START, end=TRIAL_END)
    say("Mengisi data kajian (biaya, layanan, e-Kinerja, kesiapan)…")
    evaluation_seed(seed=seed)
    say("Mengisi pembacaan meter harian (setahun) yang mengikuti hari WFH…")
    energy_seed(
        start=min(TRIAL_START - dt.timedelta(days=31), end - dt.timedelta(days=365)),
        end=end,
        seed=seed,
        event_day=TRIAL_START + dt.timedelta(days=24),
    )
    say("Menerima rencana penutupan lantai Kamis uji coba (Kompleks Pemkot)…")
    consolidation_seed()
    return ActivityResult(
        start=start,
        end=end,
        phases=schedules.phases,
        rosters=schedules.rosters,
        failed=schedules.failed + trial.failed,
        schedule_rows=schedules.published_rows,
        leave=leave,
        events=activity.events,
        today_events=morning,
        flagged_waiting=activity.flagged_waiting,
        reports=activity.reports,
        records=run.records,
        summaries=run.summaries,
        trial_phases=trial.phases,
        trial_events=trial_events.events,
        trial_records=trial_run.records,
        declared_wfa=f"{DEMO_REFERENCE}: WFA {long_date(overrides.declared_start)} dan hari "
        f"berikutnya, {overrides.declared_employees} pegawai (DISHUB dan puskesmas dikecualikan)",
        phase_change=changed,
        walkthrough=f"{walkthrough.name}, {long_date(walkthrough.start)} s.d. "
        f"{long_date(walkthrough.end)}",
        ineligible=f"{records.sanctioned} pegawai dengan hukuman disiplin, {records.moved} "
        "baru dirotasi",
        swap_partner=""
        if partner is None
        else f"{partner.colleague.name}, NIP {partner.colleague.nip}; tukar jadwal dengan "
        f"{EMPLOYEE_USERNAME} dapat diajukan untuk {long_date(partner.day)}",
    )
