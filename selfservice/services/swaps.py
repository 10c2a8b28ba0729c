"""The swap's life cycle: the employee asks a colleague of their unit, the colleague agrees or
declines, the requester's supervisor (or HR) approves or rejects, the requester may cancel while
it waits. Every step that can change the schedule checks `swap_check` again first; the approval
writes both published days through wfh's one rewrite of published days."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import NotificationKind, User
from opd import access
from opd.models import Employee, Unit
from opd.queues import Outcome, decide_each
from selfservice.models import OPEN_SWAP_STATUSES, SwapRequest, SwapStatus
from selfservice.services import swap_mail
from selfservice.services.swap_rules import SwapCheck, swap_check
from wfh.dates import long_date
from wfh.models import ScheduleDay, Source
from wfh.rosters.published_days import DayRewrite, published_days_rewrite


def _employee_of(user: User) -> Employee:
    employee = Employee.objects.select_related("opd", "unit").filter(user_id=user.pk).first()
    if employee is None:
        raise PermissionDenied
    return employee


def swap_request_create(
    *, user: User, colleague_id: int, day: dt.date, note: str = "", today: dt.date | None = None
) -> SwapRequest:
    """The logged-in employee asks to swap their mode on `day` with a colleague of their unit.
    The request waits for the colleague's consent first; the colleague is mailed."""
    requester = _employee_of(user)
    # only someone of the requester's own OPD: an id from elsewhere must not reveal a name
    colleague = Employee.objects.filter(pk=colleague_id, opd_id=requester.opd_id).first()
    check = swap_check(requester=requester, colleague=colleague, day=day, today=today)
    if not check.ok:
        raise ValidationError(check.problems)
    try:
        with transaction.atomic():
            swap = SwapRequest.objects.create(
                requester=requester,
                colleague=colleague,
                day=day,
                requester_mode_before=check.requester_mode,
                colleague_mode_before=check.colleague_mode,
                note=note.strip(),
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            _("Sudah ada permintaan tukar Anda yang menunggu untuk %(day)s.")
            % {"day": long_date(day)}
        ) from None
    notifications.notify(
        users=[colleague.user_id],
        kind=NotificationKind.SWAP_ASKED,
        params={"name": requester.name, "day": day.isoformat()},
        url=reverse("selfservice:swap_mine") + f"#minta-{swap.pk}",
    )
    transaction.on_commit(lambda: swap_mail.requested(swap_id=swap.pk))
    return swap


def _tell_decided(swap: SwapRequest, status: str, note: str, to: list[Employee], name: str):
    notifications.notify(
        users=[e.user_id for e in to],
        kind=NotificationKind.SWAP_DECIDED,
        params={"day": swap.day.isoformat(), "status": status, "note": note, "name": name},
        url=reverse("selfservice:swap_mine"),
    )


def swap_is_colleague(*, user: User, swap: SwapRequest) -> bool:
    """Only the colleague named in the request agrees or declines."""
    employee_id = access.scope_for(user).employee_id
    return employee_id is not None and employee_id == swap.colleague_id


def swap_can_decide(*, user: User, swap: SwapRequest) -> bool:
    """HR, or the requester's direct supervisor (once the colleague agreed)."""
    scope = access.scope_for(user)
    if scope.is_hr:
        return True
    return scope.employee_id is not None and swap.requester.supervisor_id == scope.employee_id


def _apply(swap: SwapRequest, check: SwapCheck, user: User) -> None:
    """Both published days and the same cells of every ready, not superseded roster version of
    the phase and OPD; a version where either cell moved away from the swapped modes keeps both."""
    why = _("Tukar jadwal #%(id)s: %(a)s dan %(b)s") % {
        "id": swap.pk,
        "a": swap.requester.name,
        "b": swap.colleague.name,
    }
    sides = (
        (swap.requester_id, swap.requester_mode_before, swap.colleague_mode_before),
        (swap.colleague_id, swap.colleague_mode_before, swap.requester_mode_before),
    )
    published_days_rewrite(
        rewrites=[
            DayRewrite(
                employee_id,
                swap.day,
                new,
                why=why,
                source=Source.SWAP,
                reason="swap",
                only_from=old,
            )
            for employee_id, old, new in sides
        ],
        user=user,
        phase_id=check.requester_row.phase_id,
        opd_id=check.requester_row.opd_id,
        together=True,
    )


def _locked(swap_id: int, *statuses: str) -> SwapRequest:
    """The request, locked, if its status is one of `statuses`; else a ValidationError that says
    where it stands (a supervisor acting too early is told that the colleague has not agreed)."""
    swap = (
        SwapRequest.objects.select_for_update(of=("self",))
        .select_related("requester__opd", "requester__unit", "colleague")
        .get(pk=swap_id)
    )
    if swap.status in statuses:
        return swap
    if swap.status == SwapStatus.COLLEAGUE:
        raise ValidationError(
            _(
                "Permintaan ini masih menunggu persetujuan %(name)s (rekan yang diajak bertukar); "
                "atasan baru dapat memutuskan setelah rekan setuju."
            )
            % {"name": swap.colleague.name}
        )
    raise ValidationError(
        _("Permintaan ini sudah %(status)s.") % {"status": swap.get_status_display()}
    )


def _recheck(swap: SwapRequest, *, today: dt.date | None, lock: bool, moved: str) -> SwapCheck:
    """`swap_check` again on the schedule as it is now, plus: both modes are still those the
    request was made on (else the problem is `moved`). Raises ValidationError naming what broke."""
    check = swap_check(
        requester=swap.requester,
        colleague=swap.colleague,
        day=swap.day,
        today=today,
        lock=lock,
        ignore_swap_id=swap.pk,
    )
    if check.ok and (
        check.requester_mode != swap.requester_mode_before
        or check.colleague_mode != swap.colleague_mode_before
    ):
        check.problems.append(moved)
    if not check.ok:
        raise ValidationError(check.problems)
    return check


