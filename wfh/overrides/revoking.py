"""Undoing an override, and writing the overrides again over days a rule below them rewrote.

Revoking a declaration or an order gives its days (not yet lived) back to the rules below it in
`wfh.overrides.precedence`: the phase first (`phase_days_restore`, the roster engine), then the
other active orders, then the other active declarations (`overrides_reapply`), so a day covered
by two overrides ends with the higher one.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tasks import queue_on_commit
from opd import access
from opd.models import Unit
from wfh.models import ScheduleDay, Source
from wfh.overrides.declared import (
    Terms,
    declaration_apply,
    declaration_plan,
    declarations_active_between,
    opds_in_scope,
)
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder
from wfh.overrides.orders import order_apply, orders_active_between
from wfh.overrides.restore import phase_days_restore


@transaction.atomic
def overrides_reapply(
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    opd_ids: set[int] | None = None,
    user=None,
) -> int:
    """Write every active order, then every active declaration, overlapping start..end again
    (within `opd_ids` when given). Idempotent; the published rows changed."""
    changed = 0
    for order in orders_active_between(start, end).select_related("opd"):
        if opd_ids is None or order.opd_id in opd_ids:
            changed += order_apply(order, today=today or order.opd.local_today(), user=user)
    for declared in declarations_active_between(start, end):
        plan = declaration_plan(Terms.of(declared), today=today, opd_ids=opd_ids)
        changed += declaration_apply(plan, user=user)
    return changed


def _cells(*, source: str, employee_ids, start: dt.date, end: dt.date, opds, today, keep=None):
    """(employee, day) of the published rows of `source` in the range, from each OPD's today."""
    cells = set()
    for opd in opds:
        cut = max(start, today or opd.local_today())
        if cut > end:
            continue
        rows = ScheduleDay.objects.filter(opd=opd, source=source, day__gte=cut, day__lte=end)
        if employee_ids is not None:
            rows = rows.filter(employee_id__in=employee_ids)
        for employee_id, day, unit_id in rows.values_list("employee_id", "day", "unit_id"):
            if keep is None or keep(unit_id):
                cells.add((employee_id, day))
    return cells


@transaction.atomic
def declared_day_revoke(*, declared: DeclaredDay, user=None, today: dt.date | None = None) -> int:
    """HR revokes a declaration: its days not yet lived go back to the phase (and to any other
    override still active there); the employees are told. The published rows changed."""
    if user is not None and not access.scope_for(user).is_hr:
        raise PermissionDenied
    moved = DeclaredDay.objects.filter(pk=declared.pk, status=OverrideStatus.ACTIVE).update(
        status=OverrideStatus.REVOKED, revoked_by=user, revoked_at=timezone.now()
    )
    if moved != 1:
        raise ValidationError(_("Penetapan ini sudah dicabut."))
    terms = Terms.of(declared)
    opds = opds_in_scope(terms)
    units = {u.pk: u for u in Unit.objects.filter(opd__in=opds)}

    def keep(unit_id: int | None) -> bool:
        return not terms.unit_exempt(units.get(unit_id))

    cells = _cells(
        source=Source.DECLARED,
        employee_ids=None,
        start=terms.start,
        end=terms.end,
        opds=opds,
        today=today,
        keep=keep,
    )
    changed = phase_days_restore(cells=cells, why=f"Dicabut: {terms.why}", user=user)
    changed += overrides_reapply(
        start=terms.start, end=terms.end, today=today, opd_ids={o.pk for o in opds}, user=user
    )
    employees = sorted({e for e, _d in cells})
    queue_on_commit("wfh.overrides_mail", "declared_revoked", declared.pk, employees)
    return changed


@transaction.atomic
def wfh_order_revoke(*, order: WfhOrder, user=None, today: dt.date | None = None) -> int:
    """The OPD (or HR) revokes an order: its days not yet lived go back to the phase (and to any
    other override still active there); the employees are told."""
    if user is not None and not access.can_manage_opd(user, order.opd):
        raise PermissionDenied
    moved = WfhOrder.objects.filter(pk=order.pk, status=OverrideStatus.ACTIVE).update(
        status=OverrideStatus.REVOKED, revoked_by=user, revoked_at=timezone.now()
    )
    if moved != 1:
        raise ValidationError(_("Perintah ini sudah dicabut."))
    employee_ids = list(order.employees.values_list("id", flat=True))
    cells = _cells(
        source=Source.ORDER,
        employee_ids=employee_ids,
        start=order.start,
        end=order.end,
        opds=[order.opd],
        today=today,
    )
    changed = phase_days_restore(
        cells=cells, why=f"Dicabut: perintah WFH {order.number}", user=user
    )
    changed += overrides_reapply(
        start=order.start, end=order.end, today=today, opd_ids={order.opd_id}, user=user
    )
    queue_on_commit("wfh.overrides_mail", "order_revoked", order.pk, sorted(employee_ids))
    return changed
