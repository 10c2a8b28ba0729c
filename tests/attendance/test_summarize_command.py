"""summarize_attendance: a range for every OPD or some, its figures, and clear errors."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from attendance.models import DailyRecord, OpdDaySummary, SummaryRun
from attendance.summaries import runs
from tests.attendance.test_summaries import MON, TUE, day_of

BASE = Path(__file__).resolve().parents[2]


def summarize(*args: str) -> str:
    out = io.StringIO()
    call_command("summarize_attendance", *args, stdout=out)
    return out.getvalue()


def test_a_range_for_every_opd_prints_its_figures(world):
    day_of(world.staff, (7, 0), (16, 0))
    text = summarize("--date", "2025-12-01", "--to", "2025-12-07")
    # Monday to Friday for four people in two OPDs; the weekend has no records
    assert DailyRecord.objects.count() == 20 and OpdDaySummary.objects.count() == 10
    assert "2025-12-01 s.d. 2025-12-07: 7 hari (5 hari kerja)" in text
    assert "20 rekap pegawai, 10 rekap OPD" in text and "detik" in text
    run = SummaryRun.objects.get()
    assert (run.trigger, run.outcome, run.start, run.end) == (
        "command",
        "ok",
        MON,
        MON.replace(day=7),
    )


def test_one_day_for_some_opds(world):
    summarize("--date", "2025-12-02", "--opd", "DISDUKCAPIL")
    assert list(DailyRecord.objects.values_list("employee_id", "day")) == [(world.clerk.pk, TUE)]
    assert SummaryRun.objects.get().opd_ids == [world.dukcapil.pk]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date", "01-12-2025"], "--date '01-12-2025' bukan tanggal YYYY-MM-DD"),
        (["--date", "2025-12-01", "--to", "2025-13-01"], "--to '2025-13-01' bukan tanggal"),
        (
            ["--date", "2025-12-05", "--to", "2025-12-01"],
            "--to 2025-12-01 sebelum --date 2025-12-05",
        ),
        (["--date", "2025-12-01", "--opd", "DISKOMINFO", "DINAS-X"], "tidak dikenal: DINAS-X"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_error(world, args, words):
    with pytest.raises(CommandError, match=words):
        summarize(*args)
    assert not SummaryRun.objects.exists() and not DailyRecord.objects.exists()


def test_a_failed_run_is_reported_and_recorded(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs, "hours_rows", broken)
    with pytest.raises(CommandError, match="disk full"):
        summarize("--date", "2025-12-01")
    assert SummaryRun.objects.get().outcome == "failed"


def test_the_command_line_exits_with_status_one_on_a_bad_date(tmp_path):
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "manage.py", "summarize_attendance", "--date", "2025-02-30"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "bukan tanggal YYYY-MM-DD" in done.stderr