@transaction.atomic
def swap_agree(*, swap: SwapRequest, user: User, today: dt.date | None = None) -> SwapRequest:
    """The colleague agrees: the limits are checked again (the schedule may have moved since the
    request), then the request waits for the supervisor, who is mailed."""
    if not swap_is_colleague(user=user, swap=swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.COLLEAGUE)
    _recheck(
        swap,
        today=today,
        lock=False,
        moved=_(
            "Jadwal terbit sudah berubah sejak permintaan diajukan; "
            "tolak permintaan ini dan minta pemohon mengajukan ulang."
        ),
    )
    swap.status, swap.colleague_answered_at = SwapStatus.PENDING, timezone.now()
    swap.save(update_fields=["status", "colleague_answered_at"])
    transaction.on_commit(lambda: swap_mail.agreed(swap_id=swap.pk))
    return swap


@transaction.atomic
def swap_decline(*, swap: SwapRequest, user: User, note: str = "") -> SwapRequest:
    """The colleague declines (a note is optional): final, the schedule stays, the requester is
    mailed."""
    if not swap_is_colleague(user=user, swap=swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.COLLEAGUE)
    swap.status, swap.colleague_answered_at = SwapStatus.DECLINED, timezone.now()
    swap.colleague_note = note.strip()
    swap.save(update_fields=["status", "colleague_answered_at", "colleague_note"])
    requester = Employee.objects.only("user_id").get(pk=swap.requester_id)
    colleague = Employee.objects.only("name").get(pk=swap.colleague_id)
    _tell_decided(swap, "declined", swap.colleague_note, [requester], colleague.name)
    transaction.on_commit(lambda: swap_mail.declined(swap_id=swap.pk))
    return swap


@transaction.atomic
def swap_approve(
    *, swap: SwapRequest, user: User, note: str = "", today: dt.date | None = None
) -> SwapRequest:
    """The supervisor (or HR) approves a request the colleague agreed to: the limits are checked
    again on the schedule as it is now, then both days change at once. Raises ValidationError
    naming the broken limit."""
    if not swap_can_decide(user=user, swap=swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.PENDING)
    # Approvals in one unit run one at a time: a swap only moves days inside its unit, so the
    # unit's day count and each member's weekly count cannot change under this check.
    unit_id = (
        ScheduleDay.objects.filter(employee_id=swap.requester_id, day=swap.day)
        .values_list("unit_id", flat=True)
        .first()
    )
    if unit_id is not None:
        list(Unit.objects.select_for_update(of=("self",)).filter(pk=unit_id).order_by())
    check = _recheck(
        swap,
        today=today,
        lock=True,
        moved=_(
            "Jadwal terbit sudah berubah sejak permintaan diajukan; tolak dan minta diajukan ulang."
        ),
    )
    _apply(swap, check, user)
    return _decided(swap, SwapStatus.APPROVED, user=user, note=note)


@transaction.atomic
def swap_reject(*, swap: SwapRequest, user: User, note: str) -> SwapRequest:
    """The supervisor (or HR) rejects, with the reason: final, the schedule stays."""
    if not swap_can_decide(user=user, swap=swap):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("Tuliskan alasan penolakan untuk pemohon."))
    swap = _locked(swap.pk, SwapStatus.PENDING)
    return _decided(swap, SwapStatus.REJECTED, user=user, note=note)


def _decided(swap: SwapRequest, status: str, *, user: User, note: str) -> SwapRequest:
    """The supervisor's (or HR's) decision is stored; both people are mailed after the commit."""
    swap.status, swap.decided_by, swap.decided_at = status, user, timezone.now()
    swap.decision_note = note.strip()
    swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    pair = Employee.objects.filter(pk__in=[swap.requester_id, swap.colleague_id])
    people = {e.pk: e for e in pair}
    requester, colleague = people[swap.requester_id], people[swap.colleague_id]
    _tell_decided(swap, status, swap.decision_note, [requester], colleague.name)
    _tell_decided(swap, status, swap.decision_note, [colleague], requester.name)
    transaction.on_commit(lambda: swap_mail.decided(swap_id=swap.pk))
    return swap


@transaction.atomic
def swap_cancel(*, swap: SwapRequest, user: User) -> SwapRequest:
    """The requester withdraws a request still waiting for the colleague or the supervisor."""
    if access.scope_for(user).employee_id != swap.requester_id:
        raise PermissionDenied
    swap = _locked(swap.pk, *OPEN_SWAP_STATUSES)
    swap.status, swap.decided_by, swap.decided_at = SwapStatus.CANCELLED, user, timezone.now()
    swap.save(update_fields=["status", "decided_by", "decided_at"])
    return swap


def swaps_decide_bulk(
    *, swap_ids: list[int], user: User, approve: bool, note: str = ""
) -> list[Outcome]:
    """Approve or reject many requests with one note, each through `swap_approve` or
    `swap_reject` (their access check, the limits checked again, the guarded status change) in
    its own savepoint: one refused is named, the others are decided. Rejecting without a note
    decides none."""
    if not approve and not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan untuk pemohon.")})
    found = SwapRequest.objects.filter(pk__in=set(swap_ids)).select_related(
        "requester", "colleague"
    )

    def decide(swap: SwapRequest) -> SwapRequest:
        if approve:
            return swap_approve(swap=swap, user=user, note=note)
        return swap_reject(swap=swap, user=user, note=note)

    return decide_each(
        sorted(found, key=lambda s: (s.created_at, s.pk), reverse=True),
        decide,
        denied=_("Anda tidak dapat memutuskan permintaan pegawai ini."),
    )
