"""The roster's workflow: the OPD submits a ready draft, HR returns it or publishes it.

Only the published schedule (ScheduleDay) is what employees and other systems see; publishing a
version from a date replaces the published days of its phase and OPD from that date on.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import access
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.models import Assignment, Roster, ScheduleDay
from wfh.signals import roster_published


def roster_submit(*, roster: Roster, user) -> None:
    if not access.can_manage_opd(user, roster.opd):
        raise PermissionDenied
    if roster.status != Roster.Status.READY:
        raise ValidationError(_("Jadwal belum siap; tunggu hingga selesai dibuat."))
    moved = Roster.objects.filter(pk=roster.pk, workflow__in=Roster.EDITABLE_WORKFLOWS).update(
        workflow=Roster.Workflow.SUBMITTED, submitted_by=user, submitted_at=timezone.now()
    )
    if moved != 1:
        raise ValidationError(_("Hanya draf atau jadwal yang dikembalikan yang dapat diajukan."))


def roster_return(*, roster: Roster, user, comment: str) -> None:
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Tuliskan catatan untuk OPD saat mengembalikan jadwal."))
    moved = Roster.objects.filter(pk=roster.pk, workflow=Roster.Workflow.SUBMITTED).update(
        workflow=Roster.Workflow.RETURNED, return_comment=comment.strip()
    )
    if moved != 1:
        raise ValidationError(_("Hanya jadwal yang diajukan yang dapat dikembalikan."))


@transaction.atomic
def roster_publish(*, roster: Roster, user=None, from_date: dt.date | None = None) -> int:
    """HR publishes a ready roster: its days from a start date become the published schedule.

    Published days before the start are never rewritten; from the start on they are replaced. The
    start is `from_date` when given, else the date this version was regenerated from, else the
    phase's first day for a first publication, else today (so a plain re-publication never
    rewrites days already lived). Returns the number of schedule rows written; `user=None` is the
    command line.
    """
    if user is not None and not access.scope_for(user).is_hr:
        raise PermissionDenied
    roster = Roster.objects.select_for_update().select_related("phase", "opd").get(pk=roster.pk)
    if roster.status != Roster.Status.READY:
        raise ValidationError(_("Jadwal belum siap diterbitkan."))
    if roster.workflow not in (Roster.Workflow.DRAFT, Roster.Workflow.SUBMITTED):
        raise ValidationError(
            _("Jadwal berstatus %(workflow)s: tidak dapat diterbitkan.")
            % {"workflow": roster.get_workflow_display()}
        )
    phase = roster.phase
    if from_date is not None and not (phase.start <= from_date <= phase.end):
        raise ValidationError(
            _("Tanggal mulai terbit %(day)s di luar tahap (%(start)s s.d. %(end)s).")
            % {
                "day": long_date(from_date),
                "start": long_date(phase.start),
                "end": long_date(phase.end),
            }
        )
    if from_date is not None:
        start = from_date
    elif roster.regenerate_from is not None:
        start = max(roster.regenerate_from, phase.start)
    elif not ScheduleDay.objects.filter(phase=phase, opd=roster.opd).exists():
        start = phase.start
    else:
        start = max(phase.start, timezone.localdate())
    cutoff = start
    ScheduleDay.objects.filter(phase=phase, opd=roster.opd, day__gte=cutoff).delete()
    # someone who moved here from another OPD: their days here replace that OPD's from the cut-off
    ScheduleDay.objects.filter(
        employee_id__in=Assignment.objects.filter(roster=roster).values("employee_id"),
        day__gte=cutoff,
    ).exclude(opd=roster.opd).filter(
        Exists(
            Assignment.objects.filter(
                roster=roster, employee_id=OuterRef("employee_id"), day=OuterRef("day")
            )
        )
    ).delete()
    # A day that became a day off after generation (a local holiday added later) is not published.
    still_working = working_days(start, phase.end, opd_id=roster.opd_id)
    _publish_rows(roster, still_working)
    written = ScheduleDay.objects.filter(roster=roster).count()
    others = ScheduleDay.objects.filter(phase=phase, opd=roster.opd).exclude(roster=roster)
    if not written and others.exists():
        # rolled back: the schedule in force stays with the version that wrote it
        raise ValidationError(
            _(
                "Tidak ada hari yang dapat diterbitkan mulai %(day)s, jadi jadwal terbit tetap "
                "versi sebelumnya. Pilih tanggal mulai terbit di dalam tahap (%(start)s s.d. "
                "%(end)s)."
            )
            % {
                "day": long_date(start),
                "start": long_date(phase.start),
                "end": long_date(phase.end),
            }
        )
    Roster.objects.filter(phase=phase, opd=roster.opd, workflow=Roster.Workflow.PUBLISHED).exclude(
        pk=roster.pk
    ).update(workflow=Roster.Workflow.SUPERSEDED)
    Roster.objects.filter(pk=roster.pk).update(
        workflow=Roster.Workflow.PUBLISHED,
        published_by=user,
        published_at=timezone.now(),
        published_from=start,
    )
    roster.workflow, roster.published_from = Roster.Workflow.PUBLISHED, start
    transaction.on_commit(  # webhooks (api.webhooks); a failure there never undoes publishing
        lambda: roster_published.send(sender=Roster, roster=roster, rows=written), robust=True
    )
    return written


PUBLISH_SQL = (
    "INSERT INTO wfh_scheduleday (employee_id, day, mode, source, phase_id, opd_id, unit_id, "
    "roster_id) SELECT employee_id, day, mode, source, %s, %s, unit_id, roster_id "
    "FROM wfh_assignment WHERE roster_id = %s AND day IN ({marks}) "
    "ON CONFLICT (employee_id, day) DO NOTHING"
)


def _publish_rows(roster: Roster, days: list[dt.date]) -> None:
    """Copy the version's rows of these days into the published schedule in one statement; a day
    someone already has from another OPD's version is left to it (the earlier delete made room
    for the days this version takes over)."""
    if not days:
        return
    marks = ", ".join(["%s"] * len(days))
    sql = PUBLISH_SQL.format(marks=marks)
    params = [roster.phase_id, roster.opd_id, roster.pk, *(d.isoformat() for d in days)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
