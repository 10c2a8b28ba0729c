"""Generating roster versions: queue one per OPD, claim it in the worker, build it with the engine.

State changes are guarded (`filter(status=...).update(...) == 1`) so that two workers or two
clicks never run the same step twice. The task ("wfh.generate_roster", in wfh/tasks.py) is queued
by name, so that wfh.tasks imports this module at its top.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tasks import queue_on_commit
from opd import access
from opd.models import Opd
from wfh import selectors
from wfh.dates import long_date
from wfh.models import Assignment, Phase, Roster
from wfh.rosters import lease, storage
from wfh.rosters.engine_io import employee_id_of, engine_input, engine_result

log = logging.getLogger(__name__)


@transaction.atomic
def rosters_start(
    *,
    phase: Phase,
    opds: list[Opd] | None = None,
    user=None,
    seed: int | None = None,
    composition: str = "",
    regenerate_from: dt.date | None = None,
) -> list[Roster]:
    """Queue one generation per OPD and send the tasks once the transaction commits.

    An OPD whose latest version is still editable (draft or returned) and not running gets that
    version re-queued (a rerun replaces its own draft); otherwise a new version is made. A version
    queued or running whose lease ran out (wfh.rosters.lease: its worker is gone, or its message
    was lost) is queued again. Each roster returned says in `queued_now` whether this call
    queued it (False: it was already on its way and is left alone).
    """
    if regenerate_from is not None and not (phase.start <= regenerate_from <= phase.end):
        raise ValidationError(
            _("Tanggal buat ulang %(day)s di luar tahap (%(start)s s.d. %(end)s).")
            % {
                "day": long_date(regenerate_from),
                "start": long_date(phase.start),
                "end": long_date(phase.end),
            }
        )
    covered = selectors.phase_opds(phase)
    targets = list(opds) if opds is not None else list(covered)
    covered_ids = set(covered.values_list("pk", flat=True))
    outside = sorted(o.code for o in targets if o.pk not in covered_ids)
    if outside:
        raise ValidationError(
            _("Tahap %(phase)s tidak mencakup OPD %(opd)s.")  # the API's wording (one msgid)
            % {"phase": phase.slug, "opd": ", ".join(outside)}
        )
    rosters = []
    for opd in targets:
        if user is not None and not access.can_manage_opd(user, opd):
            raise PermissionDenied(_("Anda tidak mengelola OPD %(opd)s.") % {"opd": opd.code})
        roster = selectors.latest_roster(phase, opd)
        params = {
            "seed": seed if seed is not None else (roster.seed if roster else 0),
            "composition": selectors.effective_composition(phase, opd, composition),
            "regenerate_from": regenerate_from.isoformat() if regenerate_from else None,
        }
        if roster is None or roster.workflow not in Roster.EDITABLE_WORKFLOWS:
            try:
                with transaction.atomic():
                    roster = Roster.objects.create(
                        phase=phase, opd=opd, version=selectors.next_version(phase, opd)
                    )
            except IntegrityError:  # another start made this version at the same moment
                rosters.append(selectors.latest_roster(phase, opd))
                continue
        elif roster.status in (Roster.Status.QUEUED, Roster.Status.RUNNING) and not lease.stuck(
            roster
        ):
            roster.queued_now = False
            rosters.append(roster)  # already on its way: do not queue it twice
            continue
        Roster.objects.filter(pk=roster.pk).update(
            status=Roster.Status.QUEUED,
            workflow=Roster.Workflow.DRAFT,
            seed=params["seed"],
            composition=params["composition"],
            regenerate_from=regenerate_from,
            params=params,
            progress_done=0,
            progress_total=0,
            error="",
            created_by=user,
            started_at=None,
            finished_at=None,
            queued_at=timezone.now(),
            heartbeat_at=None,
            attempts=0,
        )
        roster.refresh_from_db()
        roster.queued_now = True
        rosters.append(roster)
        queue_on_commit("wfh.generate_roster", roster.pk)
    return rosters


def roster_claim(*, roster_id: int) -> bool:
    """queued -> running, once, taking the lease (a heartbeat now, one more attempt). False when
    another worker has it or it is no longer queued."""
    now = timezone.now()
    return (
        Roster.objects.filter(pk=roster_id, status=Roster.Status.QUEUED).update(
            status=Roster.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            error="",
        )
        == 1
    )


def roster_build(*, roster_id: int) -> Roster:
    """Run the engine for a claimed roster and write its rows in one transaction.

    A failure (or a worker killed halfway) leaves the previous rows untouched; the roster then
    says failed with the reason (logged with its traceback, not raised: the roster is the report).
    """
    roster = Roster.objects.select_related("phase", "opd").get(pk=roster_id)
    mine = Roster.objects.filter(
        pk=roster_id, status=Roster.Status.RUNNING, attempts=roster.attempts
    )
    try:
        with lease.heartbeat(roster_id=roster_id, attempt=roster.attempts):
            inp, unit_of, manual = engine_input(roster=roster)
            mine.update(progress_total=len(inp.employees))
            result = engine_result(inp, progress=_progress_writer(mine), roster=roster)
            _write(roster, mine, inp, result, unit_of, manual)
    except Exception as exc:
        log.exception("roster %s failed", roster_id)
        mine.update(
            status=Roster.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
        )
    roster.refresh_from_db()
    return roster


def _write(roster: Roster, mine, inp, result, unit_of, manual) -> None:
    """The rows and the ready state in one transaction, kept only while this run still holds
    the roster (a run the sweep declared lost, or a roster re-queued meanwhile, writes nothing)."""
    with transaction.atomic():
        Assignment.objects.filter(roster=roster).delete()
        storage.assignments_write(roster=roster, result=result, unit_of=unit_of, manual=manual)
        updated = mine.update(
            status=Roster.Status.READY,
            stats=_stats_dict(result.stats),
            progress_done=len(inp.employees),
            finished_at=timezone.now(),
        )
        if updated != 1:
            # stored in Roster.error with the exception's type (a log, kept as written)
            raise RuntimeError("Status jadwal berubah saat dibuat; hasil dibatalkan.")


def _stats_dict(stats) -> dict:
    """The engine's stats summary, piket turns counted per employee (not per placement)."""
    data = stats.to_dict()
    piket: Counter = Counter()
    for eid, n in data.get("piket_by_employee", {}).items():
        piket[employee_id_of(int(eid))] += n
    data["piket_by_employee"] = {str(e): n for e, n in sorted(piket.items())}
    return data


def _progress_writer(mine):
    """Progress every half second while the engine runs, which also renews the lease."""
    last = {"at": 0.0}

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last["at"] >= 0.5 or done == total:
            last["at"] = now
            mine.update(progress_done=done, progress_total=total, heartbeat_at=timezone.now())

    return write
