"""The employee's own pages: my month, the iCal subscription, swap requests and their approval.

Thin views: reads in selfservice.selectors, writes in selfservice.services, who may do what via
opd.access (through the services' checks). Pages about "me" need a login linked to an employee;
without one they say so and what to do.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from common.views import is_htmx, page_of
from opd import access
from opd.eligibility_records import describe, employee_eligibility
from opd.models import Employee
from opd.queues import BulkQueue, QueueFilters, bulk_answer, filter_context, queue_filters
from selfservice import ical, selectors
from selfservice.models import SwapRequest, SwapStatus
from selfservice.services import calendar_tokens, swap_rules, swaps
from wfh.dates import long_date
from wfh.models import WEEKDAY_NAMES

DECIDED_PER_PAGE = 25


def _me(request) -> Employee | None:
    employee_id = access.scope_for(request.user).employee_id
    if employee_id is None:
        return None
    return Employee.objects.select_related("opd", "unit").get(pk=employee_id)


def _no_employee(request, title: str):
    return render(request, "selfservice/no_employee.html", {"title": title}, status=200)


def _parse_month(value: str | None, today: dt.date) -> tuple[dt.date, bool]:
    """The first day of the month in `bulan=YYYY-MM` and whether the value was usable."""
    if not value:
        return today.replace(day=1), True
    try:
        year, month = (int(p) for p in value.split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return dt.date(year, month, 1), True
    except ValueError:
        pass
    return today.replace(day=1), False


def _parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


# -- my month -------------------------------------------------------------------------------------


@login_required
@require_GET
def my_month(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Kalender saya"))
    today = swap_rules.local_today(employee.opd)
    first, month_ok = _parse_month(request.GET.get("bulan"), today)
    weeks = selectors.my_month(employee=employee, year=first.year, month=first.month, today=today)
    asked_of_me = selectors.swaps_for_me(employee=employee).count()
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    counts = {"WFH": 0, "WFO": 0, "LEAVE": 0, "UNPUBLISHED": 0}
    for week in weeks:
        for d in week:
            if d.in_month and d.kind in counts:
                counts[d.kind] += 1
    url = reverse("selfservice:my_month")
    return render(
        request,
        "selfservice/my_month.html",
        {
            "employee": employee,
            "month_start": first,
            "weeks": weeks,
            "counts": counts,
            "weekday_names": WEEKDAY_NAMES,
            "prev_url": f"{url}?bulan={prev_month:%Y-%m}",
            "next_url": f"{url}?bulan={next_month:%Y-%m}",
            "this_url": f"{url}?bulan={today:%Y-%m}",
            "is_this_month": first == today.replace(day=1),
            "bad_month": "" if month_ok else request.GET.get("bulan", ""),
            "asked_of_me": asked_of_me,
            "eligibility_text": describe(employee_eligibility(employee, today)),
            "declared_days": [d for week in weeks for d in week if d.in_month and d.note],
        },
    )


# -- iCal -----------------------------------------------------------------------------------------


@login_required
@never_cache
def ical_settings(request):
    """The subscription page. Creating a token answers with the page itself (no redirect), so
    the address is shown this once and never stored: only its hash is kept."""
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Langganan kalender (iCal)"))
    feed_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token = calendar_tokens.ical_token_create(employee=employee)
            feed_url = request.build_absolute_uri(reverse("selfservice:ical", args=[token]))
        elif action == "revoke":
            if calendar_tokens.ical_token_revoke(employee=employee):
                messages.success(
                    request, _("Langganan dicabut: kalender yang memakai alamat itu berhenti.")
                )
            else:
                messages.info(request, _("Tidak ada langganan aktif untuk dicabut."))
            return redirect("selfservice:ical_settings")
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
            return redirect("selfservice:ical_settings")
    return render(
        request,
        "selfservice/ical_settings.html",
        {
            "employee": employee,
            "token": selectors.live_token(employee=employee),
            "feed_url": feed_url,
            "past_days": selectors.ICAL_PAST_DAYS,
            "ahead_days": selectors.ICAL_AHEAD_DAYS,
        },
    )


@require_safe
def ical_feed(request, token: str):
    """No login: the token is the secret. Unknown or revoked tokens answer 404."""
    row = selectors.employee_for_token(token)
    if row is None:
        raise Http404("unknown calendar")
    employee = Employee.objects.select_related("opd").get(pk=row.employee_id)
    today = swap_rules.local_today(employee.opd)
    body = ical.feed(employee=employee, rows=selectors.wfh_days(employee=employee, today=today))
    if request.method != "HEAD":  # calendar apps probe with HEAD; only a real read counts as use
        calendar_tokens.ical_token_used(token=row)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wfh.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


# -- swap -----------------------------------------------------------------------------------------


def _swap_context(request, employee: Employee, data) -> dict:
    today = swap_rules.local_today(employee.opd)
    days = selectors.swap_days(employee=employee, today=today)
    day = _parse_day(data.get("day"))
    if day is not None and day not in {d.day for d in days}:
        day_error = _("Pilih salah satu hari kerja terbit Anda yang akan datang.")
    else:
        day_error = ""
    colleagues = selectors.swap_colleagues(employee=employee, day=day) if day else []
    colleague_id = data.get("colleague") or ""
    colleague = next((c.employee for c in colleagues if str(c.employee_id) == colleague_id), None)
    check = None
    if day and colleague is not None and not day_error:
        check = swap_rules.swap_check(requester=employee, colleague=colleague, day=day, today=today)
    return {
        "employee": employee,
        "days": days,
        "day": day,
        "day_error": day_error,
        "colleagues": colleagues,
        "colleague": colleague,
        "check": check,
        "note": data.get("note", ""),
    }


@login_required
def swap_new(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Tukar jadwal"))
    if request.method == "POST":
        day = _parse_day(request.POST.get("day"))
        colleague = request.POST.get("colleague", "")
        context = _swap_context(request, employee, request.POST)
        errors = []
        if day is None:
            errors.append(_("Tanggal: pilih hari yang ingin ditukar."))
        if not colleague.isdigit():
            errors.append(_("Rekan: pilih rekan satu unit dengan mode berlawanan."))
        if context["day_error"]:
            errors.append(context["day_error"])
        if not errors:
            try:
                swap = swaps.swap_request_create(
                    user=request.user,
                    colleague_id=int(colleague),
                    day=day,
                    note=request.POST.get("note", ""),
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    _(
                        "Permintaan tukar jadwal %(day)s dikirim ke %(name)s. Setelah %(name)s "
                        "setuju, atasan Anda yang memutuskan."
                    )
                    % {"day": long_date(day), "name": swap.colleague.name},
                )
                return redirect("selfservice:swap_mine")
        context["errors"] = errors
        return render(request, "selfservice/swap_new.html", context, status=400)
    context = _swap_context(request, employee, request.GET)
    if is_htmx(request):
        return render(request, "selfservice/_swap_choices.html", context)
    return render(request, "selfservice/swap_new.html", context)


@login_required
@require_GET
def swap_mine(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Permintaan tukar saya"))
    page = page_of(request, selectors.my_swaps(employee=employee), DECIDED_PER_PAGE)
    return render(
        request,
        "selfservice/swap_mine.html",
        {
            "employee": employee,
            "page": page,
            "asked_of_me": list(selectors.swaps_for_me(employee=employee)),
        },
    )


@login_required
@require_POST
def swap_answer(request, pk: int):
    """The colleague named in the request agrees or declines; anyone else gets 403."""
    swap = get_object_or_404(SwapRequest.objects.select_related("requester", "colleague"), pk=pk)
    if not swaps.swap_is_colleague(user=request.user, swap=swap):
        raise PermissionDenied
    action = request.POST.get("action")
    day = long_date(swap.day)
    try:
        if action == "agree":
            swaps.swap_agree(swap=swap, user=request.user)
            messages.success(
                request,
                _(
                    "Anda menyetujui tukar jadwal dengan %(name)s pada %(day)s; kini atasan "
                    "%(name)s yang memutuskan."
                )
                % {"name": swap.requester.name, "day": day},
            )
        elif action == "decline":
            swaps.swap_decline(swap=swap, user=request.user, note=request.POST.get("note", ""))
            messages.success(
                request,
                _("Anda menolak tukar jadwal dengan %(name)s pada %(day)s; jadwal tetap.")
                % {"name": swap.requester.name, "day": day},
            )
        else:
            messages.error(request, _("Pilih Setuju atau Tolak."))
    except ValidationError as exc:
        messages.error(
            request,
            _("Permintaan tukar %(day)s tidak dapat diproses: %(why)s")
            % {"day": day, "why": " ".join(exc.messages)},
        )
    return redirect("selfservice:swap_mine")


@login_required
@require_POST
def swap_cancel(request, pk: int):
    swap = get_object_or_404(SwapRequest, pk=pk)
    try:
        swaps.swap_cancel(swap=swap, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Permintaan tukar jadwal dibatalkan."))
    return redirect("selfservice:swap_mine")


def _may_open_queue(request) -> access.Scope:
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_supervisor)
    return scope


def _swap_filters(request) -> QueueFilters:
    return queue_filters(request, request.GET)


def _swap_pending_context(request, scope, filters: QueueFilters) -> dict:
    """The requests waiting for the decision, newest first, narrowed by the filters."""
    pending = filters.apply(
        selectors.swap_queue(user=request.user), employee="requester", day_field="day"
    ).order_by("-created_at", "-pk")
    pending = list(pending)
    query = urlencode(filters.params())
    bulk_url = reverse("selfservice:swap_queue_bulk")
    return {
        **filter_context(request, scope, filters),
        "pending": pending,
        "shown": len(pending),
        "on_page": len(pending),
        "waiting_count": selectors.swap_queue(user=request.user).count(),
        "filter_query": query,
        "bulk_url": f"{bulk_url}?{query}" if query else bulk_url,
    }


@login_required
@require_GET
def swap_queue(request):
    scope = _may_open_queue(request)
    filters = _swap_filters(request)
    if filters.error:
        messages.error(request, filters.error)
    waiting = list(selectors.swap_queue(user=request.user, status=SwapStatus.COLLEAGUE))
    decided = page_of(
        request,
        selectors.swap_queue(user=request.user, status=SwapStatus.APPROVED)
        | selectors.swap_queue(user=request.user, status=SwapStatus.REJECTED),
        DECIDED_PER_PAGE,
    )
    context = _swap_pending_context(request, scope, filters)
    context.update({"waiting": waiting, "page": decided})
    return render(request, "selfservice/swap_queue.html", context)


@login_required
@require_POST
def swap_queue_bulk(request):
    """Approve or reject the ticked requests with one note, each through the per-item service;
    answers the waiting list again (htmx: with the header's count out of band)."""
    scope = _may_open_queue(request)
    filters = _swap_filters(request)
    return bulk_answer(
        request,
        BulkQueue(
            actions=("approve", "reject"),
            unknown_action=_("Pilih Setujui atau Tolak."),
            nothing_ticked=_("Centang dulu permintaan yang akan diputuskan."),
            decide=lambda ids, accept, note: swaps.swaps_decide_bulk(
                swap_ids=ids, user=request.user, approve=accept, note=note
            ),
            done_text=lambda accept, n: (
                ngettext("%(n)s tukar jadwal disetujui.", "%(n)s tukar jadwal disetujui.", n)
                if accept
                else ngettext("%(n)s tukar jadwal ditolak.", "%(n)s tukar jadwal ditolak.", n)
            ),
            name_of=lambda swap: swap.requester.name,
            context=lambda: _swap_pending_context(request, scope, filters),
            template="selfservice/_swap_queue_bulk.html",
            back=reverse("selfservice:swap_queue"),
        ),
    )


@login_required
@require_POST
def swap_decide(request, pk: int):
    _may_open_queue(request)
    swap = get_object_or_404(SwapRequest.objects.select_related("requester", "colleague"), pk=pk)
    if not swaps.swap_can_decide(user=request.user, swap=swap):
        raise PermissionDenied
    action, note = request.POST.get("action"), request.POST.get("note", "")
    try:
        if action == "approve":
            swaps.swap_approve(swap=swap, user=request.user, note=note)
            messages.success(
                request,
                _("Tukar jadwal %(a)s dan %(b)s pada %(day)s disetujui; jadwal keduanya diubah.")
                % {
                    "a": swap.requester.name,
                    "b": swap.colleague.name,
                    "day": long_date(swap.day),
                },
            )
        elif action == "reject":
            swaps.swap_reject(swap=swap, user=request.user, note=note)
            messages.success(request, _("Permintaan tukar jadwal ditolak."))
        else:
            messages.error(request, _("Pilih Setujui atau Tolak."))
    except ValidationError as exc:
        messages.error(
            request,
            _("Permintaan #%(id)s tidak dapat diproses: %(why)s")
            % {"id": swap.pk, "why": " ".join(exc.messages)},
        )
    return redirect("selfservice:swap_queue")
